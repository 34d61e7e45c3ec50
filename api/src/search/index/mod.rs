//! The in-memory index of one kind of listing: every item gets a small number (its slot),
//! and every filter value and every word a compressed bitmap of slots. A request intersects
//! a few bitmaps, walks one order to fill its page, and counts facets from bitmaps or from
//! counts kept up to date by the writes; nothing in it grows with the size of the listing
//! except where a large set is counted once. It is rebuilt from the database at start and
//! follows the change log afterwards (see `crate::search::sync`).

mod arena;
mod bodies;
mod counts;
mod fields;
mod order;
mod text;

use foldhash::HashMap;
use std::{
    collections::{BTreeMap, BTreeSet},
    ops::Deref,
    sync::Arc,
};

use chrono::{DateTime, Utc};
use roaring::RoaringBitmap;
use serde_json::value::RawValue;
use uuid::Uuid;
use zstd::bulk::Compressor;

use self::{
    arena::Arena,
    bodies::Bodies,
    counts::{Counted, KeptCounts},
    fields::{FieldColumn, Values},
    order::Order,
    text::{Part, TextIndex, decode, encode},
};
use super::{
    kind::{Document, FacetCounts, ListingKind},
    listing::Answer,
    query::{Criteria, Cursor, PageRequest, Sort, facet},
};
use crate::error::Result;

pub struct Index<K: ListingKind> {
    ids: Vec<Uuid>,
    slots: HashMap<Uuid, u32>,
    live: RoaringBitmap,
    bodies: Bodies,
    extra: Vec<Option<K::Extra>>,
    /// Each slot's words, and its title's, encoded.
    words: Arena,
    titles: Arena,
    columns: Vec<FieldColumn>,
    values: Values,
    newest: Order,
    keyed: Vec<Order>,
    /// Items that leave their listing on their own, by when (nanoseconds).
    expiring: BTreeSet<(i64, u32)>,
    expires: Vec<Option<i64>>,
    text: TextIndex,
    counts: KeptCounts,
    /// What a value no item has selects.
    empty: RoaringBitmap,
}

impl<K: ListingKind> Default for Index<K> {
    fn default() -> Self {
        Self {
            ids: Vec::new(),
            slots: HashMap::default(),
            live: RoaringBitmap::new(),
            bodies: Bodies::default(),
            extra: Vec::new(),
            words: Arena::default(),
            titles: Arena::default(),
            columns: K::FIELDS.iter().map(|_| FieldColumn::default()).collect(),
            values: Values::default(),
            newest: Order::newest(),
            keyed: K::SORTS.iter().map(|_| Order::keyed()).collect(),
            expiring: BTreeSet::new(),
            expires: Vec::new(),
            text: TextIndex::default(),
            counts: KeptCounts::default(),
            empty: RoaringBitmap::new(),
        }
    }
}

/// A set of slots, borrowed from the index or made for the request.
enum Set<'a> {
    Borrowed(&'a RoaringBitmap),
    Owned(RoaringBitmap),
    Shared(Arc<RoaringBitmap>),
}

impl Deref for Set<'_> {
    type Target = RoaringBitmap;

    fn deref(&self) -> &RoaringBitmap {
        match self {
            Self::Borrowed(set) => set,
            Self::Owned(set) => set,
            Self::Shared(set) => set,
        }
    }
}

impl<K: ListingKind> Index<K> {
    /// Adds documents to an index being built, before [`Self::finish`]. The first large page
    /// trains the dictionary the bodies are compressed with.
    pub fn extend(&mut self, documents: Vec<Document<K::Extra>>) {
        let samples: Vec<&RawValue> = documents.iter().map(|document| &*document.json).collect();
        self.bodies.learn(&samples);
        let dictionary = self.bodies.dictionary();
        let mut packer = dictionary
            .as_ref()
            .and_then(|dictionary| dictionary.packer());
        for document in documents {
            self.fill(document, packer.as_mut());
        }
    }

