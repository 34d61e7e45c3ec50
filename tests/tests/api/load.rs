//! Load: past what the server can take it answers 503 with `Retry-After`, quickly, and never
//! 500; a publish it answered 2xx is always there afterwards.

use futures_util::future::join_all;
use serde_json::{Value, json};

use crate::{
    helpers::{Backend, Session, TestApp, spawn_app_with},
    on_both_databases,
};

fn offer(n: usize) -> Value {
    json!({"direction": "offer", "category": "technical_partnership", "title": format!("Séchoir solaire n°{n}"),
           "description": "Un séchoir solaire pour les mangues de Casamance", "country": "SN", "sectors": ["31120"]})
}

/// Every answer of a burst is a success or a 503 that says when to come back.
async fn only_successes_or_503(responses: Vec<reqwest::Response>) -> usize {
    let mut refused = 0;
    for response in responses {
        let status = response.status().as_u16();
        assert!(
            status < 300 || status == 503,
            "{status}: {}",
            response.text().await.unwrap_or_default()
        );
        if status == 503 {
            assert_eq!(response.headers()["retry-after"], "1");
            assert_eq!(
                response.headers()["content-type"],
                "application/problem+json"
            );
            refused += 1;
        }
    }
    refused
}

async fn burst(app: &TestApp, path: &str, count: usize) -> Vec<reqwest::Response> {
    join_all((0..count).map(|_| app.client.get(app.url(path)).send()))
        .await
        .into_iter()
        .map(|response| response.expect("an answer"))
        .collect()
}

async fn saturated_app(backend: Backend, in_flight: usize) -> Option<TestApp> {
    spawn_app_with(backend, |config| {
        // A tiny server: few requests at a time, one database connection, little patience.
        config.max_requests_in_flight = in_flight;
        config.database_max_connections = 1;
        config.database_acquire_timeout_ms = 250;
        config.listings_from_database = true;
    })
    .await
}

async fn many_publish_while_others_read(app: &TestApp, author: &Session) {
    let publishes = join_all((0..12).map(|n| {
        app.client
            .post(app.url("/api/v1/opportunities"))
            .bearer_auth(&author.access)
            .json(&offer(n))
            .send()
    }));
    let reads = burst(app, "/api/v1/opportunities?country=SN&q=sechoir", 40);
    let (publishes, reads) = tokio::join!(publishes, reads);
    only_successes_or_503(reads).await;
    let mut published = Vec::new();
    for response in publishes {
        let response = response.expect("an answer");
        let status = response.status().as_u16();
        assert!(status == 201 || status == 503, "publish answered {status}");
        if status == 201 {
            let created: Value = response.json().await.unwrap();
            published.push(created["id"].as_str().unwrap().to_owned());
        }
    }
    assert!(!published.is_empty(), "some publishes went through");
    for id in &published {
        let read = app.get(&format!("/api/v1/opportunities/{id}")).await;
        assert_eq!(
            read.status(),
            200,
            "{id} was answered 201 and must be there"
        );
    }
}

async fn a_burst_past_capacity_gets_503_with_retry_after_never_500(app: TestApp) {
    let backend = app.database.backend;
    drop(app);
    let Some(app) = saturated_app(backend, 2).await else {
        return;
    };
    let awa = app.member("awa@example.sn").await;
    for n in 0..5 {
        app.created("/api/v1/opportunities", &awa, offer(n)).await;
    }
    let refused =
        only_successes_or_503(burst(&app, "/api/v1/opportunities?country=SN&q=sechoir", 60).await)
            .await;
    assert!(
        refused > 0,
        "sixty requests at once on a server that takes two"
    );
    // Health and readiness answer whatever the load.
    assert_eq!(app.get("/healthz").await.status(), 200);
}

async fn requests_waiting_too_long_for_the_database_get_503_never_500(app: TestApp) {
    let backend = app.database.backend;
    drop(app);
    // Any number of requests at once, but one connection: they queue for it.
    let Some(app) = saturated_app(backend, 1_024).await else {
        return;
    };
    let awa = app.member("awa@example.sn").await;
    for n in 0..5 {
        app.created("/api/v1/opportunities", &awa, offer(n)).await;
    }
    let refused =
        only_successes_or_503(burst(&app, "/api/v1/opportunities?country=SN&q=sechoir", 150).await)
            .await;
    assert!(
        refused > 0,
        "a hundred and fifty requests for one connection"
    );
}

async fn every_publish_answered_201_is_there_afterwards_even_under_load(app: TestApp) {
    let backend = app.database.backend;
    drop(app);
    let Some(app) = saturated_app(backend, 8).await else {
        return;
    };
    let awa = app.member("awa@example.sn").await;
    many_publish_while_others_read(&app, &awa).await;
}

on_both_databases!(
    a_burst_past_capacity_gets_503_with_retry_after_never_500,
    requests_waiting_too_long_for_the_database_get_503_never_500,
    every_publish_answered_201_is_there_afterwards_even_under_load
);
