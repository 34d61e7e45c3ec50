use crate::{helpers::problem, on_both_databases};

on_both_databases! {
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
}
