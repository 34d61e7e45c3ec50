//! Joining an organisation by invitation: owners invite an address, and only its holder, with
//! the address confirmed, accepts or declines. Inviting tells the owner nothing about who has an
//! account.

use reqwest::Method;
use serde_json::{Value, json};

use crate::{
    contacts::{expect, get, kinds, notifications, person, post, request},
    helpers::{PASSWORD, Session, TestApp, problem},
    on_both_databases,
};

/// Creates an organisation owned by `owner` and returns its id.
pub async fn organisation(app: &TestApp, owner: &Session, name: &str) -> String {
    let created = expect(
        post(
            app,
            "/api/v1/organisations",
            owner,
            Some(json!({"name": name, "kind": "ngo", "country": "SN"})),
        )
        .await,
        201,
    )
    .await;
    created["id"].as_str().unwrap().to_owned()
}

/// Invites `email` into `organisation` as `owner`; returns the invitation as the owner sees it.
pub async fn invite(
    app: &TestApp,
    owner: &Session,
    organisation: &str,
    email: &str,
    role: &str,
) -> Value {
    let path = format!("/api/v1/organisations/{organisation}/invitations");
    expect(
        post(
            app,
            &path,
            owner,
            Some(json!({"email": email, "role": role})),
        )
        .await,
        202,
    )
    .await
}

/// Makes `invitee` (whose address is `email`) a member of `organisation` with `role`: `owner`
/// invites, the invitee accepts. Members join only this way.
pub async fn invite_and_accept(
    app: &TestApp,
    owner: &Session,
    organisation: &str,
    invitee: &Session,
    email: &str,
    role: &str,
) {
    let invitation = invite(app, owner, organisation, email, role).await;
    let path = format!(
        "/api/v1/invitations/{}/accept",
        invitation["id"].as_str().unwrap()
    );
    expect(post(app, &path, invitee, None).await, 200).await;
}

async fn member_ids(app: &TestApp, organisation: &str) -> Vec<String> {
    let members: Value = app
        .get(&format!("/api/v1/organisations/{organisation}/members"))
        .await
        .json()
        .await
        .unwrap();
    members
        .as_array()
        .unwrap()
        .iter()
        .map(|member| member["user_id"].as_str().unwrap().to_owned())
        .collect()
}

async fn my_invitations(app: &TestApp, session: &Session) -> Value {
    expect(get(app, "/api/v1/me/invitations", session).await, 200).await
}

/// The keys of a JSON object, sorted.
fn keys(value: &Value) -> Vec<String> {
    let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    keys
}

async fn inviting_answers_the_same_for_a_member_an_unknown_address_and_a_member_of_the_organisation(
    app: TestApp,
) {
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    person(&app, "moussa@example.fr", "Moussa Konaté").await;
    let fatou = person(&app, "fatou@example.sn", "Fatou Sarr").await;
    let organisation = organisation(&app, &awa, "Teranga").await;
    invite_and_accept(
        &app,
        &awa,
        &organisation,
        &fatou,
        "fatou@example.sn",
        "editor",
    )
    .await;

    let path = format!("/api/v1/organisations/{organisation}/invitations");
    let mut answers = Vec::new();
    for email in [
        "moussa@example.fr",
        "Personne@Example.SN ",
        "fatou@example.sn",
    ] {
        let response = post(
            &app,
            &path,
            &awa,
            Some(json!({"email": email, "role": "editor"})),
        )
        .await;
        let status = response.status().as_u16();
        let content_type = response.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_owned();
        answers.push((
            status,
            content_type,
            response.json::<Value>().await.unwrap(),
        ));
    }
    for (status, content_type, body) in &answers {
        assert_eq!(*status, 202, "{body}");
        assert_eq!(content_type, "application/json");
        assert_eq!(
            keys(body),
            [
                "created_at",
                "email",
                "expires_at",
                "id",
                "invited_by",
                "organisation_id",
                "role"
            ]
        );
        assert_eq!(body["organisation_id"], organisation.as_str());
        assert_eq!(body["invited_by"], awa.id.as_str());
        assert_eq!(body["role"], "editor");
        let created =
            chrono::DateTime::parse_from_rfc3339(body["created_at"].as_str().unwrap()).unwrap();
        let expires =
            chrono::DateTime::parse_from_rfc3339(body["expires_at"].as_str().unwrap()).unwrap();
        assert_eq!((expires - created).num_days(), 14);
    }
    assert_eq!(
        answers[1].2["email"], "personne@example.sn",
        "the address, normalised"
    );
    assert_eq!(
        member_ids(&app, &organisation).await.len(),
        2,
        "nobody joined by being invited"
    );

    let pending = expect(get(&app, &path, &awa).await, 200).await;
    assert_eq!(pending.as_array().unwrap().len(), 3);

    let malformed = post(
        &app,
        &path,
        &awa,
        Some(json!({"email": "pas une adresse", "role": "editor"})),
    )
    .await;
    assert_eq!(malformed.status(), 422);
    assert_eq!(problem(malformed).await["errors"][0]["field"], "email");
    let too_long = post(
        &app,
        &path,
        &awa,
        Some(json!({"email": format!("{}@example.sn", "a".repeat(250)), "role": "editor"})),
    )
    .await;
    assert_eq!(too_long.status(), 422);
    let unknown_field = post(
        &app,
        &path,
        &awa,
        Some(json!({"email": "x@example.sn", "role": "editor", "user_id": awa.id})),
    )
    .await;
    assert_eq!(unknown_field.status(), 422);
}

