use std::path::Path;

use crate::{helpers::TestApp, on_both_databases};

/// `openapi.yaml` is generated; editing a route without regenerating it fails here.
#[test]
fn the_committed_openapi_yaml_matches_the_code() {
    let committed_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../openapi.yaml");
    let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
    let generated = marcottage::openapi::yaml().unwrap();
    if committed != generated {
        let first_difference = committed
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .map_or("at the end".to_owned(), |line| {
                format!("at line {}", line + 1)
            });
        panic!(
            "openapi.yaml is stale (first difference {first_difference}); \
             regenerate it with `make openapi`"
        );
    }
}

#[test]
fn every_operation_documents_its_responses_and_security() {
    let document = marcottage::openapi::document();
    for (path, item) in &document.paths.paths {
        for operation in [&item.get, &item.post, &item.put, &item.patch, &item.delete]
            .into_iter()
            .flatten()
        {
            let id = operation.operation_id.clone().unwrap_or_default();
            assert!(!id.is_empty(), "{path} lacks an operationId");
            assert!(
                operation.security.is_some(),
                "{id} does not say who may call it"
            );
            for (status, response) in &operation.responses.responses {
                if let utoipa::openapi::RefOr::T(response) = response {
                    assert!(
                        !response.description.is_empty(),
                        "{id} {status} has no description"
                    );
                }
            }
        }
    }
}

async fn the_spec_is_served_as_json_and_yaml_with_offline_docs(app: TestApp) {
    let json: serde_json::Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    assert_eq!(json["openapi"], "3.1.0");
    assert!(json["paths"]["/api/v1/taxonomies/{taxonomy}"]["get"].is_object());

    let yaml = app.get("/api/v1/openapi.yaml").await;
    assert_eq!(yaml.headers()["content-type"], "application/yaml");
    assert_eq!(
        yaml.text().await.unwrap(),
        marcottage::openapi::yaml().unwrap()
    );

    let docs = app.get("/api/docs/").await;
    assert_eq!(docs.status(), 200);
    let page = docs.text().await.unwrap();
    assert!(page.contains("swagger-ui"));
    assert!(
        !page.contains("https://"),
        "the docs page must not load anything from the web"
    );
}

on_both_databases!(the_spec_is_served_as_json_and_yaml_with_offline_docs);
