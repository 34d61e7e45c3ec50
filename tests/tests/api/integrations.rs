//! API keys: an organisation's owners make them, see them once, and revoke them; a key acts
//! for its organisation only, within its scopes, at its rate, from its origins.

use reqwest::{Method, Response};
use serde_json::{Value, json};

use crate::{
    contacts::{expect, get, person, post, request},
    helpers::{Session, TestApp, problem},
    invitations::{invite_and_accept, organisation},
    on_both_databases,
};

/// Makes a key for `organisation` with `scopes` as its owner; returns the created body.
pub async fn api_key(app: &TestApp, owner: &Session, organisation: &str, scopes: &[&str]) -> Value {
    let path = format!("/api/v1/organisations/{organisation}/api-keys");
    let body = json!({"name": "Site de l'association", "scopes": scopes});
    expect(post(app, &path, owner, Some(body)).await, 201).await
}

/// A request with an API key.
pub async fn with_key(
    app: &TestApp,
    method: Method,
    path: &str,
    key: &str,
    body: Option<Value>,
) -> Response {
    let mut request = app.client.request(method, app.url(path)).bearer_auth(key);
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.unwrap()
}

fn secret(created: &Value) -> String {
    created["secret"].as_str().unwrap().to_owned()
}

fn opportunity_for(organisation: Option<&str>) -> Value {
    json!({"direction": "offer", "category": "technical_partnership",
        "title": "Formation au séchage solaire des mangues",
        "description": "Notre association forme des coopératives au séchage solaire.",
        "sectors": ["32161"], "country": "SN", "organisation_id": organisation})
}

fn project_for(organisation: &str) -> Value {
    json!({"title": "Unité de séchage de Bignona", "summary": "Une coopérative sèche ses mangues",
        "sectors": ["32161"], "countries": ["SN"], "status": "published",
        "organisation_id": organisation})
}

async fn code_of(response: Response) -> String {
    problem(response).await["code"].as_str().unwrap().to_owned()
}

async fn a_key_is_shown_once_stored_hashed_and_noted_when_used(app: TestApp) {
    let awa = person(&app, "awa@teranga.example", "Awa Diop").await;
    let teranga = organisation(&app, &awa, "Association Teranga Lyon").await;
    let created = api_key(&app, &awa, &teranga, &["read"]).await;
    let key = secret(&created);
    let prefix = created["prefix"].as_str().unwrap();
    assert!(key.starts_with(prefix) && prefix.starts_with("mk_"));
    assert!(created["last_used_at"].is_null());

    let path = format!("/api/v1/organisations/{teranga}/api-keys");
    let listed = expect(get(&app, &path, &awa).await, 200).await;
    assert_eq!(listed[0]["prefix"], created["prefix"]);
    assert!(
        listed[0].get("secret").is_none(),
        "the list never shows the key"
    );

    // Stored as a hash only.
    use marcottage::entities::api_key;
    use sea_orm::EntityTrait;
    let rows = api_key::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_ne!(rows[0].secret_hash, key);
    assert!(!rows[0].secret_hash.contains(&key[prefix.len()..]));

    let read = with_key(&app, Method::GET, "/api/v1/opportunities", &key, None).await;
    assert_eq!(read.status(), 200);
    let listed = expect(get(&app, &path, &awa).await, 200).await;
    assert!(listed[0]["last_used_at"].is_string(), "{listed}");

    // A forged key with a real prefix is refused.
    let forged = format!("{prefix}_{}", "x".repeat(32));
    let refused = with_key(&app, Method::GET, "/api/v1/opportunities", &forged, None).await;
    assert_eq!(refused.status(), 401);
}

