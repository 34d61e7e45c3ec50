//! `spawn_app` starts the real application on a random port against a database of its own:
//! a fresh SQLite file, or a fresh PostgreSQL database named by a UUID and dropped afterwards.

use std::path::PathBuf;

use marcottage::{Application, config::Config};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};

/// Where the tests create their PostgreSQL databases.
fn postgres_admin_url() -> String {
    std::env::var("MARCOTTAGE_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A running application and the database it owns.
pub struct TestApp {
    pub address: String,
    /// The HS256 secret this app signs access tokens with, for forging tests.
    pub jwt_secret: String,
    pub client: reqwest::Client,
    /// The app's own pool, for tests that inspect what was stored.
    #[allow(dead_code)]
    pub db: marcottage::db::Db,
    pub database: TestDatabase,
    handle: actix_web::dev::ServerHandle,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request failed")
    }

    /// Reads `path` until `holds` (see [`eventually`]).
    pub async fn eventually(
        &self,
        path: &str,
        holds: impl Fn(&serde_json::Value) -> bool,
    ) -> serde_json::Value {
        eventually(async |path: &str| self.get(path).await, path, holds).await
    }
}

/// A logged-in member as the tests see them.
#[derive(Debug, Clone)]
pub struct Session {
    pub id: String,
    pub access: String,
    pub refresh: String,
}

pub const PASSWORD: &str = "une graine de baobab";

impl TestApp {
    /// Any request, as `session` when given, with a JSON body when given.
    pub async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        session: Option<&Session>,
        body: Option<serde_json::Value>,
    ) -> reqwest::Response {
        let mut request = self.client.request(method, self.url(path));
        if let Some(session) = session {
            request = request.bearer_auth(&session.access);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.expect("request failed")
    }

    /// POSTs as `session`, expects 201 and returns the created body.
    pub async fn created(
        &self,
        path: &str,
        session: &Session,
        body: serde_json::Value,
    ) -> serde_json::Value {
        let response = self
            .call(reqwest::Method::POST, path, Some(session), Some(body))
            .await;
        assert_eq!(response.status(), 201, "{path}");
        response.json().await.expect("a JSON body")
    }
}

impl TestApp {
    pub async fn post_json(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .expect("request failed")
    }

    pub async fn get_as(&self, path: &str, access: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .bearer_auth(access)
            .send()
            .await
            .expect("request failed")
    }

    pub async fn register(&self, email: &str, password: &str) -> reqwest::Response {
        let body = serde_json::json!({"email": email, "password": password, "display_name": "Awa Diop", "locale": "fr"});
        self.post_json("/api/v1/auth/register", &body).await
    }

    pub async fn login(&self, email: &str, password: &str) -> reqwest::Response {
        self.post_json(
            "/api/v1/auth/login",
            &serde_json::json!({"email": email, "password": password}),
        )
        .await
    }

    /// Registers a member, verifies the address through the e-mail, and logs in.
    pub async fn member(&self, email: &str) -> Session {
        assert_eq!(self.register(email, PASSWORD).await.status(), 202);
        let token = self.token_from_last_email(email, "verify-email").await;
        let verified = self
            .post_json(
                "/api/v1/auth/verify-email",
                &serde_json::json!({"token": token}),
            )
            .await;
        assert_eq!(verified.status(), 204);
        self.log_in(email, PASSWORD).await
    }

    pub async fn log_in(&self, email: &str, password: &str) -> Session {
        let response = self.login(email, password).await;
        assert_eq!(response.status(), 200, "login of {email}");
        let pair: serde_json::Value = response.json().await.unwrap();
        let access = pair["access_token"].as_str().unwrap().to_owned();
        let me: serde_json::Value = self
            .get_as("/api/v1/me", &access)
            .await
            .json()
            .await
            .unwrap();
        Session {
            id: me["id"].as_str().unwrap().to_owned(),
            access,
            refresh: pair["refresh_token"].as_str().unwrap().to_owned(),
        }
    }

    /// The e-mails queued for an address, oldest first, read from the outbox table.
    pub async fn emails_to(&self, to: &str) -> Vec<marcottage::mail::Email> {
        use marcottage::entities::outbox;
        use sea_orm::{EntityTrait, QueryOrder};
        outbox::Entity::find()
            .order_by_asc(outbox::Column::CreatedAt)
            .all(&self.db)
            .await
            .unwrap()
            .into_iter()
            .filter_map(|row| serde_json::from_value::<marcottage::mail::Email>(row.payload).ok())
            .filter(|email| email.to == to)
            .collect()
    }

    /// The token of the last e-mail to `to` whose link contains `path`.
    pub async fn token_from_last_email(&self, to: &str, path: &str) -> String {
        let emails = self.emails_to(to).await;
        let body = emails
            .iter()
            .rev()
            .map(|email| email.body.as_str())
            .find(|body| body.contains(path))
            .unwrap_or_else(|| panic!("no e-mail with a {path} link for {to}: {emails:?}"));
        let start = body.find("token=").expect("a token in the link") + "token=".len();
        body[start..]
            .chars()
            .take_while(char::is_ascii_hexdigit)
            .collect()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // Stop accepting work; the database guard then removes the database.
        drop(self.handle.stop(false));
    }
}

/// Spawns the app with default test configuration. `None` when the backend is PostgreSQL and
/// no server is reachable outside CI (under `CI=true` PostgreSQL is mandatory).
pub async fn spawn_app(backend: Backend) -> Option<TestApp> {
    spawn_app_with(backend, |_| {}).await
}

pub async fn spawn_app_with(
    backend: Backend,
    customise: impl FnOnce(&mut Config),
) -> Option<TestApp> {
    // TEST_LOG=debug shows the application's logs beside a failing test.
    if let Ok(level) = std::env::var("TEST_LOG") {
        marcottage::telemetry::init(marcottage::config::LogFormat::Pretty, &level);
    }
    let database = TestDatabase::create(backend).await?;
    let mut config = Config::for_database(database.url.clone());
    let jwt_secret = format!("test-secret-{}", uuid::Uuid::new_v4());
    config.jwt_secret = Some(jwt_secret.clone().into());
    customise(&mut config);
    let application = Application::build(config)
        .await
        .expect("the application failed to build");
    let address = format!("http://127.0.0.1:{}", application.port());
    let db = application.db().clone();
    let handle = application.handle();
    tokio::spawn(application.run_until_stopped());
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("cannot build an HTTP client");
    Some(TestApp {
        address,
        jwt_secret,
        client,
        db,
        database,
        handle,
    })
}

/// Reads `path` through `get` until `holds`. Listings follow changes and time within a
/// second; the generous bound only keeps a slow machine from failing the test.
pub async fn eventually(
    get: impl AsyncFn(&str) -> reqwest::Response,
    path: &str,
    holds: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let body: serde_json::Value = get(path).await.json().await.expect("a JSON body");
        if holds(&body) {
            return body;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{path} never came to hold: {body}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// Another replica of the application, serving the same database as a [`TestApp`].
pub struct Replica {
    pub address: String,
    pub client: reqwest::Client,
    handle: actix_web::dev::ServerHandle,
}

impl Replica {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{}", self.address, path))
            .send()
            .await
            .expect("request failed")
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        drop(self.handle.stop(false));
    }
}

impl TestApp {
    /// Starts another replica on this app's database.
    pub async fn replica(&self, customise: impl FnOnce(&mut Config)) -> Replica {
        let mut config = Config::for_database(self.database.url.clone());
        config.jwt_secret = Some(self.jwt_secret.clone().into());
        customise(&mut config);
        let application = Application::build(config)
            .await
            .expect("the replica failed to build");
        let address = format!("http://127.0.0.1:{}", application.port());
        let handle = application.handle();
        tokio::spawn(application.run_until_stopped());
        Replica {
            address,
            client: reqwest::Client::new(),
            handle,
        }
    }
}

/// A database that exists for one test only.
pub struct TestDatabase {
    pub url: String,
    #[allow(dead_code)]
    pub backend: Backend,
    /// The PostgreSQL database name, or the SQLite file.
    pub name: String,
    file: Option<PathBuf>,
}

impl TestDatabase {
    async fn create(backend: Backend) -> Option<Self> {
        let id = uuid::Uuid::new_v4().simple().to_string();
        match backend {
            Backend::Sqlite => {
                let file = std::env::temp_dir().join(format!("marcottage-test-{id}.db"));
                Some(Self {
                    url: format!("sqlite://{}?mode=rwc", file.display()),
                    backend,
                    name: file.display().to_string(),
                    file: Some(file),
                })
            }
            Backend::Postgres => {
                let admin = match Database::connect(postgres_admin_url()).await {
                    Ok(admin) => admin,
                    Err(error) if std::env::var("CI").is_ok_and(|ci| ci == "true") => {
                        panic!("PostgreSQL is mandatory under CI=true and unreachable: {error}")
                    }
                    Err(error) => {
                        eprintln!("PostgreSQL unreachable ({error}); skipping the PostgreSQL run");
                        return None;
                    }
                };
                let name = format!("marcottage_test_{id}");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("cannot create the test database");
                let url = postgres_admin_url();
                let base = url.rsplit_once('/').map_or(url.as_str(), |(base, _)| base);
                Some(Self {
                    url: format!("{base}/{name}"),
                    backend,
                    name,
                    file: None,
                })
            }
        }
    }

    /// A new connection to the server's admin database (PostgreSQL only).
    pub async fn admin(&self) -> DatabaseConnection {
        Database::connect(postgres_admin_url())
            .await
            .expect("cannot reach PostgreSQL")
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some(file) = &self.file {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
            }
            return;
        }
        // Drop cannot await: a short-lived runtime on its own thread removes the database.
        let name = self.name.clone();
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            runtime.block_on(async {
                let admin = Database::connect(postgres_admin_url()).await?;
                admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await?;
                Ok::<_, anyhow::Error>(())
            })
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) {
            eprintln!("could not drop test database {}", self.name);
        }
    }
}

