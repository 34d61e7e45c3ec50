//! What a listing request asks for, checked once at the edge: criteria (filters and words),
//! sort, cursor and limit.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::{
    error::{ApiError, FieldError, Result},
    taxonomies::{Code, filter_error},
};

pub const DEFAULT_LIMIT: u64 = 20;
pub const MAX_LIMIT: u64 = 100;

/// How a list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Best matches first (the default when `q` is given).
    Relevance,
    /// Most recent first (the default otherwise).
    #[default]
    Newest,
    /// Soonest expiry first (opportunities).
    ExpiringSoon,
    /// Soonest closing first (calls for projects).
    ClosingSoon,
}

/// Which items a listing holds: every filter must hold (a filter holds when the item has
/// any of its values), and every term must start one of the item's indexed words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Criteria {
    pub filters: Vec<(&'static str, Vec<String>)>,
    /// Folded, stemmed words (see [`crate::search::text::query_terms`]).
    pub terms: Vec<String>,
}

impl Criteria {
    pub fn with_terms(q: Option<&str>) -> Self {
        Self {
            filters: Vec::new(),
            terms: q.map(super::text::query_terms).unwrap_or_default(),
        }
    }

    /// Adds a filter on `field` accepting any of `values`.
    pub fn filter(&mut self, field: &'static str, values: impl IntoIterator<Item = String>) {
        let mut values: Vec<String> = values.into_iter().collect();
        values.sort();
        values.dedup();
        self.filters.push((field, values));
    }

    /// Adds a filter accepting one value, when there is one.
    pub fn filter_one(&mut self, field: &'static str, value: Option<impl Into<String>>) {
        if let Some(value) = value {
            self.filter(field, [value.into()]);
        }
    }

    /// The same criteria written the same way however they were built: the key of cached
    /// totals and facets.
    pub fn canonical(&self) -> Self {
        let mut canonical = self.clone();
        canonical.filters.sort();
        canonical.filters.dedup();
        canonical.terms.sort();
        canonical.terms.dedup();
        canonical
    }
}

/// Where the previous page ended: the sort key of its last row and its id. Rows are ordered
/// by (key, id), so inserting rows never moves the rows after a cursor.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Cursor {
    pub sort: Sort,
    /// The sort key of the last row: a relevance score or an RFC 3339 time; none for newest.
    pub key: Option<String>,
    pub id: Uuid,
}

impl Cursor {
    pub fn encode(&self) -> String {
        hex::encode(serde_json::to_vec(self).unwrap_or_default())
    }

    pub fn decode(raw: &str, sort: Sort) -> Result<Self> {
        let bytes = hex::decode(raw).map_err(|_| invalid_cursor())?;
        let cursor: Self = serde_json::from_slice(&bytes).map_err(|_| invalid_cursor())?;
        if cursor.sort != sort {
            return Err(invalid_cursor());
        }
        Ok(cursor)
    }

    /// The relevance score of a relevance cursor.
    pub fn score(&self) -> Result<f64> {
        self.key
            .as_deref()
            .and_then(|key| key.parse().ok())
            .ok_or_else(invalid_cursor)
    }

    /// The time of an `expiring_soon` cursor.
    pub fn time(&self) -> Result<chrono::DateTime<chrono::Utc>> {
        self.key
            .as_deref()
            .and_then(|key| key.parse().ok())
            .ok_or_else(invalid_cursor)
    }
}

pub fn invalid_cursor() -> ApiError {
    ApiError::invalid_field(
        "cursor",
        "invalid",
        "this cursor is not one we gave, or belongs to another sort",
    )
}

/// The parts of a listing request that every kind reads alike, checked.
#[derive(Debug, Clone)]
pub struct PageRequest {
    pub sort: Sort,
    pub cursor: Option<Cursor>,
    pub limit: u64,
}

