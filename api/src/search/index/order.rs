//! The orders a listing is read in: every item sorted once (newest first by id, or by a time
//! key, smallest first), so that a page is found by walking from the cursor and keeping the
//! items of the set until the page is full — or, for a set much smaller than the listing,
//! by sorting just the set. Either way the cost follows the page, not the listing.

use std::cmp::Ordering;

use roaring::RoaringBitmap;
use uuid::Uuid;

/// Where an item stands in an order: its key (0 for newest) and its id.
pub type Position = (i64, Uuid);

pub struct Order {
    /// Newest first by id; otherwise smallest key first, then smallest id.
    newest: bool,
    /// Per item: its key.
    keys: Vec<i64>,
    /// The items in order.
    sorted: Vec<u32>,
    /// Whether slots and ids have the same order (newest: a build numbers slots by id, and
    /// new items arrive with ever larger UUID v7 ids, unless two replicas cross). A page is
    /// then read straight from the set's bitmap, backwards.
    slots_by_id: bool,
    /// The largest slot in the order.
    last_slot: Option<u32>,
}

impl Order {
    pub fn newest() -> Self {
        Self {
            newest: true,
            keys: Vec::new(),
            sorted: Vec::new(),
            slots_by_id: true,
            last_slot: None,
        }
    }

    pub fn keyed() -> Self {
        Self {
            newest: false,
            ..Self::newest()
        }
    }

    fn compare(&self, a: Position, b: Position) -> Ordering {
        if self.newest {
            b.1.cmp(&a.1)
        } else {
            a.cmp(&b)
        }
    }

    pub fn position(&self, ids: &[Uuid], item: u32) -> Position {
        let key = self.keys.get(item as usize).copied().unwrap_or(0);
        (key, ids[item as usize])
    }

    /// Files the key of `item` (before [`Self::extend`] or [`Self::insert`]; an item is
    /// removed before its key changes).
    pub fn set_key(&mut self, item: u32, key: i64) {
        let slot = item as usize;
        if self.keys.len() <= slot {
            self.keys.resize(slot + 1, 0);
        }
        self.keys[slot] = key;
    }

    /// Adds many items at once, sorting once (loading).
    pub fn extend(&mut self, ids: &[Uuid], items: impl IntoIterator<Item = u32>) {
        self.sorted.extend(items);
        let mut sorted = std::mem::take(&mut self.sorted);
        sorted
            .sort_unstable_by(|a, b| self.compare(self.position(ids, *a), self.position(ids, *b)));
        self.slots_by_id = sorted.windows(2).all(|pair| pair[0] > pair[1]);
        self.last_slot = sorted.iter().max().copied();
        self.sorted = sorted;
    }

    fn index_of(&self, ids: &[Uuid], at: Position) -> Result<usize, usize> {
        self.sorted
            .binary_search_by(|item| self.compare(self.position(ids, *item), at))
    }

    /// Adds one item in its place (a memmove of the order: microseconds at 100 000 items).
    pub fn insert(&mut self, ids: &[Uuid], item: u32) {
        let at = self.position(ids, item);
        let index = self.index_of(ids, at).unwrap_or_else(|index| index);
        // A new largest slot keeps slots in id order only if it is the newest item.
        if self.last_slot.is_none_or(|last| item > last) {
            self.slots_by_id &= index == 0;
            self.last_slot = Some(item);
        }
        self.sorted.insert(index, item);
    }

    pub fn remove(&mut self, ids: &[Uuid], item: u32) {
        let at = self.position(ids, item);
        if let Ok(index) = self.index_of(ids, at) {
            self.sorted.remove(index);
        }
    }

    /// The first `n` items of `set` that come after `after` in this order. `universe` is how
    /// many items the order holds: it tells whether walking the order or sorting the set is
    /// cheaper.
    pub fn take(
        &self,
        ids: &[Uuid],
        set: &RoaringBitmap,
        after: Option<Position>,
        n: usize,
    ) -> Vec<u32> {
        if self.newest && self.slots_by_id {
            return self.newest_by_slot(ids, set, after, n);
        }
        let size = set.len().max(1);
        let walk = (n as u64 + 1) * self.sorted.len() as u64 / size;
        if walk <= size {
            let start = match after {
                Some(at) => self
                    .sorted
                    .partition_point(|item| self.compare(self.position(ids, *item), at).is_le()),
                None => 0,
            };
            self.sorted[start..]
                .iter()
                .filter(|item| set.contains(**item))
                .take(n)
                .copied()
                .collect()
        } else {
            let mut found: Vec<(Position, u32)> = set
                .iter()
                .map(|item| (self.position(ids, item), item))
                .filter(|(at, _)| after.is_none_or(|after| self.compare(*at, after).is_gt()))
                .collect();
            let by_order = |a: &(Position, u32), b: &(Position, u32)| self.compare(a.0, b.0);
            if found.len() > n {
                found.select_nth_unstable_by(n, by_order);
                found.truncate(n);
            }
            found.sort_unstable_by(by_order);
            found.into_iter().map(|(_, item)| item).collect()
        }
    }
}

