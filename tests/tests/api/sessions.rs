//! Attacks on authentication: forged tokens, replayed refresh tokens, password guessing.

use chrono::Utc;
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use serde_json::{Value, json};

use crate::{
    helpers::{PASSWORD, TestApp, problem},
    on_both_databases,
};

fn sign(app: &TestApp, claims: &Value, secret: &str) -> String {
    let mut header = Header::new(Algorithm::HS256);
    // The app's key id, so that only the claims or the signature make the difference.
    header.kid = Some(marcottage_kid(&app.jwt_secret));
    encode(
        &header,
        claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap()
}

fn marcottage_kid(secret: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(&Sha256::digest(secret.as_bytes())[..8])
}

fn claims(sub: &str, sid: &str) -> Value {
    let now = Utc::now().timestamp();
    json!({"iss": "marcottage", "aud": "marcottage-api", "sub": sub, "sid": sid,
           "iat": now, "nbf": now, "exp": now + 600, "jti": uuid::Uuid::now_v7()})
}

async fn status_with(app: &TestApp, token: &str) -> u16 {
    let response = app.get_as("/api/v1/me", token).await;
    let status = response.status().as_u16();
    if status == 401 {
        assert!(
            response.headers()["www-authenticate"]
                .to_str()
                .unwrap()
                .starts_with("Bearer")
        );
    }
    status
}

/// The session id inside a genuine token, to forge around it.
fn session_of(token: &str) -> String {
    use base64_payload::decode;
    let payload: Value = decode(token.split('.').nth(1).unwrap());
    payload["sid"].as_str().unwrap().to_owned()
}

mod base64_payload {
    pub fn decode(segment: &str) -> serde_json::Value {
        let mut bits = Vec::new();
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let (mut buffer, mut count) = (0u32, 0);
        for byte in segment.bytes() {
            let value = alphabet.iter().position(|&c| c == byte).unwrap() as u32;
            buffer = (buffer << 6) | value;
            count += 6;
            if count >= 8 {
                count -= 8;
                bits.push((buffer >> count) as u8);
                buffer &= (1 << count) - 1;
            }
        }
        serde_json::from_slice(&bits).unwrap()
    }
}

async fn forged_expired_unsigned_and_misaddressed_tokens_are_refused(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    assert_eq!(status_with(&app, &awa.access).await, 200);
    let sid = session_of(&awa.access);
    let good = claims(&awa.id, &sid);
    assert_eq!(
        status_with(&app, &sign(&app, &good, &app.jwt_secret)).await,
        200,
        "the forging itself is right"
    );

    let wrong_key = sign(&app, &good, "a-key-the-attacker-made-up-of-32-chars");
    assert_eq!(status_with(&app, &wrong_key).await, 401);

    let mut expired = good.clone();
    expired["exp"] = json!(Utc::now().timestamp() - 3600);
    assert_eq!(
        status_with(&app, &sign(&app, &expired, &app.jwt_secret)).await,
        401
    );

    let mut early = good.clone();
    early["nbf"] = json!(Utc::now().timestamp() + 3600);
    assert_eq!(
        status_with(&app, &sign(&app, &early, &app.jwt_secret)).await,
        401
    );

    let mut audience = good.clone();
    audience["aud"] = json!("another-api");
    assert_eq!(
        status_with(&app, &sign(&app, &audience, &app.jwt_secret)).await,
        401
    );

    let mut someone_else = good.clone();
    someone_else["sub"] = json!(uuid::Uuid::now_v7());
    assert_eq!(
        status_with(&app, &sign(&app, &someone_else, &app.jwt_secret)).await,
        401
    );

    // alg: none, with the payload of a genuine token and no signature.
    let payload = awa.access.split('.').nth(1).unwrap();
    let none_header = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0"; // {"alg":"none","typ":"JWT"}
    assert_eq!(
        status_with(&app, &format!("{none_header}.{payload}.")).await,
        401
    );

    let mut tampered = awa.access.clone();
    tampered.pop();
    tampered.push(if awa.access.ends_with('A') { 'B' } else { 'A' });
    assert_eq!(status_with(&app, &tampered).await, 401);

    assert_eq!(
        status_with(&app, &awa.refresh).await,
        401,
        "a refresh token is not an access token"
    );
    assert_eq!(app.get("/api/v1/me").await.status(), 401);
}

async fn refresh_tokens_rotate_and_a_replayed_one_kills_its_session(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let first = app
        .post_json(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": awa.refresh}),
        )
        .await;
    assert_eq!(first.status(), 200);
    let pair: Value = first.json().await.unwrap();
    let next_refresh = pair["refresh_token"].as_str().unwrap();
    assert_ne!(next_refresh, awa.refresh);
    let next_access = pair["access_token"].as_str().unwrap();
    assert_eq!(status_with(&app, next_access).await, 200);

    let replay = app
        .post_json(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": awa.refresh}),
        )
        .await;
    assert_eq!(replay.status(), 401);
    assert_eq!(problem(replay).await["code"], "unauthenticated");
    let after = app
        .post_json(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": next_refresh}),
        )
        .await;
    assert_eq!(after.status(), 401, "the whole family is revoked");
    assert_eq!(
        status_with(&app, next_access).await,
        401,
        "and its access tokens with it"
    );
}

async fn logout_ends_one_session_and_logout_all_ends_every_one(app: TestApp) {
    let phone = app.member("awa@example.sn").await;
    let laptop = app.log_in("awa@example.sn", PASSWORD).await;
    let desktop = app.log_in("awa@example.sn", PASSWORD).await;

    let logout = app
        .post_json(
            "/api/v1/auth/logout",
            &json!({"refresh_token": phone.refresh}),
        )
        .await;
    assert_eq!(logout.status(), 204);
    assert_eq!(status_with(&app, &phone.access).await, 401);
    assert_eq!(status_with(&app, &laptop.access).await, 200);

    let all = app
        .client
        .post(app.url("/api/v1/auth/logout-all"))
        .bearer_auth(&laptop.access)
        .send()
        .await
        .unwrap();
    assert_eq!(all.status(), 204);
    assert_eq!(status_with(&app, &laptop.access).await, 401);
    assert_eq!(status_with(&app, &desktop.access).await, 401);
    let refresh = app
        .post_json(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": desktop.refresh}),
        )
        .await;
    assert_eq!(refresh.status(), 401);
}

async fn a_login_storm_ends_in_429s_while_other_members_still_log_in(app: TestApp) {
    app.member("awa@example.sn").await;
    app.member("moussa@example.sn").await;
    let mut statuses = Vec::new();
    for _ in 0..20 {
        let response = app.login("awa@example.sn", "wrong password guess").await;
        if response.status() == 429 {
            let retry: u64 = response.headers()["retry-after"]
                .to_str()
                .unwrap()
                .parse()
                .unwrap();
            assert!(retry > 0 && retry <= 900, "{retry}");
        }
        statuses.push(response.status().as_u16());
    }
    assert_eq!(&statuses[..5], &[401; 5]);
    assert!(statuses[5..].iter().all(|&s| s == 429), "{statuses:?}");
    assert_eq!(
        app.login("awa@example.sn", PASSWORD).await.status(),
        429,
        "even the right password waits"
    );
    assert_eq!(app.login("moussa@example.sn", PASSWORD).await.status(), 200);
}

async fn a_suspended_member_cannot_log_in_or_refresh(app: TestApp) {
    let admin = app.admin("admin@example.org").await;
    let awa = app.member("awa@example.sn").await;
    let suspend = app
        .client
        .patch(app.url(&format!("/api/v1/admin/users/{}", awa.id)))
        .bearer_auth(&admin.access)
        .json(&json!({"suspended": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(suspend.status(), 200);
    assert_eq!(suspend.json::<Value>().await.unwrap()["suspended"], true);
    assert_eq!(status_with(&app, &awa.access).await, 401);
    let login = app.login("awa@example.sn", PASSWORD).await;
    assert_eq!(login.status(), 403);
    assert_eq!(problem(login).await["code"], "account_suspended");
    let refresh = app
        .post_json(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": awa.refresh}),
        )
        .await;
    assert_eq!(refresh.status(), 401);
}

async fn admin_routes_refuse_members_and_strangers(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let moussa = app.member("moussa@example.sn").await;
    let path = format!("/api/v1/admin/users/{}", moussa.id);
    let as_member = app
        .client
        .patch(app.url(&path))
        .bearer_auth(&awa.access)
        .json(&json!({"role": "admin"}))
        .send()
        .await
        .unwrap();
    assert_eq!(as_member.status(), 403);
    let anonymous = app
        .client
        .patch(app.url(&path))
        .json(&json!({"role": "admin"}))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
    let me: Value = app
        .get_as("/api/v1/me", &moussa.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["role"], "member", "nothing was applied");

    let admin = app.admin("admin@example.org").await;
    let grant = app
        .client
        .patch(app.url(&path))
        .bearer_auth(&admin.access)
        .json(&json!({"role": "facilitator"}))
        .send()
        .await
        .unwrap();
    assert_eq!(grant.status(), 200);
    assert_eq!(grant.json::<Value>().await.unwrap()["role"], "facilitator");
}

on_both_databases!(
    forged_expired_unsigned_and_misaddressed_tokens_are_refused,
    refresh_tokens_rotate_and_a_replayed_one_kills_its_session,
    logout_ends_one_session_and_logout_all_ends_every_one,
    a_login_storm_ends_in_429s_while_other_members_still_log_in,
    a_suspended_member_cannot_log_in_or_refresh,
    admin_routes_refuse_members_and_strangers
);

impl TestApp {
    /// A member made admin the way an operator does it (`marcottage admin grant`).
    async fn admin(&self, email: &str) -> crate::helpers::Session {
        self.member(email).await;
        marcottage::accounts::admin::grant(&self.db, email, marcottage::accounts::Role::Admin)
            .await
            .unwrap();
        self.log_in(email, PASSWORD).await
    }
}
