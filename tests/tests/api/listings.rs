//! The listing engine: its in-memory index answers exactly as the database does, follows the
//! changes of other replicas, and counts what changes at once.

use reqwest::Method;
use serde_json::{Value, json};

use crate::{
    helpers::{Replica, Session, TestApp, eventually},
    on_both_databases,
};

const COUNTRIES: [&str; 5] = ["SN", "ML", "FR", "KE", "MA"];
const SECTORS: [&str; 5] = ["32161", "31120", "11330", "12220", "23210"];
const CATEGORIES: [&str; 4] = [
    "technical_partnership",
    "internship",
    "job",
    "financial_partnership",
];
const WORDS: [&str; 6] = [
    "Séchage de mangues",
    "Coopération décentralisée",
    "Formation agricole",
    "Solar water pumps",
    "Farmers training",
    "Santé communautaire",
];

/// A small marketplace with every field varied: two authors, two organisations of
/// different kinds, projects at every stage and status, opportunities of every shape.
async fn varied_marketplace(app: &TestApp) -> (Session, Session) {
    let awa = app.member("awa@example.sn").await;
    let jean = app.member("jean@example.fr").await;
    let ngo = app.created("/api/v1/organisations", &awa, json!({"name": "Teranga Solidarité Lyon", "kind": "ngo", "country": "FR", "city": "Lyon"})).await;
    let town = app.created("/api/v1/organisations", &jean, json!({"name": "Commune de Ziguinchor", "kind": "local_authority", "country": "SN", "description": "Coopération avec Saint-Brieuc"})).await;
    for n in 0..12 {
        let (author, organisation) = if n % 2 == 0 {
            (&awa, &ngo)
        } else {
            (&jean, &town)
        };
        let project = app.created("/api/v1/projects", author, json!({
            "title": format!("{} — projet {n}", WORDS[n % WORDS.len()]),
            "summary": "Un projet de développement économique local",
            "description": format!("{} avec des partenaires de la diaspora", WORDS[(n + 2) % WORDS.len()]),
            "sectors": [SECTORS[n % 5], SECTORS[(n + 1) % 5]],
            "countries": [COUNTRIES[n % 5]],
            "territories": [{"country": COUNTRIES[(n + 2) % 5], "place": "Région"}],
            "needs": [CATEGORIES[n % 4]],
            "language": "fr",
            "organisation_id": if n % 3 == 0 { Value::Null } else { organisation["id"].clone() },
            "status": if n == 11 { "draft" } else { "published" },
        })).await;
        if n == 5 {
            let path = format!("/api/v1/projects/{}", project["id"].as_str().unwrap());
            let closed = app
                .call(
                    Method::PATCH,
                    &path,
                    Some(author),
                    Some(json!({"status": "closed"})),
                )
                .await;
            assert_eq!(closed.status(), 200);
        }
    }
    for n in 0..36 {
        let (author, organisation) = if n % 3 == 0 {
            (&jean, &town)
        } else {
            (&awa, &ngo)
        };
        let created = app.created("/api/v1/opportunities", author, json!({
            "direction": if n % 2 == 0 { "offer" } else { "request" },
            "category": CATEGORIES[n % 4],
            "title": format!("{} n°{n}", WORDS[n % WORDS.len()]),
            "description": format!("{} — et {}", WORDS[(n + 1) % WORDS.len()], WORDS[(n + 3) % WORDS.len()]),
            "sectors": [SECTORS[n % 5]],
            "skills": ["séchage", "gestion"],
            "country": COUNTRIES[n % 5],
            "remote": n % 4 == 1,
            "anonymous": n % 7 == 3,
            "organisation_id": if n % 5 == 0 { Value::Null } else { organisation["id"].clone() },
            "expires_at": chrono::Utc::now() + chrono::TimeDelta::days(10 + (n as i64 * 7) % 40),
        })).await;
        if n % 9 == 4 {
            let path = format!("/api/v1/opportunities/{}", created["id"].as_str().unwrap());
            let filled = app
                .call(
                    Method::PATCH,
                    &path,
                    Some(author),
                    Some(json!({"status": "filled"})),
                )
                .await;
            assert_eq!(filled.status(), 200);
        }
    }
    let norths = [
        ("Ville de Saint-Brieuc", "FR", "municipality", "FR-BRE"),
        ("Région Auvergne-Rhône-Alpes", "FR", "region", "FR-ARA"),
        ("Province de Liège", "BE", "department", "BE-WLG"),
        ("Métropole de Lyon", "FR", "grouping", "FR-ARA"),
    ];
    for n in 0..8 {
        let (name, country, level, subdivision) = norths[n % 4];
        let theme = ["22040", "14030", "31120"][n % 3];
        let status = ["active", "dormant", "ended"][n % 3];
        app.created("/api/v1/cooperation-links", &jean, json!({
            "north": {"name": name, "country": country, "level": level, "subdivision": subdivision},
            "south": {"organisation_id": town["id"], "level": "municipality", "subdivision": "SN-ZG"},
            "themes": [theme],
            "status": status,
            "started": 1990 + n as i32,
            "description": WORDS[n % WORDS.len()],
        })).await;
    }
    (awa, jean)
}

