//! Introductions: facilitators propose, each side answers, both yes opens a conversation.

use serde_json::{Value, json};

use crate::{
    contacts::{
        expect, facilitator, get, kinds, notifications, opportunity, person, post, project,
    },
    helpers::{Session, TestApp, problem},
    on_both_databases,
};

fn introduction(a: (&str, &str), b: (&str, &str)) -> Option<Value> {
    Some(
        json!({"a": {"kind": a.0, "id": a.1}, "b": {"kind": b.0, "id": b.1},
        "note": "Vous travaillez tous deux sur le séchage des mangues en Casamance."}),
    )
}

async fn introduce(
    app: &TestApp,
    by: &Session,
    a: (&str, &str),
    b: (&str, &str),
) -> reqwest::Response {
    post(app, "/api/v1/introductions", by, introduction(a, b)).await
}

async fn a_member_cannot_introduce_anyone(app: TestApp) {
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let moussa = person(&app, "moussa@example.fr", "Moussa Konaté").await;
    let aminata = person(&app, "aminata@example.ci", "Aminata Traoré").await;
    let refused = introduce(&app, &awa, ("member", &moussa.id), ("member", &aminata.id)).await;
    assert_eq!(refused.status(), 403);
    assert_eq!(problem(refused).await["code"], "forbidden");
    assert_eq!(notifications(&app, &moussa).await["items"], json!([]));
    let anonymous = app
        .post_json(
            "/api/v1/introductions",
            &introduction(("member", &moussa.id), ("member", &aminata.id)).unwrap(),
        )
        .await;
    assert_eq!(anonymous.status(), 401);
}

