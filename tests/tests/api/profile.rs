use serde_json::{Value, json};

use crate::{
    helpers::{PASSWORD, TestApp, problem},
    on_both_databases,
};

async fn patch_me(
    app: &TestApp,
    access: &str,
    body: Value,
    if_match: Option<&str>,
) -> reqwest::Response {
    let mut request = app
        .client
        .patch(app.url("/api/v1/me"))
        .bearer_auth(access)
        .json(&body);
    if let Some(tag) = if_match {
        request = request.header("If-Match", tag);
    }
    request.send().await.unwrap()
}

async fn a_member_edits_their_profile_with_codes_from_the_taxonomies(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let me = app.get_as("/api/v1/me", &awa.access).await;
    let etag = me.headers()["etag"].to_str().unwrap().to_owned();
    let changes = json!({
        "display_name": "Awa Diop Sarr", "bio": "Ingénieure agronome à Lyon",
        "skills": ["agronomie", "transformation de mangues"],
        "sectors": ["31120", "321"], "countries": ["SN", "ML"], "languages": ["fr", "wo"],
        "country_of_origin": "SN", "country_of_residence": "FR", "locale": "en"
    });
    let updated = patch_me(&app, &awa.access, changes, Some(&etag)).await;
    assert_eq!(updated.status(), 200);
    assert_ne!(updated.headers()["etag"].to_str().unwrap(), etag);
    let body: Value = updated.json().await.unwrap();
    assert_eq!(body["version"], 2);
    assert_eq!(body["sectors"], json!(["31120", "321"]));
    assert_eq!(body["country_of_origin"], "SN");
    assert_eq!(body["locale"], "en");

    let cleared = patch_me(&app, &awa.access, json!({"bio": null}), None).await;
    let body: Value = cleared.json().await.unwrap();
    assert!(body["bio"].is_null());
    assert_eq!(
        body["display_name"], "Awa Diop Sarr",
        "absent fields are unchanged"
    );
}

async fn unknown_codes_are_refused_with_the_field_named(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let response = patch_me(
        &app,
        &awa.access,
        json!({"sectors": ["31120", "99999"], "country_of_origin": "XX", "languages": ["zz"]}),
        None,
    )
    .await;
    assert_eq!(response.status(), 422);
    let body = problem(response).await;
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["country_of_origin", "languages[0]", "sectors[1]"]);
    let me: Value = app
        .get_as("/api/v1/me", &awa.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["sectors"], json!([]), "nothing was applied");
}

async fn a_member_cannot_set_role_email_or_verification_through_the_profile(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    for field in [
        json!({"role": "admin"}),
        json!({"email": "boss@example.org"}),
        json!({"email_verified": true}),
        json!({"id": uuid::Uuid::now_v7()}),
        json!({"version": 99}),
        json!({"suspended": false}),
    ] {
        let response = patch_me(&app, &awa.access, field.clone(), None).await;
        assert_eq!(response.status(), 422, "{field}");
    }
    let me: Value = app
        .get_as("/api/v1/me", &awa.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["role"], "member");
    assert_eq!(me["email"], "awa@example.sn");
    assert_eq!(me["version"], 1);
}

async fn a_stale_if_match_gets_412_and_loses_nothing(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let etag = app.get_as("/api/v1/me", &awa.access).await.headers()["etag"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        patch_me(&app, &awa.access, json!({"bio": "first"}), Some(&etag))
            .await
            .status(),
        200
    );
    let stale = patch_me(&app, &awa.access, json!({"bio": "second"}), Some(&etag)).await;
    assert_eq!(stale.status(), 412);
    assert_eq!(problem(stale).await["code"], "precondition_failed");
    let me: Value = app
        .get_as("/api/v1/me", &awa.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["bio"], "first");
}

async fn changing_the_password_keeps_this_session_and_ends_the_others(app: TestApp) {
    let here = app.member("awa@example.sn").await;
    let elsewhere = app.log_in("awa@example.sn", PASSWORD).await;
    let wrong = app
        .client
        .post(app.url("/api/v1/me/password"))
        .bearer_auth(&here.access)
        .json(&json!({"current_password": "not it at all", "new_password": "un autre long secret"}))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 422);
    let change = app
        .client
        .post(app.url("/api/v1/me/password"))
        .bearer_auth(&here.access)
        .json(&json!({"current_password": PASSWORD, "new_password": "un autre long secret"}))
        .send()
        .await
        .unwrap();
    assert_eq!(change.status(), 204);
    assert_eq!(app.get_as("/api/v1/me", &here.access).await.status(), 200);
    assert_eq!(
        app.get_as("/api/v1/me", &elsewhere.access).await.status(),
        401
    );
    assert_eq!(
        app.login("awa@example.sn", "un autre long secret")
            .await
            .status(),
        200
    );
}

async fn the_export_holds_the_profile_and_sessions(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let export = app.get_as("/api/v1/me/export", &awa.access).await;
    assert_eq!(export.status(), 200);
    assert!(
        export.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let body: Value = export.json().await.unwrap();
    assert_eq!(body["profile"]["email"], "awa@example.sn");
    assert_eq!(body["sessions"].as_array().unwrap().len(), 1);
    assert!(
        !body.to_string().contains("argon2"),
        "no password hash in the export"
    );
}

async fn deleting_an_account_erases_it_and_leaves_others_intact(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let moussa = app.member("moussa@example.sn").await;
    let refused = app
        .client
        .delete(app.url("/api/v1/me"))
        .bearer_auth(&awa.access)
        .json(&json!({"password": "wrong guess!!"}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    let deleted = app
        .client
        .delete(app.url("/api/v1/me"))
        .bearer_auth(&awa.access)
        .json(&json!({"password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 204);

    assert_eq!(app.get_as("/api/v1/me", &awa.access).await.status(), 401);
    assert_eq!(app.login("awa@example.sn", PASSWORD).await.status(), 401);
    let profile = app
        .get(&format!("/api/v1/users/{}", awa.id))
        .await
        .text()
        .await
        .unwrap();
    assert!(!profile.contains("Awa"), "{profile}");
    let other: Value = app
        .get_as("/api/v1/me", &moussa.access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(other["email"], "moussa@example.sn");
    assert_eq!(
        app.register("awa@example.sn", PASSWORD).await.status(),
        202,
        "the address is free again"
    );
    assert_eq!(
        app.emails_to("awa@example.sn")
            .await
            .last()
            .unwrap()
            .subject,
        "Confirmez votre adresse e-mail"
    );
}

on_both_databases!(
    a_member_edits_their_profile_with_codes_from_the_taxonomies,
    unknown_codes_are_refused_with_the_field_named,
    a_member_cannot_set_role_email_or_verification_through_the_profile,
    a_stale_if_match_gets_412_and_loses_nothing,
    changing_the_password_keeps_this_session_and_ends_the_others,
    the_export_holds_the_profile_and_sessions,
    deleting_an_account_erases_it_and_leaves_others_intact
);
