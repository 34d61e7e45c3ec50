//! Saved searches, their alerts in the app and by e-mail, and the unsubscribe link.

use chrono::{TimeDelta, Utc};
use reqwest::Method;
use serde_json::{Value, json};

use crate::{
    helpers::{Backend, TestApp, problem, spawn_app},
    on_both_databases,
};

const PUBLIC_URL: &str = "https://marcottage.example";

fn offer(title: &str, country: &str) -> Value {
    json!({"direction": "offer", "category": "commercial_partnership", "title": title,
           "description": format!("{title}, export vers l'Europe"), "sectors": ["32161"], "skills": [], "country": country})
}

fn mango_search() -> Value {
    json!({"name": "Mangues du Sénégal", "kind": "opportunities", "criteria": {"q": "mangue", "country": "SN"},
           "frequency": "instant", "channels": ["in_app", "email"]})
}

impl TestApp {
    /// Makes every saved search due, as if their time had come, and runs the alert worker once.
    async fn run_alerts(&self) -> usize {
        use marcottage::entities::saved_search;
        use sea_orm::{EntityTrait, sea_query::Expr};
        saved_search::Entity::update_many()
            .col_expr(
                saved_search::Column::NextRunAt,
                Expr::value(Utc::now() - TimeDelta::seconds(1)),
            )
            .exec(&self.db)
            .await
            .unwrap();
        marcottage::saved_searches::alerts::run_once(&self.db, PUBLIC_URL, Utc::now())
            .await
            .unwrap()
    }

    async fn hits(&self, session: &crate::helpers::Session) -> Vec<Value> {
        let page: Value = self
            .call(Method::GET, "/api/v1/notifications", Some(session), None)
            .await
            .json()
            .await
            .unwrap();
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n["kind"] == "saved_search_hit")
            .cloned()
            .collect()
    }
}

async fn a_saved_search_is_kept_changed_and_deleted_by_its_owner_only(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let moussa = app.member("moussa@example.fr").await;
    let saved = app
        .created("/api/v1/saved-searches", &awa, mango_search())
        .await;
    assert_eq!(saved["criteria"], json!({"q": "mangue", "country": "SN"}));
    let path = format!("/api/v1/saved-searches/{}", saved["id"].as_str().unwrap());
    let listed: Value = app
        .call(Method::GET, "/api/v1/saved-searches", Some(&awa), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    for method in [Method::GET, Method::PATCH, Method::DELETE] {
        let body = (method == Method::PATCH).then(|| json!({"name": "À moi"}));
        assert_eq!(
            app.call(method.clone(), &path, Some(&moussa), body)
                .await
                .status(),
            404,
            "{method}"
        );
    }
    let others: Value = app
        .call(Method::GET, "/api/v1/saved-searches", Some(&moussa), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(others, json!([]));

    let changed = app
        .call(
            Method::PATCH,
            &path,
            Some(&awa),
            Some(json!({"frequency": "weekly", "channels": ["in_app"]})),
        )
        .await;
    assert_eq!(changed.status(), 200);
    let changed: Value = changed.json().await.unwrap();
    assert_eq!(
        (changed["frequency"].clone(), changed["channels"].clone()),
        (json!("weekly"), json!(["in_app"]))
    );
    let invalid_and_stale = app
        .client
        .patch(app.url(&path))
        .bearer_auth(&awa.access)
        .header("If-Match", "\"1\"")
        .json(&json!({"name": ""}))
        .send()
        .await
        .unwrap();
    assert_eq!(invalid_and_stale.status(), 422, "the body is checked first");
    let stale = app
        .client
        .patch(app.url(&path))
        .bearer_auth(&awa.access)
        .header("If-Match", "\"1\"")
        .json(&json!({"name": "Vieux"}))
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), 412);
    let gone = app
        .client
        .delete(app.url(&path))
        .bearer_auth(&awa.access)
        .header("If-Match", "\"2\"")
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), 204);
    assert_eq!(
        app.call(Method::GET, &path, Some(&awa), None)
            .await
            .status(),
        404
    );
}

async fn criteria_are_checked_like_a_search(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let cases = [
        (json!({"stage": "idea"}), "criteria.stage"),
        (json!({"country": "SEN"}), "criteria.country"),
        (json!({"region": "998"}), "criteria.region"),
        (json!({"sector": "12"}), "criteria.sector"),
    ];
    for (criteria, field) in cases {
        let mut body = mango_search();
        body["criteria"] = criteria;
        let refused = app
            .call(
                Method::POST,
                "/api/v1/saved-searches",
                Some(&awa),
                Some(body),
            )
            .await;
        assert_eq!(refused.status(), 422, "{field}");
        assert_eq!(problem(refused).await["errors"][0]["field"], field);
    }
    let mut body = mango_search();
    body["channels"] = json!([]);
    assert_eq!(
        app.call(
            Method::POST,
            "/api/v1/saved-searches",
            Some(&awa),
            Some(body)
        )
        .await
        .status(),
        422
    );
    let mut body = mango_search();
    body["criteria"] = json!([null, null]);
    assert_eq!(
        app.call(
            Method::POST,
            "/api/v1/saved-searches",
            Some(&awa),
            Some(body)
        )
        .await
        .status(),
        422,
        "criteria are an object"
    );
    let mut body = mango_search();
    body["owner_id"] = json!(uuid::Uuid::now_v7());
    assert_eq!(
        app.call(
            Method::POST,
            "/api/v1/saved-searches",
            Some(&awa),
            Some(body)
        )
        .await
        .status(),
        422,
        "unknown fields are refused"
    );
    assert_eq!(
        app.post_json("/api/v1/saved-searches", &mango_search())
            .await
            .status(),
        401
    );
}

