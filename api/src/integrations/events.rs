//! Marketplace events: what integrators hear about, through the public feed
//! (`GET /api/v1/events`) and through webhooks.
//!
//! An event is emitted inside the transaction of the write that caused it, so that it exists
//! if and only if the write happened. A public event gets the next number of the feed; every
//! event is queued for each webhook that listens for it (see `webhooks::queue`).
//!
//! The feed is gap-free: numbers are taken as `max + 1` while holding the change log's lock
//! (PostgreSQL) or the single writer (SQLite), so a reader that has seen n never misses an
//! n' < n committed later, and a rolled-back write leaves no hole.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

use super::webhooks;
use crate::{
    entities::{
        event::{self, Entity as Events},
        funding_application, funding_call, interest, opportunity, saved_search,
    },
    error::Result,
    opportunities::dto::Opportunity,
    search::changes,
};

/// What happened. Names are `<object>.<verb>` and never change meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
pub enum EventType {
    /// An opportunity was published. Public.
    #[serde(rename = "opportunity.created")]
    OpportunityCreated,
    /// A published opportunity changed (text, dates, status). Public.
    #[serde(rename = "opportunity.updated")]
    OpportunityUpdated,
    /// Someone expressed interest in one of the organisation's items. Private.
    #[serde(rename = "interest.received")]
    InterestReceived,
    /// An interest in one of the organisation's items was accepted, declined or withdrawn.
    /// Private.
    #[serde(rename = "interest.answered")]
    InterestAnswered,
    /// An application to a call for projects was submitted or moved by the funder (under
    /// review, accepted with the amount granted, rejected). Private: the applicant
    /// organisation and the funder hear it.
    #[serde(rename = "application.updated")]
    ApplicationUpdated,
    /// A saved search of one of the organisation's editors found new results. Private.
    #[serde(rename = "match.found")]
    MatchFound,
}

impl EventType {
    pub fn code(self) -> &'static str {
        match self {
            Self::OpportunityCreated => "opportunity.created",
            Self::OpportunityUpdated => "opportunity.updated",
            Self::InterestReceived => "interest.received",
            Self::InterestAnswered => "interest.answered",
            Self::ApplicationUpdated => "application.updated",
            Self::MatchFound => "match.found",
        }
    }

    /// Public events are in the feed and reach every webhook that listens for them; the
    /// others reach only the organisation concerned.
    pub fn is_public(self) -> bool {
        matches!(self, Self::OpportunityCreated | Self::OpportunityUpdated)
    }
}

/// An event about to be emitted.
#[derive(Debug, Clone)]
pub struct Event {
    pub event_type: EventType,
    pub subject_id: Uuid,
    /// The organisations a private event concerns (none: nobody but the feed hears it).
    pub organisations: Vec<Uuid>,
    pub data: Value,
}

impl Event {
    pub fn opportunity(event_type: EventType, row: &opportunity::Model) -> Self {
        // The public representation: an anonymous author stays hidden.
        let data = serde_json::to_value(Opportunity::from_row(row, false)).unwrap_or_default();
        Self {
            event_type,
            subject_id: row.id,
            organisations: row.organisation_id.into_iter().collect(),
            data,
        }
    }

    /// An interest, as the owner's organisation may know it: which item, and where it stands
    /// (who wrote and what is read through the API by the members, not pushed out).
    pub fn interest(event_type: EventType, row: &interest::Model) -> Self {
        Self {
            event_type,
            subject_id: row.id,
            organisations: row.owner_organisation_id.into_iter().collect(),
            data: serde_json::json!({
                "id": row.id,
                "target": {"kind": row.target_kind, "id": row.target_id},
                "status": row.status,
            }),
        }
    }

    /// An application where it stands, for the applicant organisation and the funder (the
    /// financing plan and the history are read through the API).
    pub fn application(row: &funding_application::Model, call: &funding_call::Model) -> Self {
        Self {
            event_type: EventType::ApplicationUpdated,
            subject_id: row.id,
            organisations: vec![row.organisation_id, call.funder_id],
            data: serde_json::json!({
                "id": row.id,
                "call_id": call.id,
                "project_id": row.project_id,
                "organisation_id": row.organisation_id,
                "status": row.status,
                "amount_requested": row.amount_requested,
                "amount_granted": row.amount_granted,
                "currency": call.currency,
            }),
        }
    }

    /// New results of a saved search, for the organisations its owner edits.
    pub fn match_found(
        search: &saved_search::Model,
        organisations: Vec<Uuid>,
        items: Value,
    ) -> Self {
        Self {
            event_type: EventType::MatchFound,
            subject_id: search.id,
            organisations,
            data: serde_json::json!({
                "saved_search": {"id": search.id, "name": search.name, "kind": search.kind},
                "items": items,
            }),
        }
    }
}

/// Records `event` in the write's transaction: the feed for public ones, the webhooks'
/// queues for all.
pub async fn emit<C: ConnectionTrait>(txn: &C, event: Event) -> Result<()> {
    let id = Uuid::now_v7();
    let occurred_at = Utc::now();
    if event.event_type.is_public() {
        changes::lock_log(txn).await?;
        let last: Option<i64> = Events::find()
            .select_only()
            .column_as(event::Column::Seq.max(), "max")
            .into_tuple::<Option<i64>>()
            .one(txn)
            .await?
            .flatten();
        Events::insert(event::ActiveModel {
            seq: Set(last.unwrap_or(0) + 1),
            id: Set(id),
            event_type: Set(event.event_type.code().into()),
            subject_id: Set(event.subject_id),
            data: Set(event.data.clone()),
            occurred_at: Set(occurred_at),
        })
        .exec_without_returning(txn)
        .await?;
    }
    webhooks::queue(
        txn,
        &event,
        &envelope(id, event.event_type.code(), occurred_at, &event.data),
    )
    .await
}

/// The body every webhook receives (the Standard Webhooks shape: type, timestamp, data).
pub fn envelope(id: Uuid, event_type: &str, at: DateTime<Utc>, data: &Value) -> Value {
    serde_json::json!({"id": id, "type": event_type, "timestamp": at, "data": data})
}

/// One entry of the public feed.
#[derive(Debug, Serialize, ToSchema)]
pub struct FeedEvent {
    /// The position in the feed: 1, 2, 3 ... without gaps. Poll with `after=<the last seen>`.
    pub sequence: i64,
    pub id: Uuid,
    #[serde(rename = "type")]
    pub event_type: EventType,
    pub subject_id: Uuid,
    pub occurred_at: DateTime<Utc>,
    /// The object as a public read shows it at that moment (an opportunity for
    /// `opportunity.*`).
    #[schema(value_type = Object)]
    pub data: Value,
}

/// Up to `limit` public events after `after`, oldest first.
pub async fn after<C: ConnectionTrait>(db: &C, after: i64, limit: u64) -> Result<Vec<FeedEvent>> {
    let rows = Events::find()
        .filter(event::Column::Seq.gt(after))
        .order_by_asc(event::Column::Seq)
        .limit(limit)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let event_type = serde_json::from_value(Value::String(row.event_type)).ok()?;
            Some(FeedEvent {
                sequence: row.seq,
                id: row.id,
                event_type,
                subject_id: row.subject_id,
                occurred_at: row.occurred_at,
                data: row.data,
            })
        })
        .collect())
}
