//! The API key gate: a request that presents a key (`Authorization: Bearer mk_...` or
//! `X-Api-Key`) is checked here, once — the key, the scope the operation needs, the key's
//! rate — and carries a [`KeyGrant`] on to the handlers (the `Member` extractor reads it).
//! Answers get `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset`, and the CORS
//! headers for the key's own origins.

use actix_web::{
    Error, HttpMessage, HttpResponse, ResponseError,
    body::{EitherBody, MessageBody},
    dev::{ServiceRequest, ServiceResponse},
    http::{
        Method,
        header::{self, HeaderMap, HeaderName, HeaderValue},
    },
    middleware::Next,
    web::Data,
};

use super::{
    keys::{self, KEY_PREFIX, KeyGrant},
    limiter::{Limiters, Verdict},
    scopes,
};
use crate::{db::Db, error::ApiError};

pub const X_API_KEY: HeaderName = HeaderName::from_static("x-api-key");

/// The key a request presents, if any.
fn presented(request: &ServiceRequest) -> Option<String> {
    let headers = request.headers();
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|token| token.starts_with(KEY_PREFIX));
    bearer
        .or_else(|| headers.get(X_API_KEY).and_then(|value| value.to_str().ok()))
        .map(str::to_owned)
}

pub async fn api_keys(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, Error> {
    if request.method() == Method::OPTIONS
        && let Some(response) = preflight(&request).await
    {
        return Ok(request.into_response(response).map_into_right_body());
    }
    let Some(key) = presented(&request) else {
        let public = is_public_read(&request);
        let mut response = next.call(request).await?;
        if public {
            public_cors(response.headers_mut());
        }
        return Ok(response.map_into_left_body());
    };
    let (Some(db), Some(limiters)) = (
        request.app_data::<Data<Db>>().cloned(),
        request.app_data::<Data<Limiters>>().cloned(),
    ) else {
        return Ok(next.call(request).await?.map_into_left_body());
    };
    let grant = match admit(&db, &request, &key).await {
        Ok(grant) => grant,
        Err(error) => {
            let response = error.error_response();
            return Ok(request.into_response(response).map_into_right_body());
        }
    };
    let origin = request.headers().get(header::ORIGIN).cloned();
    let verdict = limiters.check(grant.key_id, grant.requests_per_minute);
    let cors = origin.filter(|origin| {
        origin
            .to_str()
            .is_ok_and(|origin| grant.cors_origins.iter().any(|allowed| allowed == origin))
    });
    let mut response = match verdict {
        Verdict::Limited { retry_after, .. } => request
            .into_response(
                ApiError::RateLimited {
                    retry_after_seconds: retry_after,
                }
                .error_response(),
            )
            .map_into_right_body(),
        Verdict::Allowed { .. } => {
            request.extensions_mut().insert(grant);
            next.call(request).await?.map_into_left_body()
        }
    };
    rate_limit_headers(response.headers_mut(), &verdict);
    if let Some(origin) = cors {
        allow_origin(response.headers_mut(), origin);
    }
    Ok(response)
}

/// The key's limit, what is left of it and when it resets (the IETF `RateLimit` fields).
fn rate_limit_headers(headers: &mut HeaderMap, verdict: &Verdict) {
    let (limit, remaining, reset) = match *verdict {
        Verdict::Allowed {
            limit,
            remaining,
            reset,
        } => (limit, remaining, reset),
        Verdict::Limited { limit, retry_after } => (limit, 0, retry_after),
    };
    for (name, value) in [
        ("ratelimit-limit", u64::from(limit)),
        ("ratelimit-remaining", u64::from(remaining)),
        ("ratelimit-reset", reset),
    ] {
        headers.insert(HeaderName::from_static(name), HeaderValue::from(value));
    }
}

/// Lets a page of one of the key's origins read the answer and its headers.
fn allow_origin(headers: &mut HeaderMap, origin: HeaderValue) {
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static(
            "ETag, Location, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset",
        ),
    );
    headers.append(header::VARY, HeaderValue::from_static("Origin"));
}

/// An anonymous read of the API: what anyone may read, so any page may read it too (the
/// widget, a partner's map). Without credentials a browser sends no token, so nothing
/// personal can come back.
fn is_public_read(request: &ServiceRequest) -> bool {
    matches!(*request.method(), Method::GET | Method::HEAD)
        && request.path().starts_with("/api/v1/")
        && !request.headers().contains_key(header::AUTHORIZATION)
        && !request.headers().contains_key(header::COOKIE)
}

/// `Access-Control-Allow-Origin: *` on a public read, unless an allowed origin was answered.
fn public_cors(headers: &mut actix_web::http::header::HeaderMap) {
    if !headers.contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN) {
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        );
        headers.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static("ETag, Retry-After"),
        );
    }
}

/// Checks the key and that it may call this operation.
async fn admit(db: &Db, request: &ServiceRequest, key: &str) -> Result<KeyGrant, ApiError> {
    let grant = keys::authenticate(db, key).await?;
    let scope = scopes::required(request.method(), request.path()).ok_or_else(|| {
        ApiError::InsufficientScope("API keys may not call this operation".into())
    })?;
    grant.require(scope)?;
    Ok(grant)
}

/// A browser's preflight for an origin some live key allows: the answer it needs to send
/// the real request with the key.
async fn preflight(request: &ServiceRequest) -> Option<HttpResponse> {
    let origin = request
        .headers()
        .get(header::ORIGIN)?
        .to_str()
        .ok()?
        .to_owned();
    request
        .headers()
        .get(header::ACCESS_CONTROL_REQUEST_METHOD)?;
    let db = request.app_data::<Data<Db>>()?;
    if !keys::origin_allowed(db.get_ref(), &origin).await.ok()? {
        return None;
    }
    Some(
        HttpResponse::NoContent()
            .insert_header((header::ACCESS_CONTROL_ALLOW_ORIGIN, origin))
            .insert_header((
                header::ACCESS_CONTROL_ALLOW_METHODS,
                "GET, POST, PATCH, DELETE",
            ))
            .insert_header((
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                "Authorization, X-Api-Key, Content-Type, If-Match, Idempotency-Key",
            ))
            .insert_header((header::ACCESS_CONTROL_MAX_AGE, "3600"))
            .insert_header((header::VARY, "Origin"))
            .finish(),
    )
}