async fn new_results_are_announced_once_in_the_app_and_by_email_until_unsubscribed(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let moussa = app.member("moussa@example.fr").await;
    app.created(
        "/api/v1/opportunities",
        &moussa,
        offer("Mangues d'avant", "SN"),
    )
    .await;
    app.created("/api/v1/saved-searches", &awa, mango_search())
        .await;
    app.created(
        "/api/v1/opportunities",
        &moussa,
        offer("Mangues séchées de Casamance", "SN"),
    )
    .await;
    app.created(
        "/api/v1/opportunities",
        &moussa,
        offer("Mangues du Kenya", "KE"),
    )
    .await;
    app.created(
        "/api/v1/opportunities",
        &awa,
        offer("Mes propres mangues", "SN"),
    )
    .await;

    app.run_alerts().await;
    let hits = app.hits(&awa).await;
    assert_eq!(hits.len(), 1);
    let items = hits[0]["payload"]["items"].as_array().unwrap();
    let titles: Vec<&str> = items.iter().map(|i| i["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        ["Mangues séchées de Casamance"],
        "only what is new, matching and not her own"
    );
    let emails = app.emails_to("awa@example.sn").await;
    let alert = emails
        .iter()
        .find(|e| e.unsubscribe.is_some())
        .expect("an alert e-mail");
    assert!(alert.body.contains("Mangues séchées de Casamance"));
    assert!(alert.body.contains(&format!("{PUBLIC_URL}/opportunities/")));

    app.run_alerts().await;
    assert_eq!(
        app.hits(&awa).await.len(),
        1,
        "nothing new, nothing announced"
    );

    // The link works without logging in and stops the e-mails only.
    let link = alert.unsubscribe.clone().unwrap();
    let path = link.strip_prefix(PUBLIC_URL).unwrap();
    let page: Value = app.get(path).await.json().await.unwrap();
    assert_eq!(page, json!({"name": "Mangues du Sénégal", "email": true}));
    let stopped = app
        .client
        .post(app.url(path))
        .form(&[("List-Unsubscribe", "One-Click")])
        .send()
        .await
        .unwrap();
    assert_eq!(stopped.status(), 200);
    assert_eq!(
        app.get(path).await.json::<Value>().await.unwrap()["email"],
        false
    );
    assert_eq!(
        app.get("/api/v1/unsubscribe/not-a-token").await.status(),
        404
    );

    app.created(
        "/api/v1/opportunities",
        &moussa,
        offer("Mangues bio de Thiès", "SN"),
    )
    .await;
    let emails_before = app.emails_to("awa@example.sn").await.len();
    app.run_alerts().await;
    assert_eq!(app.hits(&awa).await.len(), 2, "still told in the app");
    assert_eq!(
        app.emails_to("awa@example.sn").await.len(),
        emails_before,
        "no more e-mails"
    );
}

on_both_databases!(
    a_saved_search_is_kept_changed_and_deleted_by_its_owner_only,
    criteria_are_checked_like_a_search,
    new_results_are_announced_once_in_the_app_and_by_email_until_unsubscribed
);

/// Several replicas run the worker: on PostgreSQL each alert still goes out exactly once.
#[tokio::test]
async fn two_workers_on_postgres_send_each_alert_exactly_once() {
    let Some(app) = spawn_app(Backend::Postgres).await else {
        return;
    };
    let moussa = app.member("moussa@example.fr").await;
    let mut members = Vec::new();
    for n in 0..4 {
        let member = app.member(&format!("membre{n}@example.sn")).await;
        for s in 0..10 {
            let mut search = mango_search();
            search["name"] = json!(format!("Recherche {s}"));
            app.created("/api/v1/saved-searches", &member, search).await;
        }
        members.push(format!("membre{n}@example.sn"));
    }
    app.created(
        "/api/v1/opportunities",
        &moussa,
        offer("Mangues séchées de Casamance", "SN"),
    )
    .await;

    let at = Utc::now() + TimeDelta::seconds(1);
    let workers = (0..2).map(|_| {
        let url = app.database.url.clone();
        tokio::spawn(async move {
            let db = marcottage::db::Db::open(&marcottage::config::Config::for_database(url))
                .await
                .unwrap();
            let mut claimed = 0;
            loop {
                let n = marcottage::saved_searches::alerts::run_once(&db, PUBLIC_URL, at)
                    .await
                    .unwrap();
                if n == 0 {
                    return claimed;
                }
                claimed += n;
            }
        })
    });
    let claimed: usize = futures_util::future::join_all(workers)
        .await
        .into_iter()
        .map(Result::unwrap)
        .sum();
    assert!(claimed <= 40, "no search claimed twice: {claimed}");

    use marcottage::entities::notification;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let hits = notification::Entity::find()
        .filter(notification::Column::Kind.eq("saved_search_hit"))
        .all(&app.db)
        .await
        .unwrap();
    let mut searches: Vec<String> = hits
        .iter()
        .map(|hit| hit.payload["saved_search_id"].as_str().unwrap().to_owned())
        .collect();
    searches.sort();
    searches.dedup();
    assert_eq!(
        (hits.len(), searches.len()),
        (40, 40),
        "one notification per saved search"
    );
    for member in members {
        let alerts = app
            .emails_to(&member)
            .await
            .into_iter()
            .filter(|e| e.unsubscribe.is_some())
            .count();
        assert_eq!(alerts, 10, "{member}: one e-mail per saved search");
    }
}
