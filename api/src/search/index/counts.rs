//! Totals and facets. A small set is counted by walking its items; a large one by
//! intersecting bitmaps, and then kept per criteria and brought up to date by every change
//! (an item that enters or leaves the set adds or takes away its own values), so that no
//! write ever makes the next readers count a large set again.

use foldhash::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use roaring::RoaringBitmap;

use super::fields::{FieldColumn, Values};
use crate::search::query::Criteria;

/// Sets up to this size are counted by walking their items, larger ones by bitmaps.
const WALK_AT_MOST: u64 = 16_384;
/// Sets at least this large have their counts kept. Walking a set of a few hundred items
/// costs more than the rest of a request (profiled: 43 % of a words + country search's CPU
/// when only sets of 1 024 and more were kept), while a kept entry is a few kilobytes.
const KEEP_FROM: u64 = 64;
/// How many criteria have their counts kept at most.
const KEEP_AT_MOST: usize = 4_096;

/// The total of a set and, per facet field, the count of each value id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counted {
    pub total: u64,
    pub by_value: Vec<Vec<u32>>,
}

impl Counted {
    /// Counts `set` over the `facets` (each a field's position and column).
    pub fn of(set: &RoaringBitmap, facets: &[(usize, &FieldColumn)], values: &Values) -> Self {
        let mut by_value: Vec<Vec<u32>> = facets
            .iter()
            .map(|(_, column)| vec![0; column.cardinality()])
            .collect();
        if set.len() <= WALK_AT_MOST {
            let fields = facets.iter().map(|(field, _)| *field).max().unwrap_or(0) + 1;
            let mut facet_of = vec![None; fields];
            for (position, (field, _)) in facets.iter().enumerate() {
                facet_of[*field] = Some(position);
            }
            for item in set {
                for (field, id) in values.of(item) {
                    if let Some(Some(position)) = facet_of.get(field) {
                        by_value[*position][id as usize] += 1;
                    }
                }
            }
        } else {
            for (counts, (_, column)) in by_value.iter_mut().zip(facets) {
                for (id, count) in counts.iter_mut().enumerate() {
                    if let Some(bitmap) = column.bitmap(id as u32) {
                        *count = set.intersection_len(bitmap) as u32;
                    }
                }
            }
        }
        Self {
            total: set.len(),
            by_value,
        }
    }

    /// Adds (`sign` 1) or takes away (`sign` -1) one item with these facet value ids.
    fn apply(&mut self, values: &[Vec<u32>], sign: i64) {
        self.total = self.total.saturating_add_signed(sign);
        for (counts, ids) in self.by_value.iter_mut().zip(values) {
            for id in ids {
                let slot = *id as usize;
                if counts.len() <= slot {
                    counts.resize(slot + 1, 0);
                }
                counts[slot] = counts[slot].saturating_add_signed(sign as i32);
            }
        }
    }
}

/// Counts kept per criteria, for large sets only.
#[derive(Default)]
pub struct KeptCounts(Mutex<HashMap<Criteria, Counted>>);

impl KeptCounts {
    pub fn get(&self, criteria: &Criteria) -> Option<Counted> {
        self.lock().get(criteria).cloned()
    }

    /// Keeps the counts of a large set.
    pub fn keep(&self, criteria: Criteria, counted: &Counted) {
        if counted.total < KEEP_FROM {
            return;
        }
        let mut kept = self.lock();
        if kept.len() >= KEEP_AT_MOST {
            // Simpler than an LRU and as good here: the popular criteria come back at once.
            kept.clear();
        }
        kept.insert(criteria, counted.clone());
    }

    /// `holds` of every kept criteria, in the order [`Self::follow`] reads them (the same
    /// as long as nothing is kept in between, which the index's write lock ensures).
    pub fn flags(&self, holds: impl Fn(&Criteria) -> bool) -> Vec<bool> {
        self.lock().keys().map(holds).collect()
    }

    /// Brings every kept count up to date with a change of one item: `was` and `is` tell
    /// whether it met each criteria (see [`Self::flags`]) before and after the change,
    /// `before` and `after` are its facet value ids then and now.
    pub fn follow(&mut self, was: &[bool], is: &[bool], before: &[Vec<u32>], after: &[Vec<u32>]) {
        let kept = self.0.get_mut().unwrap_or_else(PoisonError::into_inner);
        for ((counted, was), is) in kept.values_mut().zip(was).zip(is) {
            if *was {
                counted.apply(before, -1);
            }
            if *is {
                counted.apply(after, 1);
            }
        }
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<Criteria, Counted>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A country field (position 1) and its values for items 0, 1, ...
    fn country(items: &[&[&str]]) -> (FieldColumn, Values) {
        let mut column = FieldColumn::default();
        let mut values = Values::default();
        for (item, countries) in items.iter().enumerate() {
            let ids: Vec<(usize, u32)> = countries.iter().map(|c| (1, column.intern(c))).collect();
            for (_, id) in &ids {
                column.file(item as u32, *id);
            }
            values.set(item as u32, ids);
        }
        (column, values)
    }

    #[test]
    fn walking_and_intersecting_count_alike() {
        let items: Vec<&[&str]> = (0..40_000)
            .map(|i| match i % 3 {
                0 => &["SN"][..],
                1 => &["ML", "SN"][..],
                _ => &[][..],
            })
            .collect();
        let (column, values) = country(&items);
        let large: RoaringBitmap = (0..40_000).collect();
        let small: RoaringBitmap = (0..3_000).collect();
        let counted = Counted::of(&large, &[(1, &column)], &values);
        assert_eq!(counted.total, 40_000);
        let sn = column.id("SN").unwrap() as usize;
        assert_eq!(counted.by_value[0][sn], 26_667);
        let walked = Counted::of(&small, &[(1, &column)], &values);
        assert_eq!(walked.by_value[0][sn], 2_000);
    }

    #[test]
    fn kept_counts_follow_an_item_entering_and_leaving() {
        let (column, values) = country(&[&["SN"][..]; 2_000]);
        let set: RoaringBitmap = (0..2_000).collect();
        let mut kept = KeptCounts::default();
        let criteria = Criteria::default();
        kept.keep(
            criteria.clone(),
            &Counted::of(&set, &[(1, &column)], &values),
        );
        let sn = column.id("SN").unwrap();
        kept.follow(&[false], &[true], &[vec![]], &[vec![sn, 5]]);
        let counted = kept.get(&criteria).unwrap();
        assert_eq!(counted.total, 2_001);
        assert_eq!(counted.by_value[0][sn as usize], 2_001);
        assert_eq!(counted.by_value[0][5], 1, "a new value is counted too");
        kept.follow(&[true], &[false], &[vec![sn]], &[vec![]]);
        assert_eq!(kept.get(&criteria).unwrap().by_value[0][sn as usize], 2_000);
    }
}
