//! An organisation's webhooks as stored: the one an owner asks for, the list, a new one (ten at
//! most), a change and a delete. The delivery of events is `webhooks`.

use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

use super::{
    dto::{NewWebhook, WebhookChanges},
    signing,
};
use crate::{
    accounts::Member,
    db::{self, Db},
    entities::webhook::{self, Entity as Webhooks},
    error::{ApiError, Result},
    organisations::{queries, require_owner},
};

/// Webhooks an organisation may have.
const MAX_WEBHOOKS: usize = 10;

/// The webhook `id` of `organisation`, after checking the caller owns it; another
/// organisation's webhook is a 404.
pub async fn owned<C: ConnectionTrait>(
    db: &C,
    member: &Member,
    organisation: Uuid,
    id: Uuid,
) -> Result<webhook::Model> {
    require_owned_organisation(db, member, organisation).await?;
    Webhooks::find_by_id(id)
        .filter(webhook::Column::OrganisationId.eq(organisation))
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("webhook"))
}

/// The organisation exists (404) and the member owns it (403).
pub async fn require_owned_organisation<C: ConnectionTrait>(
    db: &C,
    member: &Member,
    organisation: Uuid,
) -> Result<()> {
    queries::find(db, organisation).await?;
    require_owner(db, organisation, member).await
}

/// The organisation's webhooks, oldest first.
pub async fn of_organisation<C: ConnectionTrait>(
    db: &C,
    organisation: Uuid,
) -> Result<Vec<webhook::Model>> {
    Ok(Webhooks::find()
        .filter(webhook::Column::OrganisationId.eq(organisation))
        .order_by_asc(webhook::Column::CreatedAt)
        .all(db)
        .await?)
}

/// A new webhook of the organisation (409 past ten), with a fresh signing secret.
pub async fn register<C: ConnectionTrait>(
    txn: &C,
    organisation: Uuid,
    member: Uuid,
    new: NewWebhook,
) -> Result<webhook::Model> {
    if of_organisation(txn, organisation).await?.len() >= MAX_WEBHOOKS {
        return Err(ApiError::Conflict(format!(
            "an organisation has at most {MAX_WEBHOOKS} webhooks"
        )));
    }
    let now = Utc::now();
    Ok(Webhooks::insert(webhook::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(organisation),
        created_by: Set(member),
        url: Set(new.url),
        events: Set(serde_json::json!(new.events)),
        secret: Set(signing::new_secret()),
        active: Set(true),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec_with_returning(txn)
    .await?)
}

/// Writes checked changes to a webhook read at its version (412 if it moved since).
pub async fn change(db: &Db, current: &webhook::Model, changes: WebhookChanges) -> Result<()> {
    let mut row = webhook::ActiveModel {
        version: Set(current.version + 1),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    if let Some(url) = changes.url {
        row.url = Set(url);
    }
    if let Some(events) = changes.events {
        row.events = Set(serde_json::json!(events));
    }
    if let Some(active) = changes.active {
        row.active = Set(active);
    }
    let txn = db::write_transaction(db).await?;
    db::update_versioned::<Webhooks, _>(&txn, row, current).await?;
    txn.commit().await?;
    Ok(())
}

/// Deletes a webhook read at its version (412 if it moved since), with its delivery log.
pub async fn delete(db: &Db, current: &webhook::Model) -> Result<()> {
    let txn = db::write_transaction(db).await?;
    db::delete_versioned::<Webhooks, _>(&txn, current).await?;
    txn.commit().await?;
    Ok(())
}
