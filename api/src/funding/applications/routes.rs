//! `/api/v1/funding-calls/{id}/applications` (apply, check, the funder's board),
//! `/api/v1/funding-applications/{id}` (read, change a draft, submit, review) and
//! `/api/v1/me/funding-applications`.

use crate::http::body::Json;
use actix_web::{
    HttpRequest, HttpResponse, get,
    http::header::ETAG,
    patch, post,
    web::{Data, Path, Query},
};
use chrono::Utc;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::{
    dto::{
        Application, ApplicationChanges, ApplicationDetail, ApplicationEvent, ApplicationPage,
        ApplicationQuery, ApplicationStatus, EligibilityReport, NewApplication, Review,
    },
    listing::{Applications, Board, names},
    notices,
    service::{self, Move},
};
use crate::db::Db;
use crate::http::conditional::IfMatch;
use crate::http::idempotency::IdempotencyKey;
use crate::{
    accounts::Member,
    db,
    entities::{
        funding_application::{self},
        funding_call, project,
    },
    error::{ApiError, Result, responses},
    funding::{calls::service as calls, eligible::applicant_of},
    http::{
        conditional::{check_if_match, version_etag},
        idempotency::{self, StoredResponse},
    },
    integrations::{self, Event},
    projects::access::editable,
    search::{ChangeKind, Listing, changes},
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(apply)
        .service(check_application)
        .service(review_board)
        .service(my_applications)
        .service(get_application)
        .service(update_application)
        .service(submit_application)
        .service(review_application);
}

/// The call, the project (the caller may edit it) and the organisation (they belong to it)
/// of an application to be, checked in that order.
async fn applying(
    db: &Db,
    member: &Member,
    call: Uuid,
    new: &NewApplication,
) -> Result<(funding_call::Model, project::Model)> {
    let call = calls::find(db, call).await?;
    let mut errors = ApiError::field_errors_of(new.validate());
    errors.extend(service::amount_errors(
        new.amount_requested,
        new.project_budget,
    ));
    ApiError::valid(errors, ())?;
    let project = editable(db, member, new.project_id).await?;
    service::check_organisation(db, member.id(), new.organisation_id).await?;
    Ok((call, project))
}

/// Applies to a call for a project the caller may edit, on behalf of an organisation they
/// belong to: saved as a draft, or submitted with `submit: true` (every rule of the call is
/// then checked, each broken one a field error of its own). One application per project and
/// call (409).
#[utoipa::path(
    tag = "funding",
    operation_id = "applyToFundingCall",
    request_body = NewApplication,
    params(
        ("id" = Uuid, Path, description = "The call's id"),
        IdempotencyKey,
    ),
    responses(
        (status = 201, description = "Saved or submitted", body = Application,
            headers(("Location" = String, description = "The new application"), ("ETag" = String))),
        responses::ItemBodyRefusals,
        (status = 409, response = responses::Conflict),
    ),
    security(("bearer" = []))
)]
#[post("/funding-calls/{id}/applications")]
async fn apply(
    request: HttpRequest,
    db: Data<Db>,
    member: Member,
    id: Path<Uuid>,
    body: Json<NewApplication>,
) -> Result<HttpResponse> {
    member.require_verified_email()?;
    let new = body.into_inner();
    let (call, project) = applying(&db, &member, *id, &new).await?;
    let now = Utc::now();
    if new.submit {
        let applicant = applicant_of(db.get_ref(), &project, Some(new.organisation_id)).await?;
        let verdicts = service::verdicts(
            &call,
            &applicant,
            new.amount_requested,
            new.project_budget,
            now,
        );
        service::require_eligible(&verdicts, new.amount_requested, new.project_budget)?;
    }
    let fingerprint = idempotency::fingerprint(&new)?;
    idempotency::create(&request, &db, member.id(), &fingerprint, async move |txn| {
        service::require_first(txn, call.id, project.id).await?;
        let submit = new.submit;
        let row = service::insert(txn, member.id(), &call, &project, new, now).await?;
        if submit {
            notices::submitted(txn, &row, &call, &project.title).await?;
            integrations::emit(txn, Event::application(&row, &call)).await?;
        }
        changes::record(txn, ChangeKind::FundingApplication, row.id).await?;
        let names = names_of(txn, &row, &call, &project).await?;
        StoredResponse::created_versioned(
            &Application::from_row(&row, names),
            format!("/api/v1/funding-applications/{}", row.id),
            row.version,
        )
    })
    .await
}

