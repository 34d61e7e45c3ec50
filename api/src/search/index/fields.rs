//! One field of a listing in memory: a bitmap of items per value (to filter and to count
//! large sets), and each item's values side by side (to count small sets by walking them,
//! and to take an item out of exactly its bitmaps when it changes).

use std::collections::HashMap;

use roaring::RoaringBitmap;

#[derive(Default)]
pub struct FieldColumn {
    values: Vec<Box<str>>,
    ids: HashMap<Box<str>, u32>,
    bitmaps: Vec<RoaringBitmap>,
    /// Per item: where its value ids start in `pool`, and how many there are.
    spans: Vec<(u32, u8)>,
    /// Value ids of every item, appended as items change (a rebuild compacts it).
    pool: Vec<u32>,
}

impl FieldColumn {
    /// Gives `item` these values (at most 255; more are not a field's business).
    pub fn set(&mut self, item: u32, values: &[String]) {
        self.clear(item);
        let start = self.pool.len() as u32;
        for value in values.iter().take(usize::from(u8::MAX)) {
            let id = self.intern(value);
            if !self.pool[start as usize..].contains(&id) {
                self.pool.push(id);
                self.bitmaps[id as usize].insert(item);
            }
        }
        let len = (self.pool.len() as u32 - start) as u8;
        let slot = item as usize;
        if self.spans.len() <= slot {
            self.spans.resize(slot + 1, (0, 0));
        }
        self.spans[slot] = (start, len);
    }

    /// Takes `item` out of its values' bitmaps.
    pub fn clear(&mut self, item: u32) {
        let Some(&(start, len)) = self.spans.get(item as usize) else {
            return;
        };
        for id in &self.pool[start as usize..(start as usize + usize::from(len))] {
            self.bitmaps[*id as usize].remove(item);
        }
        self.spans[item as usize] = (0, 0);
    }

    fn intern(&mut self, value: &str) -> u32 {
        if let Some(id) = self.ids.get(value) {
            return *id;
        }
        let id = self.values.len() as u32;
        self.values.push(value.into());
        self.ids.insert(value.into(), id);
        self.bitmaps.push(RoaringBitmap::new());
        id
    }

    /// The value ids of `item`.
    pub fn of(&self, item: u32) -> &[u32] {
        match self.spans.get(item as usize) {
            Some(&(start, len)) => &self.pool[start as usize..start as usize + usize::from(len)],
            None => &[],
        }
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

    /// The items having any of `values`.
    pub fn any_of(&self, values: &[String]) -> RoaringBitmap {
        let mut found = RoaringBitmap::new();
        for value in values {
            if let Some(bitmap) = self.id(value).and_then(|id| self.bitmap(id)) {
                found |= bitmap;
            }
        }
        found
    }

    /// Whether `item` has any of `values`.
    pub fn has_any(&self, item: u32, values: &[String]) -> bool {
        self.of(item)
            .iter()
            .any(|id| values.iter().any(|value| *value == *self.value(*id)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(values: &[&str]) -> Vec<String> {
        values.iter().map(|v| (*v).to_owned()).collect()
    }

    #[test]
    fn a_changed_item_leaves_the_bitmaps_of_its_old_values() {
        let mut column = FieldColumn::default();
        column.set(0, &strings(&["SN", "ML"]));
        column.set(1, &strings(&["SN"]));
        assert_eq!(column.any_of(&strings(&["SN"])).len(), 2);
        column.set(0, &strings(&["BF", "BF"]));
        assert_eq!(
            column
                .any_of(&strings(&["SN", "ML"]))
                .iter()
                .collect::<Vec<_>>(),
            [1]
        );
        assert_eq!(column.of(0).len(), 1, "values are kept once");
        assert!(column.has_any(0, &strings(&["BF"])));
        column.clear(1);
        assert!(column.any_of(&strings(&["SN"])).is_empty());
        assert!(column.of(7).is_empty());
    }
}
