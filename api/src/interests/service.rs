//! Sending, reading and answering expressions of interest.

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
    sea_query::{Expr, OnConflict, Query as SqlQuery},
};
use uuid::Uuid;

use super::{
    dto::{Interest, InterestBox, InterestPage, InterestQuery, InterestStatus, Target},
    target::{self, TargetKind},
};
use crate::{
    conversations::{self, people},
    db::Db,
    entities::{
        interest::{self, Entity as InterestEntity},
        organisation_member::{self, Entity as OrganisationMember},
        user::Entity as User,
    },
    error::{ApiError, Result},
    http::fields::parse_code,
    organisations::may_edit,
    paging::{NewestFirst, next_cursor},
};

/// The window of the per-member cap on expressions of interest.
const CAP_WINDOW: TimeDelta = TimeDelta::hours(24);

/// Which side of an interest a member is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Sender,
    /// The target's owner, or an editor of its organisation.
    Owner,
}

/// Whether `member` sent an accepted interest in this item: its anonymous owner is then shown
/// to them.
pub async fn has_accepted_interest<C: ConnectionTrait>(
    db: &C,
    member: Uuid,
    kind: TargetKind,
    target: Uuid,
) -> Result<bool> {
    Ok(InterestEntity::find()
        .filter(interest::Column::SenderId.eq(member))
        .filter(interest::Column::TargetKind.eq(kind.as_str()))
        .filter(interest::Column::TargetId.eq(target))
        .filter(interest::Column::Status.eq(InterestStatus::Accepted.as_str()))
        .count(db)
        .await?
        > 0)
}

/// The member's side of an interest, or `None` when they have no part in it.
pub async fn side_of<C: ConnectionTrait>(
    db: &C,
    member: Uuid,
    row: &interest::Model,
) -> Result<Option<Side>> {
    if row.sender_id == member {
        Ok(Some(Side::Sender))
    } else if may_edit(db, member, row.owner_id, row.owner_organisation_id).await? {
        Ok(Some(Side::Owner))
    } else {
        Ok(None)
    }
}

/// The interest and the member's side of it; 404 for outsiders, who learn nothing of it.
pub async fn joined<C: ConnectionTrait>(
    db: &C,
    member: Uuid,
    id: Uuid,
) -> Result<(interest::Model, Side)> {
    let not_found = || ApiError::NotFound("interest");
    let row = InterestEntity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    let side = side_of(db, member, &row).await?.ok_or_else(not_found)?;
    Ok((row, side))
}

/// Refuses with 429 when the sender already sent `per_day` interests in the last 24 hours.
/// The sender's row is locked first (PostgreSQL; SQLite's write transaction already holds the
/// database), so two racing requests cannot both pass the count.
pub async fn check_cap<C: ConnectionTrait>(db: &C, sender: Uuid, per_day: u32) -> Result<()> {
    User::find_by_id(sender).lock_exclusive().one(db).await?;
    let now = Utc::now();
    let sent: Vec<DateTime<Utc>> = InterestEntity::find()
        .select_only()
        .column(interest::Column::CreatedAt)
        .filter(interest::Column::SenderId.eq(sender))
        .filter(interest::Column::CreatedAt.gt(now - CAP_WINDOW))
        .order_by_asc(interest::Column::CreatedAt)
        .into_tuple()
        .all(db)
        .await?;
    let cap = per_day as usize;
    if sent.len() < cap {
        return Ok(());
    }
    // Allowed again when enough of the oldest interests have left the window.
    let freed_at = sent
        .get(sent.len() - cap)
        .map_or(now + CAP_WINDOW, |oldest| *oldest + CAP_WINDOW);
    Err(ApiError::RateLimited {
        retry_after_seconds: (freed_at - now).num_seconds().max(1) as u64,
    })
}

/// How long a declined sender waits before writing again about the same item.
const AFTER_DECLINE: TimeDelta = TimeDelta::days(30);

/// 409 (with the date it lifts) when the owner declined this sender's interest in this item
/// less than 30 days ago: a "no" is not to be worn down by asking again.
pub async fn check_not_declined<C: ConnectionTrait>(
    db: &C,
    sender: Uuid,
    target_kind: &str,
    target: Uuid,
) -> Result<()> {
    let now = Utc::now();
    let declined: Option<DateTime<Utc>> = InterestEntity::find()
        .select_only()
        .column(interest::Column::AnsweredAt)
        .filter(interest::Column::SenderId.eq(sender))
        .filter(interest::Column::TargetKind.eq(target_kind))
        .filter(interest::Column::TargetId.eq(target))
        .filter(interest::Column::Status.eq(InterestStatus::Declined.as_str()))
        .filter(interest::Column::AnsweredAt.gt(now - AFTER_DECLINE))
        .order_by_desc(interest::Column::AnsweredAt)
        .into_tuple::<Option<DateTime<Utc>>>()
        .one(db)
        .await?
        .flatten();
    match declined {
        Some(at) => Err(ApiError::Conflict(format!(
            "your interest in this item was declined; you may write again from {}",
            (at + AFTER_DECLINE).format("%Y-%m-%d")
        ))),
        None => Ok(()),
    }
}