impl PageRequest {
    /// Checks `limit` and `cursor`; the sort defaults to relevance when `criteria` has words.
    pub fn parse(
        criteria: &Criteria,
        sort: Option<Sort>,
        limit: Option<u64>,
        cursor: Option<&str>,
    ) -> Result<Self> {
        let limit = checked_limit(limit)?;
        let sort = effective_sort(sort, !criteria.terms.is_empty());
        let cursor = cursor.map(|raw| Cursor::decode(raw, sort)).transpose()?;
        Ok(Self {
            sort,
            cursor,
            limit,
        })
    }
}

/// Checks `limit` (1..=100, default 20).
pub fn checked_limit(requested: Option<u64>) -> Result<u64> {
    let limit = requested.unwrap_or(DEFAULT_LIMIT);
    if (1..=MAX_LIMIT).contains(&limit) {
        Ok(limit)
    } else {
        Err(ApiError::invalid_field(
            "limit",
            "range",
            format!("use 1 to {MAX_LIMIT}"),
        ))
    }
}

/// Picks the sort: relevance needs words; without them the newest come first.
pub fn effective_sort(requested: Option<Sort>, has_terms: bool) -> Sort {
    match (requested, has_terms) {
        (Some(Sort::Relevance), false) | (None, false) => Sort::Newest,
        (Some(sort), _) => sort,
        (None, true) => Sort::Relevance,
    }
}

/// The checks every search query shares: the length of `q`, and the shape of the `country`
/// and `sector` codes (a code of the right shape that matches nothing simply finds nothing).
pub fn query_errors(
    q: Option<&str>,
    country: Option<&str>,
    sector: Option<&str>,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if q.is_some_and(|q| q.chars().count() > 200) {
        errors.push(FieldError::new("q", "length", "use at most 200 characters"));
    }
    errors.extend(filter_error(Code::Country, "country", country));
    errors.extend(filter_error(Code::SectorOrCategory, "sector", sector));
    errors
}

/// One value of a facet and how many results have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FacetCount {
    pub value: String,
    pub count: i64,
}

/// Sorts facet counts, largest first, then by value, leaving out empty ones.
pub fn facet(mut counts: Vec<(String, i64)>) -> Vec<FacetCount> {
    counts.retain(|(_, count)| *count > 0);
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts
        .into_iter()
        .map(|(value, count)| FacetCount { value, count })
        .collect()
}

/// The counts of facet `name` in `counts`, empty when absent.
pub fn take_facet(counts: &mut super::kind::FacetCounts, name: &str) -> Vec<FacetCount> {
    counts
        .iter_mut()
        .find(|(field, _)| *field == name)
        .map(|(_, values)| std::mem::take(values))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn criteria_built_in_any_order_share_a_key() {
        let mut a = Criteria::with_terms(Some("mangues séchées"));
        a.filter("country", ["SN".to_owned()]);
        a.filter("category", ["job".to_owned(), "internship".to_owned()]);
        let mut b = Criteria::with_terms(Some("séchées mangues"));
        b.filter("category", ["internship".to_owned(), "job".to_owned()]);
        b.filter("country", ["SN".to_owned()]);
        assert_eq!(a.canonical(), b.canonical());
    }

    #[test]
    fn cursors_of_another_sort_are_refused() {
        let cursor = Cursor {
            sort: Sort::Newest,
            key: None,
            id: Uuid::now_v7(),
        }
        .encode();
        assert!(Cursor::decode(&cursor, Sort::Newest).is_ok());
        assert!(Cursor::decode(&cursor, Sort::Relevance).is_err());
        assert!(Cursor::decode("abcd", Sort::Newest).is_err());
    }

    #[test]
    fn facets_are_largest_first_without_empty_values() {
        let counted = facet(vec![
            ("SN".into(), 2),
            ("ML".into(), 0),
            ("BF".into(), 2),
            ("FR".into(), 5),
        ]);
        let values: Vec<&str> = counted.iter().map(|f| f.value.as_str()).collect();
        assert_eq!(values, ["FR", "BF", "SN"]);
    }
}
