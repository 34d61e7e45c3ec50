//! `/api/v1/introductions`: facilitators propose that two sides meet; each side answers.

use crate::http::body::Json;
use actix_web::{
    HttpRequest, HttpResponse, get, post,
    web::{Data, Path, Query},
};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::{
    dto::{Introduction, IntroductionPage, IntroductionQuery, IntroductionStatus, NewIntroduction},
    service::{self, Part},
};
use crate::db::Db;
use crate::http::idempotency::IdempotencyKey;
use crate::{
    accounts::{Member, Role},
    db,
    error::{ApiError, Result, responses},
    http::idempotency::{self, StoredResponse},
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(introduce)
        .service(list_introductions)
        .service(get_introduction)
        .service(accept_introduction)
        .service(decline_introduction);
}

/// Proposes that two sides meet (facilitators and admins only). A side is a member, or a
/// project or an opportunity standing for its owner. Both sides are told; when both accept,
/// a conversation opens between them and the facilitator. Introducing someone to themself,
/// or oneself to someone, is refused with 422.
#[utoipa::path(
    tag = "introductions",
    operation_id = "introduceMembers",
    request_body = NewIntroduction,
    params(IdempotencyKey),
    responses(
        (status = 201, description = "Proposed", body = Introduction,
            headers(("Location" = String, description = "The new introduction"))),
        responses::BodyRefusals,
        (status = 401, response = responses::Unauthorized),
        (status = 403, response = responses::Forbidden),
        (status = 409, response = responses::Conflict),
    ),
    security(("bearer" = []))
)]
#[post("/introductions")]
async fn introduce(
    request: HttpRequest,
    db: Data<Db>,
    member: Member,
    body: Json<NewIntroduction>,
) -> Result<HttpResponse> {
    member.require(Role::Facilitator)?;
    member.require_verified_email()?;
    let new = body.into_inner();
    new.validate()?;
    let (a, b) = service::resolve(db.get_ref(), member.id(), &new).await?;
    let fingerprint = idempotency::fingerprint(&new)?;
    idempotency::create(&request, &db, member.id(), &fingerprint, async move |txn| {
        let row = service::introduce(txn, member.id(), &new, [a, b]).await?;
        let views = service::views(txn, member.id(), std::slice::from_ref(&row)).await?;
        let location = format!("/api/v1/introductions/{}", row.id);
        StoredResponse::created(&views.first(), Some(location), None)
    })
    .await
}

/// The introductions the caller is a side of or made, newest first.
#[utoipa::path(
    tag = "introductions",
    operation_id = "listIntroductions",
    params(IntroductionQuery),
    responses(
        (status = 200, description = "A page of introductions", body = IntroductionPage),
        responses::QueryRefusals,
        (status = 401, response = responses::Unauthorized),
    ),
    security(("bearer" = []))
)]
#[get("/introductions")]
async fn list_introductions(
    db: Data<Db>,
    member: Member,
    query: Query<IntroductionQuery>,
) -> Result<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::page_of(db.get_ref(), member.id(), &query).await?))
}

/// One introduction, for its sides and its facilitator only.
#[utoipa::path(
    tag = "introductions",
    operation_id = "getIntroduction",
    params(("id" = Uuid, Path, description = "The introduction's id")),
    responses(
        (status = 200, description = "The introduction", body = Introduction),
        (status = 401, response = responses::Unauthorized),
        (status = 404, response = responses::NotFound),
    ),
    security(("bearer" = []))
)]
#[get("/introductions/{id}")]
async fn get_introduction(db: Data<Db>, member: Member, id: Path<Uuid>) -> Result<HttpResponse> {
    let (row, _) = service::joined(db.get_ref(), member.id(), *id).await?;
    respond(db.get_ref(), &member, row.id).await
}

async fn respond(db: &Db, member: &Member, id: Uuid) -> Result<HttpResponse> {
    let row = service::find(db, id).await?;
    let mut views = service::views(db, member.id(), &[row]).await?;
    let view = views.pop().ok_or(ApiError::NotFound("introduction"))?;
    Ok(HttpResponse::Ok().json(view))
}

async fn decide(
    db: &Db,
    member: &Member,
    id: Uuid,
    answer: IntroductionStatus,
) -> Result<HttpResponse> {
    let (row, part) = service::joined(db, member.id(), id).await?;
    if part == Part::Facilitator {
        return Err(ApiError::Forbidden);
    }
    let txn = db::write_transaction(db).await?;
    let conversation = service::answer(&txn, &row, part, answer).await?;
    service::tell_answer(&txn, &row, part, answer, conversation).await?;
    txn.commit().await?;
    respond(db, member, row.id).await
}

/// Accepts an introduction as one of its sides; the second acceptance opens the conversation.
#[utoipa::path(
    tag = "introductions",
    operation_id = "acceptIntroduction",
    params(("id" = Uuid, Path, description = "The introduction's id")),
    responses(
        (status = 200, description = "The introduction after this answer", body = Introduction),
        responses::ItemRefusals,
        (status = 409, response = responses::Conflict),
    ),
    security(("bearer" = []))
)]
#[post("/introductions/{id}/accept")]
async fn accept_introduction(db: Data<Db>, member: Member, id: Path<Uuid>) -> Result<HttpResponse> {
    // Accepting opens a conversation in the member's name.
    member.require_verified_email()?;
    decide(db.get_ref(), &member, *id, IntroductionStatus::Accepted).await
}

/// Declines an introduction as one of its sides; it is then declined for both.
#[utoipa::path(
    tag = "introductions",
    operation_id = "declineIntroduction",
    params(("id" = Uuid, Path, description = "The introduction's id")),
    responses(
        (status = 200, description = "The introduction after this answer", body = Introduction),
        responses::ItemRefusals,
        (status = 409, response = responses::Conflict),
    ),
    security(("bearer" = []))
)]
#[post("/introductions/{id}/decline")]
async fn decline_introduction(
    db: Data<Db>,
    member: Member,
    id: Path<Uuid>,
) -> Result<HttpResponse> {
    decide(db.get_ref(), &member, *id, IntroductionStatus::Declined).await
}
