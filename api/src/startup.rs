//! Builds the HTTP server: middleware, routes, documentation and static web app.

use std::{net::TcpListener, sync::Arc, time::Duration};

use actix_cors::Cors;
use actix_files::Files;
use actix_web::{
    App, HttpResponse, HttpServer,
    dev::Server,
    guard,
    http::header,
    middleware::{Compress, Condition, from_fn},
    web::{self, Data},
};
use actix_web_prom::PrometheusMetricsBuilder;
use anyhow::Context;
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

use crate::db::Db;
use crate::{
    accounts::AccessTokens,
    config::Config,
    cooperation::listing::CooperationLinks,
    funding::{applications::listing::Applications, calls::listing::Calls},
    http,
    http::fallback::{RouteTable, WebApp, fallback},
    integrations,
    mail::{self, Mailer},
    openapi::{self, ApiDoc},
    opportunities::listing::Opportunities,
    organisations::listing::{self as organisations, Organisations},
    projects::listing::Projects,
    saved_searches,
    search::{Listing, listing::DatabaseTurns, sync},
    taxonomies::Taxonomies,
};

/// How long a start waits for the listing indexes before serving; the database answers
/// listings until they are built.
const INDEX_WAIT: Duration = Duration::from_secs(1);

/// Seconds given to in-flight requests to finish after SIGTERM.
const SHUTDOWN_GRACE_SECONDS: u64 = 30;

/// A configured server bound to its port, not yet running.
pub struct Application {
    port: u16,
    server: Server,
    db: Db,
}

impl Application {
    /// Connects and migrates the database, binds the address and prepares the server.
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let db = Db::open(&config)
            .await
            .context("cannot open the database")?;
        organisations::index_older_rows(&db)
            .await
            .context("cannot index the organisations")?;
        let listener = TcpListener::bind(config.bind)
            .with_context(|| format!("cannot listen on {}", config.bind))?;
        let port = listener.local_addr()?.port();
        // The worker lives as long as the runtime; each replica runs one.
        let couriers = mail::Couriers {
            mailer: Mailer::from_config(&config)?,
            webhooks: integrations::webhooks::Courier::from_config(&config)?,
        };
        mail::spawn_worker(db.clone(), couriers);
        saved_searches::alerts::spawn_worker(db.clone(), config.public_url.clone());
        let listings = Listings::new(&config);
        // Its own connection: requests waiting for the pool must not hold up the build.
        let follower = Db::dedicated(&config)
            .await
            .context("cannot open the database")?;
        let indexes = Arc::new(sync::Indexes::new(follower, listings.followers()));
        Arc::clone(&indexes).spawn();
        let started = std::time::Instant::now();
        while !indexes.is_ready() && started.elapsed() < INDEX_WAIT {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let server = server(config, db.clone(), listener, listings, indexes)?;
        Ok(Self { port, server, db })
    }

    /// The bound port (useful when the configuration asked for port 0).
    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    /// A handle to stop the server gracefully.
    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }

    /// Serves until SIGTERM or SIGINT, then lets in-flight requests finish.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// Every listing of this replica.
struct Listings {
    opportunities: Arc<Listing<Opportunities>>,
    projects: Arc<Listing<Projects>>,
    organisations: Arc<Listing<Organisations>>,
    cooperation_links: Arc<Listing<CooperationLinks>>,
    calls: Arc<Listing<Calls>>,
    applications: Arc<Listing<Applications>>,
}

impl Listings {
    fn new(config: &Config) -> Self {
        // Half the readers at most: the others stay for everything else.
        let turns = DatabaseTurns::new(
            config.listings_from_database,
            config.database_max_connections as usize / 2,
            Duration::from_millis(config.database_acquire_timeout_ms),
        );
        Self {
            opportunities: Arc::new(Listing::new(turns.clone())),
            projects: Arc::new(Listing::new(turns.clone())),
            organisations: Arc::new(Listing::new(turns.clone())),
            cooperation_links: Arc::new(Listing::new(turns.clone())),
            calls: Arc::new(Listing::new(turns.clone())),
            applications: Arc::new(Listing::new(turns)),
        }
    }

    fn followers(&self) -> Vec<Arc<dyn sync::Follower>> {
        vec![
            self.opportunities.clone(),
            self.projects.clone(),
            self.organisations.clone(),
            self.cooperation_links.clone(),
            self.calls.clone(),
            self.applications.clone(),
        ]
    }
}

/// What every worker shares, built once.
struct Shared {
    config: Data<Config>,
    db: Data<Db>,
    taxonomies: Data<Taxonomies>,
    access_tokens: Data<AccessTokens>,
    registry: Data<prometheus::Registry>,
    routes: Data<RouteTable>,
    web_app: Data<WebApp>,
    spec: Arc<utoipa::openapi::OpenApi>,
    spec_yaml: Data<String>,
    opportunities: Data<Listing<Opportunities>>,
    projects: Data<Listing<Projects>>,
    organisations: Data<Listing<Organisations>>,
    cooperation_links: Data<Listing<CooperationLinks>>,
    calls: Data<Listing<Calls>>,
    applications: Data<Listing<Applications>>,
    indexes: Data<sync::Indexes>,
    in_flight: Data<http::shedding::InFlight>,
    courier: Data<integrations::webhooks::Courier>,
    limiters: Data<integrations::limiter::Limiters>,
}

