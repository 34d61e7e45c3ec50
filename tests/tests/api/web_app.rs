use std::path::PathBuf;

use crate::helpers::{Backend, problem, spawn_app_with};

/// A stand-in build of the web app, so that this test does not depend on `npm run build`.
fn built_web_app() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("marcottage-web-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>Marcottage</title>",
    )
    .unwrap();
    std::fs::write(dir.join("assets/app.js"), "console.log('hi')").unwrap();
    dir
}

#[tokio::test]
async fn the_web_app_is_served_with_client_side_routes_and_the_api_beside_it() {
    let web_dir = built_web_app();
    let app = spawn_app_with(Backend::Sqlite, |config| config.web_dir = web_dir.clone())
        .await
        .unwrap();

    let home = app.get("/").await;
    assert_eq!(home.status(), 200);
    assert!(
        home.text()
            .await
            .unwrap()
            .contains("<title>Marcottage</title>")
    );
    let asset = app.get("/assets/app.js").await;
    assert_eq!(asset.status(), 200);
    assert!(asset.text().await.unwrap().contains("console.log"));

    let deep_link = app
        .get("/fr/projects/0192f0c1-7b7e-7cc0-9c59-1b2f6b0c1d2e")
        .await;
    assert_eq!(deep_link.status(), 200, "client-side routes get index.html");
    assert!(
        deep_link
            .text()
            .await
            .unwrap()
            .contains("<title>Marcottage</title>")
    );

    let api_miss = app.get("/api/v1/nothing-here").await;
    assert_eq!(
        api_miss.status(),
        404,
        "API paths never fall back to the web app"
    );
    assert_eq!(problem(api_miss).await["code"], "not_found");
    assert_eq!(app.get("/api/v1/taxonomies/sdgs").await.status(), 200);
    assert_eq!(
        app.client
            .delete(app.url("/healthz"))
            .send()
            .await
            .unwrap()
            .status(),
        405
    );
    std::fs::remove_dir_all(web_dir).ok();
}
