//! Saved searches: their checks and their rows, one member's each. The handlers in `routes`
//! parse, call these and answer.

use chrono::Utc;
use rand::distr::{Alphanumeric, SampleString};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};
use uuid::Uuid;
use validator::Validate;

use super::dto::{Channel, Channels, Criteria, NewSavedSearch, SavedSearchChanges, SearchKind};
use crate::{
    db::{self, Db},
    entities::saved_search::{self, Entity as SavedSearchEntity},
    error::{ApiError, FieldError, Result},
    opportunities::listing as opportunities,
    projects::listing as projects,
};

/// Enough for every need of one member; more is a script.
const MAX_PER_MEMBER: u64 = 50;

/// The same checks as the search pages, with the fields named `criteria.*`.
fn criteria_errors(kind: SearchKind, criteria: &Criteria) -> Vec<FieldError> {
    let mut errors = criteria.misplaced(kind);
    let checked = match kind {
        SearchKind::Opportunities => opportunities::check_query(&criteria.opportunity_query()),
        SearchKind::Projects => projects::check_query(&criteria.project_query()),
    };
    if let Err(ApiError::Validation(found)) = checked {
        errors.extend(found.into_iter().map(|mut error| {
            error.field = format!("criteria.{}", error.field);
            error
        }));
    }
    errors
}

fn channels_error(channels: &[Channel]) -> Option<FieldError> {
    channels
        .is_empty()
        .then(|| FieldError::new("channels", "length", "choose at least one channel"))
}

fn refuse_any(errors: Vec<FieldError>) -> Result<()> {
    ApiError::valid(errors, ())
}

/// The checks of a new saved search.
pub fn check_new(new: &NewSavedSearch) -> Result<()> {
    let mut errors = ApiError::field_errors_of(new.validate());
    errors.extend(criteria_errors(new.kind, &new.criteria));
    errors.extend(channels_error(&new.channels));
    refuse_any(errors)
}

/// The checks of changes to a saved search of `kind` (its kind does not change).
pub fn check_changes(kind: SearchKind, changes: &SavedSearchChanges) -> Result<()> {
    let mut errors = ApiError::field_errors_of(changes.validate());
    if let Some(criteria) = &changes.criteria {
        errors.extend(criteria_errors(kind, criteria));
    }
    if let Some(channels) = &changes.channels {
        errors.extend(channels_error(channels));
    }
    refuse_any(errors)
}

/// Saves a checked search for `owner`, within the limit per member (409 past it).
pub async fn insert(db: &Db, owner: Uuid, new: NewSavedSearch) -> Result<saved_search::Model> {
    let txn = db::write_transaction(db).await?;
    let saved = SavedSearchEntity::find()
        .filter(saved_search::Column::OwnerId.eq(owner))
        .count(&txn)
        .await?;
    if saved >= MAX_PER_MEMBER {
        return Err(ApiError::Conflict(format!(
            "a member keeps at most {MAX_PER_MEMBER} saved searches; delete one first"
        )));
    }
    let now = Utc::now();
    let row = saved_search::ActiveModel {
        id: Set(Uuid::now_v7()),
        owner_id: Set(owner),
        name: Set(new.name.trim().to_owned()),
        kind: Set(new.kind),
        criteria: Set(new.criteria),
        frequency: Set(new.frequency),
        channels: Set(Channels::of(&new.channels)),
        unsubscribe_token: Set(Alphanumeric.sample_string(&mut rand::rng(), 48)),
        seen_until: Set(now),
        next_run_at: Set(now + new.frequency.interval()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(row)
}

/// `owner`'s saved searches, newest first.
pub async fn mine(db: &Db, owner: Uuid) -> Result<Vec<saved_search::Model>> {
    Ok(SavedSearchEntity::find()
        .filter(saved_search::Column::OwnerId.eq(owner))
        .order_by_desc(saved_search::Column::Id)
        .all(db)
        .await?)
}

/// One of `owner`'s saved searches; someone else's is not found.
pub async fn own(db: &Db, owner: Uuid, id: Uuid) -> Result<saved_search::Model> {
    SavedSearchEntity::find_by_id(id)
        .filter(saved_search::Column::OwnerId.eq(owner))
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("saved search"))
}

/// Applies checked `changes` to `current`, only if nobody changed it since it was read (a
/// lost race is a 412 like a stale ETag); a new frequency counts from the last alert.
pub async fn update(
    db: &Db,
    current: &saved_search::Model,
    changes: SavedSearchChanges,
) -> Result<saved_search::Model> {
    let mut row: saved_search::ActiveModel = current.clone().into();
    if let Some(name) = changes.name {
        row.name = Set(name.trim().to_owned());
    }
    if let Some(criteria) = changes.criteria {
        row.criteria = Set(criteria);
    }
    if let Some(frequency) = changes.frequency {
        row.frequency = Set(frequency);
        row.next_run_at = Set(current.seen_until + frequency.interval());
    }
    if let Some(channels) = &changes.channels {
        row.channels = Set(Channels::of(channels));
    }
    row.version = Set(current.version + 1);
    row.updated_at = Set(Utc::now());
    db::update_versioned::<SavedSearchEntity, _>(db, row, current).await?;
    own(db, current.owner_id, current.id).await
}

/// The saved search an unsubscribe link names.
pub async fn by_token(db: &Db, token: &str) -> Result<saved_search::Model> {
    SavedSearchEntity::find()
        .filter(saved_search::Column::UnsubscribeToken.eq(token))
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("unsubscribe link"))
}

/// Stops the e-mails of `row`; its other channels go on.
pub async fn stop_emails(db: &Db, row: &saved_search::Model) -> Result<()> {
    let channels: Vec<Channel> = row
        .channels
        .0
        .iter()
        .copied()
        .filter(|channel| *channel != Channel::Email)
        .collect();
    let mut changed: saved_search::ActiveModel = row.clone().into();
    changed.channels = Set(Channels::of(&channels));
    changed.version = Set(row.version + 1);
    changed.updated_at = Set(Utc::now());
    changed.update(db).await?;
    Ok(())
}