impl Order {
    /// The newest `n` items of `set` older than `after`, when slots are in id order.
    fn newest_by_slot(
        &self,
        ids: &[Uuid],
        set: &RoaringBitmap,
        after: Option<Position>,
        n: usize,
    ) -> Vec<u32> {
        let mut slots = set.iter();
        if let Some(at) = after {
            // The first listed item older than the cursor, and every slot up to its own.
            let older = self
                .sorted
                .partition_point(|item| self.compare(self.position(ids, *item), at).is_le());
            match self.sorted.get(older) {
                Some(slot) => slots.advance_back_to(*slot),
                None => return Vec::new(),
            }
        }
        slots.rev().take(n).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: usize) -> Vec<Uuid> {
        // Increasing ids, as UUID v7 are.
        (0..n).map(|i| Uuid::from_u128(1_000 + i as u128)).collect()
    }

    #[test]
    fn walking_and_sorting_give_the_same_pages() {
        let ids = ids(10_000);
        let mut newest = Order::newest();
        newest.extend(&ids, 0..10_000);
        let mut keyed = Order::keyed();
        for item in 0..10_000 {
            keyed.set_key(item, i64::from(item % 7));
        }
        keyed.extend(&ids, 0..10_000);
        for set in [
            (0..10_000)
                .filter(|i| i % 2 == 0)
                .collect::<RoaringBitmap>(),
            (0..10_000)
                .filter(|i| i % 997 == 0)
                .collect::<RoaringBitmap>(),
        ] {
            for order in [&newest, &keyed] {
                let mut walked = Vec::new();
                let mut after = None;
                loop {
                    let page = order.take(&ids, &set, after, 25);
                    let Some(last) = page.last() else { break };
                    after = Some(order.position(&ids, *last));
                    walked.extend(page);
                }
                let mut expected: Vec<u32> = set.iter().collect();
                expected.sort_by(|a, b| {
                    order.compare(order.position(&ids, *a), order.position(&ids, *b))
                });
                assert_eq!(walked, expected);
            }
        }
    }

    #[test]
    fn slots_in_id_order_read_pages_backwards_until_an_item_comes_out_of_order() {
        let ids = ids(100);
        let mut newest = Order::newest();
        newest.extend(&ids, 0..90);
        newest.insert(&ids, 95);
        assert!(newest.slots_by_id);
        let set: RoaringBitmap = [3, 10, 50, 95].into_iter().collect();
        assert_eq!(newest.take(&ids, &set, None, 2), [95, 50]);
        let after = newest.position(&ids, 50);
        assert_eq!(newest.take(&ids, &set, Some(after), 5), [10, 3]);
        // A cursor on an item no longer listed still pages from its place.
        newest.remove(&ids, 50);
        assert_eq!(newest.take(&ids, &set, Some(after), 5), [10, 3]);
        // Slot 96 gets an id older than slot 95's: reading falls back to the sorted order.
        let mut crossed = ids.clone();
        crossed.swap(96, 91);
        newest.insert(&crossed, 96);
        assert!(!newest.slots_by_id);
    }

    #[test]
    fn an_item_inserted_out_of_order_takes_its_place() {
        // Slot 1 arrives last but was created between the other two.
        let ids = ids(3);
        let mut newest = Order::newest();
        newest.extend(&ids, [0, 2]);
        newest.insert(&ids, 1);
        let all: RoaringBitmap = (0..3).collect();
        for n in [1, 10] {
            // Walking the order (one item wanted) and sorting the set (ten) agree.
            assert_eq!(newest.take(&ids, &all, None, n), [2, 1, 0][..n.min(3)]);
        }
        newest.remove(&ids, 2);
        let rest: RoaringBitmap = (0..2).collect();
        assert_eq!(newest.take(&ids, &rest, None, 10), [1, 0]);
    }
}