async fn the_invitee_is_told_and_joins_only_on_accepting(app: TestApp) {
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let moussa = person(&app, "moussa@example.fr", "Moussa Konaté").await;
    let organisation = organisation(&app, &awa, "Teranga").await;
    let mails_before = app.emails_to("moussa@example.fr").await.len();
    let invitation = invite(&app, &awa, &organisation, "moussa@example.fr", "editor").await;
    let id = invitation["id"].as_str().unwrap();

    let page = notifications(&app, &moussa).await;
    assert_eq!(kinds(&page)[0], "organisation_invitation");
    let payload = &page["items"][0]["payload"];
    assert_eq!(payload["invitation_id"], id);
    assert_eq!(payload["organisation_id"], organisation.as_str());
    assert_eq!(payload["organisation_name"], "Teranga");
    assert_eq!(payload["role"], "editor");
    assert!(payload["title"].as_str().unwrap().contains("Awa Diop"));
    let mails = app.emails_to("moussa@example.fr").await;
    assert_eq!(mails.len(), mails_before + 1);
    let mail = mails.last().unwrap();
    assert!(mail.subject.contains("Teranga"), "{}", mail.subject);
    assert!(mail.body.contains("/organisations"), "{}", mail.body);

    let mine = my_invitations(&app, &moussa).await;
    assert_eq!(mine.as_array().unwrap().len(), 1);
    assert_eq!(mine[0]["id"], id);
    assert_eq!(mine[0]["organisation_name"], "Teranga");
    assert_eq!(mine[0]["role"], "editor");
    assert_eq!(mine[0]["status"], "pending");
    assert_eq!(mine[0]["invited_by"]["display_name"], "Awa Diop");
    assert!(
        !member_ids(&app, &organisation).await.contains(&moussa.id),
        "not a member before accepting"
    );

    let accepted = expect(
        post(
            &app,
            &format!("/api/v1/invitations/{id}/accept"),
            &moussa,
            None,
        )
        .await,
        200,
    )
    .await;
    assert_eq!(accepted["status"], "accepted");
    assert!(
        member_ids(&app, &organisation).await.contains(&moussa.id),
        "a member after accepting"
    );
    let members: Value = app
        .get(&format!("/api/v1/organisations/{organisation}/members"))
        .await
        .json()
        .await
        .unwrap();
    let joined = members
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["user_id"] == moussa.id.as_str())
        .unwrap();
    assert_eq!(joined["role"], "editor");
    assert!(
        my_invitations(&app, &moussa)
            .await
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        notifications(&app, &moussa).await["items"][0]["read"],
        true,
        "answering reads the notice"
    );

    for again in ["accept", "decline"] {
        let twice = post(
            &app,
            &format!("/api/v1/invitations/{id}/{again}"),
            &moussa,
            None,
        )
        .await;
        assert_eq!(twice.status(), 409, "{again}");
    }
    let owner_page = notifications(&app, &awa).await;
    assert_eq!(kinds(&owner_page)[0], "organisation_invitation_answered");
    assert_eq!(owner_page["items"][0]["payload"]["status"], "accepted");
    assert_eq!(owner_page["items"][0]["payload"]["invitation_id"], id);
    assert!(
        owner_page["items"][0]["payload"]["title"]
            .as_str()
            .unwrap()
            .contains("Moussa Konaté")
    );
}