/// Every page of `path` (three items a page), as the server answers them.
pub async fn pages(get: impl AsyncFn(String) -> reqwest::Response, path: &str) -> Vec<Value> {
    let mut pages = Vec::new();
    let mut cursor = String::new();
    loop {
        let separator = if path.contains('?') { '&' } else { '?' };
        let response = get(format!("{path}{separator}limit=3{cursor}")).await;
        assert_eq!(response.status(), 200, "{path}");
        let page: Value = response.json().await.unwrap();
        let next = page["next_cursor"].as_str().map(str::to_owned);
        pages.push(page);
        match next {
            Some(next) => cursor = format!("&cursor={next}"),
            None => return pages,
        }
    }
}

const QUERIES: &[&str] = &[
    "/api/v1/opportunities",
    "/api/v1/opportunities?country=SN",
    "/api/v1/opportunities?category=job&direction=offer",
    "/api/v1/opportunities?sector=311",
    "/api/v1/opportunities?sector=32161&country=SN",
    "/api/v1/opportunities?region=1030",
    "/api/v1/opportunities?region=1030&country=ML",
    "/api/v1/opportunities?remote=true",
    "/api/v1/opportunities?organisation_kind=ngo",
    "/api/v1/opportunities?status=filled",
    "/api/v1/opportunities?q=mangues",
    "/api/v1/opportunities?q=cooperation&sort=newest",
    "/api/v1/opportunities?q=formation%20mangue",
    "/api/v1/opportunities?q=farmer",
    "/api/v1/opportunities?q=sante&country=KE",
    "/api/v1/opportunities?sort=expiring_soon",
    "/api/v1/opportunities?sort=expiring_soon&category=internship",
    "/api/v1/opportunities?q=zzzz",
    "/api/v1/projects",
    "/api/v1/projects?country=SN",
    "/api/v1/projects?stage=idea&need=technical_partnership",
    "/api/v1/projects?sector=321",
    "/api/v1/projects?organisation_kind=local_authority",
    "/api/v1/projects?status=closed",
    "/api/v1/projects?q=solar",
    "/api/v1/projects?q=diaspora&region=1030",
    "/api/v1/organisations",
    "/api/v1/organisations?kind=ngo",
    "/api/v1/organisations?q=cooperation",
    "/api/v1/organisations?country=SN&verified=false",
    "/api/v1/cooperation-links",
    "/api/v1/cooperation-links?country=BE",
    "/api/v1/cooperation-links?region=1030&status=active",
    "/api/v1/cooperation-links?theme=140",
    "/api/v1/cooperation-links?theme=22040&level=region",
    "/api/v1/cooperation-links?french_region=FR-ARA",
    "/api/v1/cooperation-links?subdivision=SN-ZG&confirmed=false",
    "/api/v1/cooperation-links?q=mangues",
    "/api/v1/cooperation-links?q=liege",
];

async fn both_answer_alike(app: &TestApp, database: &Replica) {
    for path in QUERIES {
        let from_index = pages(async |path: String| app.get(&path).await, path).await;
        let from_database = pages(async |path: String| database.get(&path).await, path).await;
        assert_eq!(from_index, from_database, "{path}");
    }
}

async fn the_index_answers_every_listing_exactly_as_the_database(app: TestApp) {
    varied_marketplace(&app).await;
    let database = app
        .replica(|config| config.listings_from_database = true)
        .await;
    both_answer_alike(&app, &database).await;
    // Some listings found something, or the comparison proves little.
    let senegal: Value = app
        .get("/api/v1/opportunities?country=SN")
        .await
        .json()
        .await
        .unwrap();
    assert!(senegal["total"].as_i64().unwrap() >= 5, "{senegal}");
    let words: Value = app
        .get("/api/v1/opportunities?q=mangues")
        .await
        .json()
        .await
        .unwrap();
    assert!(words["total"].as_i64().unwrap() >= 3, "{words}");
}

async fn a_replica_started_later_builds_the_same_index_from_the_database(app: TestApp) {
    varied_marketplace(&app).await;
    let later = app.replica(|_| {}).await;
    for path in QUERIES {
        let here = pages(async |path: String| app.get(&path).await, path).await;
        let there = pages(async |path: String| later.get(&path).await, path).await;
        assert_eq!(here, there, "{path}");
    }
}

