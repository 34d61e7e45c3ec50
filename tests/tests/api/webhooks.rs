//! Webhooks and the event feed: deliveries signed per Standard Webhooks, retried after
//! failures, logged, redelivered, pinged; never sent off the public internet; each event
//! delivered once however many workers run. The public feed is ordered and gap-free.

use std::sync::{Arc, Mutex};

use actix_web::{HttpRequest, HttpResponse, web};
use base64::{Engine, engine::general_purpose::STANDARD};
use hmac::{Hmac, Mac};
use marcottage::config::Config;
use reqwest::Method;
use serde_json::{Value, json};
use sha2::Sha256;

use crate::{
    contacts::{expect, express, get, person, post, request},
    helpers::{Session, TestApp, eventually, problem},
    invitations::organisation,
    on_both_databases, on_both_databases_with,
};

/// Receivers listen on 127.0.0.2, which the guard lets through in these tests; 127.0.0.1
/// stays refused, as every other private address.
const RECEIVER_HOST: &str = "127.0.0.2";

fn receivers_allowed(config: &mut Config) {
    config.webhook_allowed_networks = vec!["127.0.0.2/32".parse().unwrap()];
    // The three-day schedule shrunk to well under a second.
    config.webhook_retry_scale = 0.0001;
}

/// One request a receiver got.
#[derive(Debug, Clone)]
struct Received {
    path: String,
    id: String,
    timestamp: String,
    signature: String,
    body: String,
}

/// A webhook receiver that answers 503 to its first `failures` requests, then 200; and
/// `/redirect?to=<url>` answers 302 to `<url>`.
struct Receiver {
    url: String,
    received: Arc<Mutex<Vec<Received>>>,
    handle: actix_web::dev::ServerHandle,
}

impl Drop for Receiver {
    fn drop(&mut self) {
        drop(self.handle.stop(false));
    }
}

#[derive(Clone)]
struct ReceiverState {
    received: Arc<Mutex<Vec<Received>>>,
    failures: usize,
}

async fn receive(
    request: HttpRequest,
    body: web::Bytes,
    state: web::Data<ReceiverState>,
) -> HttpResponse {
    if request.path() == "/redirect" {
        let to = request.query_string().trim_start_matches("to=").to_owned();
        return HttpResponse::Found()
            .insert_header(("Location", to))
            .finish();
    }
    let header = |name: &str| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let mut received = state.received.lock().unwrap();
    received.push(Received {
        path: request.path().to_owned(),
        id: header("webhook-id"),
        timestamp: header("webhook-timestamp"),
        signature: header("webhook-signature"),
        body: String::from_utf8_lossy(&body).into_owned(),
    });
    if received.len() <= state.failures {
        HttpResponse::ServiceUnavailable().finish()
    } else {
        HttpResponse::Ok().finish()
    }
}

impl Receiver {
    async fn start(host: &str, failures: usize) -> Self {
        let received = Arc::new(Mutex::new(Vec::new()));
        let state = ReceiverState {
            received: Arc::clone(&received),
            failures,
        };
        let server = actix_web::HttpServer::new(move || {
            actix_web::App::new()
                .app_data(web::Data::new(state.clone()))
                .default_service(web::to(receive))
        })
        .workers(1)
        .bind((host, 0))
        .unwrap();
        let port = server.addrs()[0].port();
        let server = server.run();
        let handle = server.handle();
        tokio::spawn(server);
        Self {
            url: format!("http://{host}:{port}"),
            received,
            handle,
        }
    }

    fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// Waits until `holds` for what was received (bounded, so a bug fails instead of hanging).
    async fn until(&self, holds: impl Fn(&[Received]) -> bool) -> Vec<Received> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            let received = self.received();
            if holds(&received) {
                return received;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "never came: {received:?}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }
}

/// Registers a webhook of `organisation` for `events` at `url`; returns it (with its secret).
async fn webhook(
    app: &TestApp,
    owner: &Session,
    organisation: &str,
    url: &str,
    events: &[&str],
) -> Value {
    let path = format!("/api/v1/organisations/{organisation}/webhooks");
    expect(
        post(
            app,
            &path,
            owner,
            Some(json!({"url": url, "events": events})),
        )
        .await,
        201,
    )
    .await
}

/// Checks a delivery as a receiver should: signature over id.timestamp.body, fresh timestamp.
fn verify(secret: &str, received: &Received) {
    let key = STANDARD
        .decode(secret.trim_start_matches("whsec_"))
        .unwrap();
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).unwrap();
    mac.update(format!("{}.{}.{}", received.id, received.timestamp, received.body).as_bytes());
    let expected = format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()));
    assert_eq!(received.signature, expected, "the signature verifies");
    let sent: i64 = received.timestamp.parse().unwrap();
    let age = chrono::Utc::now().timestamp() - sent;
    assert!(
        (-300..=300).contains(&age),
        "the timestamp is within five minutes"
    );
    assert!(received.id.starts_with("msg_"));
}

fn opportunity(organisation: &str, title: &str) -> Value {
    json!({"direction": "request", "category": "technical_partnership", "title": title,
        "description": "Nous cherchons un partenaire technique pour sécher nos mangues.",
        "sectors": ["32161"], "country": "SN", "organisation_id": organisation})
}

async fn publish(app: &TestApp, owner: &Session, organisation: &str, title: &str) -> String {
    let created = expect(
        post(
            app,
            "/api/v1/opportunities",
            owner,
            Some(opportunity(organisation, title)),
        )
        .await,
        201,
    )
    .await;
    created["id"].as_str().unwrap().to_owned()
}

async fn deliveries_are_signed_retried_until_taken_and_logged(app: TestApp) {
    let receiver = Receiver::start(RECEIVER_HOST, 2).await;
    let awa = person(&app, "awa@teranga.example", "Awa Diop").await;
    let teranga = organisation(&app, &awa, "Association Teranga Lyon").await;
    let hook = webhook(
        &app,
        &awa,
        &teranga,
        &format!("{}/hooks", receiver.url),
        &["opportunity.created"],
    )
    .await;
    let secret = hook["secret"].as_str().unwrap();
    assert!(secret.starts_with("whsec_"));
    let id = publish(&app, &awa, &teranga, "Séchoir solaire pour Bignona").await;

    let received = receiver.until(|r| r.len() >= 3).await;
    assert_eq!(received.len(), 3, "two failures, then taken: {received:?}");
    assert!(
        received.iter().all(|r| r.id == received[0].id),
        "one webhook-id for every attempt"
    );
    for attempt in &received {
        verify(secret, attempt);
        assert_eq!(attempt.path, "/hooks");
    }
    let body: Value = serde_json::from_str(&received[2].body).unwrap();
    assert_eq!(body["type"], "opportunity.created");
    assert_eq!(body["data"]["id"], id.as_str());

    let log_path = format!(
        "/api/v1/organisations/{teranga}/webhooks/{}/deliveries",
        hook["id"].as_str().unwrap()
    );
    let read = async |path: &str| get(&app, path, &awa).await;
    let log = eventually(read, &log_path, |log| log[0]["status"] == "delivered").await;
    let attempts = log[0]["attempts"].as_array().unwrap();
    let codes: Vec<&Value> = attempts.iter().map(|a| &a["status_code"]).collect();
    assert_eq!(codes, [&json!(503), &json!(503), &json!(200)]);
    assert!(attempts.iter().all(|a| a["latency_ms"].is_u64()));
    assert_eq!(log[0]["event_type"], "opportunity.created");

    // A stranger neither reads the log nor the webhook.
    let eve = person(&app, "eve@elsewhere.example", "Ève Martin").await;
    assert_eq!(get(&app, &log_path, &eve).await.status(), 403);
}

