//! `/api/v1/interests`: expressing interest in a project or an opportunity, and answering.

use crate::http::body::Json;
use actix_web::{
    HttpRequest, HttpResponse, get, post,
    web::{Data, Path, Query},
};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::{
    dto::{Interest, InterestPage, InterestQuery, InterestStatus, NewInterest},
    notices,
    service::{self, Side},
    target,
};
use crate::db::Db;
use crate::http::idempotency::IdempotencyKey;
use crate::{
    accounts::Member,
    config::Config,
    conversations::{self, Origin, people},
    db,
    entities::interest::{self},
    error::{ApiError, Result, responses},
    http::idempotency::{self, StoredResponse},
    integrations::{self, Event, EventType},
    organisations::{may_edit, membership},
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(express_interest)
        .service(list_interests)
        .service(get_interest)
        .service(accept_interest)
        .service(decline_interest)
        .service(withdraw_interest);
}

/// Expresses interest in a published project or an open opportunity. The owner is told in
/// the app and by e-mail and answers by `answer_by`. One's own items are refused with 422
/// (`own_item`), closed or expired ones with 422 (`not_open`), drafts are not found.
#[utoipa::path(
    tag = "interests",
    operation_id = "expressInterest",
    request_body = NewInterest,
    params(IdempotencyKey),
    responses(
        (status = 201, description = "Sent", body = Interest,
            headers(("Location" = String, description = "The new interest"))),
        responses::ItemBodyRefusals,
        (status = 409, response = responses::Conflict),
        (status = 429, response = responses::TooManyRequests),
    ),
    security(("bearer" = []))
)]
#[post("/interests")]
async fn express_interest(
    request: HttpRequest,
    db: Data<Db>,
    config: Data<Config>,
    member: Member,
    body: Json<NewInterest>,
) -> Result<HttpResponse> {
    member.require_verified_email()?;
    let new = body.into_inner();
    new.validate()?;
    let item = reachable_target(db.get_ref(), &member, &new).await?;
    let fingerprint = idempotency::fingerprint(&new)?;
    idempotency::create(&request, &db, member.id(), &fingerprint, async move |txn| {
        service::check_cap(txn, member.id(), config.interests_per_day).await?;
        service::check_not_declined(txn, member.id(), item.kind.as_str(), item.id).await?;
        let row = service::pending(
            member.id(),
            new.organisation_id,
            &item,
            new.message,
            config.interest_answer_days,
        );
        service::insert_pending(txn, row.clone()).await?;
        integrations::emit(txn, Event::interest(EventType::InterestReceived, &row)).await?;
        let sender = people::one(txn, member.id()).await?;
        let owner = people::one(txn, item.owner_id).await?;
        notices::received(txn, &row, &item.title, &sender, &owner, &config.public_url).await?;
        let view = service::views(txn, member.id(), std::slice::from_ref(&row)).await?;
        let location = format!("/api/v1/interests/{}", row.id);
        StoredResponse::created(&view.first(), Some(location), None)
    })
    .await
}

/// The target of a new interest, if the sender may express interest in it: 404 when they
/// cannot see it, 422 when it is theirs, closed, or the organisation is not theirs.
async fn reachable_target(db: &Db, member: &Member, new: &NewInterest) -> Result<target::Item> {
    let not_found = || ApiError::NotFound(new.target.kind.as_str());
    let item = target::find(db, new.target.kind, new.target.id)
        .await?
        .ok_or_else(not_found)?;
    let own = may_edit(db, member.id(), item.owner_id, item.organisation_id).await?;
    if !item.public && !own {
        return Err(not_found());
    }
    if own {
        return Err(ApiError::invalid_field(
            "target",
            "own_item",
            "you cannot express interest in your own item",
        ));
    }
    if !item.open {
        return Err(ApiError::invalid_field(
            "target",
            "not_open",
            "this item no longer welcomes interest",
        ));
    }
    if let Some(organisation) = new.organisation_id
        && membership(db, organisation, member.id()).await?.is_none()
    {
        return Err(ApiError::invalid_field(
            "organisation_id",
            "not_a_member",
            "speak only for an organisation you belong to",
        ));
    }
    Ok(item)
}

/// The interests the caller sent, or received on items they may edit, newest first.
#[utoipa::path(
    tag = "interests",
    operation_id = "listInterests",
    params(InterestQuery),
    responses(
        (status = 200, description = "A page of interests", body = InterestPage),
        responses::QueryRefusals,
        (status = 401, response = responses::Unauthorized),
    ),
    security(("bearer" = []))
)]
#[get("/interests")]
async fn list_interests(
    db: Data<Db>,
    member: Member,
    query: Query<InterestQuery>,
) -> Result<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::page_of(db.get_ref(), member.id(), &query).await?))
}

