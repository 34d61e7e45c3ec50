//! Decentralised cooperation: links between authorities (recorded by one side, confirmed by
//! the other, searched in the atlas), the map aggregates, the territory dashboard and the
//! diaspora figures, counted by hand.

use reqwest::Method;
use serde_json::{Value, json};

use crate::{
    contacts::{expect, facilitator, get, person, post, request},
    helpers::{Session, TestApp},
    on_both_databases,
};

/// A local authority owned by `owner`; returns its id.
async fn authority(
    app: &TestApp,
    owner: &Session,
    name: &str,
    country: &str,
    city: &str,
) -> String {
    let body = json!({"name": name, "kind": "local_authority", "country": country, "city": city});
    let created = expect(
        post(app, "/api/v1/organisations", owner, Some(body)).await,
        201,
    )
    .await;
    created["id"].as_str().unwrap().to_owned()
}

/// A named authority (not on the platform).
fn named(name: &str, country: &str, level: &str, subdivision: &str) -> Value {
    json!({"name": name, "country": country, "level": level, "subdivision": subdivision})
}

async fn record(app: &TestApp, session: &Session, body: Value) -> Value {
    expect(
        post(app, "/api/v1/cooperation-links", session, Some(body)).await,
        201,
    )
    .await
}

fn id(value: &Value) -> String {
    value["id"].as_str().unwrap().to_owned()
}

async fn an_authority_records_a_link_and_the_partner_confirms_it(app: TestApp) {
    let yann = person(&app, "yann@saint-brieuc.fr", "Yann Le Goff").await;
    let awa = person(&app, "awa@ziguinchor.sn", "Awa Diatta").await;
    let brieuc = authority(&app, &yann, "Ville de Saint-Brieuc", "FR", "Saint-Brieuc").await;
    let zig = authority(&app, &awa, "Commune de Ziguinchor", "SN", "Ziguinchor").await;
    let link = record(
        &app,
        &yann,
        json!({
        "north": {"organisation_id": brieuc, "level": "municipality", "subdivision": "BRE"},
        "south": {"organisation_id": zig, "level": "municipality", "subdivision": "SN-ZG"},
        "themes": ["22040", "14030"], "started": 1991,
        "description": "Jumelage-coopération : eau, numérique et échanges scolaires"}),
    )
    .await;
    assert_eq!(link["north"]["name"], "Ville de Saint-Brieuc");
    assert_eq!(link["north"]["subdivision"], "FR-BRE");
    assert_eq!(link["north"]["place"], "Saint-Brieuc");
    assert_eq!(link["north"]["confirmed"], true);
    assert_eq!(link["south"]["confirmed"], false);
    assert_eq!(link["confirmed"], false);
    assert_eq!(link["status"], "active");
    let path = format!("/api/v1/cooperation-links/{}", id(&link));
    let unconfirmed: Value = app
        .get("/api/v1/cooperation-links?confirmed=true")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(unconfirmed["total"], 0);

    let confirmed = expect(
        post(&app, &format!("{path}/confirmation"), &awa, None).await,
        200,
    )
    .await;
    assert_eq!(confirmed["south"]["confirmed"], true);
    assert_eq!(confirmed["confirmed"], true);
    let page: Value = app
        .get("/api/v1/cooperation-links?confirmed=true&country=SN")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["total"], 1, "{page}");
    assert_eq!(page["items"][0]["id"], link["id"]);
    let read: Value = app.get(&path).await.json().await.unwrap();
    assert_eq!(read["confirmed"], true);
    assert_eq!(read["version"], 2);
    // Either side manages it: the partner ends it, the recorder deletes it.
    let ended = request(
        &app,
        Method::PATCH,
        &path,
        Some(&awa),
        Some(json!({"status": "ended"})),
    )
    .await;
    assert_eq!(expect(ended, 200).await["status"], "ended");
    let deleted = request(&app, Method::DELETE, &path, Some(&yann), None).await;
    assert_eq!(deleted.status(), 204);
    assert_eq!(app.get(&path).await.status(), 404);
}

