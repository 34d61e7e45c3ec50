//! Notifications: only their recipient sees or marks them; other features write them with
//! `marcottage::notifications::notify`.

use marcottage::notifications::{NotificationKind, notify};
use serde_json::json;
use uuid::Uuid;

use crate::{
    contacts::{expect, forged, get, notifications, person, post, request},
    helpers::TestApp,
    on_both_databases,
};

fn hit(n: usize) -> serde_json::Value {
    json!({"title": format!("{n} nouvelles opportunités pour « séchage »"), "link": "/search?q=séchage",
           "saved_search_id": Uuid::now_v7()})
}

async fn user_id(session: &crate::helpers::Session) -> Uuid {
    session.id.parse().unwrap()
}

async fn only_the_recipient_sees_and_marks_a_notification(app: TestApp) {
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let intruder = person(&app, "intrus@example.com", "Intrus").await;
    notify(
        &app.db,
        user_id(&awa).await,
        NotificationKind::SavedSearchHit,
        hit(3),
    )
    .await
    .unwrap();
    let page = notifications(&app, &awa).await;
    assert_eq!(page["unread"], 1);
    let notice = &page["items"][0];
    assert_eq!(notice["kind"], "saved_search_hit");
    assert_eq!(notice["payload"]["link"], "/search?q=séchage");
    assert_eq!(notice["read"], false);
    let id = notice["id"].as_str().unwrap();

    assert_eq!(notifications(&app, &intruder).await["items"], json!([]));
    let theirs = post(
        &app,
        &format!("/api/v1/notifications/{id}/read"),
        &intruder,
        None,
    )
    .await;
    assert_eq!(theirs.status(), 404);
    assert_eq!(
        post(&app, "/api/v1/notifications/read-all", &intruder, None)
            .await
            .status(),
        204
    );
    assert_eq!(
        notifications(&app, &awa).await["unread"],
        1,
        "someone else's read-all changes nothing here"
    );

    let read = expect(
        post(
            &app,
            &format!("/api/v1/notifications/{id}/read"),
            &awa,
            None,
        )
        .await,
        200,
    )
    .await;
    assert_eq!(read["read"], true);
    assert!(read["read_at"].is_string());
    let again = expect(
        post(
            &app,
            &format!("/api/v1/notifications/{id}/read"),
            &awa,
            None,
        )
        .await,
        200,
    )
    .await;
    assert_eq!(
        again["read_at"], read["read_at"],
        "marking twice keeps the first time"
    );
}

async fn unread_counts_pages_and_read_all(app: TestApp) {
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    for n in 1..=5 {
        notify(
            &app.db,
            user_id(&awa).await,
            NotificationKind::SavedSearchHit,
            hit(n),
        )
        .await
        .unwrap();
    }
    let first = expect(get(&app, "/api/v1/notifications?limit=3", &awa).await, 200).await;
    assert_eq!(first["unread"], 5);
    assert!(
        first["items"][0]["payload"]["title"]
            .as_str()
            .unwrap()
            .starts_with('5'),
        "newest first"
    );
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = expect(
        get(
            &app,
            &format!("/api/v1/notifications?limit=3&cursor={cursor}"),
            &awa,
        )
        .await,
        200,
    )
    .await;
    assert_eq!(second["items"].as_array().unwrap().len(), 2);
    assert!(second["next_cursor"].is_null());

    let newest = first["items"][0]["id"].as_str().unwrap();
    expect(
        post(
            &app,
            &format!("/api/v1/notifications/{newest}/read"),
            &awa,
            None,
        )
        .await,
        200,
    )
    .await;
    let unread = expect(
        get(&app, "/api/v1/notifications?unread_only=true", &awa).await,
        200,
    )
    .await;
    assert_eq!(
        (
            unread["unread"].as_u64(),
            unread["items"].as_array().unwrap().len()
        ),
        (Some(4), 4)
    );
    assert_eq!(
        post(&app, "/api/v1/notifications/read-all", &awa, None)
            .await
            .status(),
        204
    );
    let after = notifications(&app, &awa).await;
    assert_eq!(after["unread"], 0);
    assert!(
        after["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|n| n["read"] == true)
    );
    assert_eq!(
        get(&app, "/api/v1/notifications?limit=0", &awa)
            .await
            .status(),
        422
    );
}

async fn notifications_need_a_valid_token(app: TestApp) {
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    assert_eq!(
        request(
            &app,
            reqwest::Method::GET,
            "/api/v1/notifications",
            None,
            None
        )
        .await
        .status(),
        401
    );
    let forged = forged(&awa);
    assert_eq!(
        get(&app, "/api/v1/notifications", &forged).await.status(),
        401
    );
    assert_eq!(
        post(&app, "/api/v1/notifications/read-all", &forged, None)
            .await
            .status(),
        401
    );
}

async fn a_payload_without_title_and_link_is_refused(app: TestApp) {
    let awa = person(&app, "awa@example.sn", "Awa Diop").await;
    let refused = notify(
        &app.db,
        user_id(&awa).await,
        NotificationKind::SavedSearchHit,
        json!({"count": 3}),
    )
    .await;
    assert!(refused.is_err());
    assert_eq!(notifications(&app, &awa).await["items"], json!([]));
}

on_both_databases!(
    only_the_recipient_sees_and_marks_a_notification,
    unread_counts_pages_and_read_all,
    notifications_need_a_valid_token,
    a_payload_without_title_and_link_is_refused
);