/// One interest, for its sender and those who may edit its target only.
#[utoipa::path(
    tag = "interests",
    operation_id = "getInterest",
    params(("id" = Uuid, Path, description = "The interest's id")),
    responses(
        (status = 200, description = "The interest", body = Interest),
        (status = 401, response = responses::Unauthorized),
        (status = 404, response = responses::NotFound),
    ),
    security(("bearer" = []))
)]
#[get("/interests/{id}")]
async fn get_interest(db: Data<Db>, member: Member, id: Path<Uuid>) -> Result<HttpResponse> {
    let (row, _) = service::joined(db.get_ref(), member.id(), *id).await?;
    respond(db.get_ref(), &member, row).await
}

async fn respond(db: &Db, member: &Member, row: interest::Model) -> Result<HttpResponse> {
    let mut views = service::views(db, member.id(), &[row]).await?;
    let view = views.pop().ok_or(ApiError::NotFound("interest"))?;
    Ok(HttpResponse::Ok().json(view))
}

/// What the caller does with a pending interest.
#[derive(Debug, Clone, Copy)]
enum Decision {
    Accept,
    Decline,
    Withdraw,
}

impl Decision {
    /// Who may take it: the owner's side answers, the sender withdraws.
    fn side(self) -> Side {
        match self {
            Self::Accept | Self::Decline => Side::Owner,
            Self::Withdraw => Side::Sender,
        }
    }

    fn status(self) -> InterestStatus {
        match self {
            Self::Accept => InterestStatus::Accepted,
            Self::Decline => InterestStatus::Declined,
            Self::Withdraw => InterestStatus::Withdrawn,
        }
    }
}

/// Settles a pending interest. Accepting opens a conversation between the sender, the owner
/// and (when another editor answers) the one who accepted.
async fn decide(db: &Db, member: &Member, id: Uuid, decision: Decision) -> Result<HttpResponse> {
    let (row, side) = service::joined(db, member.id(), id).await?;
    if side != decision.side() {
        return Err(ApiError::Forbidden);
    }
    let txn = db::write_transaction(db).await?;
    let row = service::settle(&txn, row.id, decision.status()).await?;
    let conversation = match decision {
        Decision::Accept => Some(
            conversations::open(
                &txn,
                Origin::Interest(row.id),
                &[row.sender_id, row.owner_id, member.id()],
            )
            .await?,
        ),
        Decision::Decline | Decision::Withdraw => None,
    };
    let told = match decision {
        Decision::Withdraw => row.owner_id,
        Decision::Accept | Decision::Decline => row.sender_id,
    };
    let titles = target::titles(&txn, [(service::kind_of(&row), row.target_id)]).await?;
    let title = titles.get(&row.target_id).map_or("—", String::as_str);
    let to = people::one(&txn, told).await?;
    notices::answered(&txn, &row, title, &to, conversation).await?;
    integrations::emit(&txn, Event::interest(EventType::InterestAnswered, &row)).await?;
    txn.commit().await?;
    respond(db, member, row).await
}

/// Accepts a pending interest (the target's owner or an editor of its organisation): opens a
/// conversation and shows each side the other's name and e-mail address.
#[utoipa::path(
    tag = "interests",
    operation_id = "acceptInterest",
    params(("id" = Uuid, Path, description = "The interest's id")),
    responses(
        (status = 200, description = "The accepted interest", body = Interest),
        responses::ItemRefusals,
        (status = 409, response = responses::Conflict),
    ),
    security(("bearer" = []))
)]
#[post("/interests/{id}/accept")]
async fn accept_interest(db: Data<Db>, member: Member, id: Path<Uuid>) -> Result<HttpResponse> {
    // Accepting opens a conversation in the member's name.
    member.require_verified_email()?;
    decide(db.get_ref(), &member, *id, Decision::Accept).await
}

/// Declines a pending interest (the target's owner or an editor of its organisation).
#[utoipa::path(
    tag = "interests",
    operation_id = "declineInterest",
    params(("id" = Uuid, Path, description = "The interest's id")),
    responses(
        (status = 200, description = "The declined interest", body = Interest),
        responses::ItemRefusals,
        (status = 409, response = responses::Conflict),
    ),
    security(("bearer" = []))
)]
#[post("/interests/{id}/decline")]
async fn decline_interest(db: Data<Db>, member: Member, id: Path<Uuid>) -> Result<HttpResponse> {
    decide(db.get_ref(), &member, *id, Decision::Decline).await
}

/// Withdraws a pending interest (its sender only).
#[utoipa::path(
    tag = "interests",
    operation_id = "withdrawInterest",
    params(("id" = Uuid, Path, description = "The interest's id")),
    responses(
        (status = 200, description = "The withdrawn interest", body = Interest),
        responses::ItemRefusals,
        (status = 409, response = responses::Conflict),
    ),
    security(("bearer" = []))
)]
#[post("/interests/{id}/withdraw")]
async fn withdraw_interest(db: Data<Db>, member: Member, id: Path<Uuid>) -> Result<HttpResponse> {
    decide(db.get_ref(), &member, *id, Decision::Withdraw).await
}