async fn strangers_neither_edit_nor_confirm_and_facilitators_edit_only(app: TestApp) {
    let yann = person(&app, "yann@saint-brieuc.fr", "Yann Le Goff").await;
    let awa = person(&app, "awa@ziguinchor.sn", "Awa Diatta").await;
    let eve = person(&app, "eve@example.org", "Eve").await;
    let fatou = facilitator(&app, "fatou@marcottage.org", "Fatou Sow").await;
    let brieuc = authority(&app, &yann, "Ville de Saint-Brieuc", "FR", "Saint-Brieuc").await;
    let zig = authority(&app, &awa, "Commune de Ziguinchor", "SN", "Ziguinchor").await;
    let link = record(
        &app,
        &yann,
        json!({
        "north": {"organisation_id": brieuc, "level": "municipality"},
        "south": {"organisation_id": zig, "level": "municipality"},
        "description": "Coopération"}),
    )
    .await;
    let path = format!("/api/v1/cooperation-links/{}", id(&link));

    // A stranger: no change, no deletion, no confirmation.
    let patched = request(
        &app,
        Method::PATCH,
        &path,
        Some(&eve),
        Some(json!({"status": "dormant"})),
    )
    .await;
    assert_eq!(patched.status(), 403);
    assert_eq!(
        request(&app, Method::DELETE, &path, Some(&eve), None)
            .await
            .status(),
        403
    );
    assert_eq!(
        post(&app, &format!("{path}/confirmation"), &eve, None)
            .await
            .status(),
        403
    );
    // Nor may they record a link in the name of authorities they do not belong to.
    let forged = post(
        &app,
        "/api/v1/cooperation-links",
        &eve,
        Some(json!({
        "north": {"organisation_id": brieuc, "level": "municipality"},
        "south": {"organisation_id": zig, "level": "municipality"}})),
    )
    .await;
    let problem = expect(forged, 422).await;
    assert_eq!(problem["errors"][0]["field"], "north.organisation_id");
    // Fields nobody sets: the confirmation, the recorder.
    for body in [
        json!({"confirmed": true}),
        json!({"owner_id": eve.id}),
        json!({"south": {"confirmed": true}}),
    ] {
        let refused = request(&app, Method::PATCH, &path, Some(&yann), Some(body.clone())).await;
        assert!(refused.status().is_client_error(), "{body}");
    }
    let sneaky = post(
        &app,
        "/api/v1/cooperation-links",
        &yann,
        Some(json!({
        "north": {"organisation_id": brieuc, "level": "municipality"},
        "south": {"organisation_id": zig, "level": "municipality", "confirmed": true},
        "confirmed": true})),
    )
    .await;
    assert!(sneaky.status().is_client_error());
    let read: Value = app.get(&path).await.json().await.unwrap();
    assert_eq!(read["confirmed"], false);
    assert_eq!(read["south"]["confirmed"], false);

    // A facilitator manages the link but does not confirm for a side.
    let dormant = request(
        &app,
        Method::PATCH,
        &path,
        Some(&fatou),
        Some(json!({"status": "dormant"})),
    )
    .await;
    assert_eq!(expect(dormant, 200).await["status"], "dormant");
    assert_eq!(
        post(&app, &format!("{path}/confirmation"), &fatou, None)
            .await
            .status(),
        403
    );
    // A stale version is refused.
    let stale = app
        .client
        .patch(app.url(&path))
        .bearer_auth(&yann.access)
        .header("If-Match", "\"1\"")
        .json(&json!({"description": "Nouveau texte"}))
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), 412);
    // A side must be a local authority.
    let ngo = expect(
        post(
            &app,
            "/api/v1/organisations",
            &yann,
            Some(json!({"name": "Teranga", "kind": "ngo", "country": "FR"})),
        )
        .await,
        201,
    )
    .await;
    let wrong = post(
        &app,
        "/api/v1/cooperation-links",
        &yann,
        Some(json!({
        "north": {"organisation_id": ngo["id"], "level": "municipality"},
        "south": named("Bignona", "SN", "municipality", "SN-ZG")})),
    )
    .await;
    assert_eq!(
        expect(wrong, 422).await["errors"][0]["code"],
        "not_a_local_authority"
    );
    // Unknown link: 404 for everyone.
    let missing = "/api/v1/cooperation-links/0191d7d5-0000-7000-8000-000000000000";
    assert_eq!(
        request(&app, Method::PATCH, missing, Some(&fatou), Some(json!({})))
            .await
            .status(),
        404
    );
}