async fn only_the_organisations_owners_manage_its_keys(app: TestApp) {
    let awa = person(&app, "awa@teranga.example", "Awa Diop").await;
    let moussa = person(&app, "moussa@teranga.example", "Moussa Ba").await;
    let eve = person(&app, "eve@elsewhere.example", "Ève Martin").await;
    let teranga = organisation(&app, &awa, "Association Teranga Lyon").await;
    let elsewhere = organisation(&app, &eve, "Ailleurs SARL").await;
    invite_and_accept(
        &app,
        &awa,
        &teranga,
        &moussa,
        "moussa@teranga.example",
        "editor",
    )
    .await;
    let path = format!("/api/v1/organisations/{teranga}/api-keys");
    let body = json!({"name": "x", "scopes": ["read"]});
    for outsider in [&moussa, &eve] {
        assert_eq!(
            post(&app, &path, outsider, Some(body.clone()))
                .await
                .status(),
            403
        );
        assert_eq!(get(&app, &path, outsider).await.status(), 403);
    }
    let unknown = format!("/api/v1/organisations/{}/api-keys", uuid::Uuid::now_v7());
    assert_eq!(post(&app, &unknown, &awa, Some(body)).await.status(), 404);

    // Eve's key cannot be revoked through Teranga, nor Teranga's by Eve.
    let theirs = api_key(&app, &eve, &elsewhere, &["read"]).await;
    let through_teranga = format!("{path}/{}", theirs["id"].as_str().unwrap());
    let revoke = request(&app, Method::DELETE, &through_teranga, Some(&awa), None).await;
    assert_eq!(revoke.status(), 404);
    let ours = api_key(&app, &awa, &teranga, &["read"]).await;
    let ours_path = format!("{path}/{}", ours["id"].as_str().unwrap());
    let revoke = request(&app, Method::DELETE, &ours_path, Some(&eve), None).await;
    assert_eq!(revoke.status(), 403);
    let still = with_key(
        &app,
        Method::GET,
        "/api/v1/opportunities",
        &secret(&ours),
        None,
    )
    .await;
    assert_eq!(still.status(), 200);

    // Invalid fields are named.
    let bad = json!({"name": "", "scopes": [], "cors_origins": ["https://x.org/path"],
        "expires_at": "2001-01-01T00:00:00Z"});
    let refused = problem(post(&app, &path, &awa, Some(bad)).await).await;
    let fields: Vec<&str> = refused["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|error| error["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["cors_origins[0]", "expires_at", "name", "scopes"]);
    let unknown_scope = json!({"name": "x", "scopes": ["admin"]});
    assert_eq!(
        post(&app, &path, &awa, Some(unknown_scope)).await.status(),
        422
    );
}

async fn each_scope_opens_its_operations_and_no_other(app: TestApp) {
    let awa = person(&app, "awa@teranga.example", "Awa Diop").await;
    let teranga = organisation(&app, &awa, "Association Teranga Lyon").await;
    let read = secret(&api_key(&app, &awa, &teranga, &["read"]).await);
    let opportunities = secret(&api_key(&app, &awa, &teranga, &["opportunities:write"]).await);
    let projects = secret(&api_key(&app, &awa, &teranga, &["projects:write"]).await);
    let webhooks = secret(&api_key(&app, &awa, &teranga, &["webhooks"]).await);
    let hooks = format!("/api/v1/organisations/{teranga}/webhooks");
    let new_opportunity = || Some(opportunity_for(Some(&teranga)));

    // read
    let listed = with_key(&app, Method::GET, "/api/v1/opportunities", &read, None).await;
    assert_eq!(listed.status(), 200);
    let denied = with_key(
        &app,
        Method::POST,
        "/api/v1/opportunities",
        &read,
        new_opportunity(),
    )
    .await;
    assert_eq!(code_of(denied).await, "insufficient_scope");
    assert_eq!(
        with_key(&app, Method::GET, &hooks, &read, None)
            .await
            .status(),
        403
    );

    // opportunities:write
    let created = with_key(
        &app,
        Method::POST,
        "/api/v1/opportunities",
        &opportunities,
        new_opportunity(),
    )
    .await;
    let created = expect(created, 201).await;
    assert_eq!(
        created["owner_id"],
        awa.id.as_str(),
        "the key acts as the owner who made it"
    );
    let path = format!("/api/v1/opportunities/{}", created["id"].as_str().unwrap());
    let changed = with_key(
        &app,
        Method::PATCH,
        &path,
        &opportunities,
        Some(json!({"city": "Bignona"})),
    )
    .await;
    assert_eq!(changed.status(), 200);
    let project = with_key(
        &app,
        Method::POST,
        "/api/v1/projects",
        &opportunities,
        Some(project_for(&teranga)),
    )
    .await;
    assert_eq!(project.status(), 403);
    let reading = with_key(
        &app,
        Method::GET,
        "/api/v1/opportunities",
        &opportunities,
        None,
    )
    .await;
    assert_eq!(reading.status(), 403, "writing does not imply reading");

    // projects:write
    let project = with_key(
        &app,
        Method::POST,
        "/api/v1/projects",
        &projects,
        Some(project_for(&teranga)),
    )
    .await;
    assert_eq!(project.status(), 201);
    let denied = with_key(
        &app,
        Method::PATCH,
        &path,
        &projects,
        Some(json!({"city": "Dakar"})),
    )
    .await;
    assert_eq!(denied.status(), 403);

    // webhooks
    assert_eq!(
        with_key(&app, Method::GET, &hooks, &webhooks, None)
            .await
            .status(),
        200
    );
    let denied = with_key(
        &app,
        Method::POST,
        "/api/v1/opportunities",
        &webhooks,
        new_opportunity(),
    )
    .await;
    assert_eq!(denied.status(), 403);

    // Nothing a person does for themselves, whatever the scopes.
    let all = secret(
        &api_key(
            &app,
            &awa,
            &teranga,
            &["read", "opportunities:write", "projects:write", "webhooks"],
        )
        .await,
    );
    let personal = [
        (Method::GET, "/api/v1/me".to_owned()),
        (Method::GET, "/api/v1/conversations".to_owned()),
        (Method::GET, "/api/v1/notifications".to_owned()),
        (Method::POST, "/api/v1/interests".to_owned()),
        (Method::POST, "/api/v1/auth/logout-all".to_owned()),
        (
            Method::GET,
            format!("/api/v1/organisations/{teranga}/api-keys"),
        ),
        (
            Method::POST,
            format!("/api/v1/organisations/{teranga}/api-keys"),
        ),
        (
            Method::GET,
            format!("/api/v1/organisations/{teranga}/invitations"),
        ),
        (Method::PATCH, format!("/api/v1/organisations/{teranga}")),
    ];
    for (method, path) in personal {
        let response = with_key(&app, method.clone(), &path, &all, Some(json!({}))).await;
        assert_eq!(response.status(), 403, "{method} {path}");
    }
}