async fn targets_off_the_public_internet_are_refused_even_through_a_redirect(app: TestApp) {
    let awa = person(&app, "awa@teranga.example", "Awa Diop").await;
    let teranga = organisation(&app, &awa, "Association Teranga Lyon").await;
    let path = format!("/api/v1/organisations/{teranga}/webhooks");
    for url in [
        "http://127.0.0.1:8080/hook",
        "http://10.0.0.7/hook",
        "http://192.168.1.20/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/hook",
        "http://localhost/hook",
        "ftp://example.org/hook",
    ] {
        let refused = problem(
            post(
                &app,
                &path,
                &awa,
                Some(json!({"url": url, "events": ["opportunity.created"]})),
            )
            .await,
        )
        .await;
        assert_eq!(refused["errors"][0]["field"], "url", "{url}: {refused}");
    }

    // An allowed receiver that redirects to loopback: the redirect is not followed.
    let canary = Receiver::start("127.0.0.1", 0).await;
    let redirector = Receiver::start(RECEIVER_HOST, 0).await;
    let url = format!("{}/redirect?to={}/stolen", redirector.url, canary.url);
    let hook = webhook(&app, &awa, &teranga, &url, &["opportunity.created"]).await;
    let ping = format!("{path}/{}/ping", hook["id"].as_str().unwrap());
    let answer = expect(post(&app, &ping, &awa, None).await, 200).await;
    assert_eq!(answer["status"], "failed", "{answer}");
    let error = answer["attempts"][0]["error"].as_str().unwrap();
    assert!(error.contains("redirect refused"), "{error}");
    assert!(canary.received().is_empty(), "loopback was never reached");
}

async fn a_ping_and_a_redelivery_reach_the_receiver_with_the_same_id(app: TestApp) {
    let receiver = Receiver::start(RECEIVER_HOST, 0).await;
    let awa = person(&app, "awa@teranga.example", "Awa Diop").await;
    let teranga = organisation(&app, &awa, "Association Teranga Lyon").await;
    let hook = webhook(
        &app,
        &awa,
        &teranga,
        &receiver.url,
        &["opportunity.created"],
    )
    .await;
    let base = format!(
        "/api/v1/organisations/{teranga}/webhooks/{}",
        hook["id"].as_str().unwrap()
    );
    let ping = expect(post(&app, &format!("{base}/ping"), &awa, None).await, 200).await;
    assert_eq!(ping["status"], "delivered");
    assert_eq!(ping["attempts"][0]["status_code"], 200);
    let received = receiver.until(|r| r.len() == 1).await;
    verify(hook["secret"].as_str().unwrap(), &received[0]);
    assert_eq!(
        serde_json::from_str::<Value>(&received[0].body).unwrap()["type"],
        "ping"
    );

    publish(&app, &awa, &teranga, "Séchoir solaire pour Bignona").await;
    let first = receiver.until(|r| r.len() == 2).await;
    let read = async |path: &str| get(&app, path, &awa).await;
    let taken = |log: &Value| {
        log.as_array()
            .unwrap()
            .iter()
            .all(|d| d["status"] == "delivered")
    };
    let log = eventually(read, &format!("{base}/deliveries"), taken).await;
    let delivery = log
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["event_type"] == "opportunity.created")
        .unwrap();
    let redeliver = format!(
        "{base}/deliveries/{}/redeliver",
        delivery["id"].as_str().unwrap()
    );
    expect(post(&app, &redeliver, &awa, None).await, 202).await;
    let again = receiver.until(|r| r.len() == 3).await;
    assert_eq!(
        again[2].id, first[1].id,
        "a redelivery keeps its webhook-id"
    );
    assert_eq!(again[2].body, first[1].body);

    // Someone else's delivery cannot be redelivered through this webhook.
    let unknown = format!("{base}/deliveries/{}/redeliver", uuid::Uuid::now_v7());
    assert_eq!(post(&app, &unknown, &awa, None).await.status(), 404);
    // Deactivated, the webhook hears nothing more.
    let off = request(
        &app,
        Method::PATCH,
        &base,
        Some(&awa),
        Some(json!({"active": false})),
    )
    .await;
    assert_eq!(expect(off, 200).await["active"], false);
}

