//! Matches: complementary opportunities scored with their reasons, for an opportunity, a
//! project and a member's profile.

use reqwest::Method;
use serde_json::{Value, json};

use crate::{
    helpers::{Session, TestApp, problem},
    on_both_databases,
};

fn opportunity(direction: &str, category: &str, title: &str, country: &str, sector: &str) -> Value {
    json!({"direction": direction, "category": category, "title": title,
           "description": format!("{title}. Transformation et séchage, accompagnement sur place."),
           "sectors": [sector], "skills": ["séchage", "transformation"], "country": country})
}

/// A request for a technical partner in agri-food processing in Senegal.
fn senegal_request() -> Value {
    opportunity(
        "request",
        "technical_partnership",
        "Partenaire technique pour transformer nos mangues",
        "SN",
        "32161",
    )
}

impl TestApp {
    async fn matches(&self, path: &str, session: Option<&Session>) -> Vec<Value> {
        let response = self.call(Method::GET, path, session, None).await;
        assert_eq!(response.status(), 200, "{path}");
        let body: Value = response.json().await.unwrap();
        body["items"].as_array().unwrap().clone()
    }
}

fn titles(matches: &[Value]) -> Vec<&str> {
    matches
        .iter()
        .map(|m| m["opportunity"]["title"].as_str().unwrap())
        .collect()
}

fn reason<'a>(found: &'a Value, criterion: &str) -> Option<&'a Value> {
    found["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["criterion"] == criterion)
}