async fn a_member_already_in_keeps_their_role_on_accepting(app: TestApp) {
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let moussa = person(&app, "moussa@example.fr", "Moussa Konaté").await;
    let organisation = organisation(&app, &awa, "Teranga").await;
    invite_and_accept(
        &app,
        &awa,
        &organisation,
        &moussa,
        "moussa@example.fr",
        "editor",
    )
    .await;
    invite_and_accept(
        &app,
        &awa,
        &organisation,
        &moussa,
        "moussa@example.fr",
        "owner",
    )
    .await;
    let members: Value = app
        .get(&format!("/api/v1/organisations/{organisation}/members"))
        .await
        .json()
        .await
        .unwrap();
    let roles: Vec<&str> = members
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["user_id"] == moussa.id.as_str())
        .map(|m| m["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["editor"], "nothing changes");
}

async fn declining_leaves_the_invitee_outside_and_tells_the_owner(app: TestApp) {
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let moussa = person(&app, "moussa@example.fr", "Moussa Konaté").await;
    let organisation = organisation(&app, &awa, "Teranga").await;
    let invitation = invite(&app, &awa, &organisation, "moussa@example.fr", "owner").await;
    let path = format!(
        "/api/v1/invitations/{}/decline",
        invitation["id"].as_str().unwrap()
    );
    let declined = expect(post(&app, &path, &moussa, None).await, 200).await;
    assert_eq!(declined["status"], "declined");
    assert!(!member_ids(&app, &organisation).await.contains(&moussa.id));
    let accept = format!(
        "/api/v1/invitations/{}/accept",
        invitation["id"].as_str().unwrap()
    );
    assert_eq!(
        post(&app, &accept, &moussa, None).await.status(),
        409,
        "a declined invitation stays declined"
    );
    let owner_page = notifications(&app, &awa).await;
    assert_eq!(kinds(&owner_page)[0], "organisation_invitation_answered");
    assert_eq!(owner_page["items"][0]["payload"]["status"], "declined");
    let pending = expect(
        get(
            &app,
            &format!("/api/v1/organisations/{organisation}/invitations"),
            &awa,
        )
        .await,
        200,
    )
    .await;
    assert!(pending.as_array().unwrap().is_empty());
}

async fn an_address_without_an_account_is_invited_to_register_and_the_invitation_waits(
    app: TestApp,
) {
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let organisation = organisation(&app, &awa, "Teranga").await;
    invite(&app, &awa, &organisation, "aminata@example.ml", "editor").await;
    let mails = app.emails_to("aminata@example.ml").await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].subject.contains("Teranga"));
    assert!(
        mails[0].body.contains("http://127.0.0.1:8080/register"),
        "{}",
        mails[0].body
    );
    assert!(
        mails[0].body.contains("aminata@example.ml"),
        "register with this address"
    );

    let aminata = person(&app, "aminata@example.ml", "Aminata Traoré").await;
    let mine = my_invitations(&app, &aminata).await;
    assert_eq!(mine.as_array().unwrap().len(), 1);
    let path = format!(
        "/api/v1/invitations/{}/accept",
        mine[0]["id"].as_str().unwrap()
    );
    expect(post(&app, &path, &aminata, None).await, 200).await;
    assert!(member_ids(&app, &organisation).await.contains(&aminata.id));
}

async fn mail_to_one_address_is_throttled_and_the_answer_stays_the_same(app: TestApp) {
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let organisation = organisation(&app, &awa, "Teranga").await;
    let mut ids = Vec::new();
    for _ in 0..5 {
        ids.push(
            invite(&app, &awa, &organisation, "aminata@example.ml", "editor").await["id"].clone(),
        );
    }
    ids.dedup();
    assert_eq!(
        ids.len(),
        1,
        "inviting again renews the one pending invitation"
    );
    assert_eq!(
        app.emails_to("aminata@example.ml").await.len(),
        3,
        "at most three e-mails an hour to an address"
    );
    let renewed = invite(&app, &awa, &organisation, "aminata@example.ml", "owner").await;
    assert_eq!(renewed["id"], ids[0]);
    assert_eq!(renewed["role"], "owner");
    let pending = expect(
        get(
            &app,
            &format!("/api/v1/organisations/{organisation}/invitations"),
            &awa,
        )
        .await,
        200,
    )
    .await;
    assert_eq!(pending.as_array().unwrap().len(), 1);
}

