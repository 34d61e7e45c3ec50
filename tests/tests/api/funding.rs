//! Calls for projects, applications checked against the calls' rules and reviewed by the
//! funders, financing plans and result indicators.

use chrono::{Days, NaiveDate, TimeDelta, Utc};
use reqwest::Method;
use serde_json::{Value, json};

use crate::{
    contacts::{expect, get, kinds, notifications, person, post, request},
    helpers::{Session, TestApp},
    invitations::invite_and_accept,
    on_both_databases,
};

/// Creates an organisation of `kind` owned by `owner` and returns its id.
async fn organisation(app: &TestApp, owner: &Session, name: &str, kind: &str) -> String {
    let body = json!({"name": name, "kind": kind, "country": "SN"});
    let created = expect(
        post(app, "/api/v1/organisations", owner, Some(body)).await,
        201,
    )
    .await;
    created["id"].as_str().unwrap().to_owned()
}

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

fn day(offset: i64) -> String {
    let today = today();
    let day = if offset >= 0 {
        today.checked_add_days(Days::new(offset as u64))
    } else {
        today.checked_sub_days(Days::new(offset.unsigned_abs()))
    };
    day.unwrap().to_string()
}

/// A call of `funder`, open from ten days ago for a month, changed by `overrides`.
fn call_body(funder: &str, overrides: Value) -> Value {
    let mut body = json!({
        "funder_id": funder,
        "programme_name": "Coopération de territoire à territoire",
        "programme_code": "PCTT-2027",
        "title": "Appel à projets agro-alimentaire et numérique",
        "description": "Le programme cofinance les projets de coopération entre collectivités françaises et sénégalaises.",
        "currency": "EUR",
        "total_budget": 12_500_000,
        "max_grant": 200_000,
        "max_cofinancing_rate": 50,
        "applicant_kinds": ["local_authority", "ngo"],
        "countries": ["SN"],
        "sectors": ["321"],
        "opens_on": day(-10),
        "closes_on": day(30),
        "time_zone": "Africa/Dakar",
        "grants_expected": 10
    });
    if let (Some(all), Value::Object(changes)) = (body.as_object_mut(), overrides) {
        all.extend(changes);
    }
    body
}

pub(crate) async fn publish(
    app: &TestApp,
    editor: &Session,
    funder: &str,
    overrides: Value,
) -> Value {
    let body = call_body(funder, overrides);
    expect(
        post(app, "/api/v1/funding-calls", editor, Some(body)).await,
        201,
    )
    .await
}

/// A funder (a public agency) with its editor, and an applicant: a local authority whose
/// owner has a published project in Senegal, in agro-industries (32161).
pub(crate) struct Scene {
    pub(crate) funder: String,
    pub(crate) funder_editor: Session,
    pub(crate) applicant: String,
    pub(crate) owner: Session,
    pub(crate) project: String,
}

pub(crate) async fn scene(app: &TestApp) -> Scene {
    let funder_editor = person(app, "agence@example.org", "Agence de coopération").await;
    let funder = organisation(
        app,
        &funder_editor,
        "Agence de coopération",
        "public_agency",
    )
    .await;
    let owner = person(app, "awa@example.org", "Awa Diop").await;
    let applicant = organisation(app, &owner, "Commune de Bignona", "local_authority").await;
    let project = crate::contacts::project(app, &owner, "published", Some(&applicant)).await;
    Scene {
        funder,
        funder_editor,
        applicant,
        owner,
        project,
    }
}

pub(crate) fn application(scene: &Scene, requested: i64, budget: i64, submit: bool) -> Value {
    json!({"project_id": scene.project, "organisation_id": scene.applicant,
        "amount_requested": requested, "project_budget": budget,
        "financing_plan": [{"funder_name": "Présidence de la République", "amount": 100_000}],
        "summary": "Séchage solaire des mangues à Bignona", "submit": submit})
}

pub(crate) async fn apply(
    app: &TestApp,
    scene: &Scene,
    call: &Value,
    body: Value,
) -> reqwest::Response {
    let path = format!(
        "/api/v1/funding-calls/{}/applications",
        call["id"].as_str().unwrap()
    );
    post(app, &path, &scene.owner, Some(body)).await
}

/// The (field, code) of each error of a 422.
async fn broken(response: reqwest::Response) -> Vec<(String, String)> {
    let body = expect(response, 422).await;
    body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap().to_owned(),
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(f, c)| ((*f).to_owned(), (*c).to_owned()))
        .collect()
}

fn ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_str().unwrap().to_owned())
        .collect()
}

async fn search(app: &TestApp, query: &str) -> Value {
    let response = app.get(&format!("/api/v1/funding-calls{query}")).await;
    expect(response, 200).await
}