    /// Sorts the orders of an index built by [`Self::extend`], once, and compacts it.
    pub fn finish(&mut self) {
        let Self {
            ids,
            live,
            newest,
            keyed,
            ..
        } = self;
        newest.extend(ids, live.iter());
        for order in keyed {
            order.extend(ids, live.iter());
        }
        // Vectors and bitmaps grew by doubling while the index was built: give back what
        // they will not use (a third of the index at 100 000 items).
        for column in &mut self.columns {
            column.compact();
        }
        self.text.compact();
        self.values.compact();
        self.words.compact();
        self.titles.compact();
        self.bodies.compact();
        self.ids.shrink_to_fit();
        self.extra.shrink_to_fit();
        self.expires.shrink_to_fit();
        tracing::debug!(
            listing = K::TABLE,
            items = self.live.len(),
            bodies = self.bodies.size(),
            words = self.words.size() + self.titles.size(),
            word_bitmaps = self.text.size(),
            values = self.values.size(),
            value_bitmaps = self.columns.iter().map(FieldColumn::size).sum::<usize>(),
            "index built (bytes)"
        );
    }

    /// How many items are listed.
    pub fn len(&self) -> u64 {
        self.live.len()
    }

    pub fn is_empty(&self) -> bool {
        self.live.is_empty()
    }

    /// Writes a document into a slot (new or its own), everywhere but the orders.
    fn fill(&mut self, document: Document<K::Extra>, packer: Option<&mut Compressor<'_>>) -> u32 {
        let slot = match self.slots.get(&document.id) {
            Some(slot) => *slot,
            None => {
                let slot = self.ids.len() as u32;
                self.ids.push(document.id);
                self.slots.insert(document.id, slot);
                self.extra.push(None);
                self.expires.push(None);
                slot
            }
        };
        let index = slot as usize;
        let mut values = Vec::new();
        for (field, (column, given)) in self.columns.iter_mut().zip(&document.values).enumerate() {
            for value in given {
                let id = column.intern(value);
                if !values.contains(&(field, id)) {
                    column.file(slot, id);
                    values.push((field, id));
                }
            }
        }
        self.values.set(slot, values);
        let words = encode(self.text.intern(&document.text));
        let titles = encode(self.text.intern(&document.title));
        self.text.add(slot, Part::Text, &words);
        self.text.add(slot, Part::Title, &titles);
        self.words.set(slot, &words);
        self.titles.set(slot, &titles);
        for (keyed, key) in self.keyed.iter_mut().zip(&document.sort_keys) {
            keyed.set_key(slot, *key);
        }
        if let Some(at) = document.expires_at {
            self.expiring.insert((at, slot));
        }
        self.expires[index] = document.expires_at;
        self.bodies.set(slot, &document.json, packer);
        self.extra[index] = Some(document.extra);
        self.live.insert(slot);
        slot
    }

    /// Takes a slot out of everything (its id keeps the slot for a later return).
    fn empty(&mut self, slot: u32) {
        let index = slot as usize;
        self.newest.remove(&self.ids, slot);
        for keyed in &mut self.keyed {
            keyed.remove(&self.ids, slot);
        }
        for (field, id) in self.values.of(slot) {
            self.columns[field].unfile(slot, id);
        }
        self.values.clear(slot);
        self.text.remove(slot, Part::Text, self.words.get(slot));
        self.text.remove(slot, Part::Title, self.titles.get(slot));
        self.words.clear(slot);
        self.titles.clear(slot);
        if let Some(at) = self.expires[index].take() {
            self.expiring.remove(&(at, slot));
        }
        self.bodies.clear(slot);
        self.extra[index] = None;
        self.live.remove(slot);
    }

    /// Adds or replaces an item, keeping the kept counts exact.
    pub fn upsert(&mut self, document: Document<K::Extra>) {
        let known = self.slots.get(&document.id).copied();
        let (was, before) = match known {
            Some(slot) if self.live.contains(slot) => self.before_change(slot),
            _ => (Vec::new(), Vec::new()),
        };
        if let Some(slot) = known {
            self.empty(slot);
        }
        let dictionary = self.bodies.dictionary();
        let mut packer = dictionary
            .as_ref()
            .and_then(|dictionary| dictionary.packer());
        let slot = self.fill(document, packer.as_mut());
        self.newest.insert(&self.ids, slot);
        for keyed in &mut self.keyed {
            keyed.insert(&self.ids, slot);
        }
        self.after_change(slot, &was, &before, true);
    }

