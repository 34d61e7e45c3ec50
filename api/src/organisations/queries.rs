//! Reads and writes on organisations and memberships.

use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QuerySelect,
};
use uuid::Uuid;

use super::{dto::NewOrganisation, listing};
use crate::{
    codelist::codelist,
    db::{self, Db},
    entities::{
        organisation::{self, Entity as Organisation},
        organisation_member::{self, Entity as OrganisationMember},
    },
    error::{ApiError, Result},
    search::{ChangeKind, changes},
    taxonomies::CountryCode,
};

codelist! {
    /// A member's role in an organisation.
    pub enum MemberRole {
        /// Manages the organisation and its members.
        Owner,
        /// Edits the organisation and publishes on its behalf.
        Editor,
    }
}

impl MemberRole {
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

/// Marks `current` verified by `facilitator`, or no longer verified (`None`); the listings
/// follow (the verification counts in matching).
pub async fn set_verified(
    db: &Db,
    current: &organisation::Model,
    facilitator: Option<Uuid>,
) -> Result<organisation::Model> {
    let now = Utc::now();
    let row = organisation::ActiveModel {
        verified: Set(facilitator.is_some()),
        verified_at: Set(facilitator.map(|_| now)),
        verified_by: Set(facilitator),
        version: Set(current.version + 1),
        updated_at: Set(now),
        ..Default::default()
    };
    let txn = db::write_transaction(db).await?;
    Organisation::update_many()
        .set(row)
        .filter(organisation::Column::Id.eq(current.id))
        .exec(&txn)
        .await?;
    let row = find(&txn, current.id).await?;
    changes::record(&txn, ChangeKind::Organisation, current.id).await?;
    txn.commit().await?;
    Ok(row)
}

/// The organisations `user` acts for (every member is an owner or an editor).
pub async fn organisations_of<C: ConnectionTrait>(db: &C, user: Uuid) -> Result<Vec<Uuid>> {
    Ok(OrganisationMember::find()
        .filter(organisation_member::Column::UserId.eq(user))
        .all(db)
        .await?
        .into_iter()
        .map(|member| member.organisation_id)
        .collect())
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

/// Refuses (403) unless `member` may change the item: the rule of [`may_edit`] as an answer.
pub async fn require_editor<C: ConnectionTrait>(
    db: &C,
    member: Uuid,
    owner: Uuid,
    organisation: Option<Uuid>,
) -> Result<()> {
    if may_edit(db, member, owner, organisation).await? {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

/// The projects and opportunities published for an organisation.
pub async fn published_for<C: ConnectionTrait>(
    db: &C,
    organisation: Uuid,
) -> Result<(Vec<Uuid>, Vec<Uuid>)> {
    use crate::entities::{opportunity, project};
    let projects = project::Entity::find()
        .select_only()
        .column(project::Column::Id)
        .filter(project::Column::OrganisationId.eq(organisation))
        .into_tuple()
        .all(db)
        .await?;
    let opportunities = opportunity::Entity::find()
        .select_only()
        .column(opportunity::Column::Id)
        .filter(opportunity::Column::OrganisationId.eq(organisation))
        .into_tuple()
        .all(db)
        .await?;
    Ok((projects, opportunities))
}

/// The name of an organisation that `member` owns alone while it has other members: leaving
/// would leave them without an owner.
pub async fn left_without_owner<C: ConnectionTrait>(
    db: &C,
    member: Uuid,
) -> Result<Option<String>> {
    let owned: Vec<Uuid> = OrganisationMember::find()
        .select_only()
        .column(organisation_member::Column::OrganisationId)
        .filter(organisation_member::Column::UserId.eq(member))
        .filter(organisation_member::Column::Role.eq(MemberRole::Owner.as_str()))
        .into_tuple()
        .all(db)
        .await?;
    for organisation in owned {
        let members = OrganisationMember::find()
            .filter(organisation_member::Column::OrganisationId.eq(organisation))
            .all(db)
            .await?;
        let owners = members
            .iter()
            .filter(|row| row.role == MemberRole::Owner.as_str())
            .count();
        if owners == 1 && members.len() > 1 {
            return Ok(Some(find(db, organisation).await?.name));
        }
    }
    Ok(None)
}

/// Creates an organisation with `owner` as its first owner.
pub async fn insert<C: ConnectionTrait>(
    txn: &C,
    owner: Uuid,
    new: NewOrganisation,
    country: CountryCode,
) -> Result<organisation::Model> {
    let now = Utc::now();
    let id = Uuid::now_v7();
    let (search_text, search_title) =
        listing::indexed_text(&new.name, new.city.as_deref(), new.description.as_deref());
    let row = organisation::ActiveModel {
        id: Set(id),
        name: Set(new.name.trim().to_owned()),
        kind: Set(new.kind),
        country: Set(country.into_string()),
        city: Set(new
            .city
            .map(|city| city.trim().to_owned())
            .filter(|city| !city.is_empty())),
        website: Set(new.website),
        description: Set(new.description),
        verified: Set(false),
        verified_at: Set(None),
        verified_by: Set(None),
        search_text: Set(search_text),
        search_title: Set(search_title),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    };
    Organisation::insert(row)
        .exec_without_returning(txn)
        .await?;
    let owner = organisation_member::ActiveModel {
        organisation_id: Set(id),
        user_id: Set(owner),
        role: Set(MemberRole::Owner.as_str().into()),
        joined_at: Set(now),
    };
    organisation_member::Entity::insert(owner)
        .exec_without_returning(txn)
        .await?;
    find(txn, id).await
}
