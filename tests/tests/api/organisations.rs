use serde_json::{Value, json};

use crate::{
    helpers::{Session, TestApp, problem},
    invitations::invite_and_accept,
    on_both_databases,
};

fn teranga() -> Value {
    json!({"name": "Association Teranga Lyon", "kind": "diaspora_association", "country": "FR",
           "city": "Lyon", "website": "https://teranga.example.org",
           "description": "Diaspora sénégalaise pour l'agro-transformation en Casamance"})
}

impl TestApp {
    async fn create_organisation(&self, session: &Session, body: &Value) -> reqwest::Response {
        self.client
            .post(self.url("/api/v1/organisations"))
            .bearer_auth(&session.access)
            .json(body)
            .send()
            .await
            .unwrap()
    }

    async fn organisation_of(&self, session: &Session) -> Value {
        let response = self.create_organisation(session, &teranga()).await;
        assert_eq!(response.status(), 201);
        response.json().await.unwrap()
    }

    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        session: &Session,
        body: Option<Value>,
    ) -> reqwest::Response {
        let mut request = self
            .client
            .request(method, self.url(path))
            .bearer_auth(&session.access);
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.unwrap()
    }

    async fn facilitator(&self, email: &str) -> Session {
        self.member(email).await;
        marcottage::accounts::admin::grant(
            &self.db,
            email,
            marcottage::accounts::Role::Facilitator,
        )
        .await
        .unwrap();
        self.log_in(email, crate::helpers::PASSWORD).await
    }
}

use reqwest::Method;

async fn a_member_creates_an_organisation_and_becomes_its_owner(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let response = app.create_organisation(&awa, &teranga()).await;
    assert_eq!(response.status(), 201);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(response.headers().contains_key("etag"));
    let created: Value = response.json().await.unwrap();
    assert_eq!(created["verified"], false);
    assert_eq!(created["kind"], "diaspora_association");
    assert_eq!(
        location,
        format!("/api/v1/organisations/{}", created["id"].as_str().unwrap())
    );

    let fetched: Value = app.get(&location).await.json().await.unwrap();
    assert_eq!(fetched["name"], "Association Teranga Lyon");
    let members: Value = app
        .get(&format!("{location}/members"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(members[0]["user_id"], awa.id.as_str());
    assert_eq!(members[0]["role"], "owner");
    assert_eq!(members[0]["display_name"], "Awa Diop");
    assert!(
        !members.to_string().contains("awa@example.sn"),
        "no e-mail in public lists"
    );
}

async fn creating_with_forbidden_or_unknown_fields_is_refused(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    for (extra, field) in [
        ("verified", json!(true)),
        ("owner", json!(awa.id)),
        ("id", json!(uuid::Uuid::now_v7())),
        ("version", json!(7)),
    ] {
        let mut body = teranga();
        body[extra] = field;
        let response = app.create_organisation(&awa, &body).await;
        assert_eq!(response.status(), 422, "{extra}");
    }
    let mut unknown_country = teranga();
    unknown_country["country"] = json!("ZZ");
    let body = problem(app.create_organisation(&awa, &unknown_country).await).await;
    assert_eq!(body["errors"][0]["field"], "country");
    let mut bad_site = teranga();
    bad_site["website"] = json!("javascript:alert(1)");
    assert_eq!(app.create_organisation(&awa, &bad_site).await.status(), 422);
    let page: Value = app.get("/api/v1/organisations").await.json().await.unwrap();
    assert_eq!(
        page["items"].as_array().unwrap().len(),
        0,
        "nothing was created"
    );
}

async fn another_member_cannot_edit_or_delete_someone_elses_organisation(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let mallory = app.member("mallory@example.net").await;
    let organisation = app.organisation_of(&awa).await;
    let path = format!(
        "/api/v1/organisations/{}",
        organisation["id"].as_str().unwrap()
    );

    let edit = app
        .send(
            Method::PATCH,
            &path,
            &mallory,
            Some(json!({"name": "Hijacked"})),
        )
        .await;
    assert_eq!(edit.status(), 403);
    let delete = app.send(Method::DELETE, &path, &mallory, None).await;
    assert_eq!(delete.status(), 403);
    let invite_self = app
        .send(
            Method::POST,
            &format!("{path}/invitations"),
            &mallory,
            Some(json!({"email": "mallory@example.net", "role": "owner"})),
        )
        .await;
    assert_eq!(invite_self.status(), 403);
    let remove_owner = app
        .send(
            Method::DELETE,
            &format!("{path}/members/{}", awa.id),
            &mallory,
            None,
        )
        .await;
    assert_eq!(remove_owner.status(), 403);
    let anonymous = app
        .client
        .patch(app.url(&path))
        .json(&json!({"name": "x y"}))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);

    let unchanged: Value = app.get(&path).await.json().await.unwrap();
    assert_eq!(unchanged["name"], "Association Teranga Lyon");
    assert_eq!(unchanged["version"], 1);
}

async fn owners_and_editors_edit_with_if_match_and_a_member_cannot_set_verified(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let organisation = app.organisation_of(&awa).await;
    let path = format!(
        "/api/v1/organisations/{}",
        organisation["id"].as_str().unwrap()
    );
    let etag = app.get(&path).await.headers()["etag"]
        .to_str()
        .unwrap()
        .to_owned();

    let verified = app
        .send(Method::PATCH, &path, &awa, Some(json!({"verified": true})))
        .await;
    assert_eq!(verified.status(), 422, "verified is not an editable field");

    let edit = app
        .client
        .patch(app.url(&path))
        .bearer_auth(&awa.access)
        .header("If-Match", &etag)
        .json(&json!({"city": "Villeurbanne", "website": null}))
        .send()
        .await
        .unwrap();
    assert_eq!(edit.status(), 200);
    let body: Value = edit.json().await.unwrap();
    assert_eq!(body["city"], "Villeurbanne");
    assert!(body["website"].is_null());
    assert_eq!(body["verified"], false);

    let stale = app
        .client
        .patch(app.url(&path))
        .bearer_auth(&awa.access)
        .header("If-Match", &etag)
        .json(&json!({"city": "Paris"}))
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), 412);
    let stale_delete = app
        .client
        .delete(app.url(&path))
        .bearer_auth(&awa.access)
        .header("If-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(stale_delete.status(), 412);

    let moussa = app.member("moussa@example.sn").await;
    invite_and_accept(
        &app,
        &awa,
        organisation["id"].as_str().unwrap(),
        &moussa,
        "Moussa@Example.sn",
        "editor",
    )
    .await;
    let by_editor = app
        .send(
            Method::PATCH,
            &path,
            &moussa,
            Some(json!({"description": "Mise à jour par l'éditeur"})),
        )
        .await;
    assert_eq!(by_editor.status(), 200);
    let editor_deletes = app.send(Method::DELETE, &path, &moussa, None).await;
    assert_eq!(editor_deletes.status(), 403, "only owners delete");
    let editor_invites = app
        .send(
            Method::POST,
            &format!("{path}/invitations"),
            &moussa,
            Some(json!({"email": "awa@example.sn", "role": "owner"})),
        )
        .await;
    assert_eq!(editor_invites.status(), 403, "only owners manage members");

    let deleted = app.send(Method::DELETE, &path, &awa, None).await;
    assert_eq!(deleted.status(), 204);
    assert_eq!(app.get(&path).await.status(), 404);
}

