//! Conditional requests (RFC 9110 §13): `If-None-Match` for caches, `If-Match` against lost
//! updates.

use actix_web::{HttpRequest, http::header::IF_NONE_MATCH};

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
