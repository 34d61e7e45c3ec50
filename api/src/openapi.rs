//! The OpenAPI document, generated from the route annotations. `openapi.yaml` at the repository
//! root is this document; a test fails when they differ.

use actix_web::App;
use utoipa::{
    Modify, OpenApi,
    openapi::{
        self,
        security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
    },
};
use utoipa_actix_web::{AppExt, scope, service_config::ServiceConfig};

use crate::{
    accounts, conversations, cooperation,
    error::{ErrorCode, FieldError, Problem, responses},
    funding, integrations,
    interests::{self, dto::InterestBox},
    introductions, matching, notifications, opportunities, ops, organisations, projects,
    saved_searches,
    search::{self, Sort},
    stats, taxonomies,
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Marcottage API",
        description = "The open codevelopment marketplace: projects, opportunities and partners \
            for economic activity in Africa. Errors are RFC 9457 problem documents with a stable \
            `code`.",
        license(name = "AGPL-3.0-or-later", identifier = "AGPL-3.0-or-later"),
    ),
    servers((url = "/", description = "This server")),
    components(
        schemas(Problem, ErrorCode, FieldError, Sort, InterestBox),
        responses(
            responses::BadRequest,
            responses::Unauthorized,
            responses::Forbidden,
            responses::NotFound,
            responses::MethodNotAllowed,
            responses::Conflict,
            responses::PreconditionFailed,
            responses::PayloadTooLarge,
            responses::UnsupportedMediaType,
            responses::UnprocessableEntity,
            responses::TooManyRequests,
            responses::ServiceUnavailable,
        )
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Registration, login, sessions, e-mail verification, password reset"),
        (name = "me", description = "The caller's own account and personal data"),
        (name = "users", description = "Public profiles of members"),
        (name = "admin", description = "Administration of members (admins only)"),
        (name = "organisations", description = "Organisations, their members, verification by facilitators"),
        (name = "projects", description = "Projects from idea to venture, with their milestones"),
        (name = "opportunities", description = "Offers and requests: partnerships, internships, jobs, volunteering, cooperation"),
        (name = "funding", description = "Funders' calls for projects, applications and their review, projects' financing plans and result indicators"),
        (name = "matches", description = "Complementary opportunities for an opportunity, a project or the caller's profile, scored with their reasons"),
        (name = "interests", description = "Expressions of interest in projects and opportunities, and the owners' answers"),
        (name = "introductions", description = "Facilitators propose that two members meet"),
        (name = "conversations", description = "Conversations opened by accepted interests and introductions, and their messages"),
        (name = "notifications", description = "The caller's in-app notifications and their read state"),
        (name = "saved-searches", description = "Saved searches and their alerts (in the app, by e-mail), with a one-click unsubscribe"),
        (name = "cooperation", description = "Decentralised cooperation: the atlas of links between local authorities, territory dashboards, diaspora figures and public statistics"),
        (name = "search", description = "Projects, opportunities and organisations at once"),
        (name = "taxonomies", description = "Reference data with French and English labels"),
        (name = "integrations", description = "API keys, webhooks and the public event feed for partner systems"),
        (name = "exports", description = "Open data: CSV of public projects, opportunities and organisations; IATI 2.03 activities"),
        (name = "operations", description = "Health, readiness and metrics"),
    )
)]
pub struct ApiDoc;

/// Declares the `bearer` scheme that protected operations name.
struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, document: &mut openapi::OpenApi) {
        let components = document.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some(
                        "An access token from `/api/v1/auth/login` or `/api/v1/auth/refresh`",
                    ))
                    .build(),
            ),
        );
    }
}

/// Every documented route. The server and the spec generator both call this, so they cannot
/// disagree.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(
        scope::scope("/api/v1")
            .configure(accounts::configure)
            .configure(organisations::configure)
            .configure(projects::configure)
            .configure(opportunities::configure)
            .configure(cooperation::configure)
            .configure(stats::configure)
            .configure(funding::configure)
            .configure(matching::configure)
            .configure(interests::configure)
            .configure(conversations::configure)
            .configure(introductions::configure)
            .configure(notifications::configure)
            .configure(saved_searches::configure)
            .configure(search::configure)
            .configure(taxonomies::configure)
            .configure(integrations::configure),
    );
    ops::configure(cfg);
}

/// The OpenAPI document of the whole API.
pub fn document() -> openapi::OpenApi {
    let (_, document) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(routes)
        .split_for_parts();
    document
}

/// The document as the YAML committed in `openapi.yaml`.
pub fn yaml() -> anyhow::Result<String> {
    Ok(document().to_yaml()?)
}
