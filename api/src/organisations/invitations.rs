//! Invitations to join an organisation: an owner invites an address with a role, and only the
//! holder of that address — signed in, the address confirmed — accepts (and becomes a member)
//! or declines.
//!
//! Inviting answers the same whatever the address: with an account or not, already a member or
//! not. An owner learns nothing about who is registered, and nobody joins without consent.
//!
//! - `POST|GET /organisations/{id}/invitations`, `DELETE .../{invitation_id}`: the owners';
//! - `GET /me/invitations`, `POST /invitations/{id}/accept|decline`: the invitee's.

use crate::http::body::Json;
use actix_web::{
    HttpResponse, delete, get, post,
    web::{Data, Path},
};
use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::OnConflict,
};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::{
    dto::{Invitation, InvitationStatus, NewInvitation, ReceivedInvitation},
    invitation_notices,
    members::{lock_organisation, require_owner},
    queries::{self, MemberRole},
};
use crate::db::Db;
use crate::{
    accounts::{EmailAddress, Member, may_mail, users},
    config::Config,
    conversations::people,
    db,
    editing::item_action,
    entities::{
        organisation::Entity as OrganisationEntity,
        organisation_invitation::{self, Entity as Invitations},
        organisation_member::{self, Entity as Membership},
    },
    error::{ApiError, Result, responses},
    notifications::{self, NotificationKind},
};

/// How long an invitation waits for its answer: long enough for someone without an account to
/// notice the e-mail and register, short enough that a forgotten one does not linger.
const INVITATION_LIFETIME: TimeDelta = TimeDelta::days(14);

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_invitation)
        .service(list_invitations)
        .service(withdraw_invitation)
        .service(my_invitations)
        .service(accept_invitation)
        .service(decline_invitation);
}

/// Invites an address to join the organisation with a role (owners only).
///
/// The answer is the same whether or not the address has an account or already belongs to the
/// organisation. A member with that address is told in the app and by e-mail; an address
/// without an account gets an e-mail inviting it to register, and the invitation waits for it.
/// Inviting the same address again while the invitation is pending renews it (role, fourteen
/// more days). E-mails to one address are limited per hour; past the limit, none is sent and
/// the answer does not change.
#[utoipa::path(
    tag = "organisations",
    operation_id = "inviteToOrganisation",
    params(("id" = Uuid, Path, description = "The organisation's id")),
    request_body = NewInvitation,
    responses(
        (status = 202, description = "The invitation is pending; the address's holder will be told", body = Invitation),
        responses::ItemBodyRefusals,
    ),
    security(("bearer" = []))
)]
#[post("/organisations/{id}/invitations")]
async fn create_invitation(
    db: Data<Db>,
    config: Data<Config>,
    member: Member,
    id: Path<Uuid>,
    body: Json<NewInvitation>,
) -> Result<HttpResponse> {
    body.validate()?;
    let email =
        EmailAddress::parse("email", &body.email).map_err(|e| ApiError::Validation(vec![e]))?;
    let organisation = queries::find(db.get_ref(), *id).await?;
    // Checked before the mail throttle counts this request, and again under the lock below.
    require_owner(db.get_ref(), organisation.id, &member).await?;
    // An invitation is sent in the owner's name: their own address must be theirs.
    member.require_verified_email()?;
    // Counted before the transaction: the throttle writes on its own (one writer on SQLite).
    let mail = may_mail(&db, &config, email.as_str()).await?;

    let txn = db::write_transaction(&db).await?;
    lock_organisation(&txn, organisation.id).await?;
    require_owner(&txn, organisation.id, &member).await?;
    let invitation = renew_or_create(&txn, organisation.id, &email, body.role, member.id()).await?;
    // A suspended account is told nothing; the owner's answer is the same.
    let invitee = users::find_by_email(&txn, email.as_str())
        .await?
        .filter(|user| !user.suspended);
    let context = invitation_notices::Invited {
        invitation: &invitation,
        organisation_name: &organisation.name,
        inviter_name: &member.user.display_name,
        public_url: &config.public_url,
    };
    match &invitee {
        Some(user) => context.tell_member(&txn, user, mail).await?,
        None if mail => context.invite_to_register(&txn).await?,
        None => {}
    }
    txn.commit().await?;
    Ok(HttpResponse::Accepted().json(Invitation::from(&invitation)))
}