async fn only_facilitators_verify_organisations(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let organisation = app.organisation_of(&awa).await;
    let path = format!(
        "/api/v1/organisations/{}/verification",
        organisation["id"].as_str().unwrap()
    );
    assert_eq!(
        app.send(Method::POST, &path, &awa, None).await.status(),
        403,
        "not even the owner"
    );
    let fatou = app.facilitator("fatou@example.sn").await;
    let verified = app.send(Method::POST, &path, &fatou, None).await;
    assert_eq!(verified.status(), 200);
    assert_eq!(verified.json::<Value>().await.unwrap()["verified"], true);
    let listed: Value = app
        .get("/api/v1/organisations?verified=true")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
    assert_eq!(
        app.send(Method::DELETE, &path, &fatou, None)
            .await
            .json::<Value>()
            .await
            .unwrap()["verified"],
        false
    );
}

async fn invited_members_change_roles_and_leave_but_the_last_owner_stays(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let moussa = app.member("moussa@example.sn").await;
    let organisation = app.organisation_of(&awa).await;
    let id = organisation["id"].as_str().unwrap();
    let members = format!("/api/v1/organisations/{id}/members");

    invite_and_accept(&app, &awa, id, &moussa, "moussa@example.sn", "editor").await;
    let list: Value = app.get(&members).await.json().await.unwrap();
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(list[1]["role"], "editor");

    let awa_leaves = app
        .send(Method::DELETE, &format!("{members}/{}", awa.id), &awa, None)
        .await;
    assert_eq!(awa_leaves.status(), 409, "the last owner cannot leave");
    let awa_steps_down = app
        .send(
            Method::PATCH,
            &format!("{members}/{}", awa.id),
            &awa,
            Some(json!({"role": "editor"})),
        )
        .await;
    assert_eq!(awa_steps_down.status(), 409, "nor step down");

    let promoted = app
        .send(
            Method::PATCH,
            &format!("{members}/{}", moussa.id),
            &awa,
            Some(json!({"role": "owner"})),
        )
        .await;
    assert_eq!(promoted.status(), 200);
    assert_eq!(
        app.send(Method::DELETE, &format!("{members}/{}", awa.id), &awa, None)
            .await
            .status(),
        204,
        "now she may leave"
    );
    let list: Value = app.get(&members).await.json().await.unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["user_id"], moussa.id.as_str());
}