    /// Removes an item that is gone or no longer listed.
    pub fn remove(&mut self, id: Uuid) {
        let Some(slot) = self.slots.get(&id).copied() else {
            return;
        };
        if !self.live.contains(slot) {
            return;
        }
        let (was, before) = self.before_change(slot);
        self.empty(slot);
        self.after_change(slot, &was, &before, false);
    }

    fn before_change(&mut self, slot: u32) -> (Vec<bool>, Vec<Vec<u32>>) {
        let before = self.facet_values(slot);
        let matched = self.counts.flags(|criteria| self.holds(criteria, slot));
        (matched, before)
    }

    fn after_change(&mut self, slot: u32, was: &[bool], before: &[Vec<u32>], present: bool) {
        let after = if present {
            self.facet_values(slot)
        } else {
            Vec::new()
        };
        let is = self
            .counts
            .flags(|criteria| present && self.holds(criteria, slot));
        let was = if was.is_empty() {
            vec![false; is.len()]
        } else {
            was.to_vec()
        };
        self.counts.follow(&was, &is, before, &after);
    }

    /// The facet value ids of a slot, per facet field.
    fn facet_values(&self, slot: u32) -> Vec<Vec<u32>> {
        self.facets()
            .iter()
            .map(|(field, _)| self.values.field(slot, *field).collect())
            .collect()
    }

    /// The facet fields: their positions and columns.
    fn facets(&self) -> Vec<(usize, &FieldColumn)> {
        K::FIELDS
            .iter()
            .zip(&self.columns)
            .enumerate()
            .filter(|(_, (field, _))| field.facet)
            .map(|(position, (_, column))| (position, column))
            .collect()
    }

    /// Whether the item in `slot` meets `criteria`.
    pub fn holds(&self, criteria: &Criteria, slot: u32) -> bool {
        self.live.contains(slot)
            && criteria.filters.iter().all(|(field, wanted)| {
                K::field(field).is_some_and(|field| {
                    let column = &self.columns[field];
                    self.values
                        .field(slot, field)
                        .any(|id| wanted.iter().any(|value| value == column.value(id)))
                })
            })
            && criteria
                .terms
                .iter()
                .all(|term| self.text.has_prefix(self.words.get(slot), term))
    }

    /// The items that leave their listing on their own by `now`: to be reloaded.
    pub fn due(&self, now: DateTime<Utc>) -> Vec<Uuid> {
        let now = nanos(now);
        self.expiring
            .range(..(now, u32::MAX))
            .map(|(_, slot)| self.ids[*slot as usize])
            .collect()
    }

    /// The slots meeting `criteria`.
    pub fn matching(&self, criteria: &Criteria) -> RoaringBitmap {
        let mut sets: Vec<Set<'_>> = Vec::new();
        for (field, values) in &criteria.filters {
            let Some(column) = K::field(field).map(|position| &self.columns[position]) else {
                return RoaringBitmap::new();
            };
            sets.push(match values.as_slice() {
                [value] => Set::Borrowed(
                    column
                        .id(value)
                        .and_then(|id| column.bitmap(id))
                        .unwrap_or(&self.empty),
                ),
                values => Set::Owned(column.any_of(values)),
            });
        }
        for term in &criteria.terms {
            sets.push(Set::Shared(self.text.prefixed(Part::Text, term)));
        }
        sets.sort_by_key(|set| set.len());
        let mut sets = sets.into_iter();
        let Some(first) = sets.next() else {
            return self.live.clone();
        };
        let mut found = match first {
            Set::Owned(set) => set,
            other => other.clone(),
        };
        for set in sets {
            if found.is_empty() {
                break;
            }
            found &= &*set;
        }
        found
    }

