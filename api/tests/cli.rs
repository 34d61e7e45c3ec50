//! The `marcottage` binary as an operator uses it: serve, stop, restart, migrate, seed, admin.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::{
    io::{Read, Write},
    net::TcpListener,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::Duration,
};

use serde_json::json;

const BINARY: &str = env!("CARGO_BIN_EXE_marcottage");
const PASSWORD: &str = "une graine de baobab";

struct Workspace {
    dir: PathBuf,
}

impl Workspace {
    fn new() -> Self {
        let dir = std::env::temp_dir().join(format!("marcottage-cli-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        Self { dir }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(BINARY);
        command
            .args(args)
            .current_dir(&self.dir)
            .env(
                "MARCOTTAGE_DATABASE_URL",
                format!("sqlite://{}?mode=rwc", self.db().display()),
            )
            .env(
                "MARCOTTAGE_JWT_SECRET",
                "a-test-secret-that-is-long-enough-to-use",
            )
            .env("MARCOTTAGE_LOG_LEVEL", "warn")
            .env_remove("MARCOTTAGE_CONFIG");
        command
    }

    fn db(&self) -> PathBuf {
        self.dir.join("marcottage.db")
    }

    fn run(&self, args: &[&str]) -> String {
        let output = self.command(args).output().unwrap();
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    async fn serve(&self) -> Server {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = self
            .command(&["serve"])
            .env("MARCOTTAGE_BIND", format!("127.0.0.1:{port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let server = Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
            client: reqwest::Client::new(),
        };
        for _ in 0..100 {
            if server
                .client
                .get(format!("{}/readyz", server.base))
                .send()
                .await
                .is_ok_and(|r| r.status() == 200)
            {
                return server;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the server did not become ready");
    }
}

impl Drop for Workspace {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

struct Server {
    child: Child,
    base: String,
    client: reqwest::Client,
}

impl Server {
    async fn post(&self, path: &str, body: serde_json::Value) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.base))
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    fn wait(mut self) -> std::process::ExitStatus {
        for _ in 0..200 {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        self.child.kill().ok();
        panic!("the server did not stop within 10 s of SIGTERM");
    }
}

#[tokio::test]
async fn data_survives_a_restart_and_sigterm_lets_requests_in_flight_finish() {
    let workspace = Workspace::new();
    let server = workspace.serve().await;
    let register = server
        .post(
            "/api/v1/auth/register",
            json!({"email": "awa@example.sn", "password": PASSWORD, "display_name": "Awa"}),
        )
        .await;
    assert_eq!(register.status(), 202);

    // A request whose body is still arriving when SIGTERM comes must still be answered.
    let mut slow = std::net::TcpStream::connect(server.base.trim_start_matches("http://")).unwrap();
    let body = json!({"email": "awa@example.sn", "password": "not the password"}).to_string();
    let head = format!(
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    slow.write_all(head.as_bytes()).unwrap();
    slow.write_all(&body.as_bytes()[..10]).unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    server.terminate();
    tokio::time::sleep(Duration::from_millis(500)).await;
    slow.write_all(&body.as_bytes()[10..]).unwrap();
    let mut answer = String::new();
    slow.read_to_string(&mut answer).unwrap();
    assert!(
        answer.starts_with("HTTP/1.1 401"),
        "the request in flight was cut off: {answer:?}"
    );
    assert!(server.wait().success(), "a graceful stop exits with 0");

    let again = workspace.serve().await;
    let login = again
        .post(
            "/api/v1/auth/login",
            json!({"email": "awa@example.sn", "password": PASSWORD}),
        )
        .await;
    assert_eq!(
        login.status(),
        200,
        "the member is still there after the restart"
    );
    again.terminate();
    again.wait();
}

#[tokio::test]
async fn operators_create_admins_and_grant_roles_from_the_command_line() {
    let workspace = Workspace::new();
    let mut create = workspace.command(&["admin", "create", "--email", "Admin@Example.org"]);
    let output = create
        .env("MARCOTTAGE_ADMIN_PASSWORD", PASSWORD)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    let generated = workspace.run(&["admin", "create", "--email", "second@example.org"]);
    let second_password = generated.trim().rsplit(' ').next().unwrap().to_owned();
    assert!(second_password.len() >= 20, "{generated}");

    let server = workspace.serve().await;
    server
        .post(
            "/api/v1/auth/register",
            json!({"email": "awa@example.sn", "password": PASSWORD, "display_name": "Awa"}),
        )
        .await;
    workspace.run(&[
        "admin",
        "grant",
        "--email",
        "awa@example.sn",
        "--role",
        "facilitator",
    ]);
    let failed = workspace
        .command(&[
            "admin",
            "grant",
            "--email",
            "nobody@example.sn",
            "--role",
            "admin",
        ])
        .output()
        .unwrap();
    assert!(!failed.status.success());

    for (email, password, role) in [
        ("admin@example.org", PASSWORD, "admin"),
        ("second@example.org", second_password.as_str(), "admin"),
        ("awa@example.sn", PASSWORD, "facilitator"),
    ] {
        let login = server
            .post(
                "/api/v1/auth/login",
                json!({"email": email, "password": password}),
            )
            .await;
        assert_eq!(login.status(), 200, "{email}");
        let token = login.json::<serde_json::Value>().await.unwrap()["access_token"]
            .as_str()
            .unwrap()
            .to_owned();
        let me: serde_json::Value = server
            .client
            .get(format!("{}/api/v1/me", server.base))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(me["role"], role, "{email}");
    }
    server.terminate();
    server.wait();
}

#[test]
fn migrations_go_up_down_and_report_their_status() {
    let workspace = Workspace::new();
    let pending = workspace.run(&["migrate", "status"]);
    assert!(
        pending.lines().all(|line| line.starts_with("Pending")),
        "{pending}"
    );
    workspace.run(&["migrate", "up"]);
    let applied = workspace.run(&["migrate", "status"]);
    assert!(
        applied.lines().count() >= 2 && applied.lines().all(|line| line.starts_with("Applied")),
        "{applied}"
    );
    workspace.run(&["migrate", "down"]);
    let after_down = workspace.run(&["migrate", "status"]);
    assert!(
        after_down.lines().last().unwrap().starts_with("Pending"),
        "{after_down}"
    );
    assert!(Path::new(&workspace.db()).exists());
}

impl Server {
    async fn get(&self, path: &str) -> serde_json::Value {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{path}");
        response.json().await.unwrap()
    }
}

#[tokio::test]
async fn the_demo_seed_fills_a_marketplace_once() {
    let workspace = Workspace::new();
    let first = workspace.run(&["seed", "--demo"]);
    assert!(first.contains("700 opportunities"), "{first}");
    let second = workspace.run(&["seed", "--demo"]);
    assert!(second.contains("nothing to do"), "{second}");

    let server = workspace.serve().await;
    let opportunities = server.get("/api/v1/opportunities").await;
    assert!(
        opportunities["total"].as_i64().unwrap() >= 600,
        "{}",
        opportunities["total"]
    );
    let projects = server.get("/api/v1/projects").await;
    assert!(
        projects["total"].as_i64().unwrap() >= 150,
        "{}",
        projects["total"]
    );
    // An English word finds French items, accents aside.
    let cooperation = server.get("/api/v1/projects?q=cooperation&limit=100").await;
    let titles: Vec<&str> = cooperation["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["title"].as_str().unwrap())
        .collect();
    assert!(
        titles.iter().any(|title| title.contains("Coopération")),
        "{titles:?}"
    );
    let mangoes = server
        .get("/api/v1/opportunities?q=mangue&country=SN&sector=321")
        .await;
    assert!(mangoes["total"].as_i64().unwrap() > 0, "{mangoes}");

    // The demo accounts share one password and are verified.
    let login = server
        .post(
            "/api/v1/auth/login",
            json!({"email": "demo-owner@marcottage.example", "password": "marcottage demo 2026"}),
        )
        .await;
    assert_eq!(login.status(), 200);
    server.terminate();
    server.wait();

    // Running again after serving changes nothing.
    let counts = |server_total: &serde_json::Value| server_total["total"].as_i64().unwrap();
    let before = (counts(&opportunities), counts(&projects));
    workspace.run(&["seed", "--demo"]);
    let again = workspace.serve().await;
    let after = (
        counts(&again.get("/api/v1/opportunities").await),
        counts(&again.get("/api/v1/projects").await),
    );
    assert_eq!(before, after);
    again.terminate();
    again.wait();
}

#[test]
fn seeding_is_refused_in_production() {
    let workspace = Workspace::new();
    for args in [&["seed", "--demo"][..], &["seed", "--scale", "900"]] {
        let output = workspace
            .command(args)
            .env("MARCOTTAGE_ENVIRONMENT", "production")
            .output()
            .unwrap();
        assert!(!output.status.success(), "{args:?} ran in production");
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(said.contains("refused in production"), "{said}");
    }
}

#[test]
fn the_scale_seed_loads_benchmark_data_once() {
    let workspace = Workspace::new();
    let first = workspace.run(&["seed", "--scale", "900"]);
    assert!(first.contains("900 opportunities"), "{first}");
    assert!(first.contains("300 projects"), "{first}");
    let second = workspace.run(&["seed", "--scale", "900"]);
    assert!(second.contains("nothing to do"), "{second}");
}

#[test]
fn the_openapi_command_prints_the_committed_document() {
    let printed = Workspace::new().run(&["openapi"]);
    let committed =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../openapi.yaml"))
            .unwrap();
    assert!(
        printed == committed,
        "openapi.yaml is stale: run `make openapi`"
    );
}