async fn names_of<C: sea_orm::ConnectionTrait>(
    db: &C,
    row: &funding_application::Model,
    call: &funding_call::Model,
    project: &project::Model,
) -> Result<super::dto::Names> {
    let organisation = crate::organisations::queries::find(db, row.organisation_id).await?;
    Ok(super::dto::Names {
        call_title: call.title.clone(),
        funder_id: call.funder_id,
        currency: call.currency.clone(),
        project_title: project.title.clone(),
        organisation_name: organisation.name,
    })
}

/// Checks an application against the call's rules without saving it: the application
/// form's live eligibility.
#[utoipa::path(
    tag = "funding",
    operation_id = "checkFundingApplication",
    request_body = NewApplication,
    params(("id" = Uuid, Path, description = "The call's id")),
    responses(
        (status = 200, description = "Each rule, met or not", body = EligibilityReport),
        responses::ItemBodyRefusals,
    ),
    security(("bearer" = []))
)]
#[post("/funding-calls/{id}/applications/check")]
async fn check_application(
    db: Data<Db>,
    member: Member,
    id: Path<Uuid>,
    body: Json<NewApplication>,
) -> Result<HttpResponse> {
    let (call, project) = applying(&db, &member, *id, &body).await?;
    let applicant = applicant_of(db.get_ref(), &project, Some(body.organisation_id)).await?;
    let rules = service::verdicts(
        &call,
        &applicant,
        body.amount_requested,
        body.project_budget,
        Utc::now(),
    );
    Ok(HttpResponse::Ok().json(EligibilityReport {
        eligible: rules.iter().all(|verdict| verdict.met),
        rules,
    }))
}

/// The funder's review board: a call's applications by status (its funder's editors only;
/// drafts never show).
#[utoipa::path(
    tag = "funding",
    operation_id = "getReviewBoard",
    params(("id" = Uuid, Path, description = "The call's id"), ApplicationQuery),
    responses(
        (status = 200, description = "A page of applications", body = ApplicationPage),
        responses::ItemRefusals,
        responses::QueryRefusals,
    ),
    security(("bearer" = []))
)]
#[get("/funding-calls/{id}/applications")]
async fn review_board(
    db: Data<Db>,
    listing: Data<Listing<Applications>>,
    member: Member,
    id: Path<Uuid>,
    query: Query<ApplicationQuery>,
) -> Result<HttpResponse> {
    let call = calls::find(db.get_ref(), *id).await?;
    calls::require_funder_editor(db.get_ref(), member.id(), &call).await?;
    let board = Board {
        call: call.id,
        query: &query,
    };
    Ok(listing.answer(&db, &board).await?.respond())
}

/// The applications of the caller and of the organisations they belong to, newest first.
#[utoipa::path(
    tag = "funding",
    operation_id = "listMyFundingApplications",
    responses(
        (status = 200, description = "The caller's applications", body = Vec<Application>),
        (status = 401, response = responses::Unauthorized),
    ),
    security(("bearer" = []))
)]
#[get("/me/funding-applications")]
async fn my_applications(db: Data<Db>, member: Member) -> Result<HttpResponse> {
    let rows = service::of_member(db.get_ref(), member.id()).await?;
    let mut names = names(&db, &rows).await?;
    let mine: Vec<Application> = rows
        .iter()
        .filter_map(|row| Some(Application::from_row(row, names.remove(&row.id)?)))
        .collect();
    Ok(HttpResponse::Ok().json(mine))
}

/// Who reads an application: the applicant's side always, the funder's editors once it is
/// submitted; anyone else is told there is none (404).
async fn readable(
    db: &Db,
    member: &Member,
    id: Uuid,
) -> Result<(
    funding_application::Model,
    funding_call::Model,
    project::Model,
    Side,
)> {
    let row = service::find(db, id).await?;
    let call = calls::find(db, row.call_id).await?;
    let project = service::project_of(db, &row).await?;
    if service::on_applicant_side(db, member.id(), &row, &project).await? {
        return Ok((row, call, project, Side::Applicant));
    }
    let submitted = ApplicationStatus::of(&row) != ApplicationStatus::Draft;
    if submitted
        && calls::require_funder_editor(db, member.id(), &call)
            .await
            .is_ok()
    {
        return Ok((row, call, project, Side::Funder));
    }
    Err(ApiError::NotFound("funding application"))
}