async fn both_sides_accept_and_a_conversation_opens_with_the_facilitator(app: TestApp) {
    let fatou = facilitator(&app, "fatou@example.sn", "Fatou Sarr").await;
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let moussa = person(&app, "moussa@example.fr", "Moussa Konaté").await;
    let mango = project(&app, &awa, "published", None).await;

    let made = expect(
        introduce(&app, &fatou, ("project", &mango), ("member", &moussa.id)).await,
        201,
    )
    .await;
    assert_eq!(made["status"], "pending");
    assert_eq!(
        made["a"]["member"]["display_name"], "Awa Diop",
        "the project's owner stands for it"
    );
    assert_eq!(
        made["a"]["title"],
        "Séchage solaire de mangues en Casamance"
    );
    assert_eq!(made["facilitator"]["display_name"], "Fatou Sarr");
    let path = format!("/api/v1/introductions/{}", made["id"].as_str().unwrap());
    for side in [&awa, &moussa] {
        assert_eq!(
            kinds(&notifications(&app, side).await),
            ["introduction_proposed"]
        );
        let listed = expect(get(&app, "/api/v1/introductions", side).await, 200).await;
        assert_eq!(listed["items"][0]["id"], made["id"]);
    }
    let outsider = person(&app, "intrus@example.com", "Intrus").await;
    assert_eq!(get(&app, &path, &outsider).await.status(), 404);
    assert_eq!(
        post(&app, &format!("{path}/accept"), &outsider, None)
            .await
            .status(),
        404
    );
    assert_eq!(
        post(&app, &format!("{path}/accept"), &fatou, None)
            .await
            .status(),
        403,
        "the facilitator is not a side"
    );

    let half = expect(post(&app, &format!("{path}/accept"), &awa, None).await, 200).await;
    assert_eq!(
        (half["status"].as_str(), half["a"]["answer"].as_str()),
        (Some("pending"), Some("accepted"))
    );
    assert!(half["conversation_id"].is_null());
    assert_eq!(
        post(&app, &format!("{path}/accept"), &awa, None)
            .await
            .status(),
        409,
        "one answer per side"
    );
    let done = expect(
        post(&app, &format!("{path}/accept"), &moussa, None).await,
        200,
    )
    .await;
    assert_eq!(done["status"], "accepted");
    let conversation = done["conversation_id"].as_str().unwrap();

    let view = expect(
        get(
            &app,
            &format!("/api/v1/conversations/{conversation}"),
            &fatou,
        )
        .await,
        200,
    )
    .await;
    let mut names: Vec<&str> = view["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["display_name"].as_str().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["Awa Diop", "Fatou Sarr", "Moussa Konaté"]);
    assert_eq!(view["introduction_id"], made["id"]);
    let facilitator_news = notifications(&app, &fatou).await;
    assert_eq!(
        kinds(&facilitator_news),
        ["introduction_answered", "introduction_answered"]
    );
    assert_eq!(
        facilitator_news["items"][0]["payload"]["conversation_id"],
        conversation
    );
    let made_list = expect(get(&app, "/api/v1/introductions", &fatou).await, 200).await;
    assert_eq!(made_list["items"][0]["conversation_id"], conversation);
}

async fn a_declined_introduction_opens_nothing(app: TestApp) {
    let fatou = facilitator(&app, "fatou@example.sn", "Fatou Sarr").await;
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let moussa = person(&app, "moussa@example.fr", "Moussa Konaté").await;
    let made = expect(
        introduce(&app, &fatou, ("member", &awa.id), ("member", &moussa.id)).await,
        201,
    )
    .await;
    let path = format!("/api/v1/introductions/{}", made["id"].as_str().unwrap());
    let declined = expect(
        post(&app, &format!("{path}/decline"), &moussa, None).await,
        200,
    )
    .await;
    assert_eq!(
        (
            declined["status"].as_str(),
            declined["b"]["answer"].as_str()
        ),
        (Some("declined"), Some("declined"))
    );
    assert_eq!(
        post(&app, &format!("{path}/accept"), &awa, None)
            .await
            .status(),
        409
    );
    assert_eq!(
        expect(get(&app, "/api/v1/conversations", &awa).await, 200).await["items"],
        json!([])
    );
    let told = notifications(&app, &awa).await;
    assert_eq!(
        kinds(&told),
        ["introduction_answered", "introduction_proposed"]
    );
    assert_eq!(told["items"][0]["payload"]["status"], "declined");
}

async fn nobody_is_introduced_to_themself(app: TestApp) {
    let fatou = facilitator(&app, "fatou@example.sn", "Fatou Sarr").await;
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let offer = opportunity(&app, &awa, "Partenaire pour une unité de séchage", false).await;
    // Awa directly, and Awa through her signed opportunity: the same member. (Behind an
    // anonymous item the answer may not depend on its owner: tests/api/anonymity.rs.)
    let same = introduce(&app, &fatou, ("member", &awa.id), ("opportunity", &offer)).await;
    assert_eq!(same.status(), 422);
    assert_eq!(problem(same).await["errors"][0]["code"], "same_member");
    let herself = introduce(&app, &fatou, ("member", &fatou.id), ("member", &awa.id)).await;
    assert_eq!(
        problem(herself).await["errors"][0]["code"],
        "facilitator_is_side"
    );
    let unknown = uuid::Uuid::now_v7().to_string();
    let missing =
        problem(introduce(&app, &fatou, ("member", &awa.id), ("project", &unknown)).await).await;
    assert_eq!(missing["errors"][0]["field"], "b.id");
    let draft = project(&app, &awa, "draft", None).await;
    let private =
        problem(introduce(&app, &fatou, ("project", &draft), ("member", &fatou.id)).await).await;
    assert_eq!(private["errors"][0]["field"], "a.id", "drafts are private");
}

async fn an_anonymous_side_stays_hidden_until_both_accept(app: TestApp) {
    let fatou = facilitator(&app, "fatou@example.sn", "Fatou Sarr").await;
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let moussa = person(&app, "moussa@example.fr", "Moussa Konaté").await;
    let offer = opportunity(&app, &awa, "Associé discret pour le séchage", true).await;
    let made = expect(
        introduce(
            &app,
            &fatou,
            ("member", &moussa.id),
            ("opportunity", &offer),
        )
        .await,
        201,
    )
    .await;
    let path = format!("/api/v1/introductions/{}", made["id"].as_str().unwrap());
    let secrets = [awa.id.as_str(), "Awa Diop", "awa@example.sn"];
    for reader in [&moussa, &fatou] {
        let seen = expect(get(&app, &path, reader).await, 200)
            .await
            .to_string();
        let news = notifications(&app, reader).await.to_string();
        for secret in secrets {
            assert!(
                !seen.contains(secret) && !news.contains(secret),
                "{secret} leaked"
            );
        }
    }
    let own_view = expect(get(&app, &path, &awa).await, 200).await;
    assert_eq!(
        own_view["b"]["member"]["display_name"], "Awa Diop",
        "the owner sees their own side"
    );
    expect(post(&app, &format!("{path}/accept"), &awa, None).await, 200).await;
    let half = expect(get(&app, &path, &moussa).await, 200).await;
    assert!(
        half["b"]["member"].is_null(),
        "one acceptance is not enough"
    );
    let moussa_news = notifications(&app, &moussa).await.to_string();
    assert!(!moussa_news.contains("Awa Diop"));
    expect(
        post(&app, &format!("{path}/accept"), &moussa, None).await,
        200,
    )
    .await;
    let both = expect(get(&app, &path, &moussa).await, 200).await;
    assert_eq!(both["b"]["member"]["display_name"], "Awa Diop");
}

on_both_databases!(
    a_member_cannot_introduce_anyone,
    both_sides_accept_and_a_conversation_opens_with_the_facilitator,
    a_declined_introduction_opens_nothing,
    nobody_is_introduced_to_themself,
    an_anonymous_side_stays_hidden_until_both_accept
);
