//! What answers when no route matched: 405 with `Allow` for a known path, the web app's
//! `index.html` for its client-side routes, else a 404 problem.
//!
//! actix itself answers 404 for a known path with an undeclared method; the route table here,
//! derived from the OpenAPI document, knows better.

use std::path::PathBuf;

use actix_files::NamedFile;
use actix_web::{HttpRequest, HttpResponse, dev::ResourceDef, http::Method, web::Data};
use utoipa::openapi::OpenApi;

use crate::error::{ApiError, Result};

/// Paths that belong to the API, never to the web app.
const API_PREFIXES: [&str; 4] = ["/api/", "/healthz", "/readyz", "/metrics"];

/// Every documented path with the methods it accepts.
pub struct RouteTable {
    routes: Vec<(ResourceDef, Vec<Method>)>,
}

impl RouteTable {
    pub fn from_openapi(document: &OpenApi) -> Self {
        let routes = document
            .paths
            .paths
            .iter()
            .map(|(template, item)| {
                let operations = [
                    (Method::GET, item.get.is_some()),
                    (Method::PUT, item.put.is_some()),
                    (Method::POST, item.post.is_some()),
                    (Method::DELETE, item.delete.is_some()),
                    (Method::OPTIONS, item.options.is_some()),
                    (Method::HEAD, item.head.is_some()),
                    (Method::PATCH, item.patch.is_some()),
                    (Method::TRACE, item.trace.is_some()),
                ];
                let methods = operations
                    .into_iter()
                    .filter_map(|(method, present)| present.then_some(method))
                    .collect();
                (ResourceDef::new(template.as_str()), methods)
            })
            .collect();
        Self { routes }
    }

    /// The methods a path accepts, or `None` when no documented route has this path.
    pub fn allowed_methods(&self, path: &str) -> Option<Vec<Method>> {
        let matching: Vec<_> = self
            .routes
            .iter()
            .filter(|(resource, _)| resource.is_match(path))
            .collect();
        // A path written out (`/cooperation-links/aggregates`) is that route, not an id of
        // the templated one beside it (`/cooperation-links/{id}`).
        let exact: Vec<_> = matching
            .iter()
            .filter(|(resource, _)| {
                !resource
                    .pattern()
                    .is_some_and(|pattern| pattern.contains('{'))
            })
            .copied()
            .collect();
        let routes = if exact.is_empty() { matching } else { exact };
        let mut allowed: Vec<Method> = routes
            .into_iter()
            .flat_map(|(_, methods)| methods.iter().cloned())
            .collect();
        allowed.dedup();
        (!allowed.is_empty()).then_some(allowed)
    }
}

/// Where the built web app lives, if it was built.
#[derive(Clone)]
pub struct WebApp {
    pub index: Option<PathBuf>,
}

pub async fn fallback(
    request: HttpRequest,
    routes: Data<RouteTable>,
    web_app: Data<WebApp>,
) -> Result<HttpResponse> {
    let path = request.path();
    if let Some(allow) = routes.allowed_methods(path)
        && !allow.contains(request.method())
    {
        return Err(ApiError::MethodNotAllowed { allow });
    }
    let is_read = matches!(*request.method(), Method::GET | Method::HEAD);
    let is_api = API_PREFIXES.iter().any(|prefix| path.starts_with(prefix));
    match &web_app.index {
        Some(index) if is_read && !is_api => {
            let file = NamedFile::open(index).map_err(|error| ApiError::Internal(error.into()))?;
            Ok(file.use_etag(true).into_response(&request))
        }
        _ => Err(ApiError::NotFound("route")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use utoipa::openapi::{
        PathItem, PathsBuilder,
        path::{HttpMethod, OperationBuilder},
    };

    fn table() -> RouteTable {
        let paths = PathsBuilder::new()
            .path(
                "/healthz",
                PathItem::new(HttpMethod::Get, OperationBuilder::new()),
            )
            .path(
                "/api/v1/things/summary",
                PathItem::new(HttpMethod::Get, OperationBuilder::new()),
            )
            .path(
                "/api/v1/things/{id}",
                PathItem::from_http_methods(
                    [HttpMethod::Get, HttpMethod::Patch],
                    OperationBuilder::new(),
                ),
            )
            .build();
        let mut document = OpenApi::default();
        document.paths = paths;
        RouteTable::from_openapi(&document)
    }

    #[test]
    fn known_paths_report_their_methods() {
        let table = table();
        assert_eq!(table.allowed_methods("/healthz"), Some(vec![Method::GET]));
        assert_eq!(
            table.allowed_methods("/api/v1/things/42"),
            Some(vec![Method::GET, Method::PATCH])
        );
        // Written out, a path is its own route and not an id of the template beside it.
        assert_eq!(
            table.allowed_methods("/api/v1/things/summary"),
            Some(vec![Method::GET])
        );
    }

    #[test]
    fn unknown_paths_report_nothing() {
        let table = table();
        assert_eq!(table.allowed_methods("/api/v1/things"), None);
        assert_eq!(table.allowed_methods("/nowhere"), None);
    }
}
