//! What a kind of listing (projects, opportunities, organisations, and the kinds to come)
//! tells the listing engine about itself: its fields, how each is stored in the database, its
//! sort keys, and how to load its items as [`Document`]s. Paging, totals, facets, caching and
//! freshness are the engine's, written once.

use std::future::Future;

use sea_orm::{
    ColumnTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select,
    sea_query::SimpleExpr,
};
use serde::Serialize;
use serde_json::value::RawValue;
use uuid::Uuid;

use super::changes::{Change, ChangeKind};
use crate::db::Db;
use crate::error::Result;

/// A field the listing filters on, and counts when it is a facet.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The name the kind uses in its criteria and facets.
    pub name: &'static str,
    /// Counted per value in every answer.
    pub facet: bool,
    pub stored: Stored,
}

impl Field {
    pub const fn new(name: &'static str, stored: Stored) -> Self {
        Self {
            name,
            facet: false,
            stored,
        }
    }

    pub const fn facet(name: &'static str, stored: Stored) -> Self {
        Self {
            name,
            facet: true,
            stored,
        }
    }
}

/// Where a field lives in the database, for the database side of the engine (used while the
/// index loads, and by saved-search alerts). The index reads values from [`Document`]s.
#[derive(Debug, Clone, Copy)]
pub enum Stored {
    /// A text column of the kind's table.
    Column(&'static str),
    /// A boolean column; the field's values are `true` and `false`.
    Flag(&'static str),
    /// Rows of a link table: `table.value`, pointing at the item with `table.item`.
    Linked {
        table: &'static str,
        item: &'static str,
        value: &'static str,
    },
    /// A JSON array of codes in a column of the kind's table.
    JsonList(&'static str),
    /// A condition the kind writes itself (a derived value, a join).
    Custom(fn(&[String], DbBackend) -> SimpleExpr),
    /// Kept by the index for features built on it (matching); no listing filters on it.
    Index,
}

impl Stored {
    /// Rows of the link table `table`: `table.value`, pointing at the item with `table.item`.
    pub const fn linked(table: &'static str, item: &'static str, value: &'static str) -> Self {
        Self::Linked { table, item, value }
    }
}

/// An order a kind can be listed in, besides `newest` and `relevance`.
#[derive(Debug, Clone, Copy)]
pub struct SortKey {
    pub sort: super::query::Sort,
    /// The column holding the key (a time), smallest first.
    pub column: &'static str,
}

/// Which items to load.
#[derive(Debug, Clone)]
pub enum Scope {
    /// Every item (a rebuild, which loads them a [`Scope::Page`] at a time).
    All,
    /// The items with an id above `after`, by id, at most `limit`.
    Page {
        after: Option<Uuid>,
        limit: u64,
    },
    Ids(Vec<Uuid>),
    /// Items published for this organisation (its kind or verification changed).
    Organisation(Uuid),
    /// Items whose author is this member (their profile changed).
    Owner(Uuid),
}

/// The columns a [`Scope`] selects by.
pub struct ScopeColumns<C> {
    pub id: C,
    /// The organisation an item is published for (its own id for an organisation).
    pub organisation: C,
    /// The item's author, where items have one.
    pub owner: Option<C>,
}

/// `select` narrowed to `scope`.
pub fn scoped<E: EntityTrait>(
    select: Select<E>,
    scope: &Scope,
    columns: ScopeColumns<E::Column>,
) -> Select<E> {
    match scope {
        Scope::All => select,
        Scope::Page { after, limit } => {
            let select = match after {
                Some(after) => select.filter(columns.id.gt(*after)),
                None => select,
            };
            select.order_by_asc(columns.id).limit(*limit)
        }
        Scope::Ids(ids) => select.filter(columns.id.is_in(ids.clone())),
        Scope::Organisation(id) => select.filter(columns.organisation.eq(*id)),
        Scope::Owner(id) => match columns.owner {
            Some(owner) => select.filter(owner.eq(*id)),
            None => select.filter(columns.id.is_null()),
        },
    }
}

/// One item as the engine indexes and serves it.
#[derive(Debug)]
pub struct Document<E> {
    pub id: Uuid,
    /// Values per field, in the order of the kind's `FIELDS`.
    pub values: Vec<Vec<String>>,
    /// Keys per sort key, in the order of the kind's `SORTS` (milliseconds since the epoch).
    pub sort_keys: Vec<i64>,
    /// The indexed words (`search_text`: folded words and their stems, space-separated).
    pub text: String,
    /// The title's indexed words, for relevance.
    pub title: String,
    /// The public representation, as every reader of a listing sees it.
    pub json: Box<RawValue>,
    /// When the item leaves its listing on its own (an opportunity's expiry), in milliseconds.
    pub expires_at: Option<i64>,
    /// What other features need besides the listing (matching, for opportunities).
    pub extra: E,
}

impl<E> Document<E> {
    /// A document with no values yet; `fields` and `sorts` are the kind's counts.
    pub fn new(id: Uuid, fields: usize, json: Box<RawValue>, extra: E) -> Self {
        Self {
            id,
            values: vec![Vec::new(); fields],
            sort_keys: Vec::new(),
            text: String::new(),
            title: String::new(),
            json,
            expires_at: None,
            extra,
        }
    }
}

/// A request for a page of a listing, as the API takes it (a kind's query parameters).
pub trait ListingRequest {
    /// The checked criteria (422 naming the field otherwise).
    fn criteria(&self) -> Result<super::query::Criteria>;
    /// Which page: `sort`, `limit` and `cursor` as given.
    fn page(&self) -> PageParams<'_>;
}

/// The paging parameters of a request, unchecked.
pub struct PageParams<'a> {
    pub sort: Option<super::query::Sort>,
    pub limit: Option<u64>,
    pub cursor: Option<&'a str>,
}

/// The counts of every facet of one answer, in the order of the facet fields.
pub type FacetCounts = Vec<(&'static str, Vec<super::query::FacetCount>)>;

/// A kind of listing.
pub trait ListingKind: Sized + Send + Sync + 'static {
    /// Its name in the change log.
    const KIND: ChangeKind;
    /// Its table (and full-text table) in the database; the table has `id`, `created_at`,
    /// `search_text` and `search_title` columns (and `owner_id` for saved-search alerts).
    const TABLE: &'static str;
    /// The column naming an item in alerts.
    const TITLE: &'static str;
    const FIELDS: &'static [Field];
    const SORTS: &'static [SortKey];

    /// The facets as the API names and documents them (`search_page!`).
    type Facets: Serialize + Clone + Send + Sync + From<FacetCounts> + 'static;
    /// What else the index keeps per item.
    type Extra: Send + Sync + 'static;

    fn load(
        db: &Db,
        scope: Scope,
    ) -> impl Future<Output = Result<Vec<Document<Self::Extra>>>> + Send;

    /// Which items a change concerns: by default the item itself when it is of this kind.
    fn scope_of(change: &Change) -> Option<Scope> {
        match change.kind {
            kind if kind == Self::KIND => Some(Scope::Ids(vec![change.id])),
            ChangeKind::Everything => Some(Scope::All),
            _ => None,
        }
    }

    /// The position of the field `name` in `FIELDS`.
    fn field(name: &str) -> Option<usize> {
        Self::FIELDS.iter().position(|field| field.name == name)
    }
}

/// Builds the values of a [`Document`] by field name.
pub fn set_value<K: ListingKind>(
    document: &mut Document<K::Extra>,
    field: &str,
    values: impl IntoIterator<Item = String>,
) {
    if let Some(position) = K::field(field) {
        let slot = &mut document.values[position];
        for value in values {
            if !slot.contains(&value) {
                slot.push(value);
            }
        }
    }
}
