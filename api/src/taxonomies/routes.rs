use actix_web::{
    HttpRequest, HttpResponse, get,
    http::header::{CACHE_CONTROL, CONTENT_LANGUAGE, CONTENT_TYPE, ETAG, VARY},
    web::{Data, Path, Query},
};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

use super::{Lang, Taxonomies, TaxonomyKind, catalog::TaxonomyBody};
use crate::{
    error::{ApiError, Result, responses},
    http::conditional,
};

/// Reference data changes only with a release; a day of caching spares slow links.
const CACHE_CONTROL_VALUE: &str = "public, max-age=86400";

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_taxonomy);
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TaxonomyQuery {
    /// Label language; when absent, `Accept-Language` decides, else English.
    lang: Option<Lang>,
}

/// A taxonomy with labels in French or English.
///
/// Sectors are the OECD-DAC codes (3-digit categories, then their 5-digit codes with `parent`
/// set); countries, currencies and languages are the ISO codes with CLDR names.
#[utoipa::path(
    tag = "taxonomies",
    operation_id = "getTaxonomy",
    params(("taxonomy" = TaxonomyKind, Path, description = "Which taxonomy"), TaxonomyQuery),
    responses(
        (status = 200, description = "The taxonomy", body = TaxonomyBody,
            headers(("ETag" = String, description = "Entity tag of this representation"))),
        (status = 304, description = "Not modified since the `If-None-Match` tag"),
        (status = 400, response = responses::BadRequest),
        (status = 404, response = responses::NotFound),
    ),
    security(())
)]
#[get("/taxonomies/{taxonomy}")]
async fn get_taxonomy(
    request: HttpRequest,
    taxonomy: Path<TaxonomyKind>,
    query: Query<TaxonomyQuery>,
    taxonomies: Data<Taxonomies>,
) -> Result<HttpResponse> {
    let lang = Lang::negotiate(query.lang, &request);
    let rendered = taxonomies
        .rendered(*taxonomy, lang)
        .ok_or(ApiError::NotFound("taxonomy"))?;
    let not_modified = conditional::none_match(&request, &rendered.etag);
    let mut response = if not_modified {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    response
        .insert_header((ETAG, rendered.etag.as_str()))
        .insert_header((CACHE_CONTROL, CACHE_CONTROL_VALUE))
        .insert_header((VARY, "Accept-Language"))
        .insert_header((CONTENT_LANGUAGE, lang.as_str()));
    if not_modified {
        return Ok(response.finish());
    }
    Ok(response
        .insert_header((CONTENT_TYPE, "application/json"))
        .body(rendered.body.clone()))
}