async fn a_key_acts_for_its_organisation_only(app: TestApp) {
    let awa = person(&app, "awa@teranga.example", "Awa Diop").await;
    let teranga = organisation(&app, &awa, "Association Teranga Lyon").await;
    // Awa owns a second organisation: the key of the first still may not touch it.
    let other = organisation(&app, &awa, "Coopérative de Bignona").await;
    let all = ["read", "opportunities:write", "projects:write", "webhooks"];
    let key = secret(&api_key(&app, &awa, &teranga, &all).await);

    for organisation in [Some(other.as_str()), None] {
        let body = Some(opportunity_for(organisation));
        let denied = with_key(&app, Method::POST, "/api/v1/opportunities", &key, body).await;
        assert_eq!(
            code_of(denied).await,
            "insufficient_scope",
            "{organisation:?}"
        );
    }
    let denied = with_key(
        &app,
        Method::POST,
        "/api/v1/projects",
        &key,
        Some(project_for(&other)),
    )
    .await;
    assert_eq!(denied.status(), 403);

    // Awa's own item of the other organisation, which she may edit as a person.
    let theirs = expect(
        post(
            &app,
            "/api/v1/opportunities",
            &awa,
            Some(opportunity_for(Some(&other))),
        )
        .await,
        201,
    )
    .await;
    let path = format!("/api/v1/opportunities/{}", theirs["id"].as_str().unwrap());
    let denied = with_key(
        &app,
        Method::PATCH,
        &path,
        &key,
        Some(json!({"city": "Dakar"})),
    )
    .await;
    assert_eq!(denied.status(), 403);
    let denied = with_key(&app, Method::DELETE, &path, &key, None).await;
    assert_eq!(denied.status(), 403);
    let hooks = format!("/api/v1/organisations/{other}/webhooks");
    assert_eq!(
        with_key(&app, Method::GET, &hooks, &key, None)
            .await
            .status(),
        403
    );

    // And someone else's organisation, of course.
    let eve = person(&app, "eve@elsewhere.example", "Ève Martin").await;
    let elsewhere = organisation(&app, &eve, "Ailleurs SARL").await;
    let body = Some(opportunity_for(Some(&elsewhere)));
    let denied = with_key(&app, Method::POST, "/api/v1/opportunities", &key, body).await;
    assert_eq!(denied.status(), 403);
}

