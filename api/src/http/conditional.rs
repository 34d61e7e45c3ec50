//! Conditional requests (RFC 9110 §13): `If-None-Match` for caches, `If-Match` against lost
//! updates.

use actix_web::{
    HttpRequest, HttpResponse,
    http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_MATCH, IF_NONE_MATCH},
};

use crate::error::ApiError;

/// The `If-Match` header of a change or a delete, documented once for every operation.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
#[allow(dead_code)]
pub struct IfMatch {
    /// The `ETag` last read; 412 when stale
    #[param(rename = "If-Match")]
    if_match: Option<String>,
}

/// The entity tag of a versioned resource.
pub fn version_etag(version: i32) -> String {
    format!("\"{version}\"")
}

/// Refuses with 412 when the client sent `If-Match` and it names another version. Without the
/// header the change goes through (clients that do not care about lost updates still work).
pub fn check_if_match(request: &HttpRequest, current_etag: &str) -> Result<(), ApiError> {
    let mut values = request
        .headers()
        .get_all(IF_MATCH)
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .peekable();
    if values.peek().is_none() {
        return Ok(());
    }
    // If-Match uses the strong comparison: weak tags never match.
    if values.any(|candidate| candidate == "*" || candidate == current_etag) {
        Ok(())
    } else {
        Err(ApiError::PreconditionFailed)
    }
}

/// True when the client already holds the representation tagged `etag` (weak comparison).
pub fn none_match(request: &HttpRequest, etag: &str) -> bool {
    request
        .headers()
        .get_all(IF_NONE_MATCH)
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .any(|candidate| candidate == "*" || strip_weak(candidate) == strip_weak(etag))
}

/// A JSON answer that caches may keep `max_age` seconds (0: not without asking again) and
/// then revalidate: its tag is a digest of the body, so that an unchanged answer is a 304
/// without a body.
pub fn cached_json(
    request: &HttpRequest,
    body: &impl serde::Serialize,
    max_age: u32,
) -> Result<HttpResponse, ApiError> {
    use sha2::{Digest, Sha256};
    let bytes = serde_json::to_vec(body).map_err(|error| ApiError::Internal(error.into()))?;
    let etag = format!("\"{}\"", hex::encode(&Sha256::digest(&bytes)[..16]));
    let not_modified = none_match(request, &etag);
    let mut response = if not_modified {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    response
        .insert_header((ETAG, etag.as_str()))
        .insert_header((CACHE_CONTROL, cache_control(max_age)));
    if not_modified {
        return Ok(response.finish());
    }
    Ok(response
        .insert_header((CONTENT_TYPE, "application/json"))
        .body(bytes))
}

fn cache_control(max_age: u32) -> String {
    match max_age {
        0 => "public, no-cache".to_owned(),
        seconds => format!("public, max-age={seconds}"),
    }
}

fn strip_weak(tag: &str) -> &str {
    tag.strip_prefix("W/").unwrap_or(tag)
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    #[test]
    fn matches_any_listed_tag_weak_or_strong() {
        let request = TestRequest::default()
            .insert_header((IF_NONE_MATCH, "\"a\", W/\"b\""))
            .to_http_request();
        assert!(none_match(&request, "\"b\""));
        assert!(none_match(&request, "\"a\""));
        assert!(!none_match(&request, "\"c\""));
    }

    #[test]
    fn if_match_passes_when_absent_or_current_and_fails_when_stale() {
        let absent = TestRequest::default().to_http_request();
        assert!(check_if_match(&absent, "\"3\"").is_ok());
        let current = TestRequest::default()
            .insert_header((IF_MATCH, "\"3\""))
            .to_http_request();
        assert!(check_if_match(&current, "\"3\"").is_ok());
        let stale = TestRequest::default()
            .insert_header((IF_MATCH, "\"2\""))
            .to_http_request();
        assert!(check_if_match(&stale, "\"3\"").is_err());
        let weak = TestRequest::default()
            .insert_header((IF_MATCH, "W/\"3\""))
            .to_http_request();
        assert!(check_if_match(&weak, "\"3\"").is_err());
    }

    #[test]
    fn a_star_matches_everything_and_no_header_nothing() {
        let star = TestRequest::default()
            .insert_header((IF_NONE_MATCH, "*"))
            .to_http_request();
        assert!(none_match(&star, "\"x\""));
        assert!(!none_match(
            &TestRequest::default().to_http_request(),
            "\"x\""
        ));
    }
}