/// The pending invitation for this address, renewed, or a new one. The caller holds the
/// organisation's lock, so two owners inviting the same address at once renew one row (and
/// the unique index stands behind it).
async fn renew_or_create<C: ConnectionTrait>(
    db: &C,
    organisation: Uuid,
    email: &EmailAddress,
    role: MemberRole,
    owner: Uuid,
) -> Result<organisation_invitation::Model> {
    let now = Utc::now();
    let pending = Invitations::find()
        .filter(organisation_invitation::Column::OrganisationId.eq(organisation))
        .filter(organisation_invitation::Column::Email.eq(email.as_str()))
        .filter(organisation_invitation::Column::Status.eq(InvitationStatus::Pending.as_str()))
        .one(db)
        .await?;
    let row = match pending {
        Some(pending) => organisation_invitation::ActiveModel {
            id: sea_orm::ActiveValue::Unchanged(pending.id),
            role: Set(role.as_str().into()),
            invited_by: Set(owner),
            expires_at: Set(now + INVITATION_LIFETIME),
            ..Default::default()
        },
        None => {
            let row = organisation_invitation::ActiveModel {
                id: Set(Uuid::now_v7()),
                organisation_id: Set(organisation),
                email: Set(email.as_str().into()),
                role: Set(role.as_str().into()),
                invited_by: Set(owner),
                status: Set(InvitationStatus::Pending.as_str().into()),
                created_at: Set(now),
                expires_at: Set(now + INVITATION_LIFETIME),
                answered_at: Set(None),
            };
            return Ok(Invitations::insert(row).exec_with_returning(db).await?);
        }
    };
    Ok(Invitations::update(row).exec(db).await?)
}

/// The organisation's pending invitations, newest first (owners only). Expired ones are left
/// out: inviting the address again renews them.
#[utoipa::path(
    tag = "organisations",
    operation_id = "listOrganisationInvitations",
    params(("id" = Uuid, Path, description = "The organisation's id")),
    responses(
        (status = 200, description = "The pending invitations", body = Vec<Invitation>),
        responses::ItemRefusals,
    ),
    security(("bearer" = []))
)]
#[get("/organisations/{id}/invitations")]
async fn list_invitations(db: Data<Db>, member: Member, id: Path<Uuid>) -> Result<HttpResponse> {
    let organisation = queries::find(db.get_ref(), *id).await?;
    require_owner(db.get_ref(), organisation.id, &member).await?;
    let rows = pending()
        .filter(organisation_invitation::Column::OrganisationId.eq(organisation.id))
        .order_by_desc(organisation_invitation::Column::CreatedAt)
        .all(db.get_ref())
        .await?;
    let items: Vec<Invitation> = rows.iter().map(Invitation::from).collect();
    Ok(HttpResponse::Ok().json(items))
}

/// Withdraws a pending invitation (owners only): it can no longer be accepted.
#[utoipa::path(
    tag = "organisations",
    operation_id = "withdrawOrganisationInvitation",
    params(
        ("id" = Uuid, Path, description = "The organisation's id"),
        ("invitation_id" = Uuid, Path, description = "The invitation's id"),
    ),
    responses(
        (status = 204, description = "Withdrawn"),
        responses::ItemRefusals,
    ),
    security(("bearer" = []))
)]
#[delete("/organisations/{id}/invitations/{invitation_id}")]
async fn withdraw_invitation(
    db: Data<Db>,
    member: Member,
    path: Path<(Uuid, Uuid)>,
) -> Result<HttpResponse> {
    let (organisation, invitation) = path.into_inner();
    let txn = db::write_transaction(&db).await?;
    lock_organisation(&txn, organisation).await?;
    require_owner(&txn, organisation, &member).await?;
    // Answered invitations are history (the owner was told the answer); only a pending one goes.
    let removed = Invitations::delete_many()
        .filter(organisation_invitation::Column::Id.eq(invitation))
        .filter(organisation_invitation::Column::OrganisationId.eq(organisation))
        .filter(organisation_invitation::Column::Status.eq(InvitationStatus::Pending.as_str()))
        .exec(&txn)
        .await?;
    if removed.rows_affected == 0 {
        return Err(ApiError::NotFound("invitation"));
    }
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The caller's pending invitations, newest first, with the organisations' names.
///
/// Only a confirmed address sees the invitations sent to it (403 `email_not_verified`
/// otherwise): registering with someone else's address shows nothing.
#[utoipa::path(
    tag = "me",
    operation_id = "listMyInvitations",
    responses(
        (status = 200, description = "The pending invitations to the caller's address", body = Vec<ReceivedInvitation>),
        (status = 401, response = responses::Unauthorized),
        (status = 403, response = responses::Forbidden),
    ),
    security(("bearer" = []))
)]
#[get("/me/invitations")]
async fn my_invitations(db: Data<Db>, member: Member) -> Result<HttpResponse> {
    member.require_verified_email()?;
    let rows = pending()
        .filter(organisation_invitation::Column::Email.eq(address_of(&member)))
        .order_by_desc(organisation_invitation::Column::CreatedAt)
        .all(db.get_ref())
        .await?;
    let items = received(db.get_ref(), &rows).await?;
    Ok(HttpResponse::Ok().json(items))
}

item_action! {
    /// Accepts an invitation sent to the caller's confirmed address: they join the organisation
    /// with the invited role (a member already keeps their role), and the owner who invited is told.
    accept_invitation: post "/invitations/{id}/accept", tag "organisations",
        id "acceptInvitation", of "The invitation's id",
        200 ReceivedInvitation, "The accepted invitation", refusals AnswerRefusals;
    answer(InvitationStatus::Accepted)
}