async fn revoked_and_expired_keys_and_keys_of_former_members_are_refused(app: TestApp) {
    let awa = person(&app, "awa@teranga.example", "Awa Diop").await;
    let moussa = person(&app, "moussa@teranga.example", "Moussa Ba").await;
    let teranga = organisation(&app, &awa, "Association Teranga Lyon").await;
    let created = api_key(&app, &awa, &teranga, &["read"]).await;
    let key = secret(&created);
    let path = format!(
        "/api/v1/organisations/{teranga}/api-keys/{}",
        created["id"].as_str().unwrap()
    );
    assert_eq!(
        request(&app, Method::DELETE, &path, Some(&awa), None)
            .await
            .status(),
        204
    );
    assert_eq!(
        request(&app, Method::DELETE, &path, Some(&awa), None)
            .await
            .status(),
        204
    );
    let refused = with_key(&app, Method::GET, "/api/v1/opportunities", &key, None).await;
    assert_eq!(refused.status(), 401);

    let expiring = api_key(&app, &awa, &teranga, &["read"]).await;
    use marcottage::entities::api_key;
    use sea_orm::{ActiveValue::Set, EntityTrait};
    let id: uuid::Uuid = expiring["id"].as_str().unwrap().parse().unwrap();
    api_key::Entity::update(api_key::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(id),
        expires_at: Set(Some(chrono::Utc::now() - chrono::TimeDelta::seconds(1))),
        ..Default::default()
    })
    .exec(&app.db)
    .await
    .unwrap();
    let refused = with_key(
        &app,
        Method::GET,
        "/api/v1/opportunities",
        &secret(&expiring),
        None,
    )
    .await;
    assert_eq!(refused.status(), 401);

    // Moussa becomes an owner, makes a key, then leaves: his key dies with his membership.
    invite_and_accept(
        &app,
        &awa,
        &teranga,
        &moussa,
        "moussa@teranga.example",
        "owner",
    )
    .await;
    let his = secret(&api_key(&app, &moussa, &teranga, &["read"]).await);
    assert_eq!(
        with_key(&app, Method::GET, "/api/v1/opportunities", &his, None)
            .await
            .status(),
        200
    );
    let leave = format!("/api/v1/organisations/{teranga}/members/{}", moussa.id);
    assert_eq!(
        request(&app, Method::DELETE, &leave, Some(&moussa), None)
            .await
            .status(),
        204
    );
    assert_eq!(
        with_key(&app, Method::GET, "/api/v1/opportunities", &his, None)
            .await
            .status(),
        401
    );
}

async fn a_key_gets_its_own_rate_with_ratelimit_headers_then_429(app: TestApp) {
    let awa = person(&app, "awa@teranga.example", "Awa Diop").await;
    let teranga = organisation(&app, &awa, "Association Teranga Lyon").await;
    let path = format!("/api/v1/organisations/{teranga}/api-keys");
    let body = json!({"name": "lent", "scopes": ["read"], "requests_per_minute": 2});
    let slow = secret(&expect(post(&app, &path, &awa, Some(body)).await, 201).await);
    let fast = secret(&api_key(&app, &awa, &teranga, &["read"]).await);
    for remaining in ["1", "0"] {
        let response = with_key(&app, Method::GET, "/api/v1/opportunities", &slow, None).await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["ratelimit-limit"], "2");
        assert_eq!(response.headers()["ratelimit-remaining"], remaining);
        assert!(response.headers().contains_key("ratelimit-reset"));
    }
    let limited = with_key(&app, Method::GET, "/api/v1/opportunities", &slow, None).await;
    assert_eq!(limited.status(), 429);
    let retry_after: u64 = limited.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=30).contains(&retry_after), "{retry_after}");
    assert_eq!(limited.headers()["ratelimit-remaining"], "0");
    assert_eq!(code_of(limited).await, "rate_limited");
    // Another key of the same organisation has its own allowance.
    let other = with_key(&app, Method::GET, "/api/v1/opportunities", &fast, None).await;
    assert_eq!(other.status(), 200);
    assert_eq!(other.headers()["ratelimit-limit"], "120");
}

async fn a_key_answers_browsers_of_its_own_origins_only(app: TestApp) {
    let awa = person(&app, "awa@teranga.example", "Awa Diop").await;
    let teranga = organisation(&app, &awa, "Association Teranga Lyon").await;
    let path = format!("/api/v1/organisations/{teranga}/api-keys");
    let body =
        json!({"name": "site", "scopes": ["read"], "cors_origins": ["https://teranga-lyon.org"]});
    let key = secret(&expect(post(&app, &path, &awa, Some(body)).await, 201).await);
    let from = async |origin: &str| {
        app.client
            .get(app.url("/api/v1/opportunities"))
            .header("X-Api-Key", &key)
            .header("Origin", origin)
            .send()
            .await
            .unwrap()
    };
    let allowed = from("https://teranga-lyon.org").await;
    assert_eq!(allowed.status(), 200);
    assert_eq!(
        allowed.headers()["access-control-allow-origin"],
        "https://teranga-lyon.org"
    );
    let other = from("https://evil.example").await;
    assert!(!other.headers().contains_key("access-control-allow-origin"));

    let preflight = async |origin: &str| {
        app.client
            .request(Method::OPTIONS, app.url("/api/v1/opportunities"))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "GET")
            .header("Access-Control-Request-Headers", "x-api-key")
            .send()
            .await
            .unwrap()
    };
    let answered = preflight("https://teranga-lyon.org").await;
    assert_eq!(answered.status(), 204);
    assert_eq!(
        answered.headers()["access-control-allow-origin"],
        "https://teranga-lyon.org"
    );
    let unknown = preflight("https://evil.example").await;
    assert!(
        !unknown
            .headers()
            .contains_key("access-control-allow-origin")
    );
}

