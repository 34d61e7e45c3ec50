//! Words: a vocabulary of the indexed words, a bitmap of items per word (for the whole text
//! and for titles), and the words of each item, kept compactly so that a change can take an
//! item out of exactly the bitmaps it was in.

use foldhash::HashMap;
use std::{
    collections::BTreeMap,
    ops::Bound,
    sync::{Arc, Mutex, MutexGuard, PoisonError},
};

use roaring::RoaringBitmap;

/// Unions by prefix kept between requests: the same words are looked for again and again.
const PREFIX_CACHE: usize = 4096;

/// The items having a word that starts with a prefix, in one part of the items.
type Prefixes = HashMap<(Part, Box<str>), Arc<RoaringBitmap>>;

/// The part of an item a word was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    Text,
    Title,
}

/// The words of one item, sorted, as delta-encoded varints (about one byte a word).
pub fn encode(mut ids: Vec<u32>) -> Vec<u8> {
    ids.sort_unstable();
    ids.dedup();
    let mut bytes = Vec::with_capacity(ids.len() * 2);
    let mut previous = 0;
    for id in ids {
        let mut delta = id - previous;
        previous = id;
        loop {
            let low = (delta & 0x7f) as u8;
            delta >>= 7;
            if delta == 0 {
                bytes.push(low);
                break;
            }
            bytes.push(low | 0x80);
        }
    }
    bytes
}

/// The word ids of [`encode`]d bytes.
pub fn decode(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    let mut bytes = bytes.iter();
    let mut previous = 0u32;
    std::iter::from_fn(move || {
        let mut delta = 0u32;
        let mut shift = 0;
        loop {
            let byte = *bytes.next()?;
            delta |= u32::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                break;
            }
            shift += 7;
        }
        previous += delta;
        Some(previous)
    })
}

/// Every indexed word and the items that contain it.
#[derive(Default)]
pub struct TextIndex {
    ids: HashMap<Box<str>, u32>,
    words: Vec<Box<str>>,
    /// For prefix lookups: the words in alphabetical order.
    sorted: BTreeMap<Box<str>, u32>,
    text: Vec<RoaringBitmap>,
    title: Vec<RoaringBitmap>,
    prefixes: Mutex<Prefixes>,
}

impl TextIndex {
    /// The ids of the words of `text` (space-separated, already folded), adding new words.
    pub fn intern(&mut self, text: &str) -> Vec<u32> {
        text.split(' ')
            .filter(|word| !word.is_empty())
            .map(|word| match self.ids.get(word) {
                Some(id) => *id,
                None => {
                    let id = self.words.len() as u32;
                    let word: Box<str> = word.into();
                    self.ids.insert(word.clone(), id);
                    self.sorted.insert(word.clone(), id);
                    self.words.push(word);
                    self.text.push(RoaringBitmap::new());
                    self.title.push(RoaringBitmap::new());
                    id
                }
            })
            .collect()
    }

    pub fn id(&self, word: &str) -> Option<u32> {
        self.ids.get(word).copied()
    }

    pub fn word(&self, id: u32) -> &str {
        self.words.get(id as usize).map_or("", |word| word)
    }

    fn postings_mut(&mut self, part: Part) -> &mut Vec<RoaringBitmap> {
        match part {
            Part::Text => &mut self.text,
            Part::Title => &mut self.title,
        }
    }

    /// The bytes its bitmaps take.
    pub fn size(&self) -> usize {
        self.text
            .iter()
            .chain(&self.title)
            .map(RoaringBitmap::serialized_size)
            .sum()
    }

    /// Gives back the room the bitmaps took as they grew.
    pub fn compact(&mut self) {
        for bitmap in self.text.iter_mut().chain(self.title.iter_mut()) {
            *bitmap = bitmap.clone();
        }
    }

