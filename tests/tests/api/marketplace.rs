//! Projects, milestones and opportunities: publishing, who may change what, and search.

use reqwest::Method;
use serde_json::{Value, json};

use crate::{
    helpers::{TestApp, problem},
    on_both_databases,
};

fn mango_project() -> Value {
    json!({"title": "Séchage solaire de mangues en Casamance", "summary": "Une coopérative de femmes transforme les mangues de Ziguinchor",
           "description": "Coopération entre éleveurs et producteurs pour l'agro-transformation", "sectors": ["32161", "31120"],
           "countries": ["SN"], "territories": [{"country": "SN", "place": "Ziguinchor"}], "needs": ["technical_partnership", "financial_partnership"],
           "budget_amount": 25000000, "budget_currency": "XOF", "language": "fr", "status": "published"})
}

fn offer(title: &str, country: &str, sector: &str) -> Value {
    json!({"direction": "offer", "category": "technical_partnership", "title": title,
           "description": format!("{title} — description détaillée de l'offre"), "sectors": [sector], "skills": ["séchage"], "country": country})
}

impl TestApp {
    async fn ids(&self, path: &str) -> Vec<String> {
        let page: Value = self.get(path).await.json().await.unwrap();
        page["items"]
            .as_array()
            .unwrap_or_else(|| panic!("{path}: {page}"))
            .iter()
            .map(|item| item["id"].as_str().unwrap().to_owned())
            .collect()
    }
}

