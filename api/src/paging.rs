//! Newest-first pages over rows keyed by UUID v7 ids (interests, introductions, messages,
//! notifications). Ids grow with time, so "older than the last id seen" is a stable cursor:
//! rows added during a walk land before it and never shift the pages after it.

use uuid::Uuid;

use crate::{error::ApiError, error::Result, search::query::checked_limit};

/// The OpenAPI pattern of the cursors given here: a UUID in simple form.
pub const CURSOR_PATTERN: &str = "^[0-9a-f]{32}$";

/// A checked `limit` and `cursor`.
#[derive(Debug, Clone, Copy)]
pub struct NewestFirst {
    /// Only rows with a smaller id belong to the page.
    pub before: Option<Uuid>,
    pub limit: u64,
}

impl NewestFirst {
    /// Checks `limit` (1..=100, default 20) and a `cursor` given by [`next_cursor`].
    pub fn parse(limit: Option<u64>, cursor: Option<&str>) -> Result<Self> {
        let limit = checked_limit(limit)?;
        let before = match cursor {
            None => None,
            Some(cursor) => Some(Uuid::try_parse(cursor).map_err(|_| {
                ApiError::invalid_field("cursor", "invalid", "this cursor is not one we gave")
            })?),
        };
        Ok(Self { before, limit })
    }

    /// How many rows to fetch: one more than the page, to know whether another page follows.
    pub fn fetch(&self) -> u64 {
        self.limit + 1
    }
}

/// Cuts the fetched rows to the page and returns the cursor of the next page, if any.
pub fn next_cursor<T>(
    rows: &mut Vec<T>,
    page: NewestFirst,
    id: impl Fn(&T) -> Uuid,
) -> Option<String> {
    if rows.len() as u64 > page.limit {
        rows.truncate(page.limit as usize);
        rows.last().map(|row| id(row).simple().to_string())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_page_points_at_its_last_row() -> Result<()> {
        let page = NewestFirst::parse(Some(2), None)?;
        let ids: Vec<Uuid> = (0..3).map(|_| Uuid::now_v7()).rev().collect();
        let mut rows = ids.clone();
        let cursor = next_cursor(&mut rows, page, |id| *id);
        assert_eq!(rows, ids[..2]);
        assert_eq!(cursor, Some(ids[1].simple().to_string()));
        let next = NewestFirst::parse(Some(2), cursor.as_deref())?;
        assert_eq!(next.before, Some(ids[1]));
        Ok(())
    }

    #[test]
    fn the_last_page_has_no_cursor_and_foreign_cursors_are_refused() -> Result<()> {
        let page = NewestFirst::parse(None, None)?;
        let mut rows = vec![Uuid::now_v7()];
        assert_eq!(next_cursor(&mut rows, page, |id| *id), None);
        assert!(NewestFirst::parse(None, Some("not-a-cursor")).is_err());
        assert!(NewestFirst::parse(Some(0), None).is_err());
        Ok(())
    }
}
