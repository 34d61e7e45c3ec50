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

/// Every operation of the document, as JSON: (method, path, operation).
fn operations(document: &serde_json::Value) -> Vec<(String, String, serde_json::Value)> {
    let mut all = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            all.push((method.clone(), path.clone(), operation.clone()));
        }
    }
    all
}

/// Integrators generate clients whose method names are the operationIds: they must be
/// descriptive, unique, camelCase and stable, and every operation must say what it does and
/// where it belongs.
#[test]
fn every_operation_has_a_unique_camel_case_id_a_tag_and_a_summary() {
    let document = serde_json::to_value(marcottage::openapi::document()).unwrap();
    let declared_tags: Vec<&str> = document["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|tag| tag["name"].as_str().unwrap())
        .collect();
    let mut seen = std::collections::BTreeMap::new();
    for (method, path, operation) in operations(&document) {
        let here = format!("{} {path}", method.to_uppercase());
        let id = operation["operationId"].as_str().unwrap_or_default();
        assert!(
            is_camel_case(id),
            "{here}: operationId {id:?} is not camelCase"
        );
        if let Some(other) = seen.insert(id.to_owned(), here.clone()) {
            panic!("{here} and {other} share the operationId {id}");
        }
        let tags = operation["tags"].as_array().cloned().unwrap_or_default();
        assert!(!tags.is_empty(), "{id} has no tag");
        for tag in &tags {
            let tag = tag.as_str().unwrap();
            assert!(
                declared_tags.contains(&tag),
                "{id}: tag {tag} is not declared"
            );
        }
        let summary = operation["summary"].as_str().unwrap_or_default();
        assert!(!summary.trim().is_empty(), "{id} has no summary");
    }
}

/// `searchProjects`, not `search_projects` nor `SearchProjects` nor `getAPIKey`.
fn is_camel_case(id: &str) -> bool {
    let mut characters = id.chars();
    characters
        .next()
        .is_some_and(|first| first.is_ascii_lowercase())
        && id.chars().all(|c| c.is_ascii_alphanumeric())
        && !id
            .as_bytes()
            .windows(2)
            .any(|pair| pair[0].is_ascii_uppercase() && pair[1].is_ascii_uppercase())
}

#[test]
fn camel_case_means_lower_first_then_words() {
    for good in ["searchProjects", "getMe", "login", "exportIati"] {
        assert!(is_camel_case(good), "{good}");
    }
    for bad in [
        "search_projects",
        "SearchProjects",
        "",
        "getAPIKey",
        "list-events",
    ] {
        assert!(!is_camel_case(bad), "{bad}");
    }
}

/// A request body without an example leaves integrators guessing which codes and shapes the
/// marketplace takes: each has one, on the media type or on the schema it names.
#[test]
fn every_request_body_has_an_example() {
    let document = serde_json::to_value(marcottage::openapi::document()).unwrap();
    let schemas = &document["components"]["schemas"];
    let mut bodies = 0;
    for (_, _, operation) in operations(&document) {
        let Some(content) = operation["requestBody"]["content"].as_object() else {
            continue;
        };
        let id = operation["operationId"].as_str().unwrap_or_default();
        for (media_type, media) in content {
            bodies += 1;
            let schema = match media["schema"]["$ref"].as_str() {
                Some(reference) => &schemas[reference.trim_start_matches("#/components/schemas/")],
                None => &media["schema"],
            };
            let has_example = [media, schema]
                .iter()
                .any(|holder| !holder["example"].is_null() || !holder["examples"].is_null());
            assert!(has_example, "{id} ({media_type}) has no request example");
        }
    }
    assert!(
        bodies > 30,
        "only {bodies} request bodies: the walk is broken"
    );
}

/// The example a schema of the document shows.
fn example_of(name: &str) -> serde_json::Value {
    let document = serde_json::to_value(marcottage::openapi::document()).unwrap();
    let example = document["components"]["schemas"][name]["example"].clone();
    assert!(!example.is_null(), "{name} has no example");
    example
}

/// An example is a body the API takes: serde reads it and the type's own checks pass.
fn accepted<T: serde::de::DeserializeOwned + validator::Validate>(name: &str) {
    let body: T = serde_json::from_value(example_of(name))
        .unwrap_or_else(|error| panic!("the {name} example does not parse: {error}"));
    if let Err(errors) = body.validate() {
        panic!("the {name} example is invalid: {errors}");
    }
}

fn parsed<T: serde::de::DeserializeOwned>(name: &str) {
    if let Err(error) = serde_json::from_value::<T>(example_of(name)) {
        panic!("the {name} example does not parse: {error}");
    }
}

/// An example an integrator copies must work: a stale one (a renamed field, a value out of
/// range) fails here.
#[test]
fn request_examples_are_bodies_the_api_accepts() {
    use marcottage::{
        accounts::dto as accounts, conversations::dto as conversations,
        cooperation::dto as cooperation, funding, integrations::dto as integrations,
        interests::dto as interests, introductions::dto as introductions,
        opportunities::dto as opportunities, organisations::dto as organisations,
        projects::dto as projects, saved_searches::dto as saved_searches,
    };
    accepted::<accounts::Registration>("Registration");
    accepted::<accounts::Credentials>("Credentials");
    accepted::<accounts::RefreshRequest>("RefreshRequest");
    accepted::<accounts::TokenRequest>("TokenRequest");
    accepted::<accounts::PasswordResetRequest>("PasswordResetRequest");
    accepted::<accounts::PasswordResetConfirmation>("PasswordResetConfirmation");
    accepted::<accounts::PasswordChange>("PasswordChange");
    accepted::<accounts::AccountDeletion>("AccountDeletion");
    accepted::<accounts::ProfileChanges>("ProfileChanges");
    parsed::<accounts::MemberAdministration>("MemberAdministration");
    accepted::<conversations::NewMessage>("NewMessage");
    accepted::<cooperation::NewCooperationLink>("NewCooperationLink");
    accepted::<cooperation::CooperationLinkChanges>("CooperationLinkChanges");
    accepted::<funding::calls::dto::NewFundingCall>("NewFundingCall");
    accepted::<funding::calls::dto::FundingCallChanges>("FundingCallChanges");
    accepted::<funding::applications::dto::NewApplication>("NewApplication");
    accepted::<funding::applications::dto::ApplicationChanges>("ApplicationChanges");
    accepted::<funding::applications::dto::Review>("Review");
    accepted::<funding::financing::NewFinancingLine>("NewFinancingLine");
    accepted::<funding::financing::FinancingLineChanges>("FinancingLineChanges");
    accepted::<funding::results::NewIndicator>("NewIndicator");
    accepted::<funding::results::NewMeasurement>("NewMeasurement");
    accepted::<integrations::NewApiKey>("NewApiKey");
    accepted::<integrations::NewWebhook>("NewWebhook");
    accepted::<integrations::WebhookChanges>("WebhookChanges");
    accepted::<interests::NewInterest>("NewInterest");
    accepted::<introductions::NewIntroduction>("NewIntroduction");
    accepted::<opportunities::NewOpportunity>("NewOpportunity");
    accepted::<opportunities::OpportunityChanges>("OpportunityChanges");
    accepted::<organisations::NewOrganisation>("NewOrganisation");
    accepted::<organisations::OrganisationChanges>("OrganisationChanges");
    accepted::<organisations::NewInvitation>("NewInvitation");
    parsed::<organisations::MembershipChange>("MembershipChange");
    accepted::<projects::NewProject>("NewProject");
    accepted::<projects::ProjectChanges>("ProjectChanges");
    accepted::<projects::NewMilestone>("NewMilestone");
    accepted::<saved_searches::NewSavedSearch>("NewSavedSearch");
    accepted::<saved_searches::SavedSearchChanges>("SavedSearchChanges");
}

/// A notification's payload is typed by its kind: a oneOf of one schema per kind, discriminated
/// by `kind`, each payload with its `title` and `link`.
#[test]
fn a_notification_is_a_union_discriminated_by_kind() {
    let document = serde_json::to_value(marcottage::openapi::document()).unwrap();
    let schemas = &document["components"]["schemas"];
    let notification = &schemas["Notification"];
    assert_eq!(notification["discriminator"]["propertyName"], "kind");
    let mapping = notification["discriminator"]["mapping"]
        .as_object()
        .unwrap();
    let variants = notification["oneOf"].as_array().unwrap();
    assert_eq!(mapping.len(), variants.len());
    assert!(
        mapping.len() >= 10,
        "every kind of notification has its schema"
    );
    for (kind, reference) in mapping {
        let name = reference
            .as_str()
            .unwrap()
            .trim_start_matches("#/components/schemas/");
        let variant = &schemas[name];
        assert_eq!(
            variant["properties"]["kind"]["enum"],
            serde_json::json!([kind])
        );
        let payload = variant["properties"]["payload"]["$ref"].as_str().unwrap();
        let payload = &schemas[payload.trim_start_matches("#/components/schemas/")];
        for key in ["title", "link"] {
            assert!(
                payload["required"]
                    .as_array()
                    .unwrap()
                    .contains(&key.into()),
                "a {kind} payload lacks {key}"
            );
        }
    }
}

/// The operations that answer with `Deprecation` and `Sunset` are those the spec marks
/// `deprecated`, and only those.
#[test]
fn deprecated_operations_are_marked_in_the_spec_and_announced_by_the_server() {
    let document = serde_json::to_value(marcottage::openapi::document()).unwrap();
    let mut marked: Vec<(String, String)> = operations(&document)
        .into_iter()
        .filter(|(_, _, operation)| operation["deprecated"] == true)
        .map(|(method, path, _)| (method.to_uppercase(), path))
        .collect();
    let mut announced: Vec<(String, String)> = marcottage::http::deprecation::DEPRECATED
        .iter()
        .map(|entry| (entry.method.to_string(), entry.path.to_owned()))
        .collect();
    marked.sort();
    announced.sort();
    assert_eq!(marked, announced);
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
