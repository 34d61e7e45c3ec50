//! Operations on their way out (the policy is in docs/api-changelog.md). Each answer of a
//! deprecated operation says so: `Deprecation` (RFC 9745: since when), `Sunset` (RFC 8594: when
//! it stops answering) and a `Link` to what replaces it, `rel="deprecation"`. The operation is
//! also marked `deprecated` in the spec (a test checks both agree).

use actix_web::{
    Error,
    body::MessageBody,
    dev::{ServiceRequest, ServiceResponse},
    http::{
        Method,
        header::{HeaderName, HeaderValue, LINK},
    },
    middleware::Next,
};
use chrono::{NaiveDate, NaiveTime};

/// An operation that will go.
#[derive(Debug, Clone)]
pub struct Deprecated {
    pub method: Method,
    /// The route as the spec writes it: `/api/v1/opportunities/{id}`.
    pub path: &'static str,
    /// `YYYY-MM-DD` (UTC): when it was deprecated.
    pub since: &'static str,
    /// `YYYY-MM-DD` (UTC): from when it stops answering, at least 6 months after `since`.
    pub sunset: &'static str,
    /// Where the change is explained: the changelog's entry.
    pub link: &'static str,
}

/// Every deprecated operation. Empty: nothing in v1 is on its way out yet.
pub const DEPRECATED: &[Deprecated] = &[];

const DEPRECATION: HeaderName = HeaderName::from_static("deprecation");
const SUNSET: HeaderName = HeaderName::from_static("sunset");

impl Deprecated {
    /// The headers its answers carry: none when a date of the entry is not a date, which the
    /// tests of this module refuse.
    pub fn headers(&self) -> Vec<(HeaderName, HeaderValue)> {
        let (Some(since), Some(sunset)) = (midnight(self.since), midnight(self.sunset)) else {
            tracing::error!(path = self.path, "a deprecation's dates are not YYYY-MM-DD");
            return Vec::new();
        };
        [
            (DEPRECATION, format!("@{}", since.timestamp())),
            (
                SUNSET,
                sunset.format("%a, %d %b %Y %H:%M:%S GMT").to_string(),
            ),
            (LINK, format!("<{}>; rel=\"deprecation\"", self.link)),
        ]
        .into_iter()
        .filter_map(|(name, text)| Some((name, HeaderValue::try_from(text).ok()?)))
        .collect()
    }
}

/// Midnight UTC of a `YYYY-MM-DD` date.
fn midnight(date: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    let day = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    Some(day.and_time(NaiveTime::MIN).and_utc())
}

/// Adds the headers to every answer of an operation of [`DEPRECATED`].
pub async fn announce_deprecations(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    announce(DEPRECATED, request, next).await
}

/// Adds the headers of the operation of `list` that answered, if any. The route is known only
/// once routing is done, so this looks after the call.
pub async fn announce(
    list: &'static [Deprecated],
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let mut response = next.call(request).await?;
    // Nothing deprecated (the usual case): no route lookup on every answer.
    if list.is_empty() {
        return Ok(response);
    }
    let found = response.request().match_pattern().and_then(|pattern| {
        let method = response.request().method();
        list.iter()
            .find(|entry| entry.path == pattern && entry.method == method)
    });
    if let Some(entry) = found {
        for (name, value) in entry.headers() {
            response.headers_mut().insert(name, value);
        }
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use actix_web::{App, HttpResponse, middleware::from_fn, test as actix, web};

    use super::*;

    const SAMPLE: &[Deprecated] = &[Deprecated {
        method: Method::GET,
        path: "/api/v1/things/{id}",
        since: "2027-01-15",
        sunset: "2027-07-31",
        link: "https://marcottage.example/docs/api-changelog#2027-01-15",
    }];

    #[actix_web::test]
    async fn a_deprecated_operation_says_since_when_until_when_and_where_to_read() {
        let app = actix::init_service(
            App::new()
                .route("/api/v1/things/{id}", web::get().to(HttpResponse::Ok))
                .route("/api/v1/things/{id}", web::patch().to(HttpResponse::Ok))
                .route("/api/v1/others/{id}", web::get().to(HttpResponse::Ok))
                .wrap(from_fn(|request, next| announce(SAMPLE, request, next))),
        )
        .await;

        let old = actix::call_service(
            &app,
            actix::TestRequest::get()
                .uri("/api/v1/things/7")
                .to_request(),
        )
        .await;
        let header = |name: &str| {
            old.headers()
                .get(name)
                .unwrap()
                .to_str()
                .unwrap()
                .to_owned()
        };
        // 2027-01-15T00:00:00Z
        assert_eq!(header("deprecation"), "@1799971200");
        assert_eq!(header("sunset"), "Sat, 31 Jul 2027 00:00:00 GMT");
        assert_eq!(
            header("link"),
            "<https://marcottage.example/docs/api-changelog#2027-01-15>; rel=\"deprecation\""
        );

        for request in [
            actix::TestRequest::patch().uri("/api/v1/things/7"),
            actix::TestRequest::get().uri("/api/v1/others/7"),
        ] {
            let kept = actix::call_service(&app, request.to_request()).await;
            assert!(!kept.headers().contains_key("deprecation"));
            assert!(!kept.headers().contains_key("sunset"));
        }
    }

    #[test]
    fn every_entry_has_real_dates_and_a_sunset_six_months_on() {
        for entry in DEPRECATED.iter().chain(SAMPLE) {
            let (since, sunset) = (midnight(entry.since), midnight(entry.sunset));
            let (Some(since), Some(sunset)) = (since, sunset) else {
                panic!("{} {}: dates are YYYY-MM-DD", entry.method, entry.path);
            };
            assert_eq!(entry.headers().len(), 3, "{}", entry.path);
            assert!(
                sunset - since >= chrono::Duration::days(182),
                "{} {}: the sunset comes at least 6 months after the deprecation",
                entry.method,
                entry.path
            );
        }
    }
}
