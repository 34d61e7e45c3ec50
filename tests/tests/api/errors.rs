use crate::{
    helpers::{TestApp, problem},
    on_both_databases,
};

async fn an_unknown_api_route_is_a_404_problem(app: TestApp) {
    let response = app.get("/api/v1/no-such-thing").await;
    assert_eq!(response.status(), 404);
    let body = problem(response).await;
    assert_eq!(body["code"], "not_found");
    assert_eq!(body["status"], 404);
    assert_eq!(body["type"], "urn:marcottage:problem:not_found");
}

async fn an_undeclared_method_is_a_405_with_allow(app: TestApp) {
    let response = app.client.delete(app.url("/healthz")).send().await.unwrap();
    assert_eq!(response.status(), 405);
    assert_eq!(response.headers()["allow"], "GET");
    assert_eq!(problem(response).await["code"], "method_not_allowed");

    let on_template = app
        .client
        .post(app.url("/api/v1/taxonomies/sectors"))
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(on_template.status(), 405);
    assert_eq!(on_template.headers()["allow"], "GET");

    // A written-out path beside a templated one (`/cooperation-links/{id}` takes PATCH), asked
    // by a member (a stranger is told to log in first).
    let member = app.member("amadou.ba@example.org").await;
    let beside_template = crate::contacts::request(
        &app,
        reqwest::Method::PATCH,
        "/api/v1/cooperation-links/aggregates?by=country",
        Some(&member),
        Some(serde_json::json!({})),
    )
    .await;
    assert_eq!(beside_template.status(), 405);
    assert_eq!(beside_template.headers()["allow"], "GET");
}

async fn every_response_carries_a_request_id_and_echoes_the_callers(app: TestApp) {
    let generated = app.get("/healthz").await;
    let id = generated.headers()["x-request-id"].to_str().unwrap();
    assert_eq!(uuid::Uuid::parse_str(id).unwrap().get_version_num(), 7);

    let echoed = app
        .client
        .get(app.url("/api/v1/no-such-thing"))
        .header("X-Request-Id", "trace-42")
        .send()
        .await
        .unwrap();
    assert_eq!(echoed.headers()["x-request-id"], "trace-42");

    let unsafe_id = app
        .client
        .get(app.url("/healthz"))
        .header("X-Request-Id", "bad id with spaces")
        .send()
        .await
        .unwrap();
    assert_ne!(unsafe_id.headers()["x-request-id"], "bad id with spaces");
}

async fn responses_are_compressed_for_clients_that_accept_it(app: TestApp) {
    let response = app
        .client
        .get(app.url("/api/v1/taxonomies/sectors?lang=fr"))
        .header("Accept-Encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-encoding"], "gzip");
}

on_both_databases!(
    an_unknown_api_route_is_a_404_problem,
    an_undeclared_method_is_a_405_with_allow,
    every_response_carries_a_request_id_and_echoes_the_callers,
    responses_are_compressed_for_clients_that_accept_it
);

async fn broken_json_is_a_400_problem(app: TestApp) {
    let response = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header("Content-Type", "application/json")
        .body("{\"email\": \"awa@")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert_eq!(problem(response).await["code"], "malformed_json");
}

async fn a_two_megabyte_body_is_a_413_problem(app: TestApp) {
    let huge = format!("{{\"email\": \"{}\"}}", "a".repeat(2 * 1024 * 1024));
    let response = app
        .client
        .post(app.url("/api/v1/auth/register"))
        .header("Content-Type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    assert_eq!(problem(response).await["code"], "payload_too_large");
}

async fn a_body_that_is_not_json_is_a_415_and_a_wrong_type_a_422(app: TestApp) {
    let text = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .body("email=a")
        .send()
        .await
        .unwrap();
    assert_eq!(text.status(), 415);
    assert_eq!(problem(text).await["code"], "unsupported_media_type");
    let wrong_type = app
        .post_json(
            "/api/v1/auth/login",
            &serde_json::json!({"email": 42, "password": []}),
        )
        .await;
    assert_eq!(wrong_type.status(), 422);
    assert_eq!(problem(wrong_type).await["code"], "validation_failed");
}

/// serde reads an array as a struct's fields in order: `[null, null]` would be a change that
/// changes nothing, and a client's mistake would pass unseen.
async fn a_body_that_is_an_array_is_refused_and_changes_nothing(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let organisation =
        serde_json::json!({"name": "Coopérative de Ziguinchor", "kind": "other", "country": "SN"});
    let created = app
        .created("/api/v1/organisations", &awa, organisation)
        .await;
    let path = format!("/api/v1/organisations/{}", created["id"].as_str().unwrap());
    for body in ["[null, null]", " [\"Autre nom\"]", "\"Autre nom\"", "42"] {
        let refused = app
            .client
            .patch(app.url(&path))
            .bearer_auth(&awa.access)
            .header("Content-Type", "application/json")
            .header("If-Match", "\"1\"")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), 422, "{body}");
        let problem = problem(refused).await;
        assert_eq!(problem["errors"][0]["field"], "body", "{body}");
        assert_eq!(problem["errors"][0]["code"], "invalid_type", "{body}");
    }
    let kept: serde_json::Value = app.get(&path).await.json().await.unwrap();
    assert_eq!(kept["name"], "Coopérative de Ziguinchor");
    assert_eq!(kept["version"], 1);
}

on_both_databases!(
    broken_json_is_a_400_problem,
    a_two_megabyte_body_is_a_413_problem,
    a_body_that_is_not_json_is_a_415_and_a_wrong_type_a_422,
    a_body_that_is_an_array_is_refused_and_changes_nothing
);
