//! Conditional requests (RFC 9110 §13): `If-None-Match` for caches, `If-Match` against lost
//! updates.

use actix_web::{
    HttpRequest,
    http::header::{IF_MATCH, IF_NONE_MATCH},
};

use crate::error::ApiError;

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
