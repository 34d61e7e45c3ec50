use serde_json::{Value, json};

use crate::{
    helpers::{PASSWORD, TestApp, problem},
    on_both_databases,
};
use marcottage::entities::user;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

async fn stored_user(app: &TestApp, email: &str) -> Option<user::Model> {
    user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(&app.db)
        .await
        .unwrap()
}

async fn a_member_registers_verifies_and_logs_in_with_an_argon2id_hash(app: TestApp) {
    let registered = app.register("Awa.Diop@Example.SN", PASSWORD).await;
    assert_eq!(registered.status(), 202);
    let stored = stored_user(&app, "awa.diop@example.sn")
        .await
        .expect("the e-mail is normalised");
    assert!(
        stored
            .password_hash
            .starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{}",
        stored.password_hash
    );
    assert!(stored.email_verified_at.is_none());

    let session = app.member_after_registration("awa.diop@example.sn").await;
    let me: Value = app
        .get_as("/api/v1/me", &session.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["email"], "awa.diop@example.sn");
    assert_eq!(me["email_verified"], true);
    assert_eq!(me["role"], "member");
    assert_eq!(me["locale"], "fr");
}

async fn registering_a_known_address_answers_the_same_and_tells_its_owner(app: TestApp) {
    let first = app.register("awa@example.sn", PASSWORD).await;
    let first_body: Value = first.json().await.unwrap();
    let again = app
        .register("AWA@example.sn", "another long passphrase")
        .await;
    assert_eq!(again.status(), 202);
    assert_eq!(
        again.json::<Value>().await.unwrap(),
        first_body,
        "no account enumeration"
    );
    let emails = app.emails_to("awa@example.sn").await;
    assert_eq!(emails.len(), 2);
    assert!(emails[1].subject.contains("déjà un compte"));
    let count = user::Entity::find().all(&app.db).await.unwrap().len();
    assert_eq!(count, 1, "the unique constraint kept one account");
    assert_eq!(
        app.login("awa@example.sn", PASSWORD).await.status(),
        200,
        "the first password stands"
    );
}

async fn weak_or_malformed_registrations_are_refused_with_field_errors(app: TestApp) {
    let short = app.register("a@example.sn", "short").await;
    assert_eq!(short.status(), 422);
    let body = problem(short).await;
    assert_eq!(body["errors"][0]["field"], "password");
    assert_eq!(body["errors"][0]["code"], "too_short");

    let common = problem(app.register("a@example.sn", "Password123").await).await;
    assert_eq!(common["errors"][0]["code"], "too_common");

    let bad_email = problem(app.register("not-an-email", PASSWORD).await).await;
    assert_eq!(bad_email["errors"][0]["field"], "email");

    let long = app
        .register("long@example.sn", &"une phrase de passe ".repeat(4))
        .await;
    assert_eq!(long.status(), 202, "64+ characters are allowed");
    assert!(
        app.emails_to("a@example.sn").await.is_empty(),
        "nothing was created"
    );
}

async fn a_verification_link_works_once(app: TestApp) {
    app.register("awa@example.sn", PASSWORD).await;
    let token = app
        .token_from_last_email("awa@example.sn", "verify-email")
        .await;
    let body = json!({"token": token});
    assert_eq!(
        app.post_json("/api/v1/auth/verify-email", &body)
            .await
            .status(),
        204
    );
    let again = app.post_json("/api/v1/auth/verify-email", &body).await;
    assert_eq!(again.status(), 422);
    assert_eq!(problem(again).await["errors"][0]["code"], "invalid_token");
    let forged = app
        .post_json(
            "/api/v1/auth/verify-email",
            &json!({"token": "00".repeat(32)}),
        )
        .await;
    assert_eq!(forged.status(), 422);
}

async fn a_password_reset_answers_the_same_for_strangers_and_ends_every_session(app: TestApp) {
    let session = app.member("awa@example.sn").await;
    let known = app
        .post_json(
            "/api/v1/auth/password-reset",
            &json!({"email": "awa@example.sn"}),
        )
        .await;
    let unknown = app
        .post_json(
            "/api/v1/auth/password-reset",
            &json!({"email": "nobody@example.sn"}),
        )
        .await;
    assert_eq!(known.status(), 202);
    assert_eq!(unknown.status(), 202);
    assert_eq!(
        known.json::<Value>().await.unwrap(),
        unknown.json::<Value>().await.unwrap()
    );
    assert!(app.emails_to("nobody@example.sn").await.is_empty());

    let token = app
        .token_from_last_email("awa@example.sn", "password-reset")
        .await;
    let weak = app
        .post_json(
            "/api/v1/auth/password-reset/confirm",
            &json!({"token": token, "password": "12345678"}),
        )
        .await;
    assert_eq!(weak.status(), 422, "the rules apply to a reset too");
    let confirm = json!({"token": token, "password": "un nouveau mot de passe"});
    assert_eq!(
        app.post_json("/api/v1/auth/password-reset/confirm", &confirm)
            .await
            .status(),
        204
    );
    assert_eq!(
        app.post_json("/api/v1/auth/password-reset/confirm", &confirm)
            .await
            .status(),
        422,
        "single use"
    );

    assert_eq!(
        app.get_as("/api/v1/me", &session.access).await.status(),
        401,
        "the old session ended"
    );
    let refresh = app
        .post_json(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": session.refresh}),
        )
        .await;
    assert_eq!(refresh.status(), 401);
    assert_eq!(app.login("awa@example.sn", PASSWORD).await.status(), 401);
    assert_eq!(
        app.login("awa@example.sn", "un nouveau mot de passe")
            .await
            .status(),
        200
    );
}

async fn the_outbox_worker_delivers_queued_mail(app: TestApp) {
    app.register("awa@example.sn", PASSWORD).await;
    use marcottage::entities::outbox;
    let mut status = String::new();
    for _ in 0..40 {
        let rows = outbox::Entity::find().all(&app.db).await.unwrap();
        status = rows[0].status.clone();
        if status == "sent" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(status, "sent");
}

async fn a_public_profile_never_shows_the_email(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let profile = app.get(&format!("/api/v1/users/{}", awa.id)).await;
    assert_eq!(profile.status(), 200);
    let text = profile.text().await.unwrap();
    assert!(!text.contains("awa@example.sn"), "{text}");
    assert!(text.contains("Awa Diop"));
    assert_eq!(
        app.get(&format!("/api/v1/users/{}", uuid::Uuid::now_v7()))
            .await
            .status(),
        404
    );
    assert_eq!(app.get("/api/v1/users/not-a-uuid").await.status(), 404);
}

on_both_databases!(
    a_member_registers_verifies_and_logs_in_with_an_argon2id_hash,
    registering_a_known_address_answers_the_same_and_tells_its_owner,
    weak_or_malformed_registrations_are_refused_with_field_errors,
    a_verification_link_works_once,
    a_password_reset_answers_the_same_for_strangers_and_ends_every_session,
    the_outbox_worker_delivers_queued_mail,
    a_public_profile_never_shows_the_email
);

impl TestApp {
    /// Verifies the address of an already registered member and logs in.
    async fn member_after_registration(&self, email: &str) -> crate::helpers::Session {
        let token = self.token_from_last_email(email, "verify-email").await;
        let verified = self
            .post_json("/api/v1/auth/verify-email", &json!({"token": token}))
            .await;
        assert_eq!(verified.status(), 204);
        self.log_in(email, PASSWORD).await
    }
}
