//! An anonymous opportunity stays anonymous until its author accepts a contact: a stranger
//! walks every public read and finds nothing that leads back to the author — not their id,
//! name, e-mail or organisation, nor the project that would name them; and no answer depends
//! on who owns the item.

use reqwest::Method;
use serde_json::{Value, json};

use crate::{
    contacts::{expect, express, facilitator, get, notifications, person, post, request},
    helpers::{Session, TestApp},
    on_both_databases,
};

/// Awa (of an NGO, with a project) publishes an anonymous request linked to both, and a
/// public offer of the same category; Moussa, a stranger, has an offer that matches.
struct Scene {
    awa: Session,
    moussa: Session,
    anonymous: String,
    bait: String,
    secrets: Vec<String>,
}

async fn scene(app: &TestApp) -> Scene {
    let awa = person(app, "awa@example.sn", "Awa Diop").await;
    let moussa = person(app, "moussa@example.fr", "Moussa Konaté").await;
    let ngo = expect(
        post(
            app,
            "/api/v1/organisations",
            &awa,
            Some(json!({"name": "Teranga Solidarité", "kind": "ngo", "country": "SN"})),
        )
        .await,
        201,
    )
    .await;
    let ngo = ngo["id"].as_str().unwrap().to_owned();
    let project = json!({"title": "Unité de séchage de mangues à Bignona", "summary": "Une coopérative de femmes",
        "sectors": ["32161"], "countries": ["SN"], "status": "published", "organisation_id": ngo});
    let project = expect(
        post(app, "/api/v1/projects", &awa, Some(project)).await,
        201,
    )
    .await;
    let project = project["id"].as_str().unwrap().to_owned();
    let item = |title: &str, direction: &str, anonymous: bool, linked: bool| {
        json!({"direction": direction, "category": "technical_partnership", "title": title,
            "description": format!("{title} : séchage solaire et transformation des mangues"),
            "sectors": ["32161"], "skills": ["séchage"], "country": "SN", "anonymous": anonymous,
            "project_id": if linked { json!(project) } else { Value::Null },
            "organisation_id": if linked { json!(ngo) } else { Value::Null }})
    };
    let created = |body: Value, who: &Session| {
        let who = who.clone();
        async move {
            let created = expect(
                post(app, "/api/v1/opportunities", &who, Some(body)).await,
                201,
            )
            .await;
            created["id"].as_str().unwrap().to_owned()
        }
    };
    let anonymous = created(
        item("Associé discret pour le séchage", "request", true, true),
        &awa,
    )
    .await;
    let bait = created(
        item("Séchoirs solaires à céder", "offer", false, false),
        &awa,
    )
    .await;
    created(
        item("Expertise en séchage solaire", "offer", false, false),
        &moussa,
    )
    .await;
    let secrets = vec![
        awa.id.clone(),
        "awa@example.sn".into(),
        "Awa Diop".into(),
        ngo,
        project,
    ];
    Scene {
        awa,
        moussa,
        anonymous,
        bait,
        secrets,
    }
}

fn hides(scene: &Scene, path: &str, body: &str) {
    for secret in &scene.secrets {
        assert!(
            !body.contains(secret.as_str()),
            "{path} shows {secret}: {body}"
        );
    }
}

/// Every object of `value` that is the item `id` (lists also hold the author's public items,
/// which rightly name them).
fn copies_of<'a>(value: &'a Value, id: &str, found: &mut Vec<&'a Value>) {
    match value {
        Value::Object(object) => {
            if object.get("id").and_then(Value::as_str) == Some(id) {
                found.push(value);
            }
            object
                .values()
                .for_each(|inner| copies_of(inner, id, found));
        }
        Value::Array(items) => items.iter().for_each(|inner| copies_of(inner, id, found)),
        _ => {}
    }
}

async fn read(app: &TestApp, reader: Option<&Session>, path: &str) -> String {
    let response = request(app, Method::GET, path, reader, None).await;
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.unwrap()
}