/// Four links recorded by a facilitator between named authorities.
async fn small_atlas(app: &TestApp, fatou: &Session) -> Vec<Value> {
    let links = [
        (
            named("Région Auvergne-Rhône-Alpes", "FR", "region", "FR-ARA"),
            named("Région de Saint-Louis", "SN", "region", "SN-SL"),
            ["22040"],
            "active",
        ),
        (
            named(
                "Département des Côtes-d'Armor",
                "FR",
                "department",
                "FR-BRE",
            ),
            named("Commune de Ziguinchor", "SN", "municipality", "SN-ZG"),
            ["14030"],
            "active",
        ),
        (
            named("Ville de Montreuil", "FR", "municipality", "FR-IDF"),
            named("Cercle de Yélimané", "ML", "grouping", "ML-1"),
            ["14030"],
            "dormant",
        ),
        (
            named("Ville de Marseille", "FR", "municipality", "FR-PAC"),
            named("Moroni", "KM", "municipality", "KM-G"),
            ["22040"],
            "active",
        ),
    ];
    let mut recorded = Vec::new();
    for (north, south, themes, status) in links {
        recorded.push(
            record(
                app,
                fatou,
                json!({"north": north, "south": south, "themes": themes,
            "status": status, "started": 2005, "description": "Échanges entre collectivités"}),
            )
            .await,
        );
    }
    recorded
}

async fn the_atlas_is_searched_by_words_filters_and_facets(app: TestApp) {
    let fatou = facilitator(&app, "fatou@marcottage.org", "Fatou Sow").await;
    small_atlas(&app, &fatou).await;
    let total = |page: &Value| page["total"].as_i64().unwrap();
    let page = |path: &'static str| {
        let app = &app;
        async move { app.get(path).await.json::<Value>().await.unwrap() }
    };
    let all = page("/api/v1/cooperation-links").await;
    assert_eq!(total(&all), 4);
    assert_eq!(
        all["facets"]["country"][0],
        json!({"value": "FR", "count": 4})
    );
    assert_eq!(
        all["facets"]["country"][1],
        json!({"value": "SN", "count": 2})
    );
    assert_eq!(
        all["facets"]["status"][0],
        json!({"value": "active", "count": 3})
    );
    // Words without accents find accented names.
    assert_eq!(
        total(&page("/api/v1/cooperation-links?q=yelimane").await),
        1
    );
    assert_eq!(
        total(&page("/api/v1/cooperation-links?q=cotes%20armor").await),
        1
    );
    assert_eq!(
        total(&page("/api/v1/cooperation-links?country=SN").await),
        2
    );
    assert_eq!(
        total(&page("/api/v1/cooperation-links?region=1030").await),
        3
    );
    assert_eq!(
        total(&page("/api/v1/cooperation-links?theme=22040").await),
        2
    );
    assert_eq!(total(&page("/api/v1/cooperation-links?theme=140").await), 2);
    assert_eq!(
        total(&page("/api/v1/cooperation-links?level=grouping").await),
        1
    );
    assert_eq!(
        total(&page("/api/v1/cooperation-links?status=dormant").await),
        1
    );
    assert_eq!(
        total(&page("/api/v1/cooperation-links?french_region=FR-IDF").await),
        1
    );
    assert_eq!(
        total(&page("/api/v1/cooperation-links?subdivision=sn-zg").await),
        1
    );
    // Pages of one, walked with the cursor.
    let first = page("/api/v1/cooperation-links?limit=3").await;
    assert_eq!(first["items"].as_array().unwrap().len(), 3);
    let next = format!(
        "/api/v1/cooperation-links?limit=3&cursor={}",
        first["next_cursor"].as_str().unwrap()
    );
    let second: Value = app.get(&next).await.json().await.unwrap();
    assert_eq!(second["items"].as_array().unwrap().len(), 1);
    assert!(second["next_cursor"].is_null());
    // Malformed filters name their field.
    let bad = app
        .get("/api/v1/cooperation-links?french_region=SN-DK")
        .await;
    assert_eq!(
        expect(bad, 422).await["errors"][0]["field"],
        "french_region"
    );
}

