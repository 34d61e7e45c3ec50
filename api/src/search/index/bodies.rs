//! What the index answers with: each item's public JSON, compressed with a dictionary
//! trained on the listing itself. Listing items are many small records that repeat the same
//! keys, codes and phrases, which is what zstd's dictionaries are made for: 900 bytes
//! become about 135 on the demo data, so the index of 100 000 opportunities fits in a few
//! tens of megabytes instead of a hundred.

use std::sync::Arc;

use serde_json::value::RawValue;
use std::cell::RefCell;

use zstd::{
    bulk::Compressor,
    dict::{DecoderDictionary, EncoderDictionary},
    zstd_safe::DCtx,
};

/// Fewer bodies than this stay plain (a dictionary needs material to learn from).
const LEARN_FROM: usize = 500;
const DICTIONARY_SIZE: usize = 64 * 1024;
const LEVEL: i32 = 3;

use super::arena::Arena;

/// The first byte of a stored body: how the rest is written.
const PLAIN: u8 = 0;
/// Followed by the JSON's length (4 bytes, little-endian) and the zstd frame.
const PACKED: u8 = 1;

pub struct Dictionary {
    encoder: EncoderDictionary<'static>,
    decoder: DecoderDictionary<'static>,
}

impl Dictionary {
    /// A compressor for [`Bodies::set`] (one per batch of changes: it is costly to make).
    pub fn packer(&self) -> Option<Compressor<'_>> {
        Compressor::with_prepared_dictionary(&self.encoder).ok()
    }
}

#[derive(Default)]
pub struct Bodies {
    dictionary: Option<Arc<Dictionary>>,
    arena: Arena,
}

impl Bodies {
    /// Trains the dictionary on `samples` when there are enough of them and none was trained.
    pub fn learn(&mut self, samples: &[&RawValue]) {
        if self.dictionary.is_some() || samples.len() < LEARN_FROM {
            return;
        }
        let samples: Vec<&[u8]> = samples
            .iter()
            .map(|sample| sample.get().as_bytes())
            .collect();
        match zstd::dict::from_samples(&samples, DICTIONARY_SIZE) {
            Ok(dictionary) => {
                self.dictionary = Some(Arc::new(Dictionary {
                    encoder: EncoderDictionary::copy(&dictionary, LEVEL),
                    decoder: DecoderDictionary::copy(&dictionary),
                }));
            }
            Err(error) => tracing::warn!(%error, "no dictionary for the listing's bodies"),
        }
    }

    /// The dictionary, once trained.
    pub fn dictionary(&self) -> Option<Arc<Dictionary>> {
        self.dictionary.clone()
    }

    pub fn set(&mut self, slot: u32, json: &RawValue, packer: Option<&mut Compressor<'_>>) {
        let text = json.get().as_bytes();
        let mut body = Vec::with_capacity(text.len() / 4 + 5);
        match packer.map(|packer| packer.compress(text)) {
            Some(Ok(packed)) => {
                body.push(PACKED);
                body.extend_from_slice(&(text.len() as u32).to_le_bytes());
                body.extend_from_slice(&packed);
            }
            _ => {
                body.push(PLAIN);
                body.extend_from_slice(text);
            }
        }
        self.arena.set(slot, &body);
    }

    pub fn clear(&mut self, slot: u32) {
        self.arena.clear(slot);
    }

    /// Rewrites the bodies without garbage (after a build).
    pub fn compact(&mut self) {
        self.arena.compact();
    }

    pub fn size(&self) -> usize {
        self.arena.size()
    }

    /// The JSON of a slot's body (JSON we wrote, so not checked again).
    pub fn get(&self, slot: u32) -> Option<Vec<u8>> {
        match self.arena.get(slot).split_first()? {
            (&PLAIN, text) => Some(text.to_vec()),
            (&PACKED, rest) => {
                let (len, packed) = rest.split_first_chunk::<4>()?;
                let dictionary = self.dictionary.as_ref()?;
                let mut text = Vec::with_capacity(u32::from_le_bytes(*len) as usize);
                UNPACKER.with_borrow_mut(|unpacker| {
                    let unpacker = unpacker.as_mut()?;
                    let ddict = dictionary.decoder.as_ddict();
                    unpacker
                        .decompress_using_ddict(&mut text, packed, ddict)
                        .ok()
                })?;
                Some(text)
            }
            _ => None,
        }
    }
}

thread_local! {
    /// A decompression context per thread: making one costs more than decompressing a page.
    static UNPACKER: RefCell<Option<DCtx<'static>>> = RefCell::new(DCtx::try_create());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(n: usize) -> Box<RawValue> {
        let json = serde_json::json!({"id": n, "title": format!("Séchage solaire de mangues, lot {n}"),
            "description": "Une coopérative de femmes transforme les mangues de Ziguinchor", "country": "SN"});
        serde_json::value::to_raw_value(&json).unwrap()
    }

    #[test]
    fn bodies_come_back_as_they_went_in_packed_or_not() {
        let mut bodies = Bodies::default();
        bodies.set(0, &body(0), None);
        let samples: Vec<Box<RawValue>> = (0..LEARN_FROM).map(body).collect();
        bodies.learn(&samples.iter().map(AsRef::as_ref).collect::<Vec<_>>());
        let dictionary = bodies.dictionary().unwrap();
        let packed = {
            let mut packer = dictionary.packer().unwrap();
            let packed = packer.compress(body(1).get().as_bytes()).unwrap();
            bodies.set(1, &body(1), Some(&mut packer));
            packed
        };
        assert!(
            packed.len() * 3 < body(1).get().len(),
            "{} bytes",
            packed.len()
        );
        bodies.set(3, &body(3), None);
        for slot in [0, 1, 3] {
            assert_eq!(
                bodies.get(slot).unwrap(),
                body(slot as usize).get().as_bytes()
            );
        }
        assert!(bodies.get(2).is_none());
        bodies.clear(1);
        assert!(bodies.get(1).is_none());
    }
}
