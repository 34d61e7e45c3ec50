//! `/api/v1/opportunities`, `/api/v1/opportunities/{id}` and `/api/v1/me/opportunities`.

use crate::http::body::Json;
use crate::{editing::editing_handlers, search::search_handler};
use actix_web::{
    HttpRequest, HttpResponse, delete, get,
    http::header::ETAG,
    patch, post,
    web::{Data, Path},
};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::{
    access::reveals_owner_to,
    dto::{
        NewOpportunity, Opportunity, OpportunityChanges, OpportunityQuery, OpportunitySearchPage,
    },
    listing::Opportunities,
    service,
};
use crate::http::idempotency::IdempotencyKey;
use crate::{
    accounts::Member,
    db::{self, Db},
    entities::opportunity::Entity as OpportunityEntity,
    error::{Result, responses},
    http::{
        conditional::version_etag,
        idempotency::{self, StoredResponse},
    },
    integrations::{self, Event, EventType},
    search::{ChangeKind, changes},
    taxonomies::Taxonomies,
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_opportunity)
        .service(search_opportunities)
        .service(my_opportunities)
        .service(get_opportunity)
        .service(update_opportunity)
        .service(delete_opportunity);
}

/// Publishes an opportunity (open at once).
#[utoipa::path(
    tag = "opportunities",
    operation_id = "createOpportunity",
    request_body = NewOpportunity,
    params(IdempotencyKey),
    responses(
        (status = 201, description = "Published", body = Opportunity,
            headers(("Location" = String, description = "The new opportunity"), ("ETag" = String))),
        responses::BodyRefusals,
        (status = 401, response = responses::Unauthorized),
        (status = 403, response = responses::Forbidden),
        (status = 409, response = responses::Conflict),
    ),
    security(("bearer" = []))
)]
#[post("/opportunities")]
async fn create_opportunity(
    request: HttpRequest,
    db: Data<Db>,
    taxonomies: Data<Taxonomies>,
    member: Member,
    body: Json<NewOpportunity>,
) -> Result<HttpResponse> {
    // An opportunity is public from its creation.
    member.require_verified_email()?;
    let new = body.into_inner();
    member.require_acts_for(new.organisation_id)?;
    let codes = service::check_new(&new, &taxonomies)?;
    let fingerprint = idempotency::fingerprint(&new)?;
    idempotency::create(&request, &db, member.id(), &fingerprint, async move |txn| {
        let kind =
            service::check_links(txn, member.id(), new.project_id, new.organisation_id).await?;
        let row = service::insert(txn, member.id(), new, codes, kind).await?;
        integrations::emit(txn, Event::opportunity(EventType::OpportunityCreated, &row)).await?;
        changes::record(txn, ChangeKind::Opportunity, row.id).await?;
        StoredResponse::created_versioned(
            &Opportunity::from_row(&row, true),
            format!("/api/v1/opportunities/{}", row.id),
            row.version,
        )
    })
    .await
}

search_handler! {
    /// Searches open opportunities: words, filters, sort, cursor pagination, total and facets.
    search_opportunities: GET "/opportunities", tag "opportunities", id "searchOpportunities",
    Opportunities, OpportunityQuery => OpportunitySearchPage, "A page of results"
}

/// The caller's own opportunities, whatever their status, newest first.
#[utoipa::path(
    tag = "opportunities",
    operation_id = "listMyOpportunities",
    path = "/me/opportunities",
    responses(
        (status = 200, description = "The caller's opportunities", body = Vec<Opportunity>),
        (status = 401, response = responses::Unauthorized),
    ),
    security(("bearer" = []))
)]
#[get("/me/opportunities")]
async fn my_opportunities(db: Data<Db>, member: Member) -> Result<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::mine(&db, member.id()).await?))
}

/// One opportunity. The author of an anonymous one is shown to those who may edit it and to
/// members whose interest in it was accepted.
#[utoipa::path(
    tag = "opportunities",
    operation_id = "getOpportunity",
    params(("id" = Uuid, Path, description = "The opportunity's id")),
    responses(
        (status = 200, description = "The opportunity", body = Opportunity, headers(("ETag" = String))),
        (status = 404, response = responses::NotFound),
    ),
    security((), ("bearer" = []))
)]
#[get("/opportunities/{id}")]
async fn get_opportunity(
    db: Data<Db>,
    reader: Option<Member>,
    id: Path<Uuid>,
) -> Result<HttpResponse> {
    let row = db::find::<OpportunityEntity, _>(db.get_ref(), *id, "opportunity").await?;
    let reveal = match &reader {
        Some(reader) => reveals_owner_to(db.get_ref(), reader.id(), &row).await?,
        None => false,
    };
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, version_etag(row.version)))
        .json(Opportunity::from_row(&row, reveal)))
}

editing_handlers! {
    Opportunities, tag "opportunities", path "/opportunities/{id}", id "The opportunity's id";
    /// Changes an opportunity (its author, or editors of its organisation).
    update_opportunity: PATCH id "updateOpportunity", OpportunityChanges => Opportunity,
        "The updated opportunity";
    /// Deletes an opportunity (its author, or editors of its organisation).
    delete_opportunity: DELETE id "deleteOpportunity";
}
