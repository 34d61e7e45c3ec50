//! Headers every answer carries: no MIME sniffing, no referrer sent to other sites, nothing
//! personal kept by caches, and the web app never framed nor running code from elsewhere.

use actix_web::{
    Error,
    body::MessageBody,
    dev::{ServiceRequest, ServiceResponse},
    http::header::{self, HeaderValue},
    middleware::Next,
};

/// What the web app may load: its own scripts and styles (inline styles for the components'
/// `style` attributes), images from itself or data URLs, and no framing at all.
pub const WEB_APP_POLICY: &str = "default-src 'self'; script-src 'self'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
    object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

pub async fn security_headers(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let path = request.path().to_owned();
    // Tokens and personal data: the answers to /auth and to anyone signed in.
    let personal =
        path.starts_with("/api/v1/auth/") || request.headers().contains_key(header::AUTHORIZATION);
    let mut response = next.call(request).await?;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    if personal {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    // The API documentation's page runs its own inline scripts; everything else is the API
    // (JSON, nothing to run) or the web app.
    if !path.starts_with("/api/docs") {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(WEB_APP_POLICY),
        );
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    Ok(response)
}