async fn aggregates_count_links_and_projects_per_key_with_an_etag(app: TestApp) {
    let fatou = facilitator(&app, "fatou@marcottage.org", "Fatou Sow").await;
    let links = small_atlas(&app, &fatou).await;
    let project = expect(post(&app, "/api/v1/projects", &fatou, Some(json!({
        "title": "Cyber-centre de Ziguinchor", "summary": "Un espace numérique pour les jeunes de la commune",
        "countries": ["SN"], "status": "published"}))).await, 201).await;
    let path = format!("/api/v1/cooperation-links/{}", id(&links[1]));
    let linked = request(
        &app,
        Method::PATCH,
        &path,
        Some(&fatou),
        Some(json!({"project_ids": [project["id"]]})),
    )
    .await;
    assert_eq!(expect(linked, 200).await["project_ids"][0], project["id"]);

    let response = app
        .get("/api/v1/cooperation-links/aggregates?by=country")
        .await;
    assert_eq!(response.status(), 200);
    let etag = response.headers()["etag"].to_str().unwrap().to_owned();
    assert!(
        response.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("no-cache")
    );
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body["counts"][0],
        json!({"key": "FR", "links": 4, "projects": 1})
    );
    assert_eq!(
        body["counts"][1],
        json!({"key": "SN", "links": 2, "projects": 1})
    );
    assert!(
        body["counts"]
            .as_array()
            .unwrap()
            .contains(&json!({"key": "KM", "links": 1, "projects": 0}))
    );
    let again = app
        .client
        .get(app.url("/api/v1/cooperation-links/aggregates?by=country"))
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    let themes: Value = app
        .get("/api/v1/cooperation-links/aggregates?by=theme")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        themes["counts"],
        json!([
        {"key": "14030", "links": 2, "projects": 1},
        {"key": "22040", "links": 2, "projects": 0}])
    );
    let regions: Value = app
        .get("/api/v1/cooperation-links/aggregates?by=region")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(regions["counts"].as_array().unwrap().len(), 8);
    // A new link changes the counts and the tag.
    record(
        &app,
        &fatou,
        json!({"north": named("Ville de Lyon", "FR", "municipality", "FR-ARA"),
        "south": named("Commune de Ouagadougou", "BF", "municipality", "BF-KAD")}),
    )
    .await;
    let changed = app
        .client
        .get(app.url("/api/v1/cooperation-links/aggregates?by=country"))
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), 200);
    let unknown = app
        .get("/api/v1/cooperation-links/aggregates?by=planet")
        .await;
    assert!(unknown.status().is_client_error());
}