async fn a_member_publishes_a_project_and_grows_it_through_milestones(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let project = app.created("/api/v1/projects", &awa, mango_project()).await;
    assert_eq!(project["stage"], "idea");
    assert_eq!(
        project["budget"],
        json!({"amount": 25000000, "currency": "XOF"})
    );
    let id = project["id"].as_str().unwrap();
    let milestones = format!("/api/v1/projects/{id}/milestones");

    let leap = app
        .call(
            Method::POST,
            &milestones,
            Some(&awa),
            Some(json!({"stage": "venture", "note": "Trop vite"})),
        )
        .await;
    assert_eq!(leap.status(), 422, "no leap over a stage");
    let step = app.call(Method::POST, &milestones, Some(&awa), Some(json!({"stage": "project", "note": "Étude de faisabilité terminée", "occurred_on": "2026-10-01"}))).await;
    assert_eq!(step.status(), 201);
    let note = app
        .call(
            Method::POST,
            &milestones,
            Some(&awa),
            Some(json!({"note": "Premier séchoir installé"})),
        )
        .await;
    assert_eq!(note.status(), 201);
    let future = app
        .call(
            Method::POST,
            &milestones,
            Some(&awa),
            Some(json!({"note": "Plus tard", "occurred_on": "2099-01-01"})),
        )
        .await;
    assert_eq!(future.status(), 422);

    let history: Value = app.get(&milestones).await.json().await.unwrap();
    let stages: Vec<(Value, Value)> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["stage_from"].clone(), m["stage_to"].clone()))
        .collect();
    // Oldest first: the back-dated step, then the creation and the note of today.
    assert_eq!(
        stages,
        vec![
            (json!("idea"), json!("project")),
            (Value::Null, json!("idea")),
            (Value::Null, json!("project"))
        ]
    );
    assert_eq!(history.as_array().unwrap().len(), 3);
    let fetched: Value = app
        .get(&format!("/api/v1/projects/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(fetched["stage"], "project");
    let back = app
        .call(
            Method::POST,
            &milestones,
            Some(&awa),
            Some(json!({"stage": "idea", "note": "Retour à l'idée"})),
        )
        .await;
    assert_eq!(back.status(), 201, "a project can step back");
}

async fn drafts_are_seen_by_their_owners_only(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let mallory = app.member("mallory@example.net").await;
    let mut body = mango_project();
    body["status"] = json!("draft");
    let draft = app.created("/api/v1/projects", &awa, body).await;
    let path = format!("/api/v1/projects/{}", draft["id"].as_str().unwrap());
    assert_eq!(app.get(&path).await.status(), 404);
    assert_eq!(
        app.call(Method::GET, &path, Some(&mallory), None)
            .await
            .status(),
        404
    );
    assert_eq!(
        app.call(Method::GET, &path, Some(&awa), None)
            .await
            .status(),
        200
    );
    assert_eq!(app.get(&format!("{path}/milestones")).await.status(), 404);
    assert!(app.ids("/api/v1/projects").await.is_empty());
    assert_eq!(app.get("/api/v1/projects?status=draft").await.status(), 422);
    let mine: Value = app
        .call(Method::GET, "/api/v1/me/projects", Some(&awa), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine.as_array().unwrap().len(), 1);

    let published = app
        .call(
            Method::PATCH,
            &path,
            Some(&awa),
            Some(json!({"status": "published"})),
        )
        .await;
    assert_eq!(published.status(), 200);
    assert_eq!(app.get(&path).await.status(), 200);
    let archived = app
        .call(
            Method::PATCH,
            &path,
            Some(&awa),
            Some(json!({"status": "archived"})),
        )
        .await;
    assert_eq!(archived.status(), 200);
    let revived = app
        .call(
            Method::PATCH,
            &path,
            Some(&awa),
            Some(json!({"status": "published"})),
        )
        .await;
    assert_eq!(revived.status(), 422, "archived is final");
}

async fn another_member_cannot_change_someone_elses_project_or_opportunity(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let mallory = app.member("mallory@example.net").await;
    let project = app.created("/api/v1/projects", &awa, mango_project()).await;
    let project_path = format!("/api/v1/projects/{}", project["id"].as_str().unwrap());
    let opportunity = app
        .created(
            "/api/v1/opportunities",
            &awa,
            offer("Séchoirs solaires", "SN", "32161"),
        )
        .await;
    let opportunity_path = format!(
        "/api/v1/opportunities/{}",
        opportunity["id"].as_str().unwrap()
    );

    for path in [&project_path, &opportunity_path] {
        assert_eq!(
            app.call(
                Method::PATCH,
                path,
                Some(&mallory),
                Some(json!({"title": "Hijacked title"}))
            )
            .await
            .status(),
            403,
            "{path}"
        );
        assert_eq!(
            app.call(Method::DELETE, path, Some(&mallory), None)
                .await
                .status(),
            403,
            "{path}"
        );
        assert_eq!(
            app.call(
                Method::PATCH,
                path,
                None,
                Some(json!({"title": "Anonymous edit"}))
            )
            .await
            .status(),
            401
        );
    }
    let milestone = app
        .call(
            Method::POST,
            &format!("{project_path}/milestones"),
            Some(&mallory),
            Some(json!({"stage": "project", "note": "Not mine"})),
        )
        .await;
    assert_eq!(milestone.status(), 403);
    let linked = app
        .call(
            Method::POST,
            "/api/v1/opportunities",
            Some(&mallory),
            Some({
                let mut body = offer("Stage chez moi", "FR", "32161");
                body["project_id"] = project["id"].clone();
                body
            }),
        )
        .await;
    assert_eq!(linked.status(), 422);
    assert_eq!(problem(linked).await["errors"][0]["field"], "project_id");

    for (path, field) in [
        (&project_path, json!({"owner_id": mallory.id})),
        (&project_path, json!({"stage": "venture"})),
        (&opportunity_path, json!({"owner_id": mallory.id})),
        (&opportunity_path, json!({"version": 9})),
    ] {
        assert_eq!(
            app.call(Method::PATCH, path, Some(&awa), Some(field.clone()))
                .await
                .status(),
            422,
            "{field}"
        );
    }
    let status_leap = app
        .call(
            Method::PATCH,
            &opportunity_path,
            Some(&awa),
            Some(json!({"status": "expired"})),
        )
        .await;
    assert_eq!(status_leap.status(), 422);

    let project_now: Value = app.get(&project_path).await.json().await.unwrap();
    assert_eq!(
        project_now["title"],
        "Séchage solaire de mangues en Casamance"
    );
    assert_eq!(project_now["owner_id"], awa.id.as_str());
    assert_eq!(project_now["stage"], "idea");
}

async fn stale_if_match_and_replayed_idempotency_keys_lose_nothing(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let body = offer("Séchoirs solaires", "SN", "32161");
    let post = || {
        app.client
            .post(app.url("/api/v1/opportunities"))
            .bearer_auth(&awa.access)
            .header("Idempotency-Key", "offer-1")
            .json(&body)
            .send()
    };
    let first: Value = post().await.unwrap().json().await.unwrap();
    let replay = post().await.unwrap();
    assert_eq!(replay.status(), 201);
    assert_eq!(replay.json::<Value>().await.unwrap()["id"], first["id"]);
    let mine: Value = app
        .call(Method::GET, "/api/v1/me/opportunities", Some(&awa), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine.as_array().unwrap().len(), 1);

    let path = format!("/api/v1/opportunities/{}", first["id"].as_str().unwrap());
    let etag = app.get(&path).await.headers()["etag"]
        .to_str()
        .unwrap()
        .to_owned();
    let edit = |title: &'static str| {
        app.client
            .patch(app.url(&path))
            .bearer_auth(&awa.access)
            .header("If-Match", etag.clone())
            .json(&json!({"title": title}))
            .send()
    };
    assert_eq!(
        edit("Séchoirs solaires améliorés").await.unwrap().status(),
        200
    );
    assert_eq!(edit("Une autre version").await.unwrap().status(), 412);
    let now: Value = app.get(&path).await.json().await.unwrap();
    assert_eq!(now["title"], "Séchoirs solaires améliorés");
    let filled = app
        .call(
            Method::PATCH,
            &path,
            Some(&awa),
            Some(json!({"status": "filled"})),
        )
        .await;
    assert_eq!(filled.json::<Value>().await.unwrap()["status"], "filled");
}