async fn the_widget_lists_what_an_organisation_signs_for_any_page(app: TestApp) {
    let awa = person(&app, "awa@teranga.example", "Awa Diop").await;
    let eve = person(&app, "eve@elsewhere.example", "Ève Martin").await;
    let teranga = organisation(&app, &awa, "Association Teranga Lyon").await;
    let elsewhere = organisation(&app, &eve, "Ailleurs SARL").await;
    let publish = async |who: &Session, organisation: &str, title: &str, anonymous: bool| {
        let mut body = opportunity_for(Some(organisation));
        body["title"] = json!(title);
        body["anonymous"] = json!(anonymous);
        let created = expect(
            post(&app, "/api/v1/opportunities", who, Some(body)).await,
            201,
        )
        .await;
        created["id"].as_str().unwrap().to_owned()
    };
    let signed = publish(&awa, &teranga, "Formateurs en séchage solaire", false).await;
    publish(&awa, &teranga, "Partenaire discret", true).await;
    publish(&eve, &elsewhere, "Une autre organisation", false).await;

    // What the script reads: the organisation's signed opportunities, from any page.
    let path = format!("/api/v1/opportunities?organisation={teranga}&sort=newest&limit=5");
    let listed = app
        .client
        .get(app.url(&path))
        .header("Origin", "https://teranga-lyon.org")
        .send()
        .await
        .unwrap();
    assert_eq!(listed.status(), 200);
    assert_eq!(listed.headers()["access-control-allow-origin"], "*");
    let page: Value = listed.json().await.unwrap();
    let ids: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [signed.as_str()],
        "never the anonymous one, nor another's"
    );
    assert_eq!(page["total"], 1);
    // A signed-in read is not opened to other origins.
    let personal = app
        .client
        .get(app.url("/api/v1/me"))
        .bearer_auth(&awa.access)
        .header("Origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(personal.status(), 200);
    assert!(
        !personal
            .headers()
            .contains_key("access-control-allow-origin")
    );
    let bad = app
        .get("/api/v1/opportunities?organisation=not-an-id")
        .await;
    assert_eq!(problem(bad).await["status"], 400);

    let script = app.get("/widget.js").await;
    assert_eq!(script.status(), 200);
    assert_eq!(
        script.headers()["content-type"],
        "application/javascript; charset=utf-8"
    );
    let text = script.text().await.unwrap();
    assert!(text.contains("data-marcottage-opportunities"));
    assert!(text.contains("/api/v1/opportunities?organisation="));
    assert!(!text.contains("innerHTML"), "texts are written as text");

    let demo = app
        .get(&format!("/widget?organisation={teranga}&lang=en"))
        .await;
    assert_eq!(demo.status(), 200);
    let html = demo.text().await.unwrap();
    assert!(html.contains("The Marcottage widget"));
    assert!(
        html.contains(&format!("data-organisation=&quot;{teranga}&quot;")),
        "the snippet, escaped: {html}"
    );
    assert!(html.contains("/widget.js&quot; async&gt;&lt;/script&gt;"));
    assert!(html.contains(&format!(
        "<div data-marcottage-opportunities data-organisation=\"{teranga}\""
    )));
    let forged = app
        .get("/widget?organisation=%22%3E%3Cscript%3Ealert(1)%3C/script%3E")
        .await;
    assert_eq!(forged.status(), 400, "only an id goes into the page");
}

on_both_databases!(
    a_key_is_shown_once_stored_hashed_and_noted_when_used,
    only_the_organisations_owners_manage_its_keys,
    each_scope_opens_its_operations_and_no_other,
    a_key_acts_for_its_organisation_only,
    revoked_and_expired_keys_and_keys_of_former_members_are_refused,
    a_key_gets_its_own_rate_with_ratelimit_headers_then_429,
    a_key_answers_browsers_of_its_own_origins_only,
    the_widget_lists_what_an_organisation_signs_for_any_page,
);
