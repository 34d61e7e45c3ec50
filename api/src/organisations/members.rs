//! `/api/v1/organisations/{id}/members`: owners promote and remove members; anyone may leave;
//! an organisation always keeps at least one owner. Newcomers join by accepting an invitation
//! (see `invitations`), never by being added: joining takes their consent.

use crate::http::body::Json;
use actix_web::{
    HttpResponse, delete, get, patch,
    web::{Data, Path},
};
use sea_orm::{
    ColumnTrait, DatabaseTransaction, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::{
    dto::{MembershipChange, OrganisationMember},
    queries::{self, MemberRole, membership, owner_count},
};
use crate::db::Db;
use crate::{
    accounts::{Member, users},
    db,
    entities::{
        organisation::Entity as OrganisationEntity,
        organisation_member::{self, Entity as Membership},
        user::Entity as User,
    },
    error::{ApiError, Result, responses},
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_members)
        .service(change_member)
        .service(remove_member);
}

/// The members of an organisation and their roles.
#[utoipa::path(
    tag = "organisations",
    operation_id = "listOrganisationMembers",
    params(("id" = Uuid, Path, description = "The organisation's id")),
    responses(
        (status = 200, description = "The members", body = Vec<OrganisationMember>),
        (status = 404, response = responses::NotFound),
    ),
    security(())
)]
#[get("/organisations/{id}/members")]
async fn list_members(db: Data<Db>, id: Path<Uuid>) -> Result<HttpResponse> {
    let organisation = queries::find(db.get_ref(), *id).await?;
    let rows = Membership::find()
        .filter(organisation_member::Column::OrganisationId.eq(organisation.id))
        .order_by_asc(organisation_member::Column::JoinedAt)
        .find_also_related_users(db.get_ref())
        .await?;
    Ok(HttpResponse::Ok().json(rows))
}

trait FindMembersWithUsers {
    async fn find_also_related_users(self, db: &Db) -> Result<Vec<OrganisationMember>>;
}

impl FindMembersWithUsers for sea_orm::Select<Membership> {
    /// Joins each membership with its member's display name, in two queries.
    async fn find_also_related_users(self, db: &Db) -> Result<Vec<OrganisationMember>> {
        let memberships = self.all(db).await?;
        let ids: Vec<Uuid> = memberships.iter().map(|m| m.user_id).collect();
        let names: std::collections::HashMap<Uuid, String> = User::find()
            .filter(crate::entities::user::Column::Id.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .map(|user| (user.id, user.display_name))
            .collect();
        Ok(memberships
            .into_iter()
            .map(|m| OrganisationMember {
                display_name: names.get(&m.user_id).cloned().unwrap_or_default(),
                user_id: m.user_id,
                role: MemberRole::from_stored(&m.role),
                joined_at: m.joined_at,
            })
            .collect())
    }
}

/// Serialises membership changes of one organisation, so that two owners stepping down at
/// once cannot leave it without an owner. SQLite's immediate transaction already does.
pub(super) async fn lock_organisation(txn: &DatabaseTransaction, id: Uuid) -> Result<()> {
    let mut select = OrganisationEntity::find_by_id(id);
    if sea_orm::ConnectionTrait::get_database_backend(txn) == DbBackend::Postgres {
        select = select.lock_exclusive();
    }
    select
        .one(txn)
        .await?
        .ok_or(ApiError::NotFound("organisation"))?;
    Ok(())
}

/// Refuses (403) unless `member` owns the organisation.
pub async fn require_owner<C: sea_orm::ConnectionTrait>(
    db: &C,
    organisation: Uuid,
    member: &Member,
) -> Result<()> {
    member.require_acts_for(Some(organisation))?;
    match membership(db, organisation, member.id()).await? {
        Some(MemberRole::Owner) => Ok(()),
        _ => Err(ApiError::Forbidden),
    }
}

/// Changes a member's role (owners only). The last owner cannot step down.
#[utoipa::path(
    tag = "organisations",
    operation_id = "changeOrganisationMember",
    params(
        ("id" = Uuid, Path, description = "The organisation's id"),
        ("user_id" = Uuid, Path, description = "The member's id"),
    ),
    request_body = MembershipChange,
    responses(
        (status = 200, description = "The membership after the change", body = OrganisationMember),
        responses::ItemBodyRefusals,
        (status = 409, response = responses::Conflict),
    ),
    security(("bearer" = []))
)]
#[patch("/organisations/{id}/members/{user_id}")]
async fn change_member(
    db: Data<Db>,
    member: Member,
    path: Path<(Uuid, Uuid)>,
    body: Json<MembershipChange>,
) -> Result<HttpResponse> {
    let (organisation, user) = path.into_inner();
    let txn = db::write_transaction(&db).await?;
    lock_organisation(&txn, organisation).await?;
    require_owner(&txn, organisation, &member).await?;
    membership(&txn, organisation, user)
        .await?
        .ok_or(ApiError::NotFound("membership"))?;
    Membership::update_many()
        .col_expr(
            organisation_member::Column::Role,
            sea_orm::sea_query::Expr::value(body.role.as_str()),
        )
        .filter(organisation_member::Column::OrganisationId.eq(organisation))
        .filter(organisation_member::Column::UserId.eq(user))
        .exec(&txn)
        .await?;
    ensure_an_owner_remains(&txn, organisation).await?;
    let updated = Membership::find_by_id((organisation, user))
        .one(&txn)
        .await?
        .ok_or(ApiError::NotFound("membership"))?;
    let name = users::find(&txn, user)
        .await?
        .map(|u| u.display_name)
        .unwrap_or_default();
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(OrganisationMember {
        user_id: user,
        display_name: name,
        role: body.role,
        joined_at: updated.joined_at,
    }))
}

/// Removes a member (owners), or leaves (any member removing themselves). The last owner
/// cannot leave.
#[utoipa::path(
    tag = "organisations",
    operation_id = "removeOrganisationMember",
    params(
        ("id" = Uuid, Path, description = "The organisation's id"),
        ("user_id" = Uuid, Path, description = "The member's id"),
    ),
    responses(
        (status = 204, description = "Removed"),
        responses::ItemRefusals,
        (status = 409, response = responses::Conflict),
    ),
    security(("bearer" = []))
)]
#[delete("/organisations/{id}/members/{user_id}")]
async fn remove_member(
    db: Data<Db>,
    member: Member,
    path: Path<(Uuid, Uuid)>,
) -> Result<HttpResponse> {
    let (organisation, user) = path.into_inner();
    let txn = db::write_transaction(&db).await?;
    lock_organisation(&txn, organisation).await?;
    if user != member.id() {
        require_owner(&txn, organisation, &member).await?;
    }
    let removed = Membership::delete_many()
        .filter(organisation_member::Column::OrganisationId.eq(organisation))
        .filter(organisation_member::Column::UserId.eq(user))
        .exec(&txn)
        .await?;
    if removed.rows_affected == 0 {
        return Err(ApiError::NotFound("membership"));
    }
    ensure_an_owner_remains(&txn, organisation).await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Fails the transaction (which then rolls back) when no owner would remain.
async fn ensure_an_owner_remains(txn: &DatabaseTransaction, organisation: Uuid) -> Result<()> {
    if owner_count(txn, organisation).await? == 0 {
        return Err(ApiError::Conflict(
            "an organisation keeps at least one owner; name another owner first".into(),
        ));
    }
    Ok(())
}