async fn a_replayed_idempotency_key_creates_one_organisation(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let post = |body: Value, key: &'static str| {
        app.client
            .post(app.url("/api/v1/organisations"))
            .bearer_auth(&awa.access)
            .header("Idempotency-Key", key)
            .json(&body)
            .send()
    };
    let first = post(teranga(), "create-teranga-1").await.unwrap();
    assert_eq!(first.status(), 201);
    let first_location = first.headers()["location"].clone();
    let first_body: Value = first.json().await.unwrap();
    let replay = post(teranga(), "create-teranga-1").await.unwrap();
    assert_eq!(replay.status(), 201);
    assert_eq!(replay.headers()["location"], first_location);
    assert_eq!(replay.json::<Value>().await.unwrap(), first_body);

    let mut other = teranga();
    other["name"] = json!("Une autre association");
    let reused = post(other, "create-teranga-1").await.unwrap();
    assert_eq!(reused.status(), 422);
    assert_eq!(
        problem(reused).await["errors"][0]["field"],
        "Idempotency-Key"
    );

    let page: Value = app.get("/api/v1/organisations").await.json().await.unwrap();
    assert_eq!(
        page["items"].as_array().unwrap().len(),
        1,
        "one organisation, whatever the retries"
    );
}

async fn the_list_filters_and_pages_without_repeats_while_rows_are_added(app: TestApp) {
    let awa = app.member("awa@example.sn").await;
    let kinds = [
        "ngo",
        "company",
        "local_authority",
        "funder",
        "diaspora_association",
    ];
    for n in 0..12 {
        let body = json!({"name": format!("Organisation {n:02}"), "kind": kinds[n % kinds.len()],
                          "country": if n % 2 == 0 { "SN" } else { "FR" }, "description": if n == 7 { "Coopérative de mangues" } else { "Autre" }});
        assert_eq!(app.create_organisation(&awa, &body).await.status(), 201);
    }
    let senegal: Value = app
        .get("/api/v1/organisations?country=SN&kind=ngo")
        .await
        .json()
        .await
        .unwrap();
    assert!(
        senegal["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["country"] == "SN" && o["kind"] == "ngo")
    );
    let words: Value = app
        .get("/api/v1/organisations?q=MANGUES")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(words["items"][0]["name"], "Organisation 07");

    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(cursor) => format!("/api/v1/organisations?limit=5&cursor={cursor}"),
            None => "/api/v1/organisations?limit=5".to_owned(),
        };
        let page: Value = app.get(&path).await.json().await.unwrap();
        seen.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["id"].as_str().unwrap().to_owned()),
        );
        // Someone creates an organisation between two pages.
        app.create_organisation(
            &awa,
            &json!({"name": "Arrivée en cours de route", "kind": "other", "country": "ML"}),
        )
        .await;
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), seen.len(), "no organisation twice");
    assert_eq!(
        seen.len(),
        12,
        "every organisation that existed at the start, once"
    );

    assert_eq!(
        app.get("/api/v1/organisations?limit=1000").await.status(),
        422
    );
    assert_eq!(app.get("/api/v1/organisations?limit=0").await.status(), 422);
    assert_eq!(
        app.get("/api/v1/organisations?cursor=garbage")
            .await
            .status(),
        422
    );
}

on_both_databases!(
    a_member_creates_an_organisation_and_becomes_its_owner,
    creating_with_forbidden_or_unknown_fields_is_refused,
    another_member_cannot_edit_or_delete_someone_elses_organisation,
    owners_and_editors_edit_with_if_match_and_a_member_cannot_set_verified,
    only_facilitators_verify_organisations,
    invited_members_change_roles_and_leave_but_the_last_owner_stays,
    a_replayed_idempotency_key_creates_one_organisation,
    the_list_filters_and_pages_without_repeats_while_rows_are_added
);