async fn the_territory_dashboard_matches_a_hand_count(app: TestApp) {
    let yann = person(&app, "yann@saint-brieuc.fr", "Yann Le Goff").await;
    let awa = person(&app, "awa@ziguinchor.sn", "Awa Diatta").await;
    let moussa = person(&app, "moussa@example.sn", "Moussa Badji").await;
    let brieuc = authority(&app, &yann, "Ville de Saint-Brieuc", "FR", "Saint-Brieuc").await;
    record(
        &app,
        &yann,
        json!({
        "north": {"organisation_id": brieuc, "level": "municipality", "subdivision": "FR-BRE"},
        "south": {"name": "Commune de Ziguinchor", "country": "SN", "level": "municipality",
            "subdivision": "SN-ZG", "place": "Ziguinchor"},
        "started": 1991}),
    )
    .await;
    record(&app, &yann, json!({
        "north": {"organisation_id": brieuc, "level": "municipality"},
        "south": {"name": "Commune de Bignona", "country": "SN", "level": "municipality", "place": "Bignona"},
        "started": 2019})).await;
    let project = |title: &str, place: &str, country: &str, status: &str| {
        json!({
        "title": title, "summary": "Un projet de développement économique local",
        "countries": [country], "territories": [{"country": country, "place": place}], "status": status})
    };
    // Counted: two published projects on partner territories, one on its own.
    for body in [
        project("Séchage de mangues", "Ziguinchor", "SN", "published"),
        project("Maraîchage solidaire", "bignona", "SN", "published"),
        project("Atelier vélo", "Saint-Brieuc", "FR", "published"),
        // Not counted: a draft, another town, the same name in another country.
        project("Brouillon", "Ziguinchor", "SN", "draft"),
        project("Pêche à Dakar", "Dakar", "SN", "published"),
        project("Homonyme", "Ziguinchor", "ML", "published"),
    ] {
        expect(
            post(&app, "/api/v1/projects", &moussa, Some(body)).await,
            201,
        )
        .await;
    }
    let opportunity = |category: &str, direction: &str, city: &str| {
        json!({
        "direction": direction, "category": category, "title": format!("{category} à {city}"),
        "description": "Une opportunité sur le territoire", "country": if city == "Saint-Brieuc" { "FR" } else { "SN" },
        "city": city})
    };
    let mut job = None;
    for (category, direction, city) in [
        ("job", "offer", "Ziguinchor"),
        ("internship", "offer", "Saint-Brieuc"),
        ("job", "request", "Ziguinchor"),
        ("technical_partnership", "offer", "Bignona"),
        ("job", "offer", "Dakar"),
    ] {
        let created = expect(
            post(
                &app,
                "/api/v1/opportunities",
                &moussa,
                Some(opportunity(category, direction, city)),
            )
            .await,
            201,
        )
        .await;
        job.get_or_insert(id(&created));
    }
    // A partnership formed by the authority's member: Yann's interest, accepted by Moussa.
    let interest = expect(
        post(
            &app,
            "/api/v1/interests",
            &yann,
            Some(json!({
        "target": {"kind": "opportunity", "id": job.unwrap()},
        "message": "La ville de Saint-Brieuc peut accueillir un stagiaire."})),
        )
        .await,
        201,
    )
    .await;
    expect(
        post(
            &app,
            &format!("/api/v1/interests/{}/accept", id(&interest)),
            &moussa,
            None,
        )
        .await,
        200,
    )
    .await;

    let path = format!("/api/v1/organisations/{brieuc}/territory");
    let public: Value = app.get(&path).await.json().await.unwrap();
    assert_eq!(
        public["totals"],
        json!({"links": 2, "projects": 3, "opportunities": 4,
        "internships": 1, "jobs": 1, "partnerships": 1}),
        "{public}"
    );
    assert_eq!(public["territory"]["place"], "Saint-Brieuc");
    assert_eq!(public["territory"]["subdivision"], "FR-BRE");
    assert_eq!(public["partners"].as_array().unwrap().len(), 2);
    let years: Vec<i64> = public["by_year"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y["year"].as_i64().unwrap())
        .collect();
    assert_eq!(years.first(), Some(&1991));
    let y1991 = &public["by_year"][0];
    assert_eq!(
        (y1991["links"].as_i64(), y1991["projects"].as_i64()),
        (Some(1), Some(0))
    );
    let own = public["projects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["own_territory"] == true)
        .count();
    assert_eq!(own, 1);
    // Who took part: members only.
    assert!(public["partnerships"].is_null());
    // No application yet: no funding year (funding.rs counts one through this dashboard).
    assert_eq!(public["funding"], serde_json::json!([]));
    let outsider = expect(get(&app, &path, &awa).await, 200).await;
    assert!(outsider["partnerships"].is_null());
    let member = expect(get(&app, &path, &yann).await, 200).await;
    assert_eq!(
        member["partnerships"][0]["between"],
        json!(["Yann Le Goff", "Moussa Badji"])
    );
    // Only authorities have a territory.
    let ngo = expect(
        post(
            &app,
            "/api/v1/organisations",
            &awa,
            Some(json!({"name": "Teranga", "kind": "ngo", "country": "SN"})),
        )
        .await,
        201,
    )
    .await;
    assert_eq!(
        app.get(&format!("/api/v1/organisations/{}/territory", id(&ngo)))
            .await
            .status(),
        404
    );
}

/// A member living in `subdivision` of France, from `origin`, counted or not.
async fn resident(app: &TestApp, email: &str, origin: &str, subdivision: &str, counted: bool) {
    let member = app.member(email).await;
    let changed = request(
        app,
        Method::PATCH,
        "/api/v1/me",
        Some(&member),
        Some(json!({
        "country_of_origin": origin, "country_of_residence": "FR",
        "residence_subdivision": subdivision, "diaspora_counted": counted})),
    )
    .await;
    assert_eq!(changed.status(), 200);
}

async fn diaspora_figures_count_consenting_members_and_hide_counts_under_five(app: TestApp) {
    // By hand, in Île-de-France: 5 Malians and 1 Senegalese who agree, 2 Malians who do not;
    // in Provence: 3 Comorians who agree.
    for n in 0..5 {
        resident(&app, &format!("ml{n}@example.fr"), "ML", "FR-IDF", true).await;
    }
    resident(&app, "sn0@example.fr", "SN", "IDF", true).await;
    resident(&app, "quiet0@example.fr", "ML", "FR-IDF", false).await;
    resident(&app, "quiet1@example.fr", "ML", "FR-IDF", false).await;
    for n in 0..3 {
        resident(&app, &format!("km{n}@example.fr"), "KM", "FR-PAC", true).await;
    }
    // Off by default.
    let newcomer = app.member("new@example.fr").await;
    let me = expect(get(&app, "/api/v1/me", &newcomer).await, 200).await;
    assert_eq!(me["diaspora_counted"], false);
    // A subdivision of another country is refused.
    let wrong = request(
        &app,
        Method::PATCH,
        "/api/v1/me",
        Some(&newcomer),
        Some(json!({
        "country_of_residence": "FR", "residence_subdivision": "SN-DK"})),
    )
    .await;
    assert_eq!(
        expect(wrong, 422).await["errors"][0]["field"],
        "residence_subdivision"
    );
    // A project in Mali seeking partners, one that seeks none.
    let author = app.member("author@example.ml").await;
    for needs in [json!(["technical_partnership"]), json!([])] {
        expect(post(&app, "/api/v1/projects", &author, Some(json!({
            "title": "Irrigation à Kayes", "summary": "Un périmètre irrigué pour les villages de Kayes",
            "countries": ["ML"], "needs": needs, "status": "published"}))).await, 201).await;
    }

    let idf: Value = app
        .get("/api/v1/territories/FR/FR-IDF/diaspora")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        idf["origins"],
        json!([
        {"country": "ML", "members": {"count": 5, "fewer_than_5": false}},
        {"country": "SN", "members": {"count": null, "fewer_than_5": true}}]),
        "{idf}"
    );
    // 6 in all, but that would give the lone Senegalese away: hidden.
    assert_eq!(idf["total"], json!({"count": null, "fewer_than_5": false}));
    assert_eq!(
        idf["projects_seeking_partners"].as_array().unwrap().len(),
        1
    );
    assert!(!idf.to_string().contains("example.fr"));
    let pac: Value = app
        .get("/api/v1/territories/FR/PAC/diaspora")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        pac["origins"],
        json!([{"country": "KM", "members": {"count": null, "fewer_than_5": true}}])
    );
    assert_eq!(pac["total"], json!({"count": null, "fewer_than_5": true}));
    // Two more Comorians agree: five, shown.
    resident(&app, "km3@example.fr", "KM", "FR-PAC", true).await;
    resident(&app, "km4@example.fr", "KM", "FR-PAC", true).await;
    let pac: Value = app
        .get("/api/v1/territories/FR/PAC/diaspora")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(pac["total"], json!({"count": 5, "fewer_than_5": false}));
    // One withdraws: back under five.
    let km0 = app.log_in("km0@example.fr", crate::helpers::PASSWORD).await;
    let withdrawn = request(
        &app,
        Method::PATCH,
        "/api/v1/me",
        Some(&km0),
        Some(json!({"diaspora_counted": false})),
    )
    .await;
    assert_eq!(withdrawn.status(), 200);
    let pac: Value = app
        .get("/api/v1/territories/FR/PAC/diaspora")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        pac["origins"][0]["members"],
        json!({"count": null, "fewer_than_5": true})
    );
    let bad = app.get("/api/v1/territories/FR/SN-DK/diaspora").await;
    assert_eq!(bad.status(), 422);
}