async fn search_ignores_accents_and_case_in_french_and_english(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    app.created(
        "/api/v1/opportunities",
        &awa,
        offer("Coopération avec des éleveurs de Kolda", "SN", "31163"),
    )
    .await;
    app.created(
        "/api/v1/opportunities",
        &awa,
        offer("Processing units for cashew farmers", "CI", "32161"),
    )
    .await;
    app.created(
        "/api/v1/opportunities",
        &awa,
        offer("Stage en comptabilité à Lyon", "FR", "24010"),
    )
    .await;
    app.created("/api/v1/projects", &awa, mango_project()).await;

    let titles = |page: Value| {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["title"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    for (query, expected) in [
        ("cooperation", "Coopération avec des éleveurs de Kolda"),
        ("ELEVEURS", "Coopération avec des éleveurs de Kolda"),
        ("eleveur kolda", "Coopération avec des éleveurs de Kolda"),
        ("farmer", "Processing units for cashew farmers"),
        ("processing unit", "Processing units for cashew farmers"),
        ("comptabilite", "Stage en comptabilité à Lyon"),
    ] {
        let page: Value = app
            .get(&format!("/api/v1/opportunities?q={query}"))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(titles(page.clone()), vec![expected.to_owned()], "{query}");
        assert_eq!(page["total"], 1);
    }
    let projects: Value = app
        .get("/api/v1/projects?q=cooperation%20mangue")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(projects["total"], 1);
    let nothing: Value = app
        .get("/api/v1/opportunities?q=girafe")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(nothing["total"], 0);
    let injection = app
        .get("/api/v1/opportunities?q=%22%29%20OR%201%3D1%20--%20*")
        .await;
    assert_eq!(
        injection.status(),
        200,
        "query syntax is never passed through"
    );
}

async fn filters_and_facets_narrow_the_results(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    app.created(
        "/api/v1/opportunities",
        &awa,
        offer("Mangues séchées", "SN", "32161"),
    )
    .await;
    app.created(
        "/api/v1/opportunities",
        &awa,
        offer("Anacarde", "SN", "31120"),
    )
    .await;
    app.created(
        "/api/v1/opportunities",
        &awa,
        offer("Karité", "BF", "32161"),
    )
    .await;
    let mut request = offer("Cherche un financeur", "SN", "31120");
    request["direction"] = json!("request");
    request["category"] = json!("financial_partnership");
    app.created("/api/v1/opportunities", &awa, request).await;

    let senegal: Value = app
        .get("/api/v1/opportunities?country=sn")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(senegal["total"], 3);
    let agro: Value = app
        .get("/api/v1/opportunities?sector=321")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(agro["total"], 2, "a 3-digit category covers its codes");
    let exact: Value = app
        .get("/api/v1/opportunities?sector=31120&direction=request")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(exact["total"], 1);
    let all: Value = app.get("/api/v1/opportunities").await.json().await.unwrap();
    assert_eq!(
        all["facets"]["country"][0],
        json!({"value": "SN", "count": 3})
    );
    assert_eq!(
        all["facets"]["sector_category"],
        json!([{"value": "311", "count": 2}, {"value": "321", "count": 2}])
    );
    assert_eq!(
        all["facets"]["category"][0],
        json!({"value": "technical_partnership", "count": 3})
    );

    let stage: Value = app
        .get("/api/v1/projects?stage=idea")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(stage["total"], 0);
    assert_eq!(
        app.get("/api/v1/opportunities?limit=1000").await.status(),
        422
    );
    assert_eq!(app.get("/api/v1/projects?limit=1000").await.status(), 422);
    assert_eq!(
        app.get("/api/v1/opportunities?sector=12").await.status(),
        422
    );
}

async fn a_region_finds_the_items_of_its_countries(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    app.created(
        "/api/v1/opportunities",
        &awa,
        offer("Mangues de Casamance", "SN", "32161"),
    )
    .await;
    app.created(
        "/api/v1/opportunities",
        &awa,
        offer("Karité du Burkina", "BF", "32161"),
    )
    .await;
    app.created(
        "/api/v1/opportunities",
        &awa,
        offer("Thé de Kericho", "KE", "31120"),
    )
    .await;
    app.created(
        "/api/v1/opportunities",
        &awa,
        offer("Argan d'Agadir", "MA", "31120"),
    )
    .await;
    let titles = |page: Value| -> Vec<String> {
        let mut titles: Vec<String> = page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["title"].as_str().unwrap().to_owned())
            .collect();
        titles.sort();
        titles
    };
    let west: Value = app
        .get("/api/v1/opportunities?region=1030")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        titles(west.clone()),
        ["Karité du Burkina", "Mangues de Casamance"],
        "West Africa"
    );
    assert_eq!(west["total"], 2);
    let east_agro: Value = app
        .get("/api/v1/opportunities?region=1027&sector=311")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(titles(east_agro), ["Thé de Kericho"]);
    let south_of_sahara: Value = app
        .get("/api/v1/opportunities?region=289")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        south_of_sahara["total"], 3,
        "Morocco is north of the Sahara"
    );
    let north: Value = app
        .get("/api/v1/opportunities?region=189")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(titles(north), ["Argan d'Agadir"]);

    let mut elsewhere = mango_project();
    elsewhere["title"] = json!("Coopérative laitière de Nakuru");
    elsewhere["countries"] = json!(["KE"]);
    elsewhere["territories"] = json!([]);
    app.created("/api/v1/projects", &awa, mango_project()).await;
    app.created("/api/v1/projects", &awa, elsewhere).await;
    let projects: Value = app
        .get("/api/v1/projects?region=1030")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        titles(projects),
        ["Séchage solaire de mangues en Casamance"]
    );

    for path in [
        "/api/v1/opportunities?region=998",
        "/api/v1/projects?region=9999",
    ] {
        let refused = app.get(path).await;
        assert_eq!(refused.status(), 422, "{path}");
        assert_eq!(
            problem(refused).await["errors"][0]["field"],
            "region",
            "{path}"
        );
    }
}

