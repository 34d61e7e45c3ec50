//! The fields of a listing in memory: per field, its values and a bitmap of slots per value
//! (to filter, and to count large sets); per slot, the value ids of all its fields side by
//! side (to count small sets by walking them, and to take a slot out of exactly its bitmaps
//! when it changes).

use foldhash::HashMap;
use roaring::RoaringBitmap;

/// One field: its values and the slots having each.
#[derive(Default)]
pub struct FieldColumn {
    values: Vec<Box<str>>,
    ids: HashMap<Box<str>, u32>,
    bitmaps: Vec<RoaringBitmap>,
}

impl FieldColumn {
    /// The id of `value`, made when new.
    pub fn intern(&mut self, value: &str) -> u32 {
        if let Some(id) = self.ids.get(value) {
            return *id;
        }
        let id = self.values.len() as u32;
        self.values.push(value.into());
        self.ids.insert(value.into(), id);
        self.bitmaps.push(RoaringBitmap::new());
        id
    }

    pub fn id(&self, value: &str) -> Option<u32> {
        self.ids.get(value).copied()
    }

    pub fn value(&self, id: u32) -> &str {
        self.values.get(id as usize).map_or("", |value| value)
    }

    /// How many distinct values the field has had.
    pub fn cardinality(&self) -> usize {
        self.values.len()
    }

    pub fn bitmap(&self, id: u32) -> Option<&RoaringBitmap> {
        self.bitmaps.get(id as usize)
    }

    pub fn file(&mut self, slot: u32, id: u32) {
        if let Some(bitmap) = self.bitmaps.get_mut(id as usize) {
            // Appending is much cheaper than inserting, and slots mostly arrive in order.
            if bitmap.try_push(slot).is_err() {
                bitmap.insert(slot);
            }
        }
    }

    pub fn unfile(&mut self, slot: u32, id: u32) {
        if let Some(bitmap) = self.bitmaps.get_mut(id as usize) {
            bitmap.remove(slot);
        }
    }

    /// The slots having any of `values`.
    pub fn any_of(&self, values: &[String]) -> RoaringBitmap {
        let mut found = RoaringBitmap::new();
        for value in values {
            if let Some(bitmap) = self.id(value).and_then(|id| self.bitmap(id)) {
                found |= bitmap;
            }
        }
        found
    }

    /// Gives back the room the bitmaps took as they grew (a clone is allocated to its size).
    pub fn compact(&mut self) {
        for bitmap in &mut self.bitmaps {
            *bitmap = bitmap.clone();
        }
    }

    /// The bytes its bitmaps take.
    pub fn size(&self) -> usize {
        self.bitmaps
            .iter()
            .map(RoaringBitmap::serialized_size)
            .sum()
    }
}

/// A field's position and a value id, packed: the field in the top byte.
const FIELD_SHIFT: u32 = 24;
const VALUE_MASK: u32 = (1 << FIELD_SHIFT) - 1;

/// The value ids of every field of every slot, in one pool.
#[derive(Default)]
pub struct Values {
    pool: Vec<u32>,
    /// Per slot: where its values start in `pool`, and how many there are.
    spans: Vec<(u32, u32)>,
    /// Pool entries no slot points at any more.
    garbage: usize,
}

impl Values {
    /// Gives `slot` these (field, value id) pairs, grouped by field.
    pub fn set(&mut self, slot: u32, values: impl IntoIterator<Item = (usize, u32)>) {
        self.clear(slot);
        if self.garbage > self.pool.len() / 2 && self.garbage > 1 << 16 {
            self.compact();
        }
        let start = self.pool.len() as u32;
        self.pool.extend(
            values
                .into_iter()
                .map(|(field, id)| ((field as u32) << FIELD_SHIFT) | (id & VALUE_MASK)),
        );
        let index = slot as usize;
        if self.spans.len() <= index {
            self.spans.resize(index + 1, (0, 0));
        }
        self.spans[index] = (start, self.pool.len() as u32 - start);
    }

    pub fn clear(&mut self, slot: u32) {
        if let Some(span) = self.spans.get_mut(slot as usize) {
            self.garbage += span.1 as usize;
            *span = (0, 0);
        }
    }

    /// Every (field, value id) of `slot`.
    pub fn of(&self, slot: u32) -> impl Iterator<Item = (usize, u32)> + '_ {
        let packed = match self.spans.get(slot as usize) {
            Some(&(start, len)) => &self.pool[start as usize..(start + len) as usize],
            None => &[],
        };
        packed
            .iter()
            .map(|packed| ((packed >> FIELD_SHIFT) as usize, packed & VALUE_MASK))
    }

    /// The value ids of one field of `slot`.
    pub fn field(&self, slot: u32, field: usize) -> impl Iterator<Item = u32> + '_ {
        self.of(slot)
            .filter(move |(of, _)| *of == field)
            .map(|(_, id)| id)
    }

    /// Rewrites the pool without garbage, allocated to its size.
    pub fn compact(&mut self) {
        let mut pool = Vec::with_capacity(self.pool.len() - self.garbage);
        for span in &mut self.spans {
            let (start, len) = *span;
            *span = (pool.len() as u32, len);
            pool.extend_from_slice(&self.pool[start as usize..(start + len) as usize]);
        }
        self.pool = pool;
        self.spans.shrink_to_fit();
        self.garbage = 0;
    }

    pub fn size(&self) -> usize {
        self.pool.capacity() * 4 + self.spans.capacity() * 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slot_keeps_the_values_of_each_field_apart() {
        let mut values = Values::default();
        values.set(0, [(0, 7), (2, 1), (2, 3)]);
        values.set(1, [(2, 5)]);
        assert_eq!(values.field(0, 2).collect::<Vec<_>>(), [1, 3]);
        assert_eq!(values.field(0, 0).collect::<Vec<_>>(), [7]);
        values.set(0, [(1, 4)]);
        values.compact();
        assert_eq!(values.of(0).collect::<Vec<_>>(), [(1, 4)]);
        assert_eq!(values.field(1, 2).collect::<Vec<_>>(), [5]);
        assert_eq!(values.of(9).count(), 0);
    }

    #[test]
    fn any_of_a_field_values_finds_their_slots() {
        let mut column = FieldColumn::default();
        let sn = column.intern("SN");
        let ml = column.intern("ML");
        column.file(0, sn);
        column.file(1, ml);
        column.file(2, sn);
        column.unfile(2, sn);
        let found = column.any_of(&["SN".to_owned(), "ML".to_owned(), "BF".to_owned()]);
        assert_eq!(found.iter().collect::<Vec<_>>(), [0, 1]);
        assert_eq!(column.intern("SN"), sn);
    }
}