async fn a_stranger_neither_sees_nor_answers_someone_elses_invitation(app: TestApp) {
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let moussa = person(&app, "moussa@example.fr", "Moussa Konaté").await;
    let mallory = person(&app, "mallory@example.net", "Mallory").await;
    let organisation = organisation(&app, &awa, "Teranga").await;
    let invitation = invite(&app, &awa, &organisation, "moussa@example.fr", "owner").await;
    let id = invitation["id"].as_str().unwrap();

    assert!(
        my_invitations(&app, &mallory)
            .await
            .as_array()
            .unwrap()
            .is_empty()
    );
    for action in ["accept", "decline"] {
        let answer = post(
            &app,
            &format!("/api/v1/invitations/{id}/{action}"),
            &mallory,
            None,
        )
        .await;
        assert_eq!(answer.status(), 404, "{action}");
        assert_eq!(problem(answer).await["code"], "not_found");
    }
    let unknown = post(
        &app,
        &format!("/api/v1/invitations/{}/accept", uuid::Uuid::now_v7()),
        &mallory,
        None,
    )
    .await;
    assert_eq!(
        unknown.status(),
        404,
        "the same as for an invitation that does not exist"
    );
    let invitations = format!("/api/v1/organisations/{organisation}/invitations");
    assert_eq!(get(&app, &invitations, &mallory).await.status(), 403);
    assert_eq!(
        request(
            &app,
            Method::DELETE,
            &format!("{invitations}/{id}"),
            Some(&mallory),
            None
        )
        .await
        .status(),
        403
    );
    let anonymous = request(
        &app,
        Method::POST,
        &format!("/api/v1/invitations/{id}/accept"),
        None,
        None,
    )
    .await;
    assert_eq!(anonymous.status(), 401);
    assert!(!member_ids(&app, &organisation).await.contains(&mallory.id));
    assert_eq!(
        my_invitations(&app, &moussa)
            .await
            .as_array()
            .unwrap()
            .len(),
        1,
        "still pending for its invitee"
    );
}

async fn only_owners_invite(app: TestApp) {
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let fatou = person(&app, "fatou@example.sn", "Fatou Sarr").await;
    let mallory = person(&app, "mallory@example.net", "Mallory").await;
    let organisation = organisation(&app, &awa, "Teranga").await;
    invite_and_accept(
        &app,
        &awa,
        &organisation,
        &fatou,
        "fatou@example.sn",
        "editor",
    )
    .await;
    let path = format!("/api/v1/organisations/{organisation}/invitations");
    let body = json!({"email": "mallory@example.net", "role": "owner"});
    for (who, session) in [("an editor", &fatou), ("a stranger", &mallory)] {
        let refused = post(&app, &path, session, Some(body.clone())).await;
        assert_eq!(refused.status(), 403, "{who}");
        assert_eq!(problem(refused).await["code"], "forbidden");
        assert_eq!(get(&app, &path, session).await.status(), 403, "{who} lists");
    }
    assert_eq!(
        app.emails_to("mallory@example.net").await.len(),
        1,
        "only the verification e-mail"
    );
    let nowhere = format!("/api/v1/organisations/{}/invitations", uuid::Uuid::now_v7());
    assert_eq!(
        post(&app, &nowhere, &awa, Some(body.clone()))
            .await
            .status(),
        404
    );
    assert_eq!(get(&app, &nowhere, &awa).await.status(), 404);
    let anonymous = request(&app, Method::POST, &path, None, Some(body)).await;
    assert_eq!(anonymous.status(), 401);
    // The old direct addition is gone.
    let added = post(
        &app,
        &format!("/api/v1/organisations/{organisation}/members"),
        &awa,
        Some(json!({"email": "mallory@example.net", "role": "editor"})),
    )
    .await;
    assert_eq!(added.status(), 405);
}

async fn an_unconfirmed_address_neither_sees_nor_accepts_its_invitations(app: TestApp) {
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let organisation = organisation(&app, &awa, "Teranga").await;
    let invitation = invite(&app, &awa, &organisation, "ceo@ong-exemple.org", "owner").await;
    // Someone registers with an address that is not theirs, and never confirms it.
    assert_eq!(
        app.register("ceo@ong-exemple.org", PASSWORD).await.status(),
        202
    );
    let impostor = app.log_in("ceo@ong-exemple.org", PASSWORD).await;
    let accept = format!(
        "/api/v1/invitations/{}/accept",
        invitation["id"].as_str().unwrap()
    );
    let refused = post(&app, &accept, &impostor, None).await;
    assert_eq!(refused.status(), 403);
    assert_eq!(problem(refused).await["code"], "email_not_verified");
    let listed = get(&app, "/api/v1/me/invitations", &impostor).await;
    assert_eq!(listed.status(), 403);
    assert_eq!(problem(listed).await["code"], "email_not_verified");
    assert!(!member_ids(&app, &organisation).await.contains(&impostor.id));
}

