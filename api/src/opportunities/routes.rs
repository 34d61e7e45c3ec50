//! `/api/v1/opportunities`, `/api/v1/opportunities/{id}` and `/api/v1/me/opportunities`.

use actix_web::{delete, get, patch, post};
use utoipa_actix_web::service_config::ServiceConfig;

use super::{
    dto::{
        NewOpportunity, Opportunity, OpportunityChanges, OpportunityQuery, OpportunitySearchPage,
    },
    listing::Opportunities,
};
use crate::{
    editing::{item_routes, mine_route},
    search::search_handler,
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(search_opportunities).service(my_opportunities);
    item_services(cfg);
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

mine_route! {
    /// The caller's own opportunities, whatever their status, newest first.
    my_opportunities: GET "/me/opportunities", tag "opportunities", id "listMyOpportunities",
    Opportunities => Opportunity, "The caller's opportunities"
}
