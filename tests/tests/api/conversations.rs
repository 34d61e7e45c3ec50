//! Conversations: only their participants read or write them, messages page newest first,
//! and reading moves the unread counts.

use reqwest::Method;
use serde_json::{Value, json};

use crate::{
    contacts::{
        accepted_interest, expect, forged, get, kinds, notifications, opportunity, person, post,
        request,
    },
    helpers::{TestApp, problem},
    on_both_databases,
};

/// Awa accepts Moussa's interest; returns their sessions and the conversation's id.
async fn open_conversation(
    app: &TestApp,
) -> (crate::helpers::Session, crate::helpers::Session, String) {
    let awa = person(app, "awa@example.sn", "Awa Diop").await;
    let moussa = person(app, "moussa@example.fr", "Moussa Konaté").await;
    let id = opportunity(app, &awa, "Partenaire pour une unité de séchage", false).await;
    let interest = accepted_interest(app, &moussa, &awa, &id).await;
    let conversation = interest["conversation_id"].as_str().unwrap().to_owned();
    (awa, moussa, conversation)
}

fn say(body: &str) -> Option<Value> {
    Some(json!({ "body": body }))
}

async fn outsiders_can_neither_read_nor_write_a_conversation(app: TestApp) {
    let (_, moussa, conversation) = open_conversation(&app).await;
    let intruder = person(&app, "intrus@example.com", "Intrus").await;
    let path = format!("/api/v1/conversations/{conversation}");
    expect(
        post(
            &app,
            &format!("{path}/messages"),
            &moussa,
            say("Un secret entre nous"),
        )
        .await,
        201,
    )
    .await;

    for (method, target, body) in [
        (Method::GET, path.clone(), None),
        (Method::GET, format!("{path}/messages"), None),
        (Method::POST, format!("{path}/messages"), say("Je m'invite")),
    ] {
        let response = request(&app, method, &target, Some(&intruder), body).await;
        assert_eq!(response.status(), 404, "{target}");
        // The same answer as for a conversation that does not exist.
        assert_eq!(problem(response).await["detail"], "no such conversation");
    }
    let missing = format!("/api/v1/conversations/{}", uuid::Uuid::now_v7());
    assert_eq!(get(&app, &missing, &intruder).await.status(), 404);
    let listed = expect(get(&app, "/api/v1/conversations", &intruder).await, 200).await;
    assert_eq!(listed["items"], json!([]));
    // Nothing was written, and no token at all is 401.
    let messages = expect(get(&app, &format!("{path}/messages"), &moussa).await, 200).await;
    assert_eq!(messages["items"].as_array().unwrap().len(), 1);
    let anonymous = request(&app, Method::GET, &format!("{path}/messages"), None, None).await;
    assert_eq!(anonymous.status(), 401);
    let forged = forged(&moussa);
    assert_eq!(get(&app, &path, &forged).await.status(), 401);
}

async fn messages_page_newest_first_and_reading_marks_them_read(app: TestApp) {
    let (awa, moussa, conversation) = open_conversation(&app).await;
    let messages = format!("/api/v1/conversations/{conversation}/messages");
    let mut sent = Vec::new();
    for n in 1..=5 {
        let message = expect(
            post(&app, &messages, &moussa, say(&format!("Message {n}"))).await,
            201,
        )
        .await;
        assert_eq!(message["author_id"], moussa.id.as_str());
        sent.push(message["id"].as_str().unwrap().to_owned());
    }
    let unread = |page: &Value| page["items"][0]["unread"].clone();
    assert_eq!(
        unread(&expect(get(&app, "/api/v1/conversations", &awa).await, 200).await),
        5
    );
    assert_eq!(
        unread(&expect(get(&app, "/api/v1/conversations", &moussa).await, 200).await),
        0,
        "one's own messages are not unread"
    );

    // The read mark moves to the newest message read: an older page leaves newer ones unread.
    let first = expect(
        get(&app, &format!("{messages}?limit=2"), &moussa).await,
        200,
    )
    .await;
    let cursor = first["next_cursor"].as_str().unwrap();
    let older = expect(
        get(&app, &format!("{messages}?limit=2&cursor={cursor}"), &awa).await,
        200,
    )
    .await;
    let bodies: Vec<&str> = older["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body"].as_str().unwrap())
        .collect();
    assert_eq!(bodies, ["Message 3", "Message 2"]);
    assert_eq!(
        unread(&expect(get(&app, "/api/v1/conversations", &awa).await, 200).await),
        2
    );

    // Reading the newest marks everything before it read.
    let newest = expect(get(&app, &format!("{messages}?limit=2"), &awa).await, 200).await;
    assert_eq!(newest["items"][0]["id"], sent[4].as_str());
    assert_eq!(
        unread(&expect(get(&app, "/api/v1/conversations", &awa).await, 200).await),
        0
    );

    // One notice for the burst, another once Awa had caught up.
    assert_eq!(
        kinds(&notifications(&app, &awa).await),
        ["message_received", "interest_received"]
    );
    expect(
        post(&app, &messages, &moussa, say("Encore un mot")).await,
        201,
    )
    .await;
    let news = notifications(&app, &awa).await;
    assert_eq!(
        kinds(&news),
        ["message_received", "message_received", "interest_received"]
    );
    assert_eq!(
        news["items"][0]["payload"]["conversation_id"],
        conversation.as_str()
    );
    assert!(
        news["items"][0]["payload"]["title"]
            .as_str()
            .unwrap()
            .contains("Moussa Konaté")
    );

    // Reading the newest messages settles their notifications, and only those.
    let unread_kinds = |page: &Value| -> Vec<String> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n["read"] == false)
            .map(|n| n["kind"].as_str().unwrap().to_owned())
            .collect()
    };
    // The first burst's notice was settled when Awa caught up above; the new one is not.
    assert_eq!(
        unread_kinds(&news),
        ["message_received", "interest_received"]
    );
    expect(get(&app, &messages, &awa).await, 200).await;
    assert_eq!(
        unread_kinds(&notifications(&app, &awa).await),
        ["interest_received"]
    );
}

