//! `/api/v1/opportunities`, `/api/v1/opportunities/{id}` and `/api/v1/me/opportunities`.

use crate::{editing::item_routes, search::search_handler};
use actix_web::{HttpResponse, delete, get, patch, post, web::Data};
use utoipa_actix_web::service_config::ServiceConfig;

use super::{
    dto::{
        NewOpportunity, Opportunity, OpportunityChanges, OpportunityQuery, OpportunitySearchPage,
    },
    listing::Opportunities,
    service,
};
use crate::{
    accounts::Member,
    db::Db,
    error::{Result, responses},
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_opportunity)
        .service(search_opportunities)
        .service(my_opportunities)
        .service(get_opportunity)
        .service(update_opportunity)
        .service(delete_opportunity);
}

item_routes! {
    Opportunities, tag "opportunities", id "The opportunity's id";
    /// Publishes an opportunity (open at once).
    create_opportunity: POST "/opportunities", id "createOpportunity",
        NewOpportunity => Opportunity, "Published", "The new opportunity",
        refusals CreateForRefusals;
    /// One opportunity. The author of an anonymous one is shown to those who may edit it and to
    /// members whose interest in it was accepted.
    get_opportunity: GET "/opportunities/{id}", id "getOpportunity", "The opportunity",
        security((), ("bearer" = []));
    /// Changes an opportunity (its author, or editors of its organisation).
    update_opportunity: PATCH id "updateOpportunity", OpportunityChanges,
        "The updated opportunity";
    /// Deletes an opportunity (its author, or editors of its organisation).
    delete_opportunity: DELETE id "deleteOpportunity";
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