async fn private_events_reach_only_the_organisation_concerned(app: TestApp) {
    let ours = Receiver::start(RECEIVER_HOST, 0).await;
    let theirs = Receiver::start(RECEIVER_HOST, 0).await;
    let awa = person(&app, "awa@teranga.example", "Awa Diop").await;
    let eve = person(&app, "eve@elsewhere.example", "Ève Martin").await;
    let moussa = person(&app, "moussa@bignona.example", "Moussa Ba").await;
    let teranga = organisation(&app, &awa, "Association Teranga Lyon").await;
    let elsewhere = organisation(&app, &eve, "Ailleurs SARL").await;
    let events = [
        "opportunity.created",
        "interest.received",
        "interest.answered",
    ];
    webhook(&app, &awa, &teranga, &ours.url, &events).await;
    webhook(&app, &eve, &elsewhere, &theirs.url, &events).await;

    let id = publish(&app, &awa, &teranga, "Séchoir solaire pour Bignona").await;
    let sent = expect(express(&app, &moussa, "opportunity", &id).await, 201).await;
    let accept = format!("/api/v1/interests/{}/accept", sent["id"].as_str().unwrap());
    expect(post(&app, &accept, &awa, None).await, 200).await;

    let mine = ours.until(|r| r.len() == 3).await;
    assert_eq!(
        types(&mine),
        [
            "opportunity.created",
            "interest.received",
            "interest.answered"
        ]
    );
    let answered: Value = serde_json::from_str(&mine[2].body).unwrap();
    assert_eq!(answered["data"]["status"], "accepted");
    assert!(
        answered["data"].get("message").is_none(),
        "the message is not pushed out"
    );
    // The public event reaches the other organisation too; the private ones do not. The
    // private ones were queued before the public one was delivered to us, so waiting for
    // the public one to arrive there is enough.
    let other = theirs.until(|r| !r.is_empty()).await;
    assert_eq!(types(&other), ["opportunity.created"]);
}

