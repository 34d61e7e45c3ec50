//! Expressions of interest: sending, the owner's answer, what stays hidden before it, and the
//! limits (one pending per item, a daily cap).

use chrono::{DateTime, TimeDelta, Utc};
use reqwest::Method;
use serde_json::{Value, json};

use crate::{
    contacts::{
        accepted_interest, expect, express, forged, get, kinds, notifications, opportunity, person,
        post, project, request,
    },
    helpers::{Backend, TestApp, problem, spawn_app_with},
    on_both_databases,
};

/// The `owner_id` of an opportunity as `reader` reads it.
async fn owner_seen(app: &TestApp, id: &str, reader: &crate::helpers::Session) -> Value {
    expect(
        get(app, &format!("/api/v1/opportunities/{id}"), reader).await,
        200,
    )
    .await["owner_id"]
        .clone()
}

/// Everything `text` must not contain for the anonymous owner to stay hidden.
fn assert_hides(text: &str, secrets: &[&str]) {
    for secret in secrets {
        assert!(!text.contains(secret), "{secret} leaked in {text}");
    }
}

async fn an_anonymous_owner_accepts_and_the_two_members_talk(app: TestApp) {
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let moussa = person(&app, "moussa@example.fr", "Moussa Konaté").await;
    let id = opportunity(
        &app,
        &awa,
        "Associé discret pour une unité de séchage",
        true,
    )
    .await;

    // Moussa expresses interest; the answer is due in 14 days.
    let sent = expect(express(&app, &moussa, "opportunity", &id).await, 201).await;
    assert_eq!(sent["status"], "pending");
    assert_eq!(sent["sender"]["display_name"], "Moussa Konaté");
    assert_eq!(
        sent["target"]["title"],
        "Associé discret pour une unité de séchage"
    );
    assert_eq!(sent["overdue"], false);
    assert!(sent["counterpart"].is_null() && sent["conversation_id"].is_null());
    let answer_by: DateTime<Utc> = sent["answer_by"].as_str().unwrap().parse().unwrap();
    let days = (answer_by - Utc::now()).num_hours();
    assert!((13 * 24..=14 * 24).contains(&days), "{days} hours");
    let interest = format!("/api/v1/interests/{}", sent["id"].as_str().unwrap());

    // Awa is told in the app and by e-mail.
    let awa_news = notifications(&app, &awa).await;
    assert_eq!(kinds(&awa_news), ["interest_received"]);
    assert_eq!(awa_news["unread"], 1);
    assert!(
        awa_news["items"][0]["payload"]["title"]
            .as_str()
            .unwrap()
            .contains("Moussa Konaté")
    );
    assert_eq!(awa_news["items"][0]["payload"]["interest_id"], sent["id"]);
    let emails = app.emails_to("awa@example.sn").await;
    assert!(
        emails
            .last()
            .unwrap()
            .body
            .contains(sent["id"].as_str().unwrap())
    );
    let received = expect(get(&app, "/api/v1/interests?box=received", &awa).await, 200).await;
    assert_eq!(received["items"][0]["id"], sent["id"]);

    // Awa accepts: each now sees the other's contact.
    let accepted = expect(
        post(&app, &format!("{interest}/accept"), &awa, None).await,
        200,
    )
    .await;
    assert_eq!(accepted["status"], "accepted");
    assert_eq!(accepted["counterpart"]["email"], "moussa@example.fr");
    let seen = expect(get(&app, &interest, &moussa).await, 200).await;
    assert_eq!(
        seen["counterpart"],
        json!({"user_id": awa.id, "display_name": "Awa Diop", "email": "awa@example.sn"})
    );
    let revealed = expect(
        get(&app, &format!("/api/v1/opportunities/{id}"), &moussa).await,
        200,
    )
    .await;
    assert_eq!(revealed["owner_id"], awa.id.as_str());
    let told = notifications(&app, &moussa).await;
    assert_eq!(kinds(&told), ["interest_answered"]);
    assert_eq!(told["items"][0]["payload"]["status"], "accepted");

    // The conversation is open between them; they exchange messages.
    let conversation = seen["conversation_id"].as_str().unwrap().to_owned();
    assert_eq!(
        told["items"][0]["payload"]["conversation_id"],
        conversation.as_str()
    );
    let messages = format!("/api/v1/conversations/{conversation}/messages");
    let listed = expect(get(&app, "/api/v1/conversations", &moussa).await, 200).await;
    assert_eq!(listed["items"][0]["id"], conversation.as_str());
    let names: Vec<&str> = listed["items"][0]["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["display_name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Awa Diop") && names.contains(&"Moussa Konaté") && names.len() == 2);
    expect(
        post(
            &app,
            &messages,
            &moussa,
            Some(json!({"body": "Bonjour Awa, quand pouvons-nous parler ?"})),
        )
        .await,
        201,
    )
    .await;
    expect(
        post(
            &app,
            &messages,
            &moussa,
            Some(json!({"body": "Je suis à Dakar la semaine prochaine."})),
        )
        .await,
        201,
    )
    .await;
    let awa_view = expect(
        get(&app, &format!("/api/v1/conversations/{conversation}"), &awa).await,
        200,
    )
    .await;
    assert_eq!(awa_view["unread"], 2);
    let read = expect(get(&app, &messages, &awa).await, 200).await;
    assert_eq!(
        read["items"][0]["body"],
        "Je suis à Dakar la semaine prochaine."
    );
    let awa_view = expect(
        get(&app, &format!("/api/v1/conversations/{conversation}"), &awa).await,
        200,
    )
    .await;
    assert_eq!(awa_view["unread"], 0);
    expect(
        post(
            &app,
            &messages,
            &awa,
            Some(json!({"body": "Mardi à 10 h ?"})),
        )
        .await,
        201,
    )
    .await;
    let moussa_list = expect(get(&app, "/api/v1/conversations", &moussa).await, 200).await;
    assert_eq!(moussa_list["items"][0]["unread"], 1);

    // Awa has two notices (the interest, one for the first unread message); reading the
    // conversation settled the message one. She marks the other read.
    let awa_news = notifications(&app, &awa).await;
    assert_eq!(kinds(&awa_news), ["message_received", "interest_received"]);
    assert_eq!(awa_news["unread"], 1);
    let interest_notice = awa_news["items"][1]["id"].as_str().unwrap();
    let marked = expect(
        post(
            &app,
            &format!("/api/v1/notifications/{interest_notice}/read"),
            &awa,
            None,
        )
        .await,
        200,
    )
    .await;
    assert_eq!(marked["read"], true);
    assert_eq!(notifications(&app, &awa).await["unread"], 0);
    // A new message after she caught up is news again; "read all" settles it.
    expect(
        post(
            &app,
            &messages,
            &moussa,
            Some(json!({"body": "Parfait, à mardi."})),
        )
        .await,
        201,
    )
    .await;
    assert_eq!(notifications(&app, &awa).await["unread"], 1);
    assert_eq!(
        post(&app, "/api/v1/notifications/read-all", &awa, None)
            .await
            .status(),
        204
    );
    assert_eq!(notifications(&app, &awa).await["unread"], 0);
}

async fn nothing_about_an_anonymous_owner_leaks_before_acceptance(app: TestApp) {
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let moussa = person(&app, "moussa@example.fr", "Moussa Konaté").await;
    let id = opportunity(
        &app,
        &awa,
        "Associé discret pour une unité de séchage",
        true,
    )
    .await;
    let secrets = [awa.id.as_str(), "awa@example.sn", "Awa Diop"];

    let sent = expect(express(&app, &moussa, "opportunity", &id).await, 201).await;
    assert_hides(&sent.to_string(), &secrets);
    let interest = format!("/api/v1/interests/{}", sent["id"].as_str().unwrap());
    for path in [
        interest.clone(),
        "/api/v1/interests?box=sent".into(),
        format!("/api/v1/opportunities/{id}"),
    ] {
        let body = get(&app, &path, &moussa).await.text().await.unwrap();
        assert_hides(&body, &secrets);
    }
    // A second attempt's conflict says nothing about the owner either.
    let conflict = problem(express(&app, &moussa, "opportunity", &id).await).await;
    assert_hides(&conflict.to_string(), &secrets);

    // Declined: still hidden, in the interest, the opportunity and the notice.
    expect(
        post(&app, &format!("{interest}/decline"), &awa, None).await,
        200,
    )
    .await;
    let declined = expect(get(&app, &interest, &moussa).await, 200).await;
    assert_eq!(declined["status"], "declined");
    assert!(declined["counterpart"].is_null() && declined["conversation_id"].is_null());
    assert_hides(&declined.to_string(), &secrets);
    let opportunity = expect(
        get(&app, &format!("/api/v1/opportunities/{id}"), &moussa).await,
        200,
    )
    .await;
    assert!(opportunity["owner_id"].is_null());
    let told = notifications(&app, &moussa).await;
    assert_eq!(kinds(&told), ["interest_answered"]);
    assert_eq!(told["items"][0]["payload"]["status"], "declined");
    assert_hides(&told.to_string(), &secrets);
    let conversations = expect(get(&app, "/api/v1/conversations", &moussa).await, 200).await;
    assert_eq!(conversations["items"], json!([]));
}

async fn a_second_pending_interest_in_the_same_item_is_a_conflict(app: TestApp) {
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let moussa = person(&app, "moussa@example.fr", "Moussa Konaté").await;
    let id = opportunity(&app, &awa, "Partenaire pour une unité de séchage", false).await;
    let first = expect(express(&app, &moussa, "opportunity", &id).await, 201).await;
    let again = express(&app, &moussa, "opportunity", &id).await;
    assert_eq!(again.status(), 409);
    assert_eq!(problem(again).await["code"], "conflict");
    // Once withdrawn, a new interest may be sent.
    let path = format!(
        "/api/v1/interests/{}/withdraw",
        first["id"].as_str().unwrap()
    );
    let withdrawn = expect(post(&app, &path, &moussa, None).await, 200).await;
    assert_eq!(withdrawn["status"], "withdrawn");
    expect(express(&app, &moussa, "opportunity", &id).await, 201).await;
    // The owner heard of both the interest and its withdrawal.
    let awa_news = notifications(&app, &awa).await;
    assert_eq!(
        kinds(&awa_news),
        [
            "interest_received",
            "interest_answered",
            "interest_received"
        ]
    );
    assert_eq!(awa_news["items"][1]["payload"]["status"], "withdrawn");
}

async fn only_the_owner_side_answers_and_only_the_sender_withdraws(app: TestApp) {
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let moussa = person(&app, "moussa@example.fr", "Moussa Konaté").await;
    let intruder = person(&app, "intrus@example.com", "Intrus").await;
    let id = opportunity(&app, &awa, "Partenaire pour une unité de séchage", true).await;
    let sent = expect(express(&app, &moussa, "opportunity", &id).await, 201).await;
    let interest = format!("/api/v1/interests/{}", sent["id"].as_str().unwrap());

    // A stranger cannot even tell the interest exists.
    for action in ["", "/accept", "/decline", "/withdraw"] {
        let method = if action.is_empty() {
            Method::GET
        } else {
            Method::POST
        };
        let response = request(
            &app,
            method,
            &format!("{interest}{action}"),
            Some(&intruder),
            None,
        )
        .await;
        assert_eq!(response.status(), 404, "{action}");
    }
    let inbox = expect(
        get(&app, "/api/v1/interests?box=received", &intruder).await,
        200,
    )
    .await;
    assert_eq!(inbox["items"], json!([]));
    // The sender cannot answer for the owner; the owner cannot withdraw for the sender.
    assert_eq!(
        post(&app, &format!("{interest}/accept"), &moussa, None)
            .await
            .status(),
        403
    );
    assert_eq!(
        post(&app, &format!("{interest}/decline"), &moussa, None)
            .await
            .status(),
        403
    );
    assert_eq!(
        post(&app, &format!("{interest}/withdraw"), &awa, None)
            .await
            .status(),
        403
    );
    // Once answered, it is settled.
    expect(
        post(&app, &format!("{interest}/accept"), &awa, None).await,
        200,
    )
    .await;
    assert_eq!(
        post(&app, &format!("{interest}/decline"), &awa, None)
            .await
            .status(),
        409
    );
    assert_eq!(
        post(&app, &format!("{interest}/accept"), &awa, None)
            .await
            .status(),
        409
    );
    assert_eq!(
        post(&app, &format!("{interest}/withdraw"), &moussa, None)
            .await
            .status(),
        409
    );
}

async fn an_editor_of_the_owning_organisation_answers_for_it(app: TestApp) {
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let fatou = person(&app, "fatou@example.sn", "Fatou Sarr").await;
    let moussa = person(&app, "moussa@example.fr", "Moussa Konaté").await;
    let organisation = expect(
        post(
            &app,
            "/api/v1/organisations",
            &awa,
            Some(json!({
        "name": "Coopérative de Bignona", "kind": "company", "country": "SN"})),
        )
        .await,
        201,
    )
    .await;
    let organisation = organisation["id"].as_str().unwrap().to_owned();
    crate::invitations::invite_and_accept(
        &app,
        &awa,
        &organisation,
        &fatou,
        "fatou@example.sn",
        "editor",
    )
    .await;
    let id = project(&app, &awa, "published", Some(&organisation)).await;

    let sent = expect(express(&app, &moussa, "project", &id).await, 201).await;
    let inbox = expect(
        get(&app, "/api/v1/interests?box=received", &fatou).await,
        200,
    )
    .await;
    assert_eq!(inbox["items"][0]["id"], sent["id"]);
    // Fatou may not express interest in her organisation's project.
    let own = problem(express(&app, &fatou, "project", &id).await).await;
    assert_eq!(own["errors"][0]["code"], "own_item");
    let path = format!("/api/v1/interests/{}/accept", sent["id"].as_str().unwrap());
    let accepted = expect(post(&app, &path, &fatou, None).await, 200).await;
    assert_eq!(accepted["counterpart"]["user_id"], moussa.id.as_str());
    // The conversation holds the sender, the owner and the editor who accepted.
    let conversation = accepted["conversation_id"].as_str().unwrap();
    let view = expect(
        get(&app, &format!("/api/v1/conversations/{conversation}"), &awa).await,
        200,
    )
    .await;
    assert_eq!(view["participants"].as_array().unwrap().len(), 3);
}

async fn interest_is_refused_in_ones_own_closed_or_invisible_items(app: TestApp) {
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let moussa = person(&app, "moussa@example.fr", "Moussa Konaté").await;
    let mine = opportunity(&app, &moussa, "Mon offre de séchage", false).await;
    let own = express(&app, &moussa, "opportunity", &mine).await;
    assert_eq!(own.status(), 422);
    assert_eq!(problem(own).await["errors"][0]["code"], "own_item");

    let draft = project(&app, &awa, "draft", None).await;
    assert_eq!(
        express(&app, &moussa, "project", &draft).await.status(),
        404
    );
    let unknown = uuid::Uuid::now_v7().to_string();
    assert_eq!(
        express(&app, &moussa, "opportunity", &unknown)
            .await
            .status(),
        404
    );
    // An opportunity id is not a project id.
    let closed = opportunity(&app, &awa, "Offre bientôt pourvue", false).await;
    assert_eq!(
        express(&app, &moussa, "project", &closed).await.status(),
        404
    );

    let closing = request(
        &app,
        Method::PATCH,
        &format!("/api/v1/opportunities/{closed}"),
        Some(&awa),
        Some(json!({"status": "closed"})),
    )
    .await;
    assert_eq!(closing.status(), 200);
    let refused = express(&app, &moussa, "opportunity", &closed).await;
    assert_eq!(refused.status(), 422);
    assert_eq!(problem(refused).await["errors"][0]["code"], "not_open");

    let published = project(&app, &awa, "published", None).await;
    let foreign_organisation = expect(
        post(
            &app,
            "/api/v1/organisations",
            &awa,
            Some(json!({
        "name": "Coopérative de Bignona", "kind": "company", "country": "SN"})),
        )
        .await,
        201,
    )
    .await;
    let on_behalf = post(
        &app,
        "/api/v1/interests",
        &moussa,
        Some(json!({
        "target": {"kind": "project", "id": published}, "message": "Bonjour",
        "organisation_id": foreign_organisation["id"]})),
    )
    .await;
    assert_eq!(
        problem(on_behalf).await["errors"][0]["code"],
        "not_a_member"
    );
    let empty = post(
        &app,
        "/api/v1/interests",
        &moussa,
        Some(json!({
        "target": {"kind": "project", "id": published}, "message": "   "})),
    )
    .await;
    assert_eq!(empty.status(), 422);
    let smuggled = post(&app, "/api/v1/interests", &moussa, Some(json!({
        "target": {"kind": "project", "id": published}, "message": "Bonjour", "status": "accepted"}))).await;
    assert_eq!(smuggled.status(), 422, "unknown fields are refused");
}

async fn lists_page_with_a_cursor_and_filter_by_status(app: TestApp) {
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let moussa = person(&app, "moussa@example.fr", "Moussa Konaté").await;
    let mut sent = Vec::new();
    for title in ["Séchage", "Emballage", "Transport"] {
        let id = opportunity(&app, &awa, &format!("Partenaire pour le {title}"), false).await;
        let interest = expect(express(&app, &moussa, "opportunity", &id).await, 201).await;
        sent.push(interest["id"].as_str().unwrap().to_owned());
    }
    let first = expect(
        get(&app, "/api/v1/interests?box=sent&limit=2", &moussa).await,
        200,
    )
    .await;
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = expect(
        get(
            &app,
            &format!("/api/v1/interests?box=sent&limit=2&cursor={cursor}"),
            &moussa,
        )
        .await,
        200,
    )
    .await;
    assert!(second["next_cursor"].is_null());
    let walked: Vec<&str> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .chain(second["items"].as_array().unwrap())
        .map(|item| item["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        walked,
        [sent[2].as_str(), sent[1].as_str(), sent[0].as_str()]
    );

    expect(
        post(
            &app,
            &format!("/api/v1/interests/{}/decline", sent[0]),
            &awa,
            None,
        )
        .await,
        200,
    )
    .await;
    let pending = expect(
        get(&app, "/api/v1/interests?box=received&status=pending", &awa).await,
        200,
    )
    .await;
    assert_eq!(pending["items"].as_array().unwrap().len(), 2);
    assert_eq!(
        get(&app, "/api/v1/interests?box=sent&cursor=zz", &moussa)
            .await
            .status(),
        422
    );
    assert_eq!(
        get(&app, "/api/v1/interests?box=elsewhere", &moussa)
            .await
            .status(),
        400
    );
}

async fn interests_need_a_valid_token(app: TestApp) {
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let id = opportunity(&app, &awa, "Partenaire pour une unité de séchage", false).await;
    let body = json!({"target": {"kind": "opportunity", "id": id}, "message": "Bonjour"});
    let anonymous = request(
        &app,
        Method::POST,
        "/api/v1/interests",
        None,
        Some(body.clone()),
    )
    .await;
    assert_eq!(anonymous.status(), 401);
    let forged = forged(&awa);
    assert_eq!(
        request(
            &app,
            Method::POST,
            "/api/v1/interests",
            Some(&forged),
            Some(body)
        )
        .await
        .status(),
        401
    );
    assert_eq!(
        get(&app, "/api/v1/interests?box=sent", &forged)
            .await
            .status(),
        401
    );
}

async fn the_accepted_sender_sees_the_owner_only_of_that_opportunity(app: TestApp) {
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let moussa = person(&app, "moussa@example.fr", "Moussa Konaté").await;
    let aminata = person(&app, "aminata@example.ci", "Aminata Traoré").await;
    let first = opportunity(&app, &awa, "Associé discret pour le séchage", true).await;
    let second = opportunity(&app, &awa, "Associé discret pour l'emballage", true).await;
    accepted_interest(&app, &moussa, &awa, &first).await;
    assert_eq!(owner_seen(&app, &first, &moussa).await, awa.id.as_str());
    assert!(
        owner_seen(&app, &second, &moussa).await.is_null(),
        "another anonymous opportunity stays anonymous"
    );
    assert!(
        owner_seen(&app, &first, &aminata).await.is_null(),
        "other members still see nothing"
    );
}

on_both_databases!(
    an_anonymous_owner_accepts_and_the_two_members_talk,
    nothing_about_an_anonymous_owner_leaks_before_acceptance,
    a_second_pending_interest_in_the_same_item_is_a_conflict,
    only_the_owner_side_answers_and_only_the_sender_withdraws,
    an_editor_of_the_owning_organisation_answers_for_it,
    interest_is_refused_in_ones_own_closed_or_invisible_items,
    lists_page_with_a_cursor_and_filter_by_status,
    interests_need_a_valid_token,
    the_accepted_sender_sees_the_owner_only_of_that_opportunity
);

/// The daily cap, set low for the test.
async fn the_daily_cap_answers_429_with_retry_after(app: TestApp) {
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let moussa = person(&app, "moussa@example.fr", "Moussa Konaté").await;
    let mut items = Vec::new();
    for title in ["Séchage", "Emballage", "Transport"] {
        items.push(opportunity(&app, &awa, &format!("Partenaire pour le {title}"), false).await);
    }
    let first = expect(express(&app, &moussa, "opportunity", &items[0]).await, 201).await;
    // A withdrawn interest still counts: sending and withdrawing does not get round the cap.
    let withdraw = format!(
        "/api/v1/interests/{}/withdraw",
        first["id"].as_str().unwrap()
    );
    expect(post(&app, &withdraw, &moussa, None).await, 200).await;
    expect(express(&app, &moussa, "opportunity", &items[1]).await, 201).await;
    let capped = express(&app, &moussa, "opportunity", &items[2]).await;
    assert_eq!(capped.status(), 429);
    let retry_after: i64 = capped.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        retry_after > 0 && retry_after <= TimeDelta::hours(24).num_seconds(),
        "{retry_after}"
    );
    let body: Value = problem(capped).await;
    assert_eq!(body["code"], "rate_limited");
    // Others are not affected.
    let aminata = person(&app, "aminata@example.ci", "Aminata Traoré").await;
    expect(express(&app, &aminata, "opportunity", &items[2]).await, 201).await;
}

mod the_daily_cap {
    use super::*;

    async fn capped_app(backend: Backend) -> Option<TestApp> {
        spawn_app_with(backend, |config| config.interests_per_day = 2).await
    }

    #[tokio::test]
    async fn sqlite() {
        the_daily_cap_answers_429_with_retry_after(
            capped_app(Backend::Sqlite)
                .await
                .expect("SQLite always runs"),
        )
        .await
    }

    #[tokio::test]
    async fn postgres() {
        if let Some(app) = capped_app(Backend::Postgres).await {
            the_daily_cap_answers_429_with_retry_after(app).await
        }
    }
}
