//! HTTP plumbing shared by every feature: conditional requests, request ids, extractor errors
//! and the fallback that answers 404 and 405.

pub mod body;
pub mod client;
pub mod conditional;
pub mod deprecation;
pub mod fallback;
pub mod fields;
pub mod headers;
pub mod idempotency;
pub mod raw_json;
pub mod request_id;
pub mod shedding;

use actix_web::web;

use crate::error::ApiError;

/// Extractor settings that turn every client mistake into a problem document.
pub fn extractor_config(json_limit: usize) -> (web::JsonConfig, web::QueryConfig, web::PathConfig) {
    (
        web::JsonConfig::default()
            .limit(json_limit)
            .error_handler(|error, _| ApiError::from(error).into()),
        web::QueryConfig::default().error_handler(|error, _| ApiError::from(error).into()),
        web::PathConfig::default().error_handler(|error, request| {
            // A written-out path that shares its shape with a templated one
            // (`PATCH /cooperation-links/aggregates`) reaches the template's handler: answer
            // what the written-out route allows rather than "no such id".
            let allow = request
                .app_data::<web::Data<fallback::RouteTable>>()
                .and_then(|routes| routes.allowed_methods(request.path()))
                .filter(|allow| !allow.contains(request.method()));
            match allow {
                Some(allow) => ApiError::MethodNotAllowed { allow }.into(),
                None => ApiError::from(error).into(),
            }
        }),
    )
}