/// The `type` of each delivery, in the order received.
fn types(received: &[Received]) -> Vec<String> {
    received
        .iter()
        .map(|r| {
            serde_json::from_str::<Value>(&r.body).unwrap()["type"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

async fn application_events_reach_the_applicant_and_the_funder_only(app: TestApp) {
    use crate::funding::{application, apply, publish as publish_call, review, scene};
    let applicant = Receiver::start(RECEIVER_HOST, 0).await;
    let funder = Receiver::start(RECEIVER_HOST, 0).await;
    let stranger = Receiver::start(RECEIVER_HOST, 0).await;
    let scene = scene(&app).await;
    let eve = person(&app, "eve@elsewhere.example", "Ève Martin").await;
    let elsewhere = organisation(&app, &eve, "Ailleurs SARL").await;
    let events = ["application.updated"];
    let owner_hook = webhook(
        &app,
        &scene.owner,
        &scene.applicant,
        &applicant.url,
        &events,
    )
    .await;
    webhook(
        &app,
        &scene.funder_editor,
        &scene.funder,
        &funder.url,
        &events,
    )
    .await;
    webhook(&app, &eve, &elsewhere, &stranger.url, &events).await;

    let call = publish_call(&app, &scene.funder_editor, &scene.funder, json!({})).await;
    let body = application(&scene, 150_000, 400_000, true);
    let sent = expect(apply(&app, &scene, &call, body).await, 201).await;
    let id = sent["id"].as_str().unwrap();
    let moves = [
        json!({"status": "under_review"}),
        json!({"status": "accepted", "amount_granted": 100_000, "comment": "Retenu"}),
    ];
    for step in moves {
        expect(review(&app, &scene.funder_editor, id, step).await, 200).await;
    }

    for receiver in [&applicant, &funder] {
        let got = receiver.until(|r| r.len() == 3).await;
        assert_eq!(types(&got), ["application.updated"; 3]);
        let statuses: Vec<Value> = got
            .iter()
            .map(|r| serde_json::from_str::<Value>(&r.body).unwrap()["data"]["status"].clone())
            .collect();
        assert_eq!(statuses, ["submitted", "under_review", "accepted"]);
    }
    let accepted: Value = serde_json::from_str(&applicant.received()[2].body).unwrap();
    assert_eq!(accepted["data"]["id"], id);
    assert_eq!(accepted["data"]["amount_granted"], 100_000);
    assert_eq!(accepted["data"]["currency"], "EUR");
    verify(
        owner_hook["secret"].as_str().unwrap(),
        &applicant.received()[2],
    );
    // A public event sent after them reaches the stranger: by then, anything queued for it
    // before would have arrived too.
    let public = ["opportunity.created"];
    webhook(&app, &eve, &elsewhere, &stranger.url, &public).await;
    publish(&app, &eve, &elsewhere, "Partenaire pour un séchoir").await;
    let got = stranger.until(|r| !r.is_empty()).await;
    assert_eq!(types(&got), ["opportunity.created"], "no application event");
}

async fn a_saved_search_match_reaches_the_owners_organisations(app: TestApp) {
    let ours = Receiver::start(RECEIVER_HOST, 0).await;
    let awa = person(&app, "awa@teranga.example", "Awa Diop").await;
    let moussa = person(&app, "moussa@bignona.example", "Moussa Ba").await;
    let teranga = organisation(&app, &awa, "Association Teranga Lyon").await;
    let bignona = organisation(&app, &moussa, "GIE Bignona").await;
    let hook = webhook(&app, &awa, &teranga, &ours.url, &["match.found"]).await;
    let search = json!({"name": "Séchoirs au Sénégal", "kind": "opportunities",
        "criteria": {"q": "séchoir", "country": "SN"}, "frequency": "instant", "channels": ["in_app"]});
    let saved = expect(
        post(&app, "/api/v1/saved-searches", &awa, Some(search)).await,
        201,
    )
    .await;
    let found = publish(&app, &moussa, &bignona, "Séchoir solaire pour Bignona").await;
    publish(&app, &moussa, &bignona, "Tracteur à partager").await;

    // The alert worker's run, made due at once.
    {
        use marcottage::entities::saved_search;
        use sea_orm::{EntityTrait, sea_query::Expr};
        saved_search::Entity::update_many()
            .col_expr(
                saved_search::Column::NextRunAt,
                Expr::value(chrono::Utc::now() - chrono::TimeDelta::seconds(1)),
            )
            .exec(&app.db)
            .await
            .unwrap();
    }
    let public_url = "http://marcottage.test";
    marcottage::saved_searches::alerts::run_once(&app.db, public_url, chrono::Utc::now())
        .await
        .unwrap();

    let got = ours.until(|r| !r.is_empty()).await;
    assert_eq!(types(&got), ["match.found"]);
    verify(hook["secret"].as_str().unwrap(), &got[0]);
    let body: Value = serde_json::from_str(&got[0].body).unwrap();
    assert_eq!(body["data"]["saved_search"]["id"], saved["id"]);
    let items = body["data"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "only what matches: {items:?}");
    assert_eq!(items[0]["id"], found.as_str());
}

async fn the_event_feed_is_ordered_gap_free_and_public(app: TestApp) {
    let awa = person(&app, "awa@teranga.example", "Awa Diop").await;
    let moussa = person(&app, "moussa@bignona.example", "Moussa Ba").await;
    let teranga = organisation(&app, &awa, "Association Teranga Lyon").await;
    let first = publish(&app, &awa, &teranga, "Séchoir solaire pour Bignona").await;
    publish(
        &app,
        &awa,
        &teranga,
        "Formation à la transformation des mangues",
    )
    .await;
    let path = format!("/api/v1/opportunities/{first}");
    expect(
        request(
            &app,
            Method::PATCH,
            &path,
            Some(&awa),
            Some(json!({"city": "Bignona"})),
        )
        .await,
        200,
    )
    .await;
    expect(express(&app, &moussa, "opportunity", &first).await, 201).await;

    let feed: Value = app.get("/api/v1/events").await.json().await.unwrap();
    let items = feed["items"].as_array().unwrap();
    let sequences: Vec<i64> = items
        .iter()
        .map(|e| e["sequence"].as_i64().unwrap())
        .collect();
    assert_eq!(sequences, [1, 2, 3], "interests are not public events");
    let types: Vec<&str> = items.iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert_eq!(
        types,
        [
            "opportunity.created",
            "opportunity.created",
            "opportunity.updated"
        ]
    );
    assert_eq!(items[2]["data"]["city"], "Bignona");
    assert_eq!(feed["next_after"], 3);

    let rest: Value = app
        .get("/api/v1/events?after=2&limit=5")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(rest["items"].as_array().unwrap().len(), 1);
    let none: Value = app
        .get("/api/v1/events?after=3")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(none["items"], json!([]));
    assert_eq!(none["next_after"], 3);
}

/// Two replicas, each with its outbox worker, on one database: every event reaches the
/// receiver once (the outbox claim is `FOR UPDATE SKIP LOCKED` on PostgreSQL).
async fn two_workers_deliver_each_event_once(app: TestApp) {
    let _replica = app.replica(receivers_allowed).await;
    let receiver = Receiver::start(RECEIVER_HOST, 0).await;
    let awa = person(&app, "awa@teranga.example", "Awa Diop").await;
    let teranga = organisation(&app, &awa, "Association Teranga Lyon").await;
    webhook(
        &app,
        &awa,
        &teranga,
        &receiver.url,
        &["opportunity.created"],
    )
    .await;
    const EVENTS: usize = 20;
    for n in 0..EVENTS {
        publish(&app, &awa, &teranga, &format!("Séchoir solaire numéro {n}")).await;
    }
    let received = receiver.until(|r| r.len() >= EVENTS).await;
    let mut ids: Vec<&str> = received.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), EVENTS);
    // Once every delivery is finished, each was attempted exactly once.
    use marcottage::entities::{webhook_attempt, webhook_delivery};
    use sea_orm::{EntityTrait, PaginatorTrait};
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let deliveries = loop {
        let deliveries = webhook_delivery::Entity::find().all(&app.db).await.unwrap();
        if deliveries.iter().all(|d| d.status == "delivered") {
            break deliveries;
        }
        assert!(std::time::Instant::now() < deadline, "{deliveries:?}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    assert_eq!(deliveries.len(), EVENTS);
    assert!(deliveries.iter().all(|d| d.attempts == 1), "{deliveries:?}");
    let attempts = webhook_attempt::Entity::find()
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(attempts, EVENTS as u64);
    assert_eq!(receiver.received().len(), EVENTS, "no event twice");
}

on_both_databases_with!(
    super::receivers_allowed;
    deliveries_are_signed_retried_until_taken_and_logged,
    targets_off_the_public_internet_are_refused_even_through_a_redirect,
    a_ping_and_a_redelivery_reach_the_receiver_with_the_same_id,
    private_events_reach_only_the_organisation_concerned,
    application_events_reach_the_applicant_and_the_funder_only,
    a_saved_search_match_reaches_the_owners_organisations,
    two_workers_deliver_each_event_once,
);

on_both_databases!(the_event_feed_is_ordered_gap_free_and_public);
