//! What an attacker would try: bursts of password guesses, forged client addresses, locking
//! an owner out, mail-bombing, costly requests with bad tokens, and the small consistency
//! holes (a renamed organisation keeping its verification, a "no" worn down by asking again).

use futures_util::future::join_all;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::{
    contacts::{
        accepted_interest, expect, express, facilitator, opportunity, person, post, project,
        request,
    },
    helpers::{Backend, PASSWORD, TestApp, problem, spawn_app_with},
    on_both_databases,
};

const WRONG: &str = "pas le bon mot de passe";

async fn login_from(
    app: &TestApp,
    email: &str,
    password: &str,
    client: Option<&str>,
) -> StatusCode {
    let mut request = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"email": email, "password": password}));
    if let Some(client) = client {
        request = request.header("X-Forwarded-For", client);
    }
    request.send().await.unwrap().status()
}

/// An app that trusts the test client (on loopback) as its reverse proxy.
async fn behind_a_proxy(backend: Backend, account_lock: usize) -> Option<TestApp> {
    spawn_app_with(backend, |config| {
        config.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
        config.login_failures_account_lock = account_lock;
    })
    .await
}

async fn fifty_concurrent_guesses_check_at_most_the_allowed_five(app: TestApp) {
    app.member("awa@example.sn").await;
    let guesses = join_all((0..50).map(|_| login_from(&app, "awa@example.sn", WRONG, None))).await;
    let checked = guesses
        .iter()
        .filter(|status| **status == StatusCode::UNAUTHORIZED)
        .count();
    let refused = guesses
        .iter()
        .filter(|status| **status == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!((checked, refused), (5, 45), "{guesses:?}");
}

async fn a_forged_forwarded_for_header_counts_only_from_a_trusted_proxy(app: TestApp) {
    app.member("awa@example.sn").await;
    // Not behind a trusted proxy: every "client" below is the same peer.
    for n in 0..5 {
        assert_eq!(
            login_from(
                &app,
                "awa@example.sn",
                WRONG,
                Some(&format!("198.51.100.{n}"))
            )
            .await,
            401
        );
    }
    assert_eq!(
        login_from(&app, "awa@example.sn", WRONG, Some("203.0.113.9")).await,
        429
    );

    let backend = app.database.backend;
    drop(app);
    let Some(app) = behind_a_proxy(backend, 50).await else {
        return;
    };
    app.member("awa@example.sn").await;
    for _ in 0..5 {
        assert_eq!(
            login_from(&app, "awa@example.sn", WRONG, Some("198.51.100.7")).await,
            401
        );
    }
    assert_eq!(
        login_from(&app, "awa@example.sn", WRONG, Some("198.51.100.7")).await,
        429
    );
    // Five wrong passwords from one place do not lock the owner out from theirs.
    assert_eq!(
        login_from(&app, "awa@example.sn", PASSWORD, Some("203.0.113.9")).await,
        200
    );
}

async fn the_account_locks_only_at_a_high_count_and_a_password_reset_lifts_it(app: TestApp) {
    let backend = app.database.backend;
    drop(app);
    let Some(app) = behind_a_proxy(backend, 8).await else {
        return;
    };
    app.member("awa@example.sn").await;
    for n in 0..8 {
        assert_eq!(
            login_from(
                &app,
                "awa@example.sn",
                WRONG,
                Some(&format!("198.51.100.{n}"))
            )
            .await,
            401
        );
    }
    // Guesses from many places: now the account is locked, for its owner too...
    assert_eq!(
        login_from(&app, "awa@example.sn", PASSWORD, Some("203.0.113.9")).await,
        429
    );
    // ...who can always reset the password by e-mail.
    let asked = app
        .post_json(
            "/api/v1/auth/password-reset",
            &json!({"email": "awa@example.sn"}),
        )
        .await;
    assert_eq!(asked.status(), 202);
    let token = app
        .token_from_last_email("awa@example.sn", "password-reset")
        .await;
    let reset = app
        .post_json(
            "/api/v1/auth/password-reset/confirm",
            &json!({"token": token, "password": "un nouveau baobab"}),
        )
        .await;
    assert_eq!(reset.status(), 204);
    assert_eq!(
        login_from(
            &app,
            "awa@example.sn",
            "un nouveau baobab",
            Some("203.0.113.9")
        )
        .await,
        200
    );
}

async fn nobody_can_bomb_a_mailbox_with_our_emails(app: TestApp) {
    app.member("awa@example.sn").await;
    let before = app.emails_to("awa@example.sn").await.len();
    for _ in 0..6 {
        let asked = app
            .post_json(
                "/api/v1/auth/password-reset",
                &json!({"email": "awa@example.sn"}),
            )
            .await;
        assert_eq!(asked.status(), 202, "the answer never changes");
    }
    let sent = app.emails_to("awa@example.sn").await.len() - before;
    // The registration's verification e-mail already counted in this hour.
    assert_eq!(
        sent, 2,
        "three e-mails an hour to one address, whoever asks"
    );
    // One client asking again and again is told to slow down.
    let mut statuses = Vec::new();
    for n in 0..20 {
        let asked = app
            .post_json(
                "/api/v1/auth/password-reset",
                &json!({"email": format!("membre{n}@example.sn")}),
            )
            .await;
        statuses.push(asked.status().as_u16());
    }
    assert!(statuses.contains(&429), "{statuses:?}");
}

async fn a_burst_of_resets_with_bad_tokens_costs_no_password_hash(app: TestApp) {
    let bodies: Vec<_> = (0..300)
        .map(|n| json!({"token": format!("{n:064x}"), "password": "un nouveau baobab"}))
        .collect();
    let burst = join_all(
        bodies
            .iter()
            .map(|body| app.post_json("/api/v1/auth/password-reset/confirm", body)),
    )
    .await;
    for answer in burst {
        // Hashing first would have queued 300 hashes for a few cores: 429s past the bound.
        assert_eq!(answer.status(), 422);
    }
}

async fn renaming_a_verified_organisation_unverifies_it_and_nobody_verifies_their_own(
    app: TestApp,
) {
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let fatou = facilitator(&app, "fatou@example.sn", "Fatou Sow").await;
    let created = expect(
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
    let path = format!("/api/v1/organisations/{}", created["id"].as_str().unwrap());
    expect(
        post(&app, &format!("{path}/verification"), &fatou, None).await,
        200,
    )
    .await;
    let changed = expect(
        request(
            &app,
            Method::PATCH,
            &path,
            Some(&awa),
            Some(json!({"city": "Ziguinchor"})),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(changed["verified"], true, "a new city keeps it");
    let renamed = expect(
        request(
            &app,
            Method::PATCH,
            &path,
            Some(&awa),
            Some(json!({"name": "Teranga Invest"})),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(renamed["verified"], false);
    let own = expect(
        post(
            &app,
            "/api/v1/organisations",
            &fatou,
            Some(json!({"name": "Sow Conseil", "kind": "company", "country": "SN"})),
        )
        .await,
        201,
    )
    .await;
    let verify_own = post(
        &app,
        &format!(
            "/api/v1/organisations/{}/verification",
            own["id"].as_str().unwrap()
        ),
        &fatou,
        None,
    )
    .await;
    assert_eq!(verify_own.status(), 403);
}

async fn the_only_owner_of_an_organisation_with_members_cannot_vanish(app: TestApp) {
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let moussa = person(&app, "moussa@example.fr", "Moussa Konaté").await;
    let created = expect(
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
    let members = format!(
        "/api/v1/organisations/{}/members",
        created["id"].as_str().unwrap()
    );
    let organisation = created["id"].as_str().unwrap();
    crate::invitations::invite_and_accept(
        &app,
        &awa,
        organisation,
        &moussa,
        "moussa@example.fr",
        "editor",
    )
    .await;
    let listed = expect(request(&app, Method::GET, &members, None, None).await, 200).await;
    assert_eq!(listed.as_array().unwrap().len(), 2);
    let gone = request(
        &app,
        Method::DELETE,
        "/api/v1/me",
        Some(&awa),
        Some(json!({"password": PASSWORD})),
    )
    .await;
    assert_eq!(gone.status(), 409);
    assert!(
        problem(gone).await["detail"]
            .as_str()
            .unwrap()
            .contains("Teranga")
    );
}

async fn changing_an_opportunity_meets_the_checks_of_creating_one(app: TestApp) {
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let id = opportunity(&app, &awa, "Partenaire technique pour le séchage", false).await;
    let path = format!("/api/v1/opportunities/{id}");
    for (body, field) in [
        (json!({"city": "Z".repeat(101)}), "city"),
        (json!({"skills": ["s".repeat(51)]}), "skills"),
    ] {
        let refused = request(&app, Method::PATCH, &path, Some(&awa), Some(body)).await;
        assert_eq!(refused.status(), 422);
        assert_eq!(problem(refused).await["errors"][0]["field"], field);
    }
}

async fn a_declined_sender_waits_thirty_days_before_asking_again(app: TestApp) {
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let moussa = person(&app, "moussa@example.fr", "Moussa Konaté").await;
    let id = opportunity(&app, &awa, "Partenaire technique pour le séchage", false).await;
    let sent = expect(express(&app, &moussa, "opportunity", &id).await, 201).await;
    expect(
        post(
            &app,
            &format!("/api/v1/interests/{}/decline", sent["id"].as_str().unwrap()),
            &awa,
            None,
        )
        .await,
        200,
    )
    .await;
    let again = express(&app, &moussa, "opportunity", &id).await;
    assert_eq!(again.status(), 409);
    let detail = problem(again).await["detail"].as_str().unwrap().to_owned();
    let lifted = (chrono::Utc::now() + chrono::TimeDelta::days(30))
        .format("%Y-%m-%d")
        .to_string();
    assert!(detail.contains(&lifted), "{detail}");
    let other = opportunity(&app, &awa, "Un autre partenaire pour le séchage", false).await;
    expect(express(&app, &moussa, "opportunity", &other).await, 201).await;
}

async fn answers_carry_the_security_headers_and_personal_ones_are_not_cached(app: TestApp) {
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let public = app.get("/api/v1/opportunities").await;
    assert_eq!(public.headers()["x-content-type-options"], "nosniff");
    assert_eq!(public.headers()["referrer-policy"], "same-origin");
    assert!(
        public.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
    let login = app.login("awa@example.sn", PASSWORD).await;
    assert_eq!(login.headers()["cache-control"], "no-store");
    let mine = request(&app, Method::GET, "/api/v1/me", Some(&awa), None).await;
    assert_eq!(mine.headers()["cache-control"], "no-store");
}

async fn metrics_answer_only_the_scrapers_token_in_production(app: TestApp) {
    let backend = app.database.backend;
    drop(app);
    let Some(app) = spawn_app_with(backend, |config| {
        config.environment = marcottage::config::Environment::Production;
        config.metrics_token = Some("un jeton pour prometheus".to_owned().into());
    })
    .await
    else {
        return;
    };
    assert_eq!(app.get("/metrics").await.status(), 404);
    let forged = app
        .client
        .get(app.url("/metrics"))
        .bearer_auth("un autre jeton")
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 404);
    let scraper = app
        .client
        .get(app.url("/metrics"))
        .bearer_auth("un jeton pour prometheus")
        .send()
        .await
        .unwrap();
    assert_eq!(scraper.status(), 200);
}

async fn an_unconfirmed_address_browses_and_drafts_but_neither_publishes_nor_contacts(
    app: TestApp,
) {
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let offer = opportunity(&app, &awa, "Partenaire technique pour le séchage", false).await;
    // Someone writing in the name of an address that is not theirs: never confirmed.
    assert_eq!(
        app.register("ceo@ong-exemple.org", PASSWORD).await.status(),
        202
    );
    let impostor = app.log_in("ceo@ong-exemple.org", PASSWORD).await;
    for path in [
        "/api/v1/search?q=séchage",
        &format!("/api/v1/opportunities/{offer}"),
        "/api/v1/me",
    ] {
        assert_eq!(
            request(&app, Method::GET, path, Some(&impostor), None)
                .await
                .status(),
            200,
            "{path}"
        );
    }
    let draft = project(&app, &impostor, "draft", None).await;
    let refused = [
        post(&app, "/api/v1/projects", &impostor, Some(json!({"title": "Un projet signé d'un autre",
            "summary": "Un résumé assez long pour être valable", "sectors": ["32161"], "countries": ["SN"],
            "status": "published"}))).await,
        request(&app, Method::PATCH, &format!("/api/v1/projects/{draft}"), Some(&impostor),
            Some(json!({"status": "published"}))).await,
        post(&app, "/api/v1/opportunities", &impostor, Some(json!({"direction": "offer",
            "category": "technical_partnership", "title": "Une offre au nom d'une ONG",
            "description": "Une description assez longue pour passer les contrôles", "sectors": ["32161"],
            "country": "SN"}))).await,
        express(&app, &impostor, "opportunity", &offer).await,
    ];
    for answer in refused {
        let path = answer.url().path().to_owned();
        assert_eq!(answer.status(), 403, "{path}");
        assert_eq!(
            problem(answer).await["code"],
            "email_not_verified",
            "{path}"
        );
    }
    let fatou = facilitator(&app, "fatou@example.sn", "Fatou Sarr").await;
    let proposed = expect(
        post(
            &app,
            "/api/v1/introductions",
            &fatou,
            Some(json!({
        "a": {"kind": "member", "id": impostor.id}, "b": {"kind": "opportunity", "id": offer},
        "note": "Vous travaillez tous deux sur le séchage solaire"})),
        )
        .await,
        201,
    )
    .await;
    let accept = format!(
        "/api/v1/introductions/{}/accept",
        proposed["id"].as_str().unwrap()
    );
    assert_eq!(
        problem(post(&app, &accept, &impostor, None).await).await["code"],
        "email_not_verified"
    );
    let introduce = json!({"a": {"kind": "member", "id": fatou.id}, "b": {"kind": "opportunity", "id": offer},
        "note": "Je me présente moi-même"});
    assert_eq!(
        problem(post(&app, "/api/v1/introductions", &impostor, Some(introduce)).await).await["code"],
        "forbidden"
    );

    // Once the address is confirmed, the same requests go through.
    let token = app
        .token_from_last_email("ceo@ong-exemple.org", "verify-email")
        .await;
    assert_eq!(
        app.post_json("/api/v1/auth/verify-email", &json!({"token": token}))
            .await
            .status(),
        204
    );
    expect(
        request(
            &app,
            Method::PATCH,
            &format!("/api/v1/projects/{draft}"),
            Some(&impostor),
            Some(json!({"status": "published"})),
        )
        .await,
        200,
    )
    .await;
    expect(express(&app, &impostor, "opportunity", &offer).await, 201).await;
    let opened = expect(post(&app, &accept, &impostor, None).await, 200).await;
    assert_eq!(
        opened["status"], "pending",
        "the other side has not answered yet"
    );
}

async fn a_member_whose_address_is_unconfirmed_cannot_write_in_a_conversation(app: TestApp) {
    use marcottage::entities::user;
    use sea_orm::{ActiveValue::Set, EntityTrait};
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let moussa = person(&app, "moussa@example.fr", "Moussa Konaté").await;
    let offer = opportunity(&app, &awa, "Partenaire technique pour le séchage", false).await;
    let interest = accepted_interest(&app, &moussa, &awa, &offer).await;
    let conversation = interest["conversation_id"].as_str().unwrap();
    // An account confirmed under an older address and not since (as after a change of address).
    let id: uuid::Uuid = moussa.id.parse().unwrap();
    user::Entity::update(user::ActiveModel {
        id: Set(id),
        email_verified_at: Set(None),
        ..Default::default()
    })
    .exec(&app.db)
    .await
    .unwrap();
    let path = format!("/api/v1/conversations/{conversation}/messages");
    let body = json!({"body": "Bonjour, je suis bien le directeur de cette ONG."});
    let refused = post(&app, &path, &moussa, Some(body.clone())).await;
    assert_eq!(refused.status(), 403);
    assert_eq!(problem(refused).await["code"], "email_not_verified");
    let read = expect(
        request(&app, Method::GET, &path, Some(&moussa), None).await,
        200,
    )
    .await;
    assert_eq!(
        read["items"].as_array().unwrap().len(),
        0,
        "the refused message was not stored"
    );
    expect(post(&app, &path, &awa, Some(body)).await, 201).await;
}

async fn only_changes_to_what_is_listed_reach_the_listings(app: TestApp) {
    use marcottage::search::changes;
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let moussa = person(&app, "moussa@example.fr", "Moussa Konaté").await;
    let offer = opportunity(&app, &awa, "Partenaire technique pour le séchage", false).await;
    let before = changes::last(&app.db).await.unwrap();
    // Writes that change nothing a listing shows: the listings are not touched (they follow
    // the change log alone, so nothing is recomputed for the readers after them).
    let forged = json!({"refresh_token": "not a token of ours"});
    assert_eq!(
        app.post_json("/api/v1/auth/logout", &forged).await.status(),
        204
    );
    assert_eq!(
        login_from(&app, "awa@example.sn", WRONG, None).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(app.login("awa@example.sn", PASSWORD).await.status(), 200);
    expect(express(&app, &moussa, "opportunity", &offer).await, 201).await;
    expect(
        post(
            &app,
            "/api/v1/saved-searches",
            &moussa,
            Some(json!({"name": "Séchage",
        "kind": "opportunities", "criteria": {"q": "séchage"}, "frequency": "daily"})),
        )
        .await,
        201,
    )
    .await;
    expect(
        request(
            &app,
            Method::GET,
            "/api/v1/search?q=séchage",
            Some(&moussa),
            None,
        )
        .await,
        200,
    )
    .await;
    assert_eq!(
        changes::last(&app.db).await.unwrap(),
        before,
        "no listed item changed"
    );
    // A change to a listed item is one entry, and shows in search.
    expect(
        request(
            &app,
            Method::PATCH,
            &format!("/api/v1/opportunities/{offer}"),
            Some(&awa),
            Some(json!({"title": "Partenaire technique pour la déshydratation"})),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(changes::last(&app.db).await.unwrap(), before + 1);
    app.eventually("/api/v1/opportunities?q=déshydratation", |page| {
        page["total"] == 1
    })
    .await;
}

on_both_databases!(
    fifty_concurrent_guesses_check_at_most_the_allowed_five,
    a_forged_forwarded_for_header_counts_only_from_a_trusted_proxy,
    the_account_locks_only_at_a_high_count_and_a_password_reset_lifts_it,
    nobody_can_bomb_a_mailbox_with_our_emails,
    a_burst_of_resets_with_bad_tokens_costs_no_password_hash,
    renaming_a_verified_organisation_unverifies_it_and_nobody_verifies_their_own,
    the_only_owner_of_an_organisation_with_members_cannot_vanish,
    changing_an_opportunity_meets_the_checks_of_creating_one,
    a_declined_sender_waits_thirty_days_before_asking_again,
    answers_carry_the_security_headers_and_personal_ones_are_not_cached,
    metrics_answer_only_the_scrapers_token_in_production,
    an_unconfirmed_address_browses_and_drafts_but_neither_publishes_nor_contacts,
    a_member_whose_address_is_unconfirmed_cannot_write_in_a_conversation,
    only_changes_to_what_is_listed_reach_the_listings
);