impl Shared {
    fn new(
        config: Config,
        db: Db,
        listings: Listings,
        indexes: Arc<sync::Indexes>,
        registry: prometheus::Registry,
    ) -> anyhow::Result<Self> {
        let spec = openapi::document();
        let index = config.web_dir.join("index.html");
        if !index.is_file() {
            tracing::info!(web_dir = %config.web_dir.display(), "no built web app; serving the API only");
        }
        Ok(Self {
            opportunities: Data::from(listings.opportunities),
            projects: Data::from(listings.projects),
            organisations: Data::from(listings.organisations),
            cooperation_links: Data::from(listings.cooperation_links),
            calls: Data::from(listings.calls),
            applications: Data::from(listings.applications),
            indexes: Data::from(indexes),
            in_flight: Data::new(http::shedding::InFlight::new(config.max_requests_in_flight)),
            courier: Data::new(integrations::webhooks::Courier::from_config(&config)?),
            limiters: Data::new(integrations::limiter::Limiters::default()),
            taxonomies: Data::new(Taxonomies::load().context("cannot load the taxonomies")?),
            access_tokens: Data::new(AccessTokens::from_config(&config)?),
            registry: Data::new(registry),
            routes: Data::new(RouteTable::from_openapi(&spec)),
            web_app: Data::new(WebApp {
                index: index.is_file().then_some(index),
            }),
            spec_yaml: Data::new(spec.to_yaml()?),
            spec: Arc::new(spec),
            db: Data::new(db),
            config: Data::new(config),
        })
    }

    /// Gives each worker's app the state its handlers and middleware extract.
    fn give(&self, app: &mut web::ServiceConfig) {
        app.app_data(self.config.clone())
            .app_data(self.db.clone())
            .app_data(self.taxonomies.clone())
            .app_data(self.access_tokens.clone())
            .app_data(self.registry.clone())
            .app_data(self.routes.clone())
            .app_data(self.web_app.clone())
            .app_data(self.spec_yaml.clone())
            .app_data(self.opportunities.clone())
            .app_data(self.projects.clone())
            .app_data(self.organisations.clone())
            .app_data(self.cooperation_links.clone())
            .app_data(self.calls.clone())
            .app_data(self.applications.clone())
            .app_data(self.indexes.clone())
            .app_data(self.in_flight.clone())
            .app_data(self.courier.clone())
            .app_data(self.limiters.clone());
    }
}

fn server(
    config: Config,
    db: Db,
    listener: TcpListener,
    listings: Listings,
    indexes: Arc<sync::Indexes>,
) -> anyhow::Result<Server> {
    let metrics = PrometheusMetricsBuilder::new("marcottage")
        .mask_unmatched_patterns("UNMATCHED")
        .build()
        .map_err(|error| anyhow::anyhow!("cannot set up metrics: {error}"))?;
    let registry = metrics.registry.clone();
    let shared = Arc::new(Shared::new(config, db, listings, indexes, registry)?);
    let server = HttpServer::new(move || {
        let shared = Arc::clone(&shared);
        let (json, query, path) = http::extractor_config(shared.config.json_limit);
        // The spec routes come first: the `/api/v1` scope below would otherwise swallow them.
        let (app, _) = App::new()
            .service(
                SwaggerUi::new("/api/docs/{_:.*}")
                    .url("/api/v1/openapi.json", (*shared.spec).clone()),
            )
            .route("/api/docs", web::get().to(redirect_to_docs))
            .route("/api/v1/openapi.yaml", web::get().to(spec_yaml))
            .route("/widget.js", web::get().to(integrations::widget::script))
            .route("/widget", web::get().to(integrations::widget::page))
            .into_utoipa_app()
            .openapi(ApiDoc::openapi())
            .configure(openapi::routes)
            .split_for_parts();
        let app = app
            .app_data(json)
            .app_data(query)
            .app_data(path)
            .configure(|app| shared.give(app));
        let app = match &shared.web_app.index {
            Some(_) => app.service(
                Files::new("/", &shared.config.web_dir)
                    .index_file("index.html")
                    .guard(guard::Any(guard::Get()).or(guard::Head()))
                    .default_handler(web::to(fallback)),
            ),
            None => app,
        };
        app.default_service(web::to(fallback))
            .wrap(Condition::new(
                !shared.config.cors_origins.is_empty(),
                cors(&shared.config),
            ))
            .wrap(from_fn(http::deprecation::announce_deprecations))
            .wrap(from_fn(integrations::gate::api_keys))
            .wrap(from_fn(sync::follow_changes))
            .wrap(from_fn(http::shedding::shed_load))
            .wrap(from_fn(http::headers::security_headers))
            .wrap(Compress::default())
            .wrap(metrics.clone())
            .wrap(from_fn(http::request_id::request_id))
    })
    .shutdown_timeout(SHUTDOWN_GRACE_SECONDS)
    .listen(listener)?
    .run();
    Ok(server)
}

fn cors(config: &Config) -> Cors {
    config
        .cors_origins
        .iter()
        .fold(Cors::default(), |cors, origin| cors.allowed_origin(origin))
        // Another origin is not refused here: public reads answer any origin and a key's own
        // origins are the gate's to allow (integrations::gate).
        .block_on_origin_mismatch(false)
        .allowed_methods(["GET", "POST", "PUT", "PATCH", "DELETE"])
        .allowed_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::IF_MATCH,
            header::IF_NONE_MATCH,
            header::ACCEPT_LANGUAGE,
            header::HeaderName::from_static("idempotency-key"),
            http::request_id::X_REQUEST_ID,
        ])
        .expose_headers([
            header::ETAG,
            header::LOCATION,
            header::RETRY_AFTER,
            http::request_id::X_REQUEST_ID,
        ])
        .max_age(3600)
}

async fn spec_yaml(yaml: Data<String>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/yaml")
        .body(yaml.get_ref().clone())
}

async fn redirect_to_docs() -> HttpResponse {
    HttpResponse::PermanentRedirect()
        .insert_header((header::LOCATION, "/api/docs/"))
        .finish()
}