async fn a_funder_publishes_calls_that_everyone_searches(app: TestApp) {
    let scene = scene(&app).await;
    let open = publish(&app, &scene.funder_editor, &scene.funder, json!({})).await;
    assert_eq!(open["status"], "open");
    assert_eq!(open["funder"]["name"], "Agence de coopération");
    let later = publish(&app, &scene.funder_editor, &scene.funder,
        json!({"title": "Appel santé communautaire", "opens_on": day(20), "closes_on": day(60), "sectors": ["121"]})).await;
    assert_eq!(later["status"], "forthcoming");
    let past = publish(&app, &scene.funder_editor, &scene.funder,
        json!({"title": "Appel clos eau potable", "opens_on": day(-60), "closes_on": day(-30), "countries": [], "sectors": []})).await;
    assert_eq!(past["status"], "closed");
    let soon = publish(&app, &scene.funder_editor, &scene.funder,
        json!({"title": "Appel mangues séchées", "closes_on": day(3), "regions": ["1030"], "countries": []})).await;

    let page: Value = search(&app, "?sort=closing_soon").await;
    assert_eq!(
        ids(&page),
        [soon["id"].as_str().unwrap(), open["id"].as_str().unwrap()]
    );
    assert_eq!(page["total"], 2);
    let page: Value = search(&app, "?status=forthcoming").await;
    assert_eq!(ids(&page), [later["id"].as_str().unwrap()]);
    let page: Value = search(&app, "?status=closed&country=BR").await;
    assert_eq!(
        ids(&page),
        [past["id"].as_str().unwrap()],
        "open to any country"
    );
    let page: Value = search(&app, "?q=mangues").await;
    assert_eq!(ids(&page), [soon["id"].as_str().unwrap()]);
    // Mali is in West Africa (1030): only the regional call is open to it.
    let page: Value = search(&app, "?country=ML").await;
    assert_eq!(ids(&page), [soon["id"].as_str().unwrap()]);
    let page: Value = search(&app, "?region=1030&sector=32161&applicant_kind=ngo").await;
    assert_eq!(page["total"], 2);
    let page: Value = search(&app, "?applicant_kind=company").await;
    assert_eq!(page["total"], 0);
    let page: Value = search(&app, &format!("?funder={}", scene.funder)).await;
    assert_eq!(page["total"], 2);
    let facet = &page["facets"]["sector_category"];
    assert_eq!(facet, &json!([{"value": "321", "count": 2}]));
    let read: Value = search(&app, &format!("/{}", open["id"].as_str().unwrap())).await;
    assert_eq!(read["closes_on"], day(30));
    let wrong_sort = app.get("/api/v1/funding-calls?sort=expiring_soon").await;
    assert_eq!(wrong_sort.status(), 422);
}

async fn only_a_funders_members_publish_and_edit_its_calls(app: TestApp) {
    let scene = scene(&app).await;
    // A member of another organisation may not publish for the funder.
    let body = call_body(&scene.funder, json!({}));
    let refused = post(&app, "/api/v1/funding-calls", &scene.owner, Some(body)).await;
    assert_eq!(
        broken(refused).await,
        pairs(&[("funder_id", "not_a_member")])
    );
    // An NGO is not a funder.
    let ngo = organisation(&app, &scene.owner, "Association Kassoumay", "ngo").await;
    let body = call_body(&ngo, json!({}));
    let refused = post(&app, "/api/v1/funding-calls", &scene.owner, Some(body)).await;
    assert_eq!(
        broken(refused).await,
        pairs(&[("funder_id", "not_a_funder")])
    );
    // A local authority is one.
    let body = call_body(&scene.applicant, json!({}));
    expect(
        post(&app, "/api/v1/funding-calls", &scene.owner, Some(body)).await,
        201,
    )
    .await;
    let body = call_body(
        &scene.funder,
        json!({"time_zone": "Mars/Olympus", "currency": "XXY", "closes_on": day(-20)}),
    );
    let refused = broken(
        post(
            &app,
            "/api/v1/funding-calls",
            &scene.funder_editor,
            Some(body),
        )
        .await,
    )
    .await;
    let fields: Vec<&str> = refused.iter().map(|(field, _)| field.as_str()).collect();
    assert_eq!(fields, ["closes_on", "currency", "time_zone"]);

    let call = publish(&app, &scene.funder_editor, &scene.funder, json!({})).await;
    let path = format!("/api/v1/funding-calls/{}", call["id"].as_str().unwrap());
    let change = json!({"title": "Appel à projets numérique éducatif", "max_grant": 150_000});
    let stranger = request(
        &app,
        Method::PATCH,
        &path,
        Some(&scene.owner),
        Some(change.clone()),
    )
    .await;
    assert_eq!(stranger.status(), 403);
    let anonymous = request(&app, Method::PATCH, &path, None, Some(change.clone())).await;
    assert_eq!(anonymous.status(), 401);
    // Another editor of the funder may.
    let colleague = person(&app, "colleague@example.org", "Binta Sow").await;
    invite_and_accept(
        &app,
        &scene.funder_editor,
        &scene.funder,
        &colleague,
        "colleague@example.org",
        "editor",
    )
    .await;
    let changed = expect(
        request(&app, Method::PATCH, &path, Some(&colleague), Some(change)).await,
        200,
    )
    .await;
    assert_eq!(changed["max_grant"], 150_000);
    let page = search(&app, "?q=educatif").await;
    assert_eq!(page["total"], 1);
}

async fn each_broken_rule_is_a_field_error_of_its_own(app: TestApp) {
    let scene = scene(&app).await;
    let cases: [(Value, i64, i64, (&str, &str)); 7] = [
        (
            json!({"opens_on": day(-40), "closes_on": day(-1)}),
            1_000,
            400_000,
            ("call", "call_closed"),
        ),
        (
            json!({"opens_on": day(2), "closes_on": day(40)}),
            1_000,
            400_000,
            ("call", "call_not_open"),
        ),
        (
            json!({"applicant_kinds": ["ngo"]}),
            1_000,
            400_000,
            ("organisation_id", "ineligible_applicant_kind"),
        ),
        (
            json!({"countries": ["ML"]}),
            1_000,
            400_000,
            ("project_id", "ineligible_country"),
        ),
        (
            json!({"sectors": ["111", "12110"]}),
            1_000,
            400_000,
            ("project_id", "ineligible_sector"),
        ),
        (
            json!({}),
            200_001,
            1_000_000,
            ("amount_requested", "over_maximum_grant"),
        ),
        (
            json!({}),
            100_001,
            200_000,
            ("amount_requested", "over_cofinancing_rate"),
        ),
    ];
    for (overrides, requested, budget, expected) in cases {
        let call = publish(&app, &scene.funder_editor, &scene.funder, overrides).await;
        let refused = apply(
            &app,
            &scene,
            &call,
            application(&scene, requested, budget, true),
        )
        .await;
        assert_eq!(broken(refused).await, pairs(&[expected]), "{expected:?}");
        // The same as a draft is saved, and the check names the same rule.
        let check = format!(
            "/api/v1/funding-calls/{}/applications/check",
            call["id"].as_str().unwrap()
        );
        let report = expect(
            post(
                &app,
                &check,
                &scene.owner,
                Some(application(&scene, requested, budget, false)),
            )
            .await,
            200,
        )
        .await;
        assert_eq!(report["eligible"], false);
        let unmet: Vec<&str> = report["rules"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|rule| rule["met"] == false)
            .map(|rule| rule["code"].as_str().unwrap())
            .collect();
        assert_eq!(unmet, [expected.1]);
        let draft = expect(
            apply(
                &app,
                &scene,
                &call,
                application(&scene, requested, budget, false),
            )
            .await,
            201,
        )
        .await;
        assert_eq!(draft["status"], "draft");
        let submit = format!(
            "/api/v1/funding-applications/{}/submit",
            draft["id"].as_str().unwrap()
        );
        assert_eq!(
            broken(post(&app, &submit, &scene.owner, None).await).await,
            pairs(&[expected])
        );
    }
    // Every rule broken at once: one error each.
    let call = publish(&app, &scene.funder_editor, &scene.funder,
        json!({"opens_on": day(-40), "closes_on": day(-1), "applicant_kinds": ["ngo"], "countries": ["ML"], "sectors": ["111"]})).await;
    let refused = apply(
        &app,
        &scene,
        &call,
        application(&scene, 200_001, 300_000, true),
    )
    .await;
    assert_eq!(broken(refused).await.len(), 6);
}