async fn an_expired_invitation_cannot_be_accepted(app: TestApp) {
    use marcottage::entities::organisation_invitation;
    use sea_orm::{ActiveValue::Set, EntityTrait};
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let moussa = person(&app, "moussa@example.fr", "Moussa Konaté").await;
    let organisation = organisation(&app, &awa, "Teranga").await;
    let invitation = invite(&app, &awa, &organisation, "moussa@example.fr", "editor").await;
    let id: uuid::Uuid = invitation["id"].as_str().unwrap().parse().unwrap();
    organisation_invitation::Entity::update(organisation_invitation::ActiveModel {
        id: Set(id),
        expires_at: Set(chrono::Utc::now() - chrono::TimeDelta::minutes(1)),
        ..Default::default()
    })
    .exec(&app.db)
    .await
    .unwrap();
    let accepted = post(
        &app,
        &format!("/api/v1/invitations/{id}/accept"),
        &moussa,
        None,
    )
    .await;
    assert_eq!(accepted.status(), 409);
    assert!(!member_ids(&app, &organisation).await.contains(&moussa.id));
    assert!(
        my_invitations(&app, &moussa)
            .await
            .as_array()
            .unwrap()
            .is_empty()
    );
    let pending = expect(
        get(
            &app,
            &format!("/api/v1/organisations/{organisation}/invitations"),
            &awa,
        )
        .await,
        200,
    )
    .await;
    assert!(
        pending.as_array().unwrap().is_empty(),
        "an expired invitation is no longer pending"
    );

    // Inviting again renews it.
    let renewed = invite(&app, &awa, &organisation, "moussa@example.fr", "editor").await;
    assert_eq!(renewed["id"], invitation["id"]);
    expect(
        post(
            &app,
            &format!("/api/v1/invitations/{id}/accept"),
            &moussa,
            None,
        )
        .await,
        200,
    )
    .await;
}

async fn owners_withdraw_a_pending_invitation(app: TestApp) {
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let moussa = person(&app, "moussa@example.fr", "Moussa Konaté").await;
    let organisation = organisation(&app, &awa, "Teranga").await;
    let invitation = invite(&app, &awa, &organisation, "moussa@example.fr", "editor").await;
    let id = invitation["id"].as_str().unwrap();
    let invitations = format!("/api/v1/organisations/{organisation}/invitations");
    let pending = expect(get(&app, &invitations, &awa).await, 200).await;
    assert_eq!(pending[0]["id"], id);
    assert_eq!(pending[0]["email"], "moussa@example.fr");

    let withdrawn = request(
        &app,
        Method::DELETE,
        &format!("{invitations}/{id}"),
        Some(&awa),
        None,
    )
    .await;
    assert_eq!(withdrawn.status(), 204);
    assert!(
        expect(get(&app, &invitations, &awa).await, 200)
            .await
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(
        my_invitations(&app, &moussa)
            .await
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        post(
            &app,
            &format!("/api/v1/invitations/{id}/accept"),
            &moussa,
            None
        )
        .await
        .status(),
        404
    );
    assert!(!member_ids(&app, &organisation).await.contains(&moussa.id));
    let again = request(
        &app,
        Method::DELETE,
        &format!("{invitations}/{id}"),
        Some(&awa),
        None,
    )
    .await;
    assert_eq!(again.status(), 404);
}

on_both_databases!(
    inviting_answers_the_same_for_a_member_an_unknown_address_and_a_member_of_the_organisation,
    the_invitee_is_told_and_joins_only_on_accepting,
    a_member_already_in_keeps_their_role_on_accepting,
    declining_leaves_the_invitee_outside_and_tells_the_owner,
    an_address_without_an_account_is_invited_to_register_and_the_invitation_waits,
    mail_to_one_address_is_throttled_and_the_answer_stays_the_same,
    a_stranger_neither_sees_nor_answers_someone_elses_invitation,
    only_owners_invite,
    an_unconfirmed_address_neither_sees_nor_accepts_its_invitations,
    an_expired_invitation_cannot_be_accepted,
    owners_withdraw_a_pending_invitation
);