    /// Files `item` under its words, and in the cached prefix unions its words start.
    pub fn add(&mut self, item: u32, part: Part, words: &[u8]) {
        for id in decode(words) {
            if let Some(bitmap) = self.postings_mut(part).get_mut(id as usize) {
                // Appending is much cheaper than inserting, and items mostly arrive in order.
                if bitmap.try_push(item).is_err() {
                    bitmap.insert(item);
                }
            }
        }
        let Self {
            words: table,
            prefixes,
            ..
        } = self;
        let starts = |id: u32, prefix: &str| {
            table
                .get(id as usize)
                .is_some_and(|w| w.starts_with(prefix))
        };
        for ((cached_part, prefix), union) in
            prefixes.get_mut().unwrap_or_else(PoisonError::into_inner)
        {
            if *cached_part == part && decode(words).any(|id| starts(id, prefix)) {
                Arc::make_mut(union).insert(item);
            }
        }
    }

    /// Takes `item` out of the bitmaps of its words and of every cached union.
    pub fn remove(&mut self, item: u32, part: Part, words: &[u8]) {
        for id in decode(words) {
            if let Some(bitmap) = self.postings_mut(part).get_mut(id as usize) {
                bitmap.remove(item);
            }
        }
        let prefixes = self
            .prefixes
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner);
        for ((cached_part, _), union) in prefixes.iter_mut() {
            if *cached_part == part && union.contains(item) {
                Arc::make_mut(union).remove(item);
            }
        }
    }

    /// The items having a word that starts with `prefix` in `part`.
    pub fn prefixed(&self, part: Part, prefix: &str) -> Arc<RoaringBitmap> {
        let key = (part, Box::<str>::from(prefix));
        if let Some(union) = self.lock_prefixes().get(&key) {
            return Arc::clone(union);
        }
        let postings = match part {
            Part::Text => &self.text,
            Part::Title => &self.title,
        };
        let mut union = RoaringBitmap::new();
        for (_, id) in self
            .sorted
            .range::<str, _>((Bound::Included(prefix), Bound::Unbounded))
            .take_while(|(word, _)| word.starts_with(prefix))
        {
            if let Some(bitmap) = postings.get(*id as usize) {
                union |= bitmap;
            }
        }
        let union = Arc::new(union);
        let mut cache = self.lock_prefixes();
        if cache.len() >= PREFIX_CACHE {
            cache.clear();
        }
        cache.insert(key, Arc::clone(&union));
        union
    }

    /// Whether one of `words` starts with `prefix`.
    pub fn has_prefix(&self, words: &[u8], prefix: &str) -> bool {
        decode(words).any(|id| self.word(id).starts_with(prefix))
    }

    fn lock_prefixes(&self) -> MutexGuard<'_, Prefixes> {
        self.prefixes.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip_through_their_encoding() {
        let ids = vec![300, 5, 70_000, 5, 0, 128];
        assert_eq!(
            decode(&encode(ids)).collect::<Vec<_>>(),
            [0, 5, 128, 300, 70_000]
        );
        assert_eq!(decode(&[]).count(), 0);
    }

    #[test]
    fn a_prefix_finds_every_word_it_starts_and_follows_changes() {
        let mut index = TextIndex::default();
        let first = encode(index.intern("cooperation cooper decentralisee"));
        let second = encode(index.intern("cooperative agricole"));
        index.add(1, Part::Text, &first);
        index.add(2, Part::Text, &second);
        let found: Vec<u32> = index.prefixed(Part::Text, "cooper").iter().collect();
        assert_eq!(found, [1, 2]);
        // The cached union follows a new item and a removed one.
        let third = encode(index.intern("cooperer"));
        index.add(3, Part::Text, &third);
        index.remove(1, Part::Text, &first);
        let found: Vec<u32> = index.prefixed(Part::Text, "cooper").iter().collect();
        assert_eq!(found, [2, 3]);
        assert!(index.prefixed(Part::Title, "cooper").is_empty());
    }
}