async fn the_boundaries_of_each_rule_are_accepted(app: TestApp) {
    let scene = scene(&app).await;
    // Exactly the maximum grant and exactly the maximum rate.
    let call = publish(&app, &scene.funder_editor, &scene.funder, json!({})).await;
    let accepted = expect(
        apply(
            &app,
            &scene,
            &call,
            application(&scene, 200_000, 400_000, true),
        )
        .await,
        201,
    )
    .await;
    assert_eq!(accepted["status"], "submitted");
    // The closing day is the funder's: in Pago Pago (UTC-11) today is never later than
    // anywhere else, in Kiritimati (UTC+14) it is already tomorrow or later. A call closing
    // on Pago Pago's today takes applications until its last minute there; the same date in
    // Kiritimati has ended.
    let pago_today = (Utc::now() - TimeDelta::hours(11)).date_naive().to_string();
    let pago = publish(
        &app,
        &scene.funder_editor,
        &scene.funder,
        json!({"closes_on": pago_today, "time_zone": "Pacific/Pago_Pago"}),
    )
    .await;
    assert_eq!(pago["status"], "open");
    expect(
        apply(
            &app,
            &scene,
            &pago,
            application(&scene, 1_000, 400_000, true),
        )
        .await,
        201,
    )
    .await;
    let kiritimati = publish(
        &app,
        &scene.funder_editor,
        &scene.funder,
        json!({"closes_on": pago_today, "time_zone": "Pacific/Kiritimati"}),
    )
    .await;
    assert_eq!(kiritimati["status"], "closed");
    let refused = apply(
        &app,
        &scene,
        &kiritimati,
        application(&scene, 1_000, 400_000, true),
    )
    .await;
    assert_eq!(broken(refused).await, pairs(&[("call", "call_closed")]));
    // One application per project and call.
    let again = apply(
        &app,
        &scene,
        &call,
        application(&scene, 1_000, 400_000, false),
    )
    .await;
    assert_eq!(again.status(), 409);
}

pub(crate) async fn review(
    app: &TestApp,
    who: &Session,
    id: &str,
    body: Value,
) -> reqwest::Response {
    post(
        app,
        &format!("/api/v1/funding-applications/{id}/review"),
        who,
        Some(body),
    )
    .await
}

