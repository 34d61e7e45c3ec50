use std::time::Duration;

use crate::{
    helpers::{Backend, TestApp, problem, spawn_app},
    on_both_databases,
};
use sea_orm::ConnectionTrait;

async fn health_and_readiness_answer_when_the_database_is_up(app: TestApp) {
    let health = app.get("/healthz").await;
    assert_eq!(health.status(), 200);
    assert_eq!(
        health.json::<serde_json::Value>().await.unwrap()["status"],
        "ok"
    );
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status(), 200);
    assert_eq!(
        ready.json::<serde_json::Value>().await.unwrap()["status"],
        "ready"
    );
}

async fn metrics_count_requests_by_route_template_and_status(app: TestApp) {
    for _ in 0..3 {
        app.get("/api/v1/taxonomies/sdgs").await;
    }
    app.get("/api/v1/taxonomies/nowhere").await;
    let metrics = app.get("/metrics").await.text().await.unwrap();
    let line = metrics
        .lines()
        .find(|line| {
            line.starts_with("marcottage_http_requests_total")
                && line.contains(r#"endpoint="/api/v1/taxonomies/{taxonomy}""#)
                && line.contains(r#"status="200""#)
        })
        .unwrap_or_else(|| panic!("no request counter in\n{metrics}"));
    assert!(line.ends_with(" 3"), "{line}");
    assert!(metrics.contains("marcottage_http_requests_duration_seconds_bucket"));
    assert!(
        !metrics.contains("nowhere"),
        "raw paths must not become labels"
    );
}

on_both_databases!(
    health_and_readiness_answer_when_the_database_is_up,
    metrics_count_requests_by_route_template_and_status
);

/// Takes the database away from a running PostgreSQL-backed app, then gives it back.
#[tokio::test]
async fn readiness_fails_while_the_database_is_down_and_recovers_by_itself() {
    let Some(app) = spawn_app(Backend::Postgres).await else {
        return;
    };
    assert_eq!(app.get("/readyz").await.status(), 200);
    let admin = app.database.admin().await;
    let name = &app.database.name;
    admin
        .execute_unprepared(&format!("ALTER DATABASE {name} ALLOW_CONNECTIONS false"))
        .await
        .unwrap();
    admin
        .execute_unprepared(&format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"
        ))
        .await
        .unwrap();

    let down = app.get("/readyz").await;
    assert_eq!(down.status(), 503);
    assert_eq!(problem(down).await["code"], "service_unavailable");
    assert_eq!(
        app.get("/healthz").await.status(),
        200,
        "liveness does not depend on the database"
    );

    admin
        .execute_unprepared(&format!("ALTER DATABASE {name} ALLOW_CONNECTIONS true"))
        .await
        .unwrap();
    let mut status = 0;
    for _ in 0..20 {
        status = app.get("/readyz").await.status().as_u16();
        if status == 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(status, 200, "readiness came back without a restart");
}