async fn the_newest_conversation_comes_first(app: TestApp) {
    let (awa, moussa, older) = open_conversation(&app).await;
    let aminata = person(&app, "aminata@example.ci", "Aminata Traoré").await;
    let id = opportunity(&app, &awa, "Partenaire pour l'emballage", false).await;
    let newer = accepted_interest(&app, &aminata, &awa, &id).await["conversation_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let order = |page: Value| -> Vec<String> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        order(expect(get(&app, "/api/v1/conversations", &awa).await, 200).await),
        [newer.clone(), older.clone()]
    );
    // A message moves the older one to the top; pages of one walk both.
    expect(
        post(
            &app,
            &format!("/api/v1/conversations/{older}/messages"),
            &moussa,
            say("Toujours là ?"),
        )
        .await,
        201,
    )
    .await;
    let first = expect(get(&app, "/api/v1/conversations?limit=1", &awa).await, 200).await;
    let cursor = first["next_cursor"].as_str().unwrap().to_owned();
    let second = expect(
        get(
            &app,
            &format!("/api/v1/conversations?limit=1&cursor={cursor}"),
            &awa,
        )
        .await,
        200,
    )
    .await;
    assert_eq!(order(first), [older]);
    assert!(second["next_cursor"].is_null());
    assert_eq!(order(second), [newer]);
    assert_eq!(
        get(&app, "/api/v1/conversations?cursor=abc", &awa)
            .await
            .status(),
        422
    );
}

async fn message_bodies_are_1_to_5000_characters(app: TestApp) {
    let (_, moussa, conversation) = open_conversation(&app).await;
    let messages = format!("/api/v1/conversations/{conversation}/messages");
    for body in [String::new(), "   ".into(), "é".repeat(5001)] {
        let refused = post(&app, &messages, &moussa, say(&body)).await;
        assert_eq!(refused.status(), 422, "{} characters", body.chars().count());
        assert_eq!(problem(refused).await["errors"][0]["field"], "body");
    }
    expect(
        post(&app, &messages, &moussa, say(&"é".repeat(5000))).await,
        201,
    )
    .await;
    let extra = post(
        &app,
        &messages,
        &moussa,
        Some(json!({"body": "Bonjour", "author_id": uuid::Uuid::now_v7()})),
    )
    .await;
    assert_eq!(
        extra.status(),
        422,
        "the author is never taken from the body"
    );
}

async fn a_retried_message_is_sent_once(app: TestApp) {
    let (_, moussa, conversation) = open_conversation(&app).await;
    let messages = format!("/api/v1/conversations/{conversation}/messages");
    let send = || {
        app.client
            .post(app.url(&messages))
            .bearer_auth(&moussa.access)
            .header("Idempotency-Key", "message-1")
            .json(&json!({"body": "Bonjour"}))
            .send()
    };
    let first: Value = send().await.unwrap().json().await.unwrap();
    let again: Value = send().await.unwrap().json().await.unwrap();
    assert_eq!(first["id"], again["id"]);
    let page = expect(get(&app, &messages, &moussa).await, 200).await;
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
}

on_both_databases!(
    outsiders_can_neither_read_nor_write_a_conversation,
    messages_page_newest_first_and_reading_marks_them_read,
    the_newest_conversation_comes_first,
    message_bodies_are_1_to_5000_characters,
    a_retried_message_is_sent_once
);