item_action! {
    /// Declines an invitation sent to the caller's confirmed address; the owner who invited is told.
    decline_invitation: post "/invitations/{id}/decline", tag "organisations",
        id "declineInvitation", of "The invitation's id",
        200 ReceivedInvitation, "The declined invitation", refusals AnswerRefusals;
    answer(InvitationStatus::Declined)
}

async fn answer(
    decision: InvitationStatus,
    db: &Db,
    member: &Member,
    id: Uuid,
) -> Result<HttpResponse> {
    // Whoever registered with an address that is not theirs must not answer in its name.
    member.require_verified_email()?;
    let txn = db::write_transaction(db).await?;
    let now = Utc::now();
    let row = pending_for(&txn, member, id, now).await?;
    let answered = Invitations::update(organisation_invitation::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(row.id),
        status: Set(decision.as_str().into()),
        answered_at: Set(Some(now)),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    if decision == InvitationStatus::Accepted {
        join(&txn, &answered, member.id(), now).await?;
    }
    notifications::mark_read_about(
        &txn,
        member.id(),
        NotificationKind::OrganisationInvitation,
        "invitation_id",
        answered.id,
    )
    .await?;
    let organisation = queries::find(&txn, answered.organisation_id).await?;
    let owner = people::one(&txn, answered.invited_by).await?;
    invitation_notices::answered(&txn, &answered, &organisation.name, member, &owner).await?;
    let view = received(&txn, std::slice::from_ref(&answered))
        .await?
        .pop()
        .ok_or(ApiError::NotFound("invitation"))?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(view))
}

/// The caller's invitation `id`, still pending, read under its organisation's lock.
async fn pending_for(
    txn: &sea_orm::DatabaseTransaction,
    member: &Member,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<organisation_invitation::Model> {
    // Someone else's invitation is simply not found: its existence is not theirs to learn.
    let found = Invitations::find_by_id(id)
        .filter(organisation_invitation::Column::Email.eq(address_of(member)))
        .one(txn)
        .await?
        .ok_or(ApiError::NotFound("invitation"))?;
    lock_organisation(txn, found.organisation_id).await?;
    // Read again under the lock: a second answer racing the first finds it answered.
    let row = Invitations::find_by_id(id)
        .one(txn)
        .await?
        .ok_or(ApiError::NotFound("invitation"))?;
    if row.status != InvitationStatus::Pending.as_str() {
        let message = "this invitation was already answered";
        return Err(ApiError::Conflict(message.into()));
    }
    if row.expires_at <= now {
        let message =
            "this invitation has expired; ask the organisation's owners to invite you again";
        return Err(ApiError::Conflict(message.into()));
    }
    Ok(row)
}

/// Makes the invitee a member with the invited role; a member already keeps their role (an
/// invitation never demotes nor promotes anyone).
async fn join<C: ConnectionTrait>(
    db: &C,
    invitation: &organisation_invitation::Model,
    user: Uuid,
    now: DateTime<Utc>,
) -> Result<()> {
    let row = organisation_member::ActiveModel {
        organisation_id: Set(invitation.organisation_id),
        user_id: Set(user),
        role: Set(invitation.role.clone()),
        joined_at: Set(now),
    };
    Membership::insert(row)
        .on_conflict(
            OnConflict::columns([
                organisation_member::Column::OrganisationId,
                organisation_member::Column::UserId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Pending invitations that can still be accepted.
fn pending() -> sea_orm::Select<Invitations> {
    Invitations::find()
        .filter(organisation_invitation::Column::Status.eq(InvitationStatus::Pending.as_str()))
        .filter(organisation_invitation::Column::ExpiresAt.gt(Utc::now()))
}

/// Invitations are stored with the address normalised, as accounts are.
fn address_of(member: &Member) -> String {
    member.user.email.trim().to_lowercase()
}

/// Invitations as their invitee sees them: with the organisation's and the inviter's names.
async fn received<C: ConnectionTrait>(
    db: &C,
    rows: &[organisation_invitation::Model],
) -> Result<Vec<ReceivedInvitation>> {
    let names: std::collections::HashMap<Uuid, String> = OrganisationEntity::find()
        .filter(
            crate::entities::organisation::Column::Id
                .is_in(rows.iter().map(|row| row.organisation_id)),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|organisation| (organisation.id, organisation.name))
        .collect();
    let inviters = people::find(db, rows.iter().map(|row| row.invited_by)).await?;
    Ok(rows
        .iter()
        .map(|row| ReceivedInvitation {
            id: row.id,
            organisation_id: row.organisation_id,
            organisation_name: names.get(&row.organisation_id).cloned().unwrap_or_default(),
            role: MemberRole::from_stored(&row.role),
            status: match row.status.as_str() {
                "accepted" => InvitationStatus::Accepted,
                "declined" => InvitationStatus::Declined,
                _ => InvitationStatus::Pending,
            },
            invited_by: inviters.get(&row.invited_by).map_or_else(
                || people::MemberName {
                    user_id: row.invited_by,
                    display_name: String::new(),
                },
                people::Person::name,
            ),
            created_at: row.created_at,
            expires_at: row.expires_at,
        })
        .collect())
}