async fn public_statistics_count_what_is_published_with_an_etag(app: TestApp) {
    let awa = person(&app, "awa@example.sn", "Awa").await;
    for (stage, status) in [
        ("idea", "published"),
        ("venture", "published"),
        ("idea", "draft"),
    ] {
        expect(post(&app, "/api/v1/projects", &awa, Some(json!({
            "title": "Séchage solaire", "summary": "Une unité de séchage pour les mangues de Casamance",
            "countries": ["SN"], "sectors": ["31120"], "stage": stage, "status": status}))).await, 201).await;
    }
    let response = app.get("/api/v1/stats").await;
    assert_eq!(response.status(), 200);
    let etag = response.headers()["etag"].to_str().unwrap().to_owned();
    let stats: Value = response.json().await.unwrap();
    assert_eq!(
        stats["projects"]["by_stage"],
        json!([{"key": "idea", "count": 1}, {"key": "venture", "count": 1}])
    );
    assert_eq!(
        stats["projects"]["by_country"],
        json!([{"key": "SN", "count": 2}])
    );
    assert_eq!(
        stats["projects"]["by_sector_category"],
        json!([{"key": "311", "count": 2}])
    );
    let again = app
        .client
        .get(app.url("/api/v1/stats"))
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
}

on_both_databases!(
    an_authority_records_a_link_and_the_partner_confirms_it,
    strangers_neither_edit_nor_confirm_and_facilitators_edit_only,
    the_atlas_is_searched_by_words_filters_and_facets,
    aggregates_count_links_and_projects_per_key_with_an_etag,
    the_territory_dashboard_matches_a_hand_count,
    diaspora_figures_count_consenting_members_and_hide_counts_under_five,
    public_statistics_count_what_is_published_with_an_etag
);