async fn a_stranger_finds_nothing_that_leads_back_to_an_anonymous_author(app: TestApp) {
    let scene = scene(&app).await;
    let id = &scene.anonymous;
    let reads = [
        format!("/api/v1/opportunities/{id}"),
        "/api/v1/opportunities".into(),
        "/api/v1/opportunities?q=associe%20discret".into(),
        "/api/v1/opportunities?country=SN&sector=321".into(),
        "/api/v1/search?q=associe".into(),
        format!("/api/v1/opportunities/{id}/matches"),
        format!("/api/v1/opportunities/{}/matches", scene.bait),
    ];
    for reader in [None, Some(&scene.moussa)] {
        for path in &reads {
            let body: Value = serde_json::from_str(&read(&app, reader, path).await).unwrap();
            let mut copies = Vec::new();
            copies_of(&body, id, &mut copies);
            if !path.ends_with(&format!("{id}/matches")) {
                assert!(!copies.is_empty(), "{path} should show the item: {body}");
            }
            for copy in copies {
                hides(&scene, path, &copy.to_string());
            }
        }
    }
    hides(
        &scene,
        "its page",
        &read(&app, None, &format!("/api/v1/opportunities/{id}")).await,
    );
    // Its author's organisation does not select it.
    let by_kind = read(&app, None, "/api/v1/opportunities?organisation_kind=ngo").await;
    assert!(
        !by_kind.contains(id.as_str()),
        "selected by its author's organisation kind"
    );
    // Matching's reasons say nothing of the author's languages or organisation, either way.
    for path in [
        format!("/api/v1/opportunities/{id}/matches"),
        format!("/api/v1/opportunities/{}/matches", scene.bait),
    ] {
        let page: Value = serde_json::from_str(&read(&app, None, &path).await).unwrap();
        for found in page["items"].as_array().unwrap() {
            let anonymous_side =
                found["opportunity"]["id"] == json!(id) || path.contains(id.as_str());
            let criteria: Vec<&str> = found["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["criterion"].as_str().unwrap())
                .collect();
            if anonymous_side {
                assert!(
                    !criteria.contains(&"languages")
                        && !criteria.contains(&"verified_organisation"),
                    "{path}: {criteria:?}"
                );
            }
        }
    }

    // An interest: the notices, the sender's box, their export say nothing before acceptance.
    let sent = expect(express(&app, &scene.moussa, "opportunity", id).await, 201).await;
    hides(&scene, "the interest", &sent.to_string());
    for path in [
        "/api/v1/interests?box=sent",
        "/api/v1/me/export",
        "/api/v1/conversations",
    ] {
        hides(&scene, path, &read(&app, Some(&scene.moussa), path).await);
    }
    hides(
        &scene,
        "notifications",
        &notifications(&app, &scene.moussa).await.to_string(),
    );
    // Public pages of the author and of their organisation do not list the item.
    let profile = read(&app, None, &format!("/api/v1/users/{}", scene.awa.id)).await;
    assert!(!profile.contains(id.as_str()));

    // Accepted: now the sender may know who it is.
    let path = format!("/api/v1/interests/{}", sent["id"].as_str().unwrap());
    expect(
        post(&app, &format!("{path}/accept"), &scene.awa, None).await,
        200,
    )
    .await;
    let seen = expect(
        get(&app, &format!("/api/v1/opportunities/{id}"), &scene.moussa).await,
        200,
    )
    .await;
    assert_eq!(seen["owner_id"], json!(scene.awa.id));
    assert!(seen["project_id"].is_string(), "revealed with its author");
}

async fn no_answer_tells_whether_a_member_owns_an_anonymous_item(app: TestApp) {
    let scene = scene(&app).await;
    // Matches of the author's public offer include their own anonymous request: leaving it
    // out would tell whose it is.
    let page: Value = serde_json::from_str(
        &read(
            &app,
            None,
            &format!("/api/v1/opportunities/{}/matches?country=SN", scene.bait),
        )
        .await,
    )
    .unwrap();
    let found: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["opportunity"]["id"].as_str().unwrap())
        .collect();
    assert!(found.contains(&scene.anonymous.as_str()), "{found:?}");
    // A facilitator introducing the anonymous item to its own author gets the same answer
    // as with anyone else.
    let fatou = facilitator(&app, "fatou@example.sn", "Fatou Sow").await;
    let stranger = person(&app, "jean@example.fr", "Jean Martin").await;
    for member in [&scene.awa.id, &stranger.id] {
        let body = json!({"a": {"kind": "opportunity", "id": scene.anonymous}, "b": {"kind": "member", "id": member},
            "note": "Vous travaillez tous deux sur le séchage de mangues en Casamance"});
        let answer = post(&app, "/api/v1/introductions", &fatou, Some(body)).await;
        assert_eq!(answer.status(), 201, "introducing to {member}");
    }
}

on_both_databases!(
    a_stranger_finds_nothing_that_leads_back_to_an_anonymous_author,
    no_answer_tells_whether_a_member_owns_an_anonymous_item
);
