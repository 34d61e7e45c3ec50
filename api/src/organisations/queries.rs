//! Reads and writes on organisations and memberships.

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
    sea_query::{Expr, ExprTrait, Func},
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::dto::OrganisationQuery;
use crate::{
    entities::{
        organisation::{self, Entity as Organisation},
        organisation_member::{self, Entity as OrganisationMember},
    },
    error::{ApiError, Result},
};

/// A member's role in an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MemberRole {
    /// Manages the organisation and its members.
    Owner,
    /// Edits the organisation and publishes on its behalf.
    Editor,
}

impl MemberRole {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Owner => "owner",
            Self::Editor => "editor",
        }
    }

    pub fn from_stored(value: &str) -> Self {
        if value == "owner" {
            Self::Owner
        } else {
            Self::Editor
        }
    }
}

/// The caller's role in an organisation, if any.
pub async fn membership<C: ConnectionTrait>(
    db: &C,
    organisation: Uuid,
    user: Uuid,
) -> Result<Option<MemberRole>> {
    Ok(OrganisationMember::find_by_id((organisation, user))
        .one(db)
        .await?
        .map(|member| MemberRole::from_stored(&member.role)))
}

pub async fn find<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<organisation::Model> {
    Organisation::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("organisation"))
}

pub async fn owner_count<C: ConnectionTrait>(db: &C, organisation: Uuid) -> Result<u64> {
    Ok(OrganisationMember::find()
        .filter(organisation_member::Column::OrganisationId.eq(organisation))
        .filter(organisation_member::Column::Role.eq(MemberRole::Owner.as_str()))
        .count(db)
        .await?)
}

pub const DEFAULT_LIMIT: u64 = 20;
pub const MAX_LIMIT: u64 = 100;

/// One page, newest first. UUID v7 ids grow with time, so "after the last id seen" is a stable
/// cursor: rows created during a walk land before it and never shift the pages after it.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    query: &OrganisationQuery,
    after: Option<Uuid>,
    limit: u64,
) -> Result<Vec<organisation::Model>> {
    let mut select = Organisation::find()
        .order_by_desc(organisation::Column::Id)
        .limit(limit + 1);
    if let Some(kind) = query.kind {
        select = select.filter(organisation::Column::Kind.eq(kind.code()));
    }
    if let Some(country) = &query.country {
        select = select.filter(organisation::Column::Country.eq(country.to_uppercase()));
    }
    if let Some(verified) = query.verified {
        select = select.filter(organisation::Column::Verified.eq(verified));
    }
    if let Some(after) = after {
        select = select.filter(organisation::Column::Id.lt(after));
    }
    for word in query.q.iter().flat_map(|q| q.split_whitespace()).take(8) {
        let pattern = format!("%{}%", word.to_lowercase().replace(['%', '_'], ""));
        let lower = |column: organisation::Column| {
            Expr::expr(Func::lower(Func::coalesce([
                Expr::col(column),
                Expr::val(""),
            ])))
        };
        select = select.filter(
            Condition::any()
                .add(lower(organisation::Column::Name).like(pattern.clone()))
                .add(lower(organisation::Column::City).like(pattern.clone()))
                .add(lower(organisation::Column::Description).like(pattern)),
        );
    }
    Ok(select.all(db).await?)
}

/// Whether `member` may change an item owned by `owner` on behalf of `organisation`: its
/// author, or an owner or editor of its organisation.
pub async fn may_edit<C: ConnectionTrait>(
    db: &C,
    member: Uuid,
    owner: Uuid,
    organisation: Option<Uuid>,
) -> Result<bool> {
    if member == owner {
        return Ok(true);
    }
    match organisation {
        Some(organisation) => Ok(membership(db, organisation, member).await?.is_some()),
        None => Ok(false),
    }
}