    /// A page of the items meeting `criteria`, their total and facets.
    #[tracing::instrument(
        level = "debug",
        name = "index_search",
        skip_all,
        fields(
            listing = K::TABLE,
            terms = criteria.terms.len(),
            filters = criteria.filters.len(),
            matched = tracing::field::Empty,
        )
    )]
    pub fn search(&self, criteria: &Criteria, request: &PageRequest) -> Result<Answer> {
        let set = self.matching(criteria);
        tracing::Span::current().record("matched", set.len());
        let (slots, next_cursor) = self.page(&set, criteria, request)?;
        let key = criteria.canonical();
        let counted = match self.counts.get(&key) {
            Some(counted) => counted,
            None => {
                let counted = Counted::of(&set, &self.facets(), &self.values);
                self.counts.keep(key, &counted);
                counted
            }
        };
        Ok(Answer {
            items: slots
                .iter()
                .filter_map(|slot| self.bodies.get(*slot))
                .collect(),
            next_cursor: next_cursor.map(|cursor| cursor.encode()),
            total: counted.total,
            facets: self.facet_counts(&counted),
        })
    }

    fn facet_counts(&self, counted: &Counted) -> FacetCounts {
        self.facets()
            .into_iter()
            .zip(&counted.by_value)
            .map(|((field, column), counts)| {
                let values = counts
                    .iter()
                    .enumerate()
                    .map(|(id, count)| (column.value(id as u32).to_owned(), i64::from(*count)))
                    .collect();
                (K::FIELDS[field].name, facet(values))
            })
            .collect()
    }

    /// The slots of one page in the order asked for, and the cursor of the next one.
    fn page(
        &self,
        set: &RoaringBitmap,
        criteria: &Criteria,
        request: &PageRequest,
    ) -> Result<(Vec<u32>, Option<Cursor>)> {
        let wanted = request.limit as usize + 1;
        let cursor = request.cursor.as_ref();
        let keyed = K::SORTS.iter().position(|key| key.sort == request.sort);
        let mut found: Vec<(u32, Option<String>)> = match (request.sort, keyed) {
            (Sort::Relevance, _) if !criteria.terms.is_empty() => {
                self.by_relevance(set, &criteria.terms, cursor, wanted)?
            }
            (_, Some(order)) => {
                let after = cursor
                    .map(|cursor| cursor.time().map(|time| (nanos(time), cursor.id)))
                    .transpose()?;
                let keyed = &self.keyed[order];
                keyed
                    .take(&self.ids, set, after, wanted)
                    .into_iter()
                    .map(|slot| {
                        let key = keyed.position(&self.ids, slot).0;
                        (slot, Some(DateTime::from_timestamp_nanos(key).to_rfc3339()))
                    })
                    .collect()
            }
            _ => self
                .newest
                .take(&self.ids, set, cursor.map(|cursor| (0, cursor.id)), wanted)
                .into_iter()
                .map(|slot| (slot, None))
                .collect(),
        };
        let next = if found.len() > request.limit as usize {
            found.truncate(request.limit as usize);
            found.last().map(|(slot, key)| Cursor {
                sort: request.sort,
                key: key.clone(),
                id: self.ids[*slot as usize],
            })
        } else {
            None
        };
        Ok((found.into_iter().map(|(slot, _)| slot).collect(), next))
    }

    /// Best first: one point, plus one per term starting a word of the title (the same
    /// score in the database, so both read alike), then newest first.
    fn by_relevance(
        &self,
        set: &RoaringBitmap,
        terms: &[String],
        cursor: Option<&Cursor>,
        wanted: usize,
    ) -> Result<Vec<(u32, Option<String>)>> {
        let titles: Vec<Arc<RoaringBitmap>> = terms
            .iter()
            .map(|term| self.text.prefixed(Part::Title, term))
            .collect();
        let levels = title_levels(set, &titles);
        let after = cursor.map(Cursor::score).transpose()?;
        let mut page = Vec::new();
        for (found, level) in levels.iter().rev() {
            let score = 1.0 + *found as f64;
            let from = match (after, cursor) {
                (Some(after), _) if score > after => continue,
                (Some(after), Some(cursor)) if score == after => Some((0, cursor.id)),
                _ => None,
            };
            let key = Some(format!("{score:?}"));
            let missing = wanted - page.len();
            page.extend(
                self.newest
                    .take(&self.ids, level, from, missing)
                    .into_iter()
                    .map(|slot| (slot, key.clone())),
            );
            if page.len() >= wanted {
                break;
            }
        }
        Ok(page)
    }

    // Reads for features built on the index (matching).

    pub fn slot(&self, id: &Uuid) -> Option<u32> {
        self.slots
            .get(id)
            .copied()
            .filter(|slot| self.live.contains(*slot))
    }

    pub fn id(&self, slot: u32) -> Uuid {
        self.ids[slot as usize]
    }

    pub fn extra(&self, slot: u32) -> Option<&K::Extra> {
        self.extra.get(slot as usize).and_then(Option::as_ref)
    }

    /// The public JSON of a slot.
    pub fn body(&self, slot: u32) -> Option<Vec<u8>> {
        self.bodies.get(slot)
    }

    pub fn words(&self, slot: u32) -> impl Iterator<Item = u32> + '_ {
        decode(self.words.get(slot))
    }

    pub fn word(&self, id: u32) -> &str {
        self.text.word(id)
    }

    pub fn word_id(&self, word: &str) -> Option<u32> {
        self.text.id(word)
    }

    /// Every (field position, value id) of a slot.
    pub fn all_values(&self, slot: u32) -> impl Iterator<Item = (usize, u32)> + '_ {
        self.values.of(slot)
    }

    /// The value ids of a slot's field (by position, see [`ListingKind::field`]).
    pub fn values(&self, slot: u32, field: usize) -> impl Iterator<Item = u32> + '_ {
        self.values.field(slot, field)
    }

    pub fn value_id(&self, field: usize, value: &str) -> Option<u32> {
        self.columns.get(field).and_then(|column| column.id(value))
    }

    pub fn value(&self, field: usize, id: u32) -> &str {
        self.columns
            .get(field)
            .map_or("", |column| column.value(id))
    }

    /// How many values `field` has had (value ids are below it).
    pub fn cardinality(&self, field: usize) -> usize {
        self.columns.get(field).map_or(0, FieldColumn::cardinality)
    }

    /// The slots whose field (by position) has the value id `id`.
    pub fn with_value_id(&self, field: usize, id: u32) -> &RoaringBitmap {
        self.columns
            .get(field)
            .and_then(|column| column.bitmap(id))
            .unwrap_or(&self.empty)
    }

    /// The slots whose `field` has `value`.
    pub fn with_value(&self, field: &str, value: &str) -> &RoaringBitmap {
        K::field(field)
            .map(|position| &self.columns[position])
            .and_then(|column| column.id(value).and_then(|id| column.bitmap(id)))
            .unwrap_or(&self.empty)
    }

    /// The slots having a word starting with `prefix`.
    pub fn with_word(&self, prefix: &str) -> Arc<RoaringBitmap> {
        self.text.prefixed(Part::Text, prefix)
    }
}