async fn the_funder_reviews_in_order_and_the_applicant_is_told_each_step(app: TestApp) {
    let scene = scene(&app).await;
    let call = publish(&app, &scene.funder_editor, &scene.funder, json!({})).await;
    let sent = expect(
        apply(
            &app,
            &scene,
            &call,
            application(&scene, 150_000, 400_000, true),
        )
        .await,
        201,
    )
    .await;
    let id = sent["id"].as_str().unwrap();
    assert_eq!(
        kinds(&notifications(&app, &scene.funder_editor).await),
        ["funding_application_submitted"]
    );
    // Not allowed from submitted: straight to accepted, or back to submitted.
    let early = review(
        &app,
        &scene.funder_editor,
        id,
        json!({"status": "accepted", "amount_granted": 100_000}),
    )
    .await;
    assert_eq!(early.status(), 409);
    let under = review(
        &app,
        &scene.funder_editor,
        id,
        json!({"status": "under_review", "comment": "Dossier complet"}),
    )
    .await;
    assert_eq!(expect(under, 200).await["status"], "under_review");
    assert_eq!(
        review(
            &app,
            &scene.funder_editor,
            id,
            json!({"status": "under_review"})
        )
        .await
        .status(),
        409
    );
    // Accepting needs an amount, at most the one requested.
    let missing = review(
        &app,
        &scene.funder_editor,
        id,
        json!({"status": "accepted"}),
    )
    .await;
    assert_eq!(
        broken(missing).await,
        pairs(&[("amount_granted", "required")])
    );
    let too_much = review(
        &app,
        &scene.funder_editor,
        id,
        json!({"status": "accepted", "amount_granted": 150_001}),
    )
    .await;
    assert_eq!(
        broken(too_much).await,
        pairs(&[("amount_granted", "range")])
    );
    let accepted = expect(review(&app, &scene.funder_editor, id,
        json!({"status": "accepted", "amount_granted": 120_000, "comment": "Retenu par le comité"})).await, 200).await;
    assert_eq!(accepted["amount_granted"], 120_000);
    let statuses: Vec<&str> = accepted["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["submitted", "under_review", "accepted"]);
    assert_eq!(accepted["history"][2]["comment"], "Retenu par le comité");
    // Decided: nothing moves any more.
    let after = review(
        &app,
        &scene.funder_editor,
        id,
        json!({"status": "rejected", "comment": "Non"}),
    )
    .await;
    assert_eq!(after.status(), 409);
    let told = notifications(&app, &scene.owner).await;
    assert_eq!(
        kinds(&told),
        [
            "funding_application_reviewed",
            "funding_application_reviewed"
        ]
    );
    assert_eq!(told["items"][0]["payload"]["status"], "accepted");
    // The grant is in the project's plan, pledged, in the call's currency.
    let plan: Value = app
        .get(&format!("/api/v1/projects/{}/financing", scene.project))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(plan["lines"][0]["funder_name"], "Agence de coopération");
    assert_eq!(plan["lines"][0]["application_id"], id);
    assert_eq!(
        plan["totals"],
        json!([{"currency": "EUR", "pledged": 120_000, "received": 0, "total": 120_000}])
    );
    // The applicant sees the status and the history.
    let mine = expect(
        get(
            &app,
            &format!("/api/v1/funding-applications/{id}"),
            &scene.owner,
        )
        .await,
        200,
    )
    .await;
    assert_eq!(mine["status"], "accepted");
    assert_eq!(mine["history"].as_array().unwrap().len(), 3);

    // Rejection with a comment.
    let other =
        crate::contacts::project(&app, &scene.owner, "published", Some(&scene.applicant)).await;
    let mut body = application(&scene, 10_000, 400_000, true);
    body["project_id"] = json!(other);
    let second = expect(apply(&app, &scene, &call, body).await, 201).await;
    let second = second["id"].as_str().unwrap();
    expect(
        review(
            &app,
            &scene.funder_editor,
            second,
            json!({"status": "under_review"}),
        )
        .await,
        200,
    )
    .await;
    let granted = review(
        &app,
        &scene.funder_editor,
        second,
        json!({"status": "rejected", "amount_granted": 5}),
    )
    .await;
    assert_eq!(
        broken(granted).await,
        pairs(&[("amount_granted", "not_allowed")])
    );
    let rejected = expect(
        review(
            &app,
            &scene.funder_editor,
            second,
            json!({"status": "rejected", "comment": "Hors priorités"}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(rejected["status"], "rejected");
    let board_path = format!(
        "/api/v1/funding-calls/{}/applications",
        call["id"].as_str().unwrap()
    );
    let board = expect(
        get(
            &app,
            &format!("{board_path}?status=rejected"),
            &scene.funder_editor,
        )
        .await,
        200,
    )
    .await;
    assert_eq!(ids(&board), [second]);
    let board = expect(get(&app, &board_path, &scene.funder_editor).await, 200).await;
    assert_eq!(board["total"], 2);
}

async fn only_the_funder_reviews_and_applicants_see_only_their_own(app: TestApp) {
    let scene = scene(&app).await;
    let call = publish(&app, &scene.funder_editor, &scene.funder, json!({})).await;
    let sent = expect(
        apply(
            &app,
            &scene,
            &call,
            application(&scene, 10_000, 400_000, true),
        )
        .await,
        201,
    )
    .await;
    let id = sent["id"].as_str().unwrap();
    let path = format!("/api/v1/funding-applications/{id}");
    let board = format!(
        "/api/v1/funding-calls/{}/applications",
        call["id"].as_str().unwrap()
    );

    let stranger = person(&app, "moussa@example.org", "Moussa Ba").await;
    assert_eq!(get(&app, &path, &stranger).await.status(), 404);
    assert_eq!(
        review(&app, &stranger, id, json!({"status": "under_review"}))
            .await
            .status(),
        404
    );
    assert_eq!(get(&app, &board, &stranger).await.status(), 403);
    assert_eq!(
        request(&app, Method::GET, &board, None, None)
            .await
            .status(),
        401
    );
    let mine = expect(
        get(&app, "/api/v1/me/funding-applications", &stranger).await,
        200,
    )
    .await;
    assert_eq!(mine, json!([]));
    // The applicant may not review their own application.
    assert_eq!(
        review(&app, &scene.owner, id, json!({"status": "under_review"}))
            .await
            .status(),
        403
    );
    assert_eq!(get(&app, &board, &scene.owner).await.status(), 403);
    // Nor may a stranger apply with someone else's project, or for an organisation they are
    // not in.
    let mut forged = application(&scene, 10_000, 400_000, false);
    let own_org = organisation(&app, &stranger, "Mairie de Thiès", "local_authority").await;
    forged["organisation_id"] = json!(own_org);
    let path_apply = format!(
        "/api/v1/funding-calls/{}/applications",
        call["id"].as_str().unwrap()
    );
    assert_eq!(
        post(&app, &path_apply, &stranger, Some(forged))
            .await
            .status(),
        403
    );
    let own_project = crate::contacts::project(&app, &stranger, "published", Some(&own_org)).await;
    let mut borrowed = application(&scene, 10_000, 400_000, false);
    borrowed["project_id"] = json!(own_project);
    let refused = post(&app, &path_apply, &stranger, Some(borrowed)).await;
    assert_eq!(
        broken(refused).await,
        pairs(&[("organisation_id", "not_a_member")])
    );
    // A draft is the applicant's alone: the funder neither reads nor lists it.
    let mut body = application(&scene, 10_000, 400_000, false);
    body["project_id"] = json!(
        crate::contacts::project(&app, &scene.owner, "published", Some(&scene.applicant)).await
    );
    let draft = expect(apply(&app, &scene, &call, body).await, 201).await;
    let draft_path = format!(
        "/api/v1/funding-applications/{}",
        draft["id"].as_str().unwrap()
    );
    assert_eq!(
        get(&app, &draft_path, &scene.funder_editor).await.status(),
        404
    );
    let listed = expect(get(&app, &board, &scene.funder_editor).await, 200).await;
    assert_eq!(ids(&listed), [id]);
    let listed = expect(
        get(&app, &format!("{board}?status=draft"), &scene.funder_editor).await,
        200,
    )
    .await;
    assert_eq!(listed["total"], 0);
    let mine = expect(
        get(&app, "/api/v1/me/funding-applications", &scene.owner).await,
        200,
    )
    .await;
    assert_eq!(mine.as_array().unwrap().len(), 2);
    // A submitted application cannot be submitted again.
    assert_eq!(
        post(&app, &format!("{path}/submit"), &scene.owner, None)
            .await
            .status(),
        409
    );
    // The applicant's draft, submitted, reaches the funder.
    let submitted = expect(
        post(&app, &format!("{draft_path}/submit"), &scene.owner, None).await,
        200,
    )
    .await;
    assert_eq!(submitted["status"], "submitted");
    assert_eq!(
        get(&app, &draft_path, &scene.funder_editor).await.status(),
        200
    );
}

async fn a_project_sees_the_calls_it_may_apply_to_and_funders_the_projects(app: TestApp) {
    let scene = scene(&app).await;
    let fitting = publish(
        &app,
        &scene.funder_editor,
        &scene.funder,
        json!({"closes_on": day(12)}),
    )
    .await;
    let other = publish(&app, &scene.funder_editor, &scene.funder,
        json!({"title": "Appel réservé aux associations", "applicant_kinds": ["ngo"], "closes_on": day(5)})).await;
    publish(
        &app,
        &scene.funder_editor,
        &scene.funder,
        json!({"opens_on": day(3), "closes_on": day(40)}),
    )
    .await;
    let report: Value = app
        .get(&format!("/api/v1/projects/{}/funding-calls", scene.project))
        .await
        .json()
        .await
        .unwrap();
    let report = report.as_array().unwrap();
    assert_eq!(report.len(), 2, "open calls only");
    assert_eq!(report[0]["call"]["id"], fitting["id"]);
    assert_eq!(report[0]["eligible"], true);
    assert_eq!(report[0]["days_left"], 12);
    assert_eq!(report[0]["rules"][0]["message"], "closes in 12 days");
    assert_eq!(report[1]["call"]["id"], other["id"]);
    assert_eq!(report[1]["eligible"], false);
    let unmet: Vec<&str> = report[1]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|rule| rule["met"] == false)
        .map(|rule| rule["code"].as_str().unwrap())
        .collect();
    assert_eq!(unmet, ["ineligible_applicant_kind"]);

    // Funders scouting: the published project of an eligible kind, country and sector.
    let company_owner = person(&app, "sarl@example.org", "Ibrahima Fall").await;
    let company = organisation(&app, &company_owner, "SARL Mangues du Sud", "company").await;
    crate::contacts::project(&app, &company_owner, "published", Some(&company)).await;
    crate::contacts::project(&app, &scene.owner, "draft", Some(&scene.applicant)).await;
    let path = format!(
        "/api/v1/funding-calls/{}/eligible-projects",
        fitting["id"].as_str().unwrap()
    );
    let page: Value = app.get(&path).await.json().await.unwrap();
    assert_eq!(ids(&page), [scene.project.as_str()]);
    let narrow = publish(
        &app,
        &scene.funder_editor,
        &scene.funder,
        json!({"sectors": ["111"]}),
    )
    .await;
    let path = format!(
        "/api/v1/funding-calls/{}/eligible-projects",
        narrow["id"].as_str().unwrap()
    );
    let page: Value = app.get(&path).await.json().await.unwrap();
    assert_eq!(page["total"], 0);
}

async fn a_financing_plan_sums_each_currency_on_its_own(app: TestApp) {
    let scene = scene(&app).await;
    let path = format!("/api/v1/projects/{}/financing", scene.project);
    let budget = json!({"budget_amount": 60_000_000, "budget_currency": "XOF"});
    let project_path = format!("/api/v1/projects/{}", scene.project);
    expect(
        request(
            &app,
            Method::PATCH,
            &project_path,
            Some(&scene.owner),
            Some(budget),
        )
        .await,
        200,
    )
    .await;
    let lines = [
        json!({"funder_name": "Présidence de la République", "amount": 30_000_000, "currency": "XOF", "status": "received"}),
        json!({"organisation_id": scene.funder, "amount": 15_000_000, "currency": "XOF", "status": "pledged"}),
        json!({"funder_name": "Ville de Besançon", "amount": 20_000, "currency": "EUR", "status": "pledged"}),
    ];
    for line in lines {
        expect(post(&app, &path, &scene.owner, Some(line)).await, 201).await;
    }
    let plan: Value = app.get(&path).await.json().await.unwrap();
    assert_eq!(plan["lines"][1]["funder_name"], "Agence de coopération");
    assert_eq!(
        plan["totals"],
        json!([
            {"currency": "XOF", "pledged": 15_000_000, "received": 30_000_000, "total": 45_000_000},
            {"currency": "EUR", "pledged": 20_000, "received": 0, "total": 20_000},
        ])
    );
    assert_eq!(plan["covered_percent"], 75.0);
    let line_id = plan["lines"][1]["id"].as_str().unwrap();
    let stranger = person(&app, "moussa@example.org", "Moussa Ba").await;
    let line = json!({"funder_name": "Moi", "amount": 1, "currency": "XOF", "status": "received"});
    assert_eq!(post(&app, &path, &stranger, Some(line)).await.status(), 403);
    let received = json!({"status": "received"});
    let line_path = format!("{path}/{line_id}");
    assert_eq!(
        request(
            &app,
            Method::PATCH,
            &line_path,
            Some(&stranger),
            Some(received.clone())
        )
        .await
        .status(),
        403
    );
    let changed = expect(
        request(
            &app,
            Method::PATCH,
            &line_path,
            Some(&scene.owner),
            Some(received),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(changed["status"], "received");
    let missing = json!({"amount": 1, "currency": "XOF", "status": "pledged"});
    assert_eq!(
        broken(post(&app, &path, &scene.owner, Some(missing)).await).await,
        pairs(&[("funder_name", "required")])
    );
    // A draft's plan is its editors' only.
    let draft = crate::contacts::project(&app, &scene.owner, "draft", None).await;
    let draft_plan = format!("/api/v1/projects/{draft}/financing");
    assert_eq!(app.get(&draft_plan).await.status(), 404);
    assert_eq!(get(&app, &draft_plan, &stranger).await.status(), 404);
    assert_eq!(get(&app, &draft_plan, &scene.owner).await.status(), 200);
}

async fn indicators_show_progress_from_their_measurements(app: TestApp) {
    let scene = scene(&app).await;
    let path = format!("/api/v1/projects/{}/indicators", scene.project);
    let indicator = json!({"title": "Ordinateurs installés dans les écoles", "unit": "ordinateurs",
        "baseline_value": 0, "target_value": 30000, "due_on": day(365)});
    let created = expect(post(&app, &path, &scene.owner, Some(indicator)).await, 201).await;
    assert_eq!(created["progress"], 0.0);
    let measurements = format!("{path}/{}/measurements", created["id"].as_str().unwrap());
    let stranger = person(&app, "moussa@example.org", "Moussa Ba").await;
    let measurement =
        json!({"measured_on": day(-30), "value": 500, "note": "Premières écoles de Thiès"});
    assert_eq!(
        post(&app, &measurements, &stranger, Some(measurement.clone()))
            .await
            .status(),
        403
    );
    expect(
        post(&app, &measurements, &scene.owner, Some(measurement)).await,
        201,
    )
    .await;
    let listed: Value = app.get(&path).await.json().await.unwrap();
    assert_eq!(listed[0]["actual_value"], 500.0);
    assert_eq!(listed[0]["progress"], 500.0 / 30000.0);
    let later = json!({"measured_on": day(0), "value": 1000});
    expect(
        post(&app, &measurements, &scene.owner, Some(later)).await,
        201,
    )
    .await;
    let listed: Value = app.get(&path).await.json().await.unwrap();
    assert_eq!(listed[0]["measurements"].as_array().unwrap().len(), 2);
    assert_eq!(listed[0]["progress"], 1000.0 / 30000.0);
    let wrong = json!({"title": "x", "unit": "", "target_value": 1, "due_on": "2027-13-01"});
    assert_eq!(
        post(&app, &path, &scene.owner, Some(wrong)).await.status(),
        422
    );
    let other = crate::contacts::project(&app, &stranger, "published", None).await;
    let elsewhere = format!(
        "/api/v1/projects/{other}/indicators/{}/measurements",
        created["id"].as_str().unwrap()
    );
    let forged = json!({"measured_on": day(0), "value": 29999});
    assert_eq!(
        post(&app, &elsewhere, &stranger, Some(forged))
            .await
            .status(),
        404
    );
}

async fn funding_counts_per_organisation_and_year(app: TestApp) {
    let scene = scene(&app).await;
    let call = publish(&app, &scene.funder_editor, &scene.funder, json!({})).await;
    let sent = expect(
        apply(
            &app,
            &scene,
            &call,
            application(&scene, 50_000, 400_000, true),
        )
        .await,
        201,
    )
    .await;
    let id = sent["id"].as_str().unwrap();
    expect(
        review(
            &app,
            &scene.funder_editor,
            id,
            json!({"status": "under_review"}),
        )
        .await,
        200,
    )
    .await;
    expect(
        review(
            &app,
            &scene.funder_editor,
            id,
            json!({"status": "accepted", "amount_granted": 40_000}),
        )
        .await,
        200,
    )
    .await;
    let organisation: uuid::Uuid = scene.applicant.parse().unwrap();
    let years = marcottage::funding::stats::per_organisation_and_year(&app.db, &[organisation])
        .await
        .unwrap();
    assert_eq!(years.len(), 1);
    assert_eq!((years[0].applications, years[0].accepted), (1, 1));
    assert_eq!(years[0].granted.get("EUR"), Some(&40_000));
    // The same figures reach the authority's public territory dashboard.
    let path = format!("/api/v1/organisations/{}/territory", scene.applicant);
    let dashboard: serde_json::Value = app.get(&path).await.json().await.unwrap();
    let funding = dashboard["funding"].as_array().unwrap();
    assert_eq!(funding.len(), 1, "{dashboard}");
    assert_eq!(funding[0]["organisation_id"], scene.applicant.as_str());
    assert_eq!(funding[0]["applications"], 1);
    assert_eq!(funding[0]["accepted"], 1);
    assert_eq!(funding[0]["granted"]["EUR"], 40_000);
}

/// A PATCH made against `version` (`If-Match`).
async fn patch_at(
    app: &TestApp,
    path: &str,
    who: &Session,
    version: i64,
    body: Value,
) -> reqwest::Response {
    app.client
        .patch(app.url(path))
        .bearer_auth(&who.access)
        .header("If-Match", format!("\"{version}\""))
        .json(&body)
        .send()
        .await
        .unwrap()
}

/// The fields of a 422's errors, sorted.
async fn broken_fields(response: reqwest::Response) -> Vec<String> {
    let mut fields: Vec<String> = broken(response)
        .await
        .into_iter()
        .map(|(field, _)| field)
        .collect();
    fields.sort();
    fields
}

async fn a_funder_changes_who_may_apply_and_the_filters_follow(app: TestApp) {
    let scene = scene(&app).await;
    let call = publish(&app, &scene.funder_editor, &scene.funder, json!({})).await;
    let id = call["id"].as_str().unwrap();
    let path = format!("/api/v1/funding-calls/{id}");
    let change = json!({"programme_name": "Programme santé communautaire", "programme_code": "",
        "applicant_kinds": ["company"], "countries": [], "regions": ["1030"], "sectors": ["121"],
        "time_zone": "Europe/Paris"});
    let stranger = patch_at(&app, &path, &scene.owner, 1, change.clone()).await;
    assert_eq!(stranger.status(), 403);
    let changed = expect(
        patch_at(&app, &path, &scene.funder_editor, 1, change.clone()).await,
        200,
    )
    .await;
    assert_eq!(changed["version"], 2);
    assert_eq!(changed["programme_name"], "Programme santé communautaire");
    assert_eq!(changed["programme_code"], Value::Null);
    assert_eq!(changed["applicant_kinds"], json!(["company"]));
    assert_eq!(changed["regions"], json!(["1030"]));
    assert_eq!(changed["countries"], json!([]));
    assert_eq!(changed["sectors"], json!(["121"]));
    assert_eq!(changed["time_zone"], "Europe/Paris");
    // Paris is one or two hours ahead of Dakar: the same closing day ends earlier.
    assert_ne!(changed["closes_at"], call["closes_at"]);
    assert_eq!(changed["closes_on"], call["closes_on"]);

    // Searches read the new rules: Mali through West Africa, health, companies.
    assert_eq!(ids(&search(&app, "?country=ML").await), [id]);
    assert_eq!(search(&app, "?country=BR").await["total"], 0);
    assert_eq!(search(&app, "?sector=12110").await["total"], 1);
    assert_eq!(search(&app, "?sector=32161").await["total"], 0);
    assert_eq!(search(&app, "?applicant_kind=company").await["total"], 1);
    assert_eq!(search(&app, "?applicant_kind=ngo").await["total"], 0);
    assert_eq!(search(&app, "?q=communautaire").await["total"], 1);
    // The local authority's project is no longer of an eligible kind or sector.
    let eligible = expect(
        get(
            &app,
            &format!("/api/v1/projects/{}/funding-calls", scene.project),
            &scene.owner,
        )
        .await,
        200,
    )
    .await;
    assert_eq!(eligible[0]["eligible"], false);

    // A change made against the version before is refused: someone changed it since.
    let stale = patch_at(&app, &path, &scene.funder_editor, 1, json!({"sectors": []})).await;
    assert_eq!(stale.status(), 412);
    let wrong = json!({"countries": ["XX"], "regions": ["9999"], "sectors": ["99999"],
        "time_zone": "Mars/Olympus", "applicant_kinds": [], "programme_name": "P",
        "opens_on": day(40), "closes_on": day(35)});
    let fields = broken_fields(patch_at(&app, &path, &scene.funder_editor, 2, wrong).await).await;
    assert_eq!(
        fields,
        [
            "applicant_kinds",
            "closes_on",
            "countries[0]",
            "programme_name",
            "regions[0]",
            "sectors[0]",
            "time_zone"
        ]
    );
    let unknown = format!("/api/v1/funding-calls/{}", uuid::Uuid::now_v7());
    let missing = patch_at(&app, &unknown, &scene.funder_editor, 1, change).await;
    assert_eq!(missing.status(), 404);
}

async fn the_project_s_editors_change_a_draft_until_it_is_submitted(app: TestApp) {
    let scene = scene(&app).await;
    let call = publish(&app, &scene.funder_editor, &scene.funder, json!({})).await;
    let draft = expect(
        apply(
            &app,
            &scene,
            &call,
            application(&scene, 10_000, 400_000, false),
        )
        .await,
        201,
    )
    .await;
    assert_eq!(draft["status"], "draft");
    let path = format!(
        "/api/v1/funding-applications/{}",
        draft["id"].as_str().unwrap()
    );
    let change = json!({"amount_requested": 150_000, "project_budget": 500_000,
        "financing_plan": [{"funder_name": "Ville de Lyon", "amount": 50_000}],
        "summary": "Séchoirs solaires pour trois coopératives"});

    // Someone who cannot read it is told there is none; the funder does not see drafts.
    let stranger = person(&app, "moussa@example.org", "Moussa Ba").await;
    let refused = patch_at(&app, &path, &stranger, 1, change.clone()).await;
    assert_eq!(refused.status(), 404);
    let refused = patch_at(&app, &path, &scene.funder_editor, 1, change.clone()).await;
    assert_eq!(refused.status(), 404);
    let unknown = format!("/api/v1/funding-applications/{}", uuid::Uuid::now_v7());
    assert_eq!(
        patch_at(&app, &unknown, &scene.owner, 1, change.clone())
            .await
            .status(),
        404
    );
    // A member of another organisation applying reads it but does not edit the project.
    let partner = organisation(&app, &scene.owner, "Association Kassoumay", "ngo").await;
    let colleague = person(&app, "binta@example.org", "Binta Sow").await;
    invite_and_accept(
        &app,
        &scene.owner,
        &partner,
        &colleague,
        "binta@example.org",
        "editor",
    )
    .await;
    let moved = expect(
        patch_at(
            &app,
            &path,
            &scene.owner,
            1,
            json!({"organisation_id": partner}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(moved["organisation_id"], partner.as_str());
    assert_eq!(moved["organisation_name"], "Association Kassoumay");
    let read = expect(get(&app, &path, &colleague).await, 200).await;
    assert_eq!(read["version"], 2);
    let refused = patch_at(&app, &path, &colleague, 2, change.clone()).await;
    assert_eq!(refused.status(), 403);

    // Bad values are field errors; an organisation the editor is not in is refused.
    let fields = broken_fields(
        patch_at(
            &app,
            &path,
            &scene.owner,
            2,
            json!({"amount_requested": 900_000, "financing_plan": [{"funder_name": "", "amount": 0}]}),
        )
        .await,
    )
    .await;
    assert_eq!(
        fields,
        [
            "amount_requested",
            "financing_plan[0].amount",
            "financing_plan[0].funder_name"
        ]
    );
    let elsewhere = organisation(&app, &stranger, "Entreprise Ba", "company").await;
    let refused = patch_at(
        &app,
        &path,
        &scene.owner,
        2,
        json!({"organisation_id": elsewhere}),
    )
    .await;
    assert_eq!(
        broken(refused).await,
        pairs(&[("organisation_id", "not_a_member")])
    );

    let saved = expect(
        patch_at(
            &app,
            &path,
            &scene.owner,
            2,
            json!({"organisation_id": scene.applicant}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(saved["version"], 3);
    let saved = expect(
        patch_at(&app, &path, &scene.owner, 3, change.clone()).await,
        200,
    )
    .await;
    assert_eq!(saved["amount_requested"], 150_000);
    assert_eq!(saved["project_budget"], 500_000);
    assert_eq!(saved["financing_plan"][0]["funder_name"], "Ville de Lyon");
    assert_eq!(
        saved["summary"],
        "Séchoirs solaires pour trois coopératives"
    );
    assert_eq!(saved["status"], "draft");
    assert_eq!(
        saved["history"].as_array().unwrap().len(),
        1,
        "edits are not steps"
    );
    // Reopened, the draft is as saved.
    let reopened = expect(get(&app, &path, &scene.owner).await, 200).await;
    assert_eq!(reopened, saved);
    let stale = patch_at(
        &app,
        &path,
        &scene.owner,
        3,
        json!({"amount_requested": 120_000}),
    )
    .await;
    assert_eq!(stale.status(), 412);

    // Submitted, it no longer changes: 409 for its editors, 403 for the funder who reads it.
    let submitted = app
        .client
        .post(app.url(&format!("{path}/submit")))
        .bearer_auth(&scene.owner.access)
        .header("If-Match", "\"4\"")
        .send()
        .await
        .unwrap();
    let submitted = expect(submitted, 200).await;
    assert_eq!(submitted["status"], "submitted");
    let late = patch_at(
        &app,
        &path,
        &scene.owner,
        5,
        json!({"amount_requested": 120_000}),
    )
    .await;
    assert_eq!(late.status(), 409);
    let funder = patch_at(
        &app,
        &path,
        &scene.funder_editor,
        5,
        json!({"amount_requested": 1}),
    )
    .await;
    assert_eq!(funder.status(), 403);
}

async fn the_index_answers_calls_and_boards_exactly_as_the_database(app: TestApp) {
    let scene = scene(&app).await;
    let calls = [
        json!({}),
        json!({"title": "Appel mangues séchées", "closes_on": day(3), "regions": ["1030"], "countries": []}),
        json!({"title": "Appel santé", "sectors": ["121", "12220"], "applicant_kinds": ["ngo"]}),
        json!({"title": "Appel eau", "countries": [], "sectors": [], "closes_on": day(9)}),
        json!({"title": "Appel futur", "opens_on": day(5), "closes_on": day(50)}),
        json!({"title": "Appel clos", "opens_on": day(-50), "closes_on": day(-5)}),
    ];
    let mut first = None;
    for overrides in calls {
        let call = publish(&app, &scene.funder_editor, &scene.funder, overrides).await;
        first.get_or_insert(call);
    }
    let first = first.unwrap();
    expect(
        apply(
            &app,
            &scene,
            &first,
            application(&scene, 1_000, 400_000, true),
        )
        .await,
        201,
    )
    .await;
    let database = app
        .replica(|config| config.listings_from_database = true)
        .await;
    let funder = format!(
        "/api/v1/funding-calls?funder={}&sort=closing_soon",
        scene.funder
    );
    let queries = [
        "/api/v1/funding-calls".to_owned(),
        "/api/v1/funding-calls?sort=closing_soon".to_owned(),
        "/api/v1/funding-calls?country=ML".to_owned(),
        "/api/v1/funding-calls?region=1030&sector=32161".to_owned(),
        "/api/v1/funding-calls?sector=121&applicant_kind=ngo".to_owned(),
        "/api/v1/funding-calls?status=forthcoming".to_owned(),
        "/api/v1/funding-calls?status=closed".to_owned(),
        "/api/v1/funding-calls?q=appel".to_owned(),
        funder,
    ];
    for path in &queries {
        let from_index =
            crate::listings::pages(async |path: String| app.get(&path).await, path).await;
        let from_database =
            crate::listings::pages(async |path: String| database.get(&path).await, path).await;
        assert_eq!(from_index, from_database, "{path}");
    }
    let board = format!(
        "/api/v1/funding-calls/{}/applications",
        first["id"].as_str().unwrap()
    );
    let from_index = expect(get(&app, &board, &scene.funder_editor).await, 200).await;
    let from_database = database
        .client
        .get(format!("{}{board}", database.address))
        .bearer_auth(&scene.funder_editor.access)
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(from_index, from_database);
    assert_eq!(from_index["total"], 1);
}

on_both_databases!(
    the_index_answers_calls_and_boards_exactly_as_the_database,
    a_funder_publishes_calls_that_everyone_searches,
    only_a_funders_members_publish_and_edit_its_calls,
    each_broken_rule_is_a_field_error_of_its_own,
    the_boundaries_of_each_rule_are_accepted,
    the_funder_reviews_in_order_and_the_applicant_is_told_each_step,
    only_the_funder_reviews_and_applicants_see_only_their_own,
    a_project_sees_the_calls_it_may_apply_to_and_funders_the_projects,
    a_financing_plan_sums_each_currency_on_its_own,
    indicators_show_progress_from_their_measurements,
    funding_counts_per_organisation_and_year,
    a_funder_changes_who_may_apply_and_the_filters_follow,
    the_project_s_editors_change_a_draft_until_it_is_submitted
);