#[derive(PartialEq)]
enum Side {
    Applicant,
    Funder,
}

async fn detail(
    db: &Db,
    row: &funding_application::Model,
    call: &funding_call::Model,
    project: &project::Model,
) -> Result<ApplicationDetail> {
    let applicant = applicant_of(db, project, Some(row.organisation_id)).await?;
    let rules = service::verdicts(
        call,
        &applicant,
        row.amount_requested,
        row.project_budget,
        Utc::now(),
    );
    let history = service::history(db, row.id).await?;
    Ok(ApplicationDetail {
        application: Application::from_row(row, names_of(db, row, call, project).await?),
        history: history.iter().map(ApplicationEvent::from).collect(),
        rules,
    })
}

/// One application with its history and how it stands against the call's rules.
#[utoipa::path(
    tag = "funding",
    operation_id = "getFundingApplication",
    params(("id" = Uuid, Path, description = "The application's id")),
    responses(
        (status = 200, description = "The application", body = ApplicationDetail, headers(("ETag" = String))),
        (status = 401, response = responses::Unauthorized),
        (status = 404, response = responses::NotFound),
    ),
    security(("bearer" = []))
)]
#[get("/funding-applications/{id}")]
async fn get_application(db: Data<Db>, member: Member, id: Path<Uuid>) -> Result<HttpResponse> {
    let (row, call, project, _) = readable(&db, &member, *id).await?;
    let detail = detail(&db, &row, &call, &project).await?;
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, version_etag(row.version)))
        .json(detail))
}

/// Changes a draft (the project's editors): the amounts, the financing plan, the summary or
/// the organisation applying. 409 once submitted; someone who reads the application without
/// editing the project (its funder, another member of the organisation applying) is refused
/// (403), anyone else is told there is none (404), as on reading.
#[utoipa::path(
    tag = "funding",
    operation_id = "updateFundingApplication",
    request_body = ApplicationChanges,
    params(
        ("id" = Uuid, Path, description = "The application's id"),
        IfMatch,
    ),
    responses(
        (status = 200, description = "Changed", body = ApplicationDetail, headers(("ETag" = String))),
        responses::ItemBodyRefusals,
        (status = 409, response = responses::Conflict),
        (status = 412, response = responses::PreconditionFailed),
    ),
    security(("bearer" = []))
)]
#[patch("/funding-applications/{id}")]
async fn update_application(
    request: HttpRequest,
    db: Data<Db>,
    member: Member,
    id: Path<Uuid>,
    body: Json<ApplicationChanges>,
) -> Result<HttpResponse> {
    let (row, call, project, _) = readable(&db, &member, *id).await?;
    editable(&db, &member, project.id).await?;
    let changes = body.into_inner();
    let mut errors = ApiError::field_errors_of(changes.validate());
    errors.extend(service::amount_errors(
        changes.amount_requested.unwrap_or(row.amount_requested),
        changes.project_budget.unwrap_or(row.project_budget),
    ));
    ApiError::valid(errors, ())?;
    if let Some(organisation) = changes.organisation_id {
        service::check_organisation(db.get_ref(), member.id(), organisation).await?;
    }
    check_if_match(&request, &version_etag(row.version))?;
    let txn = db::write_transaction(&db).await?;
    let changed = service::change_draft(&txn, &row, changes, Utc::now()).await?;
    changes::record(&txn, ChangeKind::FundingApplication, changed.id).await?;
    txn.commit().await?;
    let detail = detail(&db, &changed, &call, &project).await?;
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, version_etag(changed.version)))
        .json(detail))
}