/// The slots of `set` by how many of `titles` hold them (0 to all).
fn title_levels(
    set: &RoaringBitmap,
    titles: &[Arc<RoaringBitmap>],
) -> BTreeMap<usize, RoaringBitmap> {
    let mut levels = BTreeMap::new();
    if let [title] = titles {
        let found = set & &**title;
        levels.insert(0, set - &found);
        levels.insert(1, found);
        return levels;
    }
    let mut in_title = RoaringBitmap::new();
    for title in titles {
        in_title |= &**title;
    }
    in_title &= set;
    // Slots come in increasing order: each level is built from a sorted list at once,
    // much faster than inserting slot by slot.
    let mut sorted: BTreeMap<usize, Vec<u32>> = BTreeMap::new();
    for slot in &in_title {
        let found = titles.iter().filter(|title| title.contains(slot)).count();
        sorted.entry(found).or_default().push(slot);
    }
    for (found, slots) in sorted {
        levels.insert(
            found,
            RoaringBitmap::from_sorted_iter(slots).unwrap_or_default(),
        );
    }
    levels.insert(0, set - &in_title);
    levels
}

/// A time as the index keys it.
pub fn nanos(time: DateTime<Utc>) -> i64 {
    time.timestamp_nanos_opt().unwrap_or(i64::MAX)
}