async fn another_replica_shows_a_change_within_a_second_or_so(app: TestApp) {
    let other = app.replica(|_| {}).await;
    let awa = app.member("awa@example.sn").await;
    let created = app
        .created(
            "/api/v1/opportunities",
            &awa,
            json!({
        "direction": "offer", "category": "job", "title": "Poste de chef de culture à Kolda",
        "description": "Un emploi dans une ferme de Kolda", "country": "SN", "sectors": ["31120"]}),
        )
        .await;
    let found = |page: &Value| page["total"] == 1;
    let seen = eventually_on(&other, "/api/v1/opportunities?q=kolda&country=SN", found).await;
    assert_eq!(seen["items"][0]["id"], created["id"]);
    assert_eq!(
        seen["facets"]["sector_category"][0],
        json!({"value": "311", "count": 1})
    );
    let path = format!("/api/v1/opportunities/{}", created["id"].as_str().unwrap());
    let closed = app
        .call(
            Method::PATCH,
            &path,
            Some(&awa),
            Some(json!({"status": "closed"})),
        )
        .await;
    assert_eq!(closed.status(), 200);
    eventually_on(&other, "/api/v1/opportunities?q=kolda", |page| {
        page["total"] == 0
    })
    .await;
    let deleted = app.call(Method::DELETE, &path, Some(&awa), None).await;
    assert_eq!(deleted.status(), 204);
    eventually_on(
        &other,
        "/api/v1/opportunities?q=kolda&status=closed",
        |page| page["total"] == 0,
    )
    .await;
}

async fn an_anonymous_author_organisation_does_not_select_their_item(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let ngo = app
        .created(
            "/api/v1/organisations",
            &awa,
            json!({"name": "Teranga Lyon", "kind": "ngo", "country": "FR"}),
        )
        .await;
    for anonymous in [false, true] {
        app.created("/api/v1/opportunities", &awa, json!({
            "direction": "request", "category": "financial_partnership", "title": format!("Levée de fonds, anonyme : {anonymous}"),
            "description": "Recherche d'investisseurs pour une unité de séchage", "country": "SN",
            "organisation_id": ngo["id"], "anonymous": anonymous})).await;
    }
    let by_kind: Value = app
        .get("/api/v1/opportunities?organisation_kind=ngo")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(by_kind["total"], 1);
    assert_eq!(by_kind["items"][0]["anonymous"], false);
    let database = app
        .replica(|config| config.listings_from_database = true)
        .await;
    let from_database: Value = database
        .get("/api/v1/opportunities?organisation_kind=ngo")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(from_database["total"], 1);
}

async fn a_changed_organisation_moves_its_projects_between_listings(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let organisation = app
        .created(
            "/api/v1/organisations",
            &awa,
            json!({"name": "Ferme école de Thiès", "kind": "company", "country": "SN"}),
        )
        .await;
    app.created("/api/v1/projects", &awa, json!({
        "title": "Ferme école", "summary": "Former de jeunes maraîchers", "description": "Une ferme école à Thiès",
        "sectors": ["31120"], "countries": ["SN"], "language": "fr", "status": "published",
        "organisation_id": organisation["id"]})).await;
    let companies: Value = app
        .get("/api/v1/projects?organisation_kind=company")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(companies["total"], 1);
    let path = format!(
        "/api/v1/organisations/{}",
        organisation["id"].as_str().unwrap()
    );
    let changed = app
        .call(
            Method::PATCH,
            &path,
            Some(&awa),
            Some(json!({"kind": "ngo"})),
        )
        .await;
    assert_eq!(changed.status(), 200);
    let companies: Value = app
        .get("/api/v1/projects?organisation_kind=company")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(companies["total"], 0);
    let ngos: Value = app
        .get("/api/v1/projects?organisation_kind=ngo")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(ngos["total"], 1);
    let found: Value = app
        .get("/api/v1/organisations?q=thies")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        found["facets"]["kind"],
        json!([{"value": "ngo", "count": 1}])
    );
}

on_both_databases!(
    the_index_answers_every_listing_exactly_as_the_database,
    a_replica_started_later_builds_the_same_index_from_the_database,
    another_replica_shows_a_change_within_a_second_or_so,
    an_anonymous_author_organisation_does_not_select_their_item,
    a_changed_organisation_moves_its_projects_between_listings
);

async fn eventually_on(replica: &Replica, path: &str, holds: impl Fn(&Value) -> bool) -> Value {
    eventually(async |path: &str| replica.get(path).await, path, holds).await
}