/// Inserts a pending interest; 409 when the sender already has one pending on this target.
/// The partial unique index decides, so two racing requests cannot both succeed, and
/// `DO NOTHING` keeps PostgreSQL's transaction usable after the collision.
pub async fn insert_pending<C: ConnectionTrait>(db: &C, row: interest::Model) -> Result<()> {
    let inserted = InterestEntity::insert(interest::ActiveModel::from(row))
        .on_conflict(
            OnConflict::columns([
                interest::Column::SenderId,
                interest::Column::TargetKind,
                interest::Column::TargetId,
            ])
            .target_and_where(Expr::cust("status = 'pending'"))
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    if inserted == 1 {
        Ok(())
    } else {
        Err(ApiError::Conflict(
            "you already have a pending interest in this item".into(),
        ))
    }
}

/// Moves a pending interest to `status`; 409 when it is no longer pending (answered, or
/// withdrawn meanwhile: the condition is in the update, so a race cannot answer twice).
pub async fn settle<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    status: InterestStatus,
) -> Result<interest::Model> {
    let now = Utc::now();
    let updated = InterestEntity::update_many()
        .col_expr(interest::Column::Status, Expr::value(status.as_str()))
        .col_expr(interest::Column::AnsweredAt, Expr::value(now))
        .col_expr(interest::Column::UpdatedAt, Expr::value(now))
        .filter(interest::Column::Id.eq(id))
        .filter(interest::Column::Status.eq(InterestStatus::Pending.as_str()))
        .exec(db)
        .await?;
    if updated.rows_affected != 1 {
        return Err(ApiError::Conflict(
            "this interest is no longer pending".into(),
        ));
    }
    InterestEntity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("interest"))
}

/// A new pending interest row.
pub fn pending(
    sender: Uuid,
    organisation: Option<Uuid>,
    item: &target::Item,
    message: String,
    answer_days: u32,
) -> interest::Model {
    let now = Utc::now();
    interest::Model {
        id: Uuid::now_v7(),
        sender_id: sender,
        sender_organisation_id: organisation,
        target_kind: item.kind.as_str().into(),
        target_id: item.id,
        owner_id: item.owner_id,
        owner_organisation_id: item.organisation_id,
        message: message.trim().to_owned(),
        status: InterestStatus::Pending.as_str().into(),
        answer_by: now + TimeDelta::days(i64::from(answer_days)),
        answered_at: None,
        created_at: now,
        updated_at: now,
    }
}

pub fn kind_of(row: &interest::Model) -> TargetKind {
    parse_code(&row.target_kind).unwrap_or(TargetKind::Opportunity)
}

pub fn status_of(row: &interest::Model) -> InterestStatus {
    parse_code(&row.status).unwrap_or(InterestStatus::Withdrawn)
}

/// The interests as `reader` sees them, with a handful of queries for the whole list. The
/// owner appears only in `counterpart`, and only once accepted.
pub async fn views<C: ConnectionTrait>(
    db: &C,
    reader: Uuid,
    rows: &[interest::Model],
) -> Result<Vec<Interest>> {
    let titles = target::titles(db, rows.iter().map(|row| (kind_of(row), row.target_id))).await?;
    let accepted: Vec<&interest::Model> = rows
        .iter()
        .filter(|row| status_of(row) == InterestStatus::Accepted)
        .collect();
    let conversations =
        conversations::service::by_interest(db, accepted.iter().map(|row| row.id).collect())
            .await?;
    let persons = people::find(
        db,
        rows.iter()
            .map(|row| row.sender_id)
            .chain(accepted.iter().map(|row| row.owner_id)),
    )
    .await?;
    let now = Utc::now();
    let mut views = Vec::with_capacity(rows.len());
    for row in rows {
        let status = status_of(row);
        let sender = persons
            .get(&row.sender_id)
            .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("no sender {}", row.sender_id)))?;
        let counterpart = match status {
            InterestStatus::Accepted if row.sender_id == reader => {
                persons.get(&row.owner_id).map(people::Person::contact)
            }
            InterestStatus::Accepted => Some(sender.contact()),
            _ => None,
        };
        views.push(Interest {
            id: row.id,
            target: Target {
                kind: kind_of(row),
                id: row.target_id,
                title: titles.get(&row.target_id).cloned(),
            },
            sender: sender.name(),
            organisation_id: row.sender_organisation_id,
            message: row.message.clone(),
            status,
            answer_by: row.answer_by,
            overdue: status == InterestStatus::Pending && now > row.answer_by,
            answered_at: row.answered_at,
            conversation_id: conversations.get(&row.id).copied(),
            counterpart,
            created_at: row.created_at,
        });
    }
    Ok(views)
}

/// A page of the interests `member` sent, or received on their own items and their
/// organisations' (the query's mailbox), newest first.
pub async fn page_of(db: &Db, member: Uuid, query: &InterestQuery) -> Result<InterestPage> {
    let page = NewestFirst::parse(query.limit, query.cursor.as_deref())?;
    let whose = match query.mailbox {
        InterestBox::Sent => Condition::all().add(interest::Column::SenderId.eq(member)),
        InterestBox::Received => {
            let my_organisations = SqlQuery::select()
                .column(organisation_member::Column::OrganisationId)
                .from(OrganisationMember)
                .and_where(organisation_member::Column::UserId.eq(member))
                .to_owned();
            Condition::any()
                .add(interest::Column::OwnerId.eq(member))
                .add(interest::Column::OwnerOrganisationId.in_subquery(my_organisations))
        }
    };
    let mut select = InterestEntity::find()
        .filter(whose)
        .order_by_desc(interest::Column::Id)
        .limit(page.fetch());
    if let Some(status) = query.status {
        select = select.filter(interest::Column::Status.eq(status.as_str()));
    }
    if let Some(before) = page.before {
        select = select.filter(interest::Column::Id.lt(before));
    }
    let mut rows = select.all(db).await?;
    let next_cursor = next_cursor(&mut rows, page, |row| row.id);
    let items = views(db, member, &rows).await?;
    Ok(InterestPage { items, next_cursor })
}