async fn totals_and_facets_count_a_change_at_once(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let first = app
        .created(
            "/api/v1/opportunities",
            &awa,
            offer("Mangues séchées", "SN", "32161"),
        )
        .await;
    let before: Value = app
        .get("/api/v1/opportunities?country=SN")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(before["total"], 1);
    app.created(
        "/api/v1/opportunities",
        &awa,
        offer("Anacarde", "SN", "31120"),
    )
    .await;
    let after: Value = app
        .get("/api/v1/opportunities?country=SN")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        after["total"], 2,
        "counts are not served stale to the one who changed them"
    );
    assert_eq!(
        after["facets"]["sector_category"].as_array().unwrap().len(),
        2
    );
    let path = format!("/api/v1/opportunities/{}", first["id"].as_str().unwrap());
    let closed = app
        .call(
            Method::PATCH,
            &path,
            Some(&awa),
            Some(json!({"status": "closed"})),
        )
        .await;
    assert_eq!(closed.status(), 200);
    let open: Value = app
        .get("/api/v1/opportunities?country=SN")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(open["total"], 1);
}

async fn unknown_codes_are_refused_with_the_field_named(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let bad = app
        .call(
            Method::POST,
            "/api/v1/opportunities",
            Some(&awa),
            Some(offer("Séchoirs solaires", "ZZ", "99999")),
        )
        .await;
    assert_eq!(bad.status(), 422);
    let fields: Vec<String> = problem(bad).await["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(fields, ["country", "sectors[0]"]);
    let mut project = mango_project();
    project["budget_currency"] = json!("ABC");
    project["territories"] = json!([{"country": "QQ", "place": "Nulle part"}]);
    let bad = problem(
        app.call(Method::POST, "/api/v1/projects", Some(&awa), Some(project))
            .await,
    )
    .await;
    let fields: Vec<&str> = bad["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["budget_currency", "territories[0].country"]);
}

async fn an_anonymous_opportunity_hides_its_author_from_everyone_else(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let moussa = app.member("moussa@example.sn").await;
    let mut body = offer("Recherche discrète d'un associé", "SN", "32161");
    body["anonymous"] = json!(true);
    let created = app.created("/api/v1/opportunities", &awa, body).await;
    assert_eq!(
        created["owner_id"],
        awa.id.as_str(),
        "the author sees themself"
    );
    let path = format!("/api/v1/opportunities/{}", created["id"].as_str().unwrap());
    for reader in [None, Some(&moussa)] {
        let seen: Value = app
            .call(Method::GET, &path, reader, None)
            .await
            .json()
            .await
            .unwrap();
        assert!(seen["owner_id"].is_null() && seen["organisation_id"].is_null());
    }
    let listed: Value = app.get("/api/v1/opportunities").await.json().await.unwrap();
    assert!(listed["items"][0]["owner_id"].is_null());
    assert!(!listed.to_string().contains(&awa.id));
}

async fn expired_opportunities_leave_the_default_search(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let mut soon = offer("Bientôt expirée", "SN", "32161");
    soon["expires_at"] = json!(chrono::Utc::now() + chrono::TimeDelta::seconds(3));
    app.created("/api/v1/opportunities", &awa, soon).await;
    app.created(
        "/api/v1/opportunities",
        &awa,
        offer("Toujours ouverte", "SN", "32161"),
    )
    .await;
    let open: Value = app.get("/api/v1/opportunities").await.json().await.unwrap();
    assert_eq!(open["total"], 2);
    // Nobody writes anything: time alone takes it out of the listing.
    let open = app
        .eventually("/api/v1/opportunities", |page| page["total"] == 1)
        .await;
    assert_eq!(open["items"][0]["title"], "Toujours ouverte");
    assert_eq!(open["facets"]["country"][0]["count"], 1);
    let expired: Value = app
        .get("/api/v1/opportunities?status=expired")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(expired["items"][0]["status"], "expired");
    assert_eq!(expired["total"], 1);
}

async fn walking_the_pages_repeats_and_skips_nothing_while_items_are_added(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    for n in 0..11 {
        app.created(
            "/api/v1/opportunities",
            &awa,
            offer(&format!("Mangues séchées lot {n}"), "SN", "32161"),
        )
        .await;
    }
    for sort in ["newest", "expiring_soon", "relevance"] {
        let mut seen = Vec::new();
        let mut cursor = String::new();
        loop {
            let page: Value = app
                .get(&format!(
                    "/api/v1/opportunities?q=mangues&sort={sort}&limit=4{cursor}"
                ))
                .await
                .json()
                .await
                .unwrap();
            seen.extend(
                page["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|i| i["id"].as_str().unwrap().to_owned()),
            );
            app.created(
                "/api/v1/opportunities",
                &awa,
                offer("Arrivée pendant la lecture", "SN", "32161"),
            )
            .await;
            match page["next_cursor"].as_str() {
                Some(next) => cursor = format!("&cursor={next}"),
                None => break,
            }
        }
        let mut unique = seen.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), seen.len(), "{sort}: an item came twice");
        assert!(seen.len() >= 11, "{sort}: {} items", seen.len());
    }
    assert_eq!(
        app.get("/api/v1/opportunities?cursor=abcd").await.status(),
        422
    );
}

async fn one_search_finds_projects_opportunities_and_organisations(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    app.created("/api/v1/projects", &awa, mango_project()).await;
    app.created(
        "/api/v1/opportunities",
        &awa,
        offer("Mangues séchées de Casamance", "SN", "32161"),
    )
    .await;
    app.created(
        "/api/v1/opportunities",
        &awa,
        offer("Stage en comptabilité", "FR", "24010"),
    )
    .await;
    app.created("/api/v1/organisations", &awa, json!({"name": "Coopérative des mangues de Ziguinchor", "kind": "company", "country": "SN"})).await;
    let found: Value = app
        .get("/api/v1/search?q=mangues")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(found["projects"]["total"], 1);
    assert_eq!(found["opportunities"]["total"], 1);
    assert_eq!(
        found["opportunities"]["items"][0]["title"],
        "Mangues séchées de Casamance"
    );
    assert_eq!(
        found["organisations"]["items"][0]["name"],
        "Coopérative des mangues de Ziguinchor"
    );
    let in_france: Value = app
        .get("/api/v1/search?country=FR")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(in_france["opportunities"]["total"], 1);
    assert_eq!(in_france["projects"]["total"], 0);
    assert_eq!(app.get("/api/v1/search?limit=50").await.status(), 422);
}

on_both_databases!(
    a_member_publishes_a_project_and_grows_it_through_milestones,
    drafts_are_seen_by_their_owners_only,
    another_member_cannot_change_someone_elses_project_or_opportunity,
    stale_if_match_and_replayed_idempotency_keys_lose_nothing,
    search_ignores_accents_and_case_in_french_and_english,
    filters_and_facets_narrow_the_results,
    a_region_finds_the_items_of_its_countries,
    totals_and_facets_count_a_change_at_once,
    unknown_codes_are_refused_with_the_field_named,
    an_anonymous_opportunity_hides_its_author_from_everyone_else,
    expired_opportunities_leave_the_default_search,
    walking_the_pages_repeats_and_skips_nothing_while_items_are_added,
    one_search_finds_projects_opportunities_and_organisations
);