/// Runs each listed scenario (a plain `async fn name(app: TestApp)` of the calling module, so
/// rustfmt formats it) once on SQLite and once on PostgreSQL, as tests `name::sqlite` and
/// `name::postgres`.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            use $crate::helpers::{Backend, spawn_app};

            #[tokio::test]
            async fn sqlite() {
                super::$name(spawn_app(Backend::Sqlite).await.expect("SQLite always runs")).await
            }

            #[tokio::test]
            async fn postgres() {
                if let Some(app) = spawn_app(Backend::Postgres).await {
                    super::$name(app).await
                }
            }
        }
    )*};
}

/// Like [`on_both_databases!`], with the configuration changed by `$customise` (a
/// `fn(&mut Config)`) before each app starts.
#[macro_export]
macro_rules! on_both_databases_with {
    ($customise:path; $($name:ident),* $(,)?) => {$(
        mod $name {
            use $crate::helpers::{Backend, spawn_app_with};

            #[tokio::test]
            async fn sqlite() {
                let app = spawn_app_with(Backend::Sqlite, $customise).await;
                super::$name(app.expect("SQLite always runs")).await
            }

            #[tokio::test]
            async fn postgres() {
                if let Some(app) = spawn_app_with(Backend::Postgres, $customise).await {
                    super::$name(app).await
                }
            }
        }
    )*};
}

/// Reads a problem document and checks its media type.
pub async fn problem(response: reqwest::Response) -> serde_json::Value {
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(content_type, "application/problem+json");
    response.json().await.expect("a problem is JSON")
}