async fn a_request_ranks_the_senegalese_agrifood_offer_above_a_kenyan_health_offer(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let moussa = app.member("moussa@example.fr").await;
    let wanjiru = app.member("wanjiru@example.ke").await;
    let request = app
        .created("/api/v1/opportunities", &awa, senegal_request())
        .await;
    app.created(
        "/api/v1/opportunities",
        &moussa,
        opportunity(
            "offer",
            "technical_partnership",
            "Ingénieur agroalimentaire à Thiès",
            "SN",
            "32161",
        ),
    )
    .await;
    app.created(
        "/api/v1/opportunities",
        &wanjiru,
        opportunity(
            "offer",
            "technical_partnership",
            "Mobile clinic in Nairobi",
            "KE",
            "12220",
        ),
    )
    .await;

    let path = format!(
        "/api/v1/opportunities/{}/matches",
        request["id"].as_str().unwrap()
    );
    let found = app.matches(&path, Some(&awa)).await;
    assert_eq!(
        titles(&found),
        [
            "Ingénieur agroalimentaire à Thiès",
            "Mobile clinic in Nairobi"
        ]
    );
    let (best, other) = (&found[0], &found[1]);
    assert!(best["score"].as_f64().unwrap() > other["score"].as_f64().unwrap());
    assert_eq!(
        best["reasons"][0]["criterion"], "sector",
        "the strongest reason comes first"
    );
    assert_eq!(reason(best, "sector").unwrap()["shared"], json!(["32161"]));
    assert_eq!(reason(best, "place").unwrap()["shared"], json!(["SN"]));
    assert_eq!(reason(best, "place").unwrap()["weight"], 0.2);
    assert!(reason(other, "sector").is_none() && reason(other, "place").is_none());
    for found in &found {
        let score = found["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score), "{score}");
    }
    // Anyone may read them; the same ranking for a visitor.
    assert_eq!(titles(&app.matches(&path, None).await), titles(&found));
}

async fn an_offer_and_a_request_score_the_same_both_ways(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let moussa = app.member("moussa@example.fr").await;
    let request = app
        .created("/api/v1/opportunities", &awa, senegal_request())
        .await;
    let mut body = opportunity(
        "offer",
        "technical_partnership",
        "Séchoirs solaires pour Ziguinchor",
        "CI",
        "32165",
    );
    body["remote"] = json!(true);
    let offer = app.created("/api/v1/opportunities", &moussa, body).await;
    let from_request = app
        .matches(
            &format!(
                "/api/v1/opportunities/{}/matches",
                request["id"].as_str().unwrap()
            ),
            Some(&awa),
        )
        .await;
    let from_offer = app
        .matches(
            &format!(
                "/api/v1/opportunities/{}/matches",
                offer["id"].as_str().unwrap()
            ),
            Some(&moussa),
        )
        .await;
    assert_eq!(from_request.len(), 1);
    assert_eq!(from_offer.len(), 1);
    assert_eq!(from_offer[0]["opportunity"]["id"], request["id"]);
    assert_eq!(from_request[0]["score"], from_offer[0]["score"]);
    assert_eq!(
        reason(&from_request[0], "sector").unwrap()["shared"],
        json!(["321"]),
        "same category"
    );
    assert_eq!(
        reason(&from_request[0], "place").unwrap()["shared"],
        json!(["1030"]),
        "same region"
    );
}

async fn closed_expired_same_side_other_category_and_own_items_never_match(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let moussa = app.member("moussa@example.fr").await;
    let request = app
        .created("/api/v1/opportunities", &awa, senegal_request())
        .await;
    let offer = |title: &str| opportunity("offer", "technical_partnership", title, "SN", "32161");
    app.created("/api/v1/opportunities", &moussa, offer("Ouverte"))
        .await;
    app.created("/api/v1/opportunities", &awa, offer("La mienne"))
        .await;
    app.created(
        "/api/v1/opportunities",
        &moussa,
        opportunity(
            "request",
            "technical_partnership",
            "Une autre demande",
            "SN",
            "32161",
        ),
    )
    .await;
    app.created(
        "/api/v1/opportunities",
        &moussa,
        opportunity("offer", "job", "Un emploi", "SN", "32161"),
    )
    .await;
    let closed = app
        .created("/api/v1/opportunities", &moussa, offer("Fermée"))
        .await;
    let path = format!("/api/v1/opportunities/{}", closed["id"].as_str().unwrap());
    assert_eq!(
        app.call(
            Method::PATCH,
            &path,
            Some(&moussa),
            Some(json!({"status": "closed"}))
        )
        .await
        .status(),
        200
    );
    let mut expiring = offer("Expirée");
    expiring["expires_at"] = json!(chrono::Utc::now() + chrono::TimeDelta::seconds(3));
    app.created("/api/v1/opportunities", &moussa, expiring)
        .await;
    app.eventually("/api/v1/opportunities?status=expired", |page| {
        page["total"] == 1
    })
    .await;
    let path = format!(
        "/api/v1/opportunities/{}/matches",
        request["id"].as_str().unwrap()
    );
    assert_eq!(titles(&app.matches(&path, Some(&awa)).await), ["Ouverte"]);
    // Moussa reading Awa's request is not shown his own offer either.
    assert!(app.matches(&path, Some(&moussa)).await.is_empty());
}

async fn a_project_meets_offers_of_the_partners_it_needs(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let moussa = app.member("moussa@example.fr").await;
    let project = json!({"title": "Séchage solaire de mangues en Casamance", "summary": "Une coopérative de femmes transforme les mangues",
        "description": "Transformation et séchage des mangues de Ziguinchor", "sectors": ["32161"], "countries": ["SN"],
        "needs": ["financial_partnership"], "language": "fr", "status": "published"});
    let published = app.created("/api/v1/projects", &awa, project.clone()).await;
    app.created(
        "/api/v1/opportunities",
        &moussa,
        opportunity(
            "offer",
            "financial_partnership",
            "Prêts d'honneur pour l'agro-transformation",
            "SN",
            "32161",
        ),
    )
    .await;
    app.created(
        "/api/v1/opportunities",
        &moussa,
        opportunity(
            "offer",
            "technical_partnership",
            "Ingénieur agroalimentaire",
            "SN",
            "32161",
        ),
    )
    .await;
    app.created(
        "/api/v1/opportunities",
        &moussa,
        opportunity(
            "request",
            "financial_partnership",
            "Cherche un financeur",
            "SN",
            "32161",
        ),
    )
    .await;
    let path = format!(
        "/api/v1/projects/{}/matches",
        published["id"].as_str().unwrap()
    );
    let found = app.matches(&path, None).await;
    assert_eq!(
        titles(&found),
        ["Prêts d'honneur pour l'agro-transformation"]
    );
    assert_eq!(reason(&found[0], "sector").unwrap()["strength"], 1.0);
    assert!(
        app.matches(&format!("{path}?category=job"), None)
            .await
            .is_empty(),
        "not a need"
    );

    let mut draft = project;
    draft["status"] = json!("draft");
    let draft = app.created("/api/v1/projects", &awa, draft).await;
    let draft_path = format!("/api/v1/projects/{}/matches", draft["id"].as_str().unwrap());
    assert_eq!(
        app.call(Method::GET, &draft_path, Some(&moussa), None)
            .await
            .status(),
        404,
        "a draft is hidden"
    );
    assert_eq!(
        app.matches(&draft_path, Some(&awa)).await.len(),
        1,
        "its owner sees its matches"
    );
}

async fn a_profile_meets_the_offers_that_fit_it(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let moussa = app.member("moussa@example.fr").await;
    let profile = json!({"sectors": ["32161"], "countries": ["SN"], "skills": ["Séchage"], "languages": ["fr"]});
    assert_eq!(
        app.call(Method::PATCH, "/api/v1/me", Some(&awa), Some(profile))
            .await
            .status(),
        200
    );
    app.created(
        "/api/v1/opportunities",
        &moussa,
        opportunity(
            "offer",
            "internship",
            "Stage en agro-transformation à Dakar",
            "SN",
            "32161",
        ),
    )
    .await;
    app.created(
        "/api/v1/opportunities",
        &moussa,
        opportunity("offer", "job", "Infirmier à Nairobi", "KE", "12220"),
    )
    .await;
    app.created(
        "/api/v1/opportunities",
        &awa,
        opportunity("offer", "job", "Mon offre", "SN", "32161"),
    )
    .await;
    let found = app.matches("/api/v1/me/matches", Some(&awa)).await;
    assert_eq!(
        titles(&found),
        [
            "Stage en agro-transformation à Dakar",
            "Infirmier à Nairobi"
        ]
    );
    assert_eq!(
        reason(&found[0], "skills").unwrap()["shared"],
        json!(["sechage"])
    );
    let internships = app
        .matches("/api/v1/me/matches?category=internship&limit=1", Some(&awa))
        .await;
    assert_eq!(
        titles(&internships),
        ["Stage en agro-transformation à Dakar"]
    );
    assert_eq!(app.get("/api/v1/me/matches").await.status(), 401);
}

async fn bad_limits_and_unknown_items_are_refused(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let request = app
        .created("/api/v1/opportunities", &awa, senegal_request())
        .await;
    let path = format!(
        "/api/v1/opportunities/{}/matches",
        request["id"].as_str().unwrap()
    );
    for query in ["?limit=0", "?limit=51", "?country=SEN"] {
        let refused = app.get(&format!("{path}{query}")).await;
        assert_eq!(refused.status(), 422, "{query}");
        assert!(problem(refused).await["errors"][0]["field"].is_string());
    }
    let unknown = format!("/api/v1/opportunities/{}/matches", uuid::Uuid::now_v7());
    assert_eq!(app.get(&unknown).await.status(), 404);
    assert_eq!(
        app.get(&format!(
            "/api/v1/projects/{}/matches",
            uuid::Uuid::now_v7()
        ))
        .await
        .status(),
        404
    );
}

on_both_databases!(
    a_request_ranks_the_senegalese_agrifood_offer_above_a_kenyan_health_offer,
    an_offer_and_a_request_score_the_same_both_ways,
    closed_expired_same_side_other_category_and_own_items_never_match,
    a_project_meets_offers_of_the_partners_it_needs,
    a_profile_meets_the_offers_that_fit_it,
    bad_limits_and_unknown_items_are_refused
);