/// Submits a draft (the applicant's side): every rule of the call is checked, each broken
/// one a field error of its own; 409 unless it is a draft.
#[utoipa::path(
    tag = "funding",
    operation_id = "submitFundingApplication",
    params(
        ("id" = Uuid, Path, description = "The application's id"),
        IfMatch,
    ),
    responses(
        (status = 200, description = "Submitted", body = ApplicationDetail, headers(("ETag" = String))),
        responses::ItemRefusals,
        (status = 409, response = responses::Conflict),
        (status = 412, response = responses::PreconditionFailed),
        (status = 422, response = responses::UnprocessableEntity),
    ),
    security(("bearer" = []))
)]
#[post("/funding-applications/{id}/submit")]
async fn submit_application(
    request: HttpRequest,
    db: Data<Db>,
    member: Member,
    id: Path<Uuid>,
) -> Result<HttpResponse> {
    member.require_verified_email()?;
    let (row, call, project, side) = readable(&db, &member, *id).await?;
    if side != Side::Applicant {
        return Err(ApiError::Forbidden);
    }
    check_if_match(&request, &version_etag(row.version))?;
    if ApplicationStatus::of(&row) == ApplicationStatus::Draft {
        let applicant = applicant_of(db.get_ref(), &project, Some(row.organisation_id)).await?;
        let verdicts = service::verdicts(
            &call,
            &applicant,
            row.amount_requested,
            row.project_budget,
            Utc::now(),
        );
        service::require_eligible(&verdicts, row.amount_requested, row.project_budget)?;
    }
    let step = Move {
        to: ApplicationStatus::Submitted,
        amount_granted: None,
        comment: None,
        actor: member.id(),
    };
    let txn = db::write_transaction(&db).await?;
    let moved = service::apply_move(&txn, &row, &call, step, Utc::now()).await?;
    notices::submitted(&txn, &moved, &call, &project.title).await?;
    integrations::emit(&txn, Event::application(&moved, &call)).await?;
    changes::record(&txn, ChangeKind::FundingApplication, moved.id).await?;
    txn.commit().await?;
    let detail = detail(&db, &moved, &call, &project).await?;
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, version_etag(moved.version)))
        .json(detail))
}

/// The funder's move (its editors only): `submitted` → `under_review` → `accepted` (with the
/// amount granted, added to the project's financing plan) or `rejected`, with a comment.
/// Any other move is a 409. The applicant is notified.
#[utoipa::path(
    tag = "funding",
    operation_id = "reviewFundingApplication",
    request_body = Review,
    params(
        ("id" = Uuid, Path, description = "The application's id"),
        IfMatch,
    ),
    responses(
        (status = 200, description = "Moved", body = ApplicationDetail, headers(("ETag" = String))),
        responses::ItemBodyRefusals,
        (status = 409, response = responses::Conflict),
        (status = 412, response = responses::PreconditionFailed),
    ),
    security(("bearer" = []))
)]
#[post("/funding-applications/{id}/review")]
async fn review_application(
    request: HttpRequest,
    db: Data<Db>,
    member: Member,
    id: Path<Uuid>,
    body: Json<Review>,
) -> Result<HttpResponse> {
    let (row, call, project, _) = readable(&db, &member, *id).await?;
    calls::require_funder_editor(db.get_ref(), member.id(), &call).await?;
    let review = body.into_inner();
    let mut errors = ApiError::field_errors_of(review.validate());
    errors.extend(service::decision_errors(
        review.status,
        review.amount_granted,
        row.amount_requested,
    ));
    if review.status == ApplicationStatus::Submitted || review.status == ApplicationStatus::Draft {
        errors.push(crate::error::FieldError::new(
            "status",
            "invalid",
            "a funder moves an application to under_review, accepted or rejected",
        ));
    }
    ApiError::valid(errors, ())?;
    check_if_match(&request, &version_etag(row.version))?;
    let step = Move {
        to: review.status,
        amount_granted: review.amount_granted,
        comment: review.comment,
        actor: member.id(),
    };
    let txn = db::write_transaction(&db).await?;
    let moved = service::apply_move(&txn, &row, &call, step, Utc::now()).await?;
    notices::reviewed(&txn, &moved, &call).await?;
    integrations::emit(&txn, Event::application(&moved, &call)).await?;
    changes::record(&txn, ChangeKind::FundingApplication, moved.id).await?;
    txn.commit().await?;
    let detail = detail(&db, &moved, &call, &project).await?;
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, version_etag(moved.version)))
        .json(detail))
}
