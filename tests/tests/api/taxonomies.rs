use crate::helpers::TestApp;
use crate::{helpers::problem, on_both_databases};
use serde_json::Value;

async fn items(app: &TestApp, path: &str) -> Vec<Value> {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    let body: Value = response.json().await.unwrap();
    body["items"].as_array().unwrap().clone()
}

fn label<'a>(items: &'a [Value], code: &str) -> &'a str {
    items
        .iter()
        .find(|item| item["code"] == code)
        .and_then(|item| item["label"].as_str())
        .unwrap_or_else(|| panic!("no {code}"))
}

async fn sectors_come_with_french_labels_on_request(app: TestApp) {
    let french = items(&app, "/api/v1/taxonomies/sectors?lang=fr").await;
    let english = items(&app, "/api/v1/taxonomies/sectors?lang=en").await;
    assert_eq!(label(&french, "31120"), "Développement agricole");
    assert_eq!(label(&english, "31120"), "Agricultural development");
    let categories = french
        .iter()
        .filter(|item| item["parent"].is_null())
        .count();
    let codes = french
        .iter()
        .filter(|item| item["parent"].is_string())
        .count();
    assert!(
        categories >= 40 && codes >= 290,
        "{categories} categories, {codes} codes"
    );
    let agro = french.iter().find(|item| item["code"] == "32161").unwrap();
    assert_eq!(agro["parent"], "321");
}

async fn the_language_follows_accept_language_then_defaults_to_english(app: TestApp) {
    let response = app
        .client
        .get(app.url("/api/v1/taxonomies/countries"))
        .header("Accept-Language", "fr-SN,fr;q=0.9,en;q=0.5")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-language"], "fr");
    let body: Value = response.json().await.unwrap();
    let countries = body["items"].as_array().unwrap();
    assert_eq!(label(countries, "SN"), "Sénégal");
    assert_eq!(label(countries, "CI"), "Côte d’Ivoire");

    let english = items(&app, "/api/v1/taxonomies/countries").await;
    assert_eq!(label(&english, "SN"), "Senegal");
}

async fn every_taxonomy_is_served_in_both_languages(app: TestApp) {
    for taxonomy in [
        "sectors",
        "countries",
        "regions",
        "currencies",
        "languages",
        "organisation-kinds",
        "opportunity-categories",
        "sdgs",
    ] {
        for lang in ["fr", "en"] {
            let list = items(&app, &format!("/api/v1/taxonomies/{taxonomy}?lang={lang}")).await;
            assert!(!list.is_empty(), "{taxonomy} in {lang}");
            assert!(
                list.iter()
                    .all(|item| item["label"].as_str().is_some_and(|l| !l.is_empty()))
            );
        }
    }
    let kinds = items(&app, "/api/v1/taxonomies/organisation-kinds?lang=fr").await;
    assert_eq!(
        label(&kinds, "local_authority"),
        "Collectivité territoriale"
    );
    let currencies = items(&app, "/api/v1/taxonomies/currencies?lang=fr").await;
    assert!(label(&currencies, "XOF").contains("CFA"));
    let languages = items(&app, "/api/v1/taxonomies/languages?lang=fr").await;
    assert_eq!(label(&languages, "wo"), "wolof");
    let sdgs = items(&app, "/api/v1/taxonomies/sdgs?lang=fr").await;
    assert!(label(&sdgs, "1").starts_with("Objectif 1"));
}

async fn an_unchanged_taxonomy_answers_304_to_if_none_match(app: TestApp) {
    let first = app.get("/api/v1/taxonomies/regions?lang=fr").await;
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();
    assert!(
        first.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("max-age")
    );
    let again = app
        .client
        .get(app.url("/api/v1/taxonomies/regions?lang=fr"))
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    assert_eq!(again.headers()["etag"], etag.as_str());
    assert!(again.bytes().await.unwrap().is_empty());

    let other_language = app
        .client
        .get(app.url("/api/v1/taxonomies/regions?lang=en"))
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(
        other_language.status(),
        200,
        "the English list has another tag"
    );
}

async fn an_unknown_taxonomy_or_language_is_a_client_error(app: TestApp) {
    let unknown = app.get("/api/v1/taxonomies/planets").await;
    assert_eq!(unknown.status(), 404);
    assert_eq!(problem(unknown).await["code"], "not_found");
    let bad_lang = app.get("/api/v1/taxonomies/sectors?lang=de").await;
    assert_eq!(bad_lang.status(), 400);
    assert_eq!(problem(bad_lang).await["code"], "invalid_query");
}

on_both_databases!(
    sectors_come_with_french_labels_on_request,
    the_language_follows_accept_language_then_defaults_to_english,
    every_taxonomy_is_served_in_both_languages,
    an_unchanged_taxonomy_answers_304_to_if_none_match,
    an_unknown_taxonomy_or_language_is_a_client_error
);
