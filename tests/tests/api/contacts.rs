//! What the interest, conversation, introduction and notification scenarios share: members
//! with names of their own, published items, and terse requests.

use reqwest::{Method, Response};
use serde_json::{Value, json};

use crate::helpers::{PASSWORD, Session, TestApp};

/// Sends a request as `session` (or anonymously) with an optional JSON body.
pub async fn request(
    app: &TestApp,
    method: Method,
    path: &str,
    session: Option<&Session>,
    body: Option<Value>,
) -> Response {
    let mut request = app.client.request(method, app.url(path));
    if let Some(session) = session {
        request = request.bearer_auth(&session.access);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.unwrap()
}

pub async fn get(app: &TestApp, path: &str, session: &Session) -> Response {
    request(app, Method::GET, path, Some(session), None).await
}

pub async fn post(app: &TestApp, path: &str, session: &Session, body: Option<Value>) -> Response {
    request(app, Method::POST, path, Some(session), body).await
}

/// The JSON body of a response that must have `status`.
pub async fn expect(response: Response, status: u16) -> Value {
    let actual = response.status().as_u16();
    let url = response.url().path().to_owned();
    let body = response.text().await.unwrap();
    assert_eq!(actual, status, "{url}: {body}");
    serde_json::from_str(&body).unwrap_or(Value::Null)
}

/// A verified, logged-in member called `name`.
pub async fn person(app: &TestApp, email: &str, name: &str) -> Session {
    let session = app.member(email).await;
    let renamed = request(
        app,
        Method::PATCH,
        "/api/v1/me",
        Some(&session),
        Some(json!({"display_name": name})),
    )
    .await;
    assert_eq!(renamed.status(), 200);
    session
}

/// A member made facilitator.
pub async fn facilitator(app: &TestApp, email: &str, name: &str) -> Session {
    person(app, email, name).await;
    marcottage::accounts::admin::grant(&app.db, email, marcottage::accounts::Role::Facilitator)
        .await
        .unwrap();
    app.log_in(email, PASSWORD).await
}

/// Publishes an opportunity (anonymous or not) and returns its id.
pub async fn opportunity(app: &TestApp, owner: &Session, title: &str, anonymous: bool) -> String {
    let body = json!({"direction": "request", "category": "technical_partnership", "title": title,
        "description": format!("{title} : nous cherchons un partenaire technique sérieux"),
        "sectors": ["32161"], "country": "SN", "anonymous": anonymous});
    let created = expect(
        post(app, "/api/v1/opportunities", owner, Some(body)).await,
        201,
    )
    .await;
    created["id"].as_str().unwrap().to_owned()
}

/// Creates a project with `status` (`draft` or `published`) and returns its id.
pub async fn project(
    app: &TestApp,
    owner: &Session,
    status: &str,
    organisation: Option<&str>,
) -> String {
    let body = json!({"title": "Séchage solaire de mangues en Casamance",
        "summary": "Une coopérative de femmes transforme les mangues de Ziguinchor",
        "sectors": ["32161"], "countries": ["SN"], "status": status, "organisation_id": organisation});
    let created = expect(post(app, "/api/v1/projects", owner, Some(body)).await, 201).await;
    created["id"].as_str().unwrap().to_owned()
}

/// Expresses interest in an item as `sender`.
pub async fn express(app: &TestApp, sender: &Session, kind: &str, id: &str) -> Response {
    let body = json!({"target": {"kind": kind, "id": id},
        "message": "Notre coopérative sèche déjà des mangues à Bignona ; parlons-en."});
    post(app, "/api/v1/interests", sender, Some(body)).await
}

/// Sends an interest that must be accepted by `owner`, and returns the accepted interest as
/// the sender reads it.
pub async fn accepted_interest(
    app: &TestApp,
    sender: &Session,
    owner: &Session,
    opportunity: &str,
) -> Value {
    let sent = expect(express(app, sender, "opportunity", opportunity).await, 201).await;
    let path = format!("/api/v1/interests/{}", sent["id"].as_str().unwrap());
    expect(post(app, &format!("{path}/accept"), owner, None).await, 200).await;
    expect(get(app, &path, sender).await, 200).await
}

/// The caller's notifications page.
pub async fn notifications(app: &TestApp, session: &Session) -> Value {
    expect(get(app, "/api/v1/notifications", session).await, 200).await
}

/// The kinds of the caller's notifications, newest first.
pub fn kinds(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["kind"].as_str().unwrap().to_owned())
        .collect()
}

/// A session whose access token was signed with another key.
pub fn forged(session: &Session) -> Session {
    let mut parts: Vec<String> = session.access.split('.').map(str::to_owned).collect();
    parts[2] = "c2lnbmF0dXJlLWZvcmfDqWU".into();
    Session {
        access: parts.join("."),
        ..session.clone()
    }
}
