//! `/api/v1/cooperation-links` and `/api/v1/cooperation-links/{id}` (with its confirmation).

use crate::http::body::Json;
use crate::search::search_handler;
use actix_web::{
    HttpRequest, HttpResponse, delete, get,
    http::header::ETAG,
    patch, post,
    web::{Data, Path},
};
use chrono::Utc;
use sea_orm::ActiveValue::Set;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::{
    dto::{
        CooperationLink, CooperationLinkChanges, CooperationLinkQuery, CooperationLinkSearchPage,
        NewCooperationLink,
    },
    listing::{CooperationLinks, linked_projects},
    service::{self, find, require_manager},
};
use crate::db::Db;
use crate::http::conditional::IfMatch;
use crate::http::idempotency::IdempotencyKey;
use crate::{
    accounts::{Member, Role},
    db,
    entities::cooperation_link::{self, Entity as LinkEntity},
    error::{ApiError, FieldError, Result, responses},
    http::{
        conditional::{check_if_match, version_etag},
        idempotency::{self, StoredResponse},
    },
    search::{ChangeKind, changes},
    taxonomies::{SectorCode, Taxonomies, code_strings},
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_link)
        .service(search_links)
        .service(super::figures::link_aggregates)
        .service(get_link)
        .service(update_link)
        .service(delete_link)
        .service(confirm_link)
        .service(super::territory::territory_dashboard)
        .service(super::diaspora::territory_diaspora);
}

/// The representation of a stored link, with its projects.
async fn representation<C: sea_orm::ConnectionTrait>(
    db: &C,
    row: &cooperation_link::Model,
) -> Result<CooperationLink> {
    let mut projects = linked_projects(db, [row.id]).await?;
    Ok(CooperationLink::from_row(
        row,
        projects.remove(&row.id).unwrap_or_default(),
    ))
}

fn answer(link: &CooperationLink) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((ETAG, version_etag(link.version)))
        .json(link)
}

/// Records a link between two authorities. The recorder belongs to one side's organisation
/// (whose agreement comes with the recording) or is a facilitator; the other side confirms.
#[utoipa::path(
    tag = "cooperation",
    operation_id = "createCooperationLink",
    request_body = NewCooperationLink,
    params(IdempotencyKey),
    responses(
        (status = 201, description = "Recorded", body = CooperationLink,
            headers(("Location" = String, description = "The new link"), ("ETag" = String))),
        responses::BodyRefusals,
        (status = 401, response = responses::Unauthorized),
        (status = 403, response = responses::Forbidden),
        (status = 409, response = responses::Conflict),
    ),
    security(("bearer" = []))
)]
#[post("/cooperation-links")]
async fn create_link(
    request: HttpRequest,
    db: Data<Db>,
    taxonomies: Data<Taxonomies>,
    member: Member,
    body: Json<NewCooperationLink>,
) -> Result<HttpResponse> {
    member.require_verified_email()?;
    let new = body.into_inner();
    let mut errors = ApiError::field_errors_of(new.validate());
    let themes = service::parse_themes(&new.themes, &taxonomies, &mut errors);
    let north = service::resolve(db.get_ref(), "north", &new.north, &taxonomies).await;
    let south = service::resolve(db.get_ref(), "south", &new.south, &taxonomies).await;
    errors.extend(north.clone().err().unwrap_or_default());
    errors.extend(south.clone().err().unwrap_or_default());
    errors.extend(service::project_errors(db.get_ref(), &new.project_ids).await?);
    let (Ok(north), Ok(south), true) = (north, south, errors.is_empty()) else {
        return Err(ApiError::Validation(errors));
    };
    let organisations = [north.organisation_id, south.organisation_id];
    let agrees = service::sides_of(db.get_ref(), member.id(), organisations).await?;
    if !agrees.contains(&true) && member.role() < Role::Facilitator {
        return Err(ApiError::Validation(vec![FieldError::new(
            "north.organisation_id",
            "not_a_member",
            "record links for an authority you belong to",
        )]));
    }
    let fingerprint = idempotency::fingerprint(&new)?;
    idempotency::create(&request, &db, member.id(), &fingerprint, async move |txn| {
        let prepared = service::prepare(
            member.id(),
            [north, south],
            &new,
            &themes,
            agrees,
            Utc::now(),
        );
        let id = prepared.id();
        service::insert_prepared(txn, vec![prepared]).await?;
        changes::record(txn, ChangeKind::CooperationLink, id).await?;
        let link = representation(txn, &find(txn, id).await?).await?;
        StoredResponse::created_versioned(
            &link,
            format!("/api/v1/cooperation-links/{id}"),
            link.version,
        )
    })
    .await
}

search_handler! {
    /// Searches the atlas of cooperation links: words, filters, cursor pagination, total and
    /// facets.
    search_links: GET "/cooperation-links", tag "cooperation", id "searchCooperationLinks",
    CooperationLinks, CooperationLinkQuery => CooperationLinkSearchPage, "A page of results"
}

/// One cooperation link.
#[utoipa::path(
    tag = "cooperation",
    operation_id = "getCooperationLink",
    params(("id" = Uuid, Path, description = "The link's id")),
    responses(
        (status = 200, description = "The link", body = CooperationLink, headers(("ETag" = String))),
        (status = 404, response = responses::NotFound),
    ),
    security(())
)]
#[get("/cooperation-links/{id}")]
async fn get_link(db: Data<Db>, id: Path<Uuid>) -> Result<HttpResponse> {
    let row = find(db.get_ref(), *id).await?;
    Ok(answer(&representation(db.get_ref(), &row).await?))
}

/// Changes a link's themes, start, status, description or projects (members of either
/// side's organisation, and facilitators).
#[utoipa::path(
    tag = "cooperation",
    operation_id = "updateCooperationLink",
    params(
        ("id" = Uuid, Path, description = "The link's id"),
        IfMatch,
    ),
    request_body = CooperationLinkChanges,
    responses(
        (status = 200, description = "The updated link", body = CooperationLink, headers(("ETag" = String))),
        responses::BodyRefusals,
        responses::ItemRefusals,
        (status = 412, response = responses::PreconditionFailed),
    ),
    security(("bearer" = []))
)]
#[patch("/cooperation-links/{id}")]
async fn update_link(
    request: HttpRequest,
    db: Data<Db>,
    taxonomies: Data<Taxonomies>,
    member: Member,
    id: Path<Uuid>,
    body: Json<CooperationLinkChanges>,
) -> Result<HttpResponse> {
    let current = find(db.get_ref(), *id).await?;
    require_manager(db.get_ref(), &member, &current).await?;
    let changes = body.into_inner();
    let row = validated_changes(db.get_ref(), &current, &changes, &taxonomies).await?;
    check_if_match(&request, &version_etag(current.version))?;
    let txn = db::write_transaction(&db).await?;
    db::update_versioned::<LinkEntity, _>(
        &txn,
        row,
        cooperation_link::Column::Id,
        cooperation_link::Column::Version,
        current.id,
        current.version,
    )
    .await?;
    let stored = find(&txn, current.id).await?;
    // The themes were parsed by `validated_changes`: their rows are rebuilt from the row as
    // written.
    if changes.themes.is_some() {
        let themes = SectorCode::all_stored(&stored.themes);
        service::replace_themes(&txn, current.id, &themes).await?;
    }
    if let Some(projects) = &changes.project_ids {
        service::replace_projects(&txn, current.id, projects).await?;
    }
    let link = representation(&txn, &stored).await?;
    changes::record(&txn, ChangeKind::CooperationLink, current.id).await?;
    txn.commit().await?;
    Ok(answer(&link))
}

async fn validated_changes(
    db: &Db,
    current: &cooperation_link::Model,
    changes: &CooperationLinkChanges,
    taxonomies: &Taxonomies,
) -> Result<cooperation_link::ActiveModel> {
    let mut errors = ApiError::field_errors_of(changes.validate());
    let mut row = cooperation_link::ActiveModel {
        version: Set(current.version + 1),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    if let Some(themes) = &changes.themes {
        let themes = service::parse_themes(themes, taxonomies, &mut errors);
        row.themes = Set(code_strings(&themes).into());
    }
    if let Some(started) = changes.started {
        if started.is_some_and(|year| !(1950..=2100).contains(&year)) {
            errors.push(FieldError::new(
                "started",
                "range",
                "use a year from 1950 to 2100",
            ));
        }
        row.started = Set(started);
    }
    if let Some(status) = changes.status {
        row.status = Set(status.as_str().to_owned());
    }
    if let Some(description) = &changes.description {
        let sides = |side: [&str; 2]| service::Side {
            organisation_id: None,
            name: side[0].to_owned(),
            country: String::new(),
            level: String::new(),
            subdivision: None,
            place: side[1].to_owned(),
        };
        let (text, _) = service::indexed_text(
            &sides([&current.north_name, &current.north_place]),
            &sides([&current.south_name, &current.south_place]),
            description,
        );
        row.search_text = Set(text);
        row.description = Set(description.trim().to_owned());
    }
    if let Some(projects) = &changes.project_ids {
        errors.extend(service::project_errors(db, projects).await?);
    }
    if errors.is_empty() {
        Ok(row)
    } else {
        Err(ApiError::Validation(errors))
    }
}

/// Deletes a link (members of either side's organisation, and facilitators).
#[utoipa::path(
    tag = "cooperation",
    operation_id = "deleteCooperationLink",
    params(
        ("id" = Uuid, Path, description = "The link's id"),
        IfMatch,
    ),
    responses(
        (status = 204, description = "Deleted"),
        responses::ItemRefusals,
        (status = 412, response = responses::PreconditionFailed),
    ),
    security(("bearer" = []))
)]
#[delete("/cooperation-links/{id}")]
async fn delete_link(
    request: HttpRequest,
    db: Data<Db>,
    member: Member,
    id: Path<Uuid>,
) -> Result<HttpResponse> {
    let current = find(db.get_ref(), *id).await?;
    require_manager(db.get_ref(), &member, &current).await?;
    check_if_match(&request, &version_etag(current.version))?;
    let txn = db::write_transaction(&db).await?;
    db::delete_versioned::<LinkEntity, _>(
        &txn,
        cooperation_link::Column::Id,
        cooperation_link::Column::Version,
        current.id,
        current.version,
    )
    .await?;
    changes::record(&txn, ChangeKind::CooperationLink, current.id).await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Confirms a link for the side(s) whose organisation the caller belongs to. Only a side's
/// own members speak for it: facilitators manage links but do not confirm them for others.
#[utoipa::path(
    tag = "cooperation",
    operation_id = "confirmCooperationLink",
    params(("id" = Uuid, Path, description = "The link's id")),
    responses(
        (status = 200, description = "The link, confirmed by the caller's side", body = CooperationLink, headers(("ETag" = String))),
        responses::ItemRefusals,
    ),
    security(("bearer" = []))
)]
#[post("/cooperation-links/{id}/confirmation")]
async fn confirm_link(db: Data<Db>, member: Member, id: Path<Uuid>) -> Result<HttpResponse> {
    member.require_verified_email()?;
    let current = find(db.get_ref(), *id).await?;
    let speaks =
        service::sides_of(db.get_ref(), member.id(), service::organisations(&current)).await?;
    if !speaks.contains(&true) {
        return Err(ApiError::Forbidden);
    }
    let txn = db::write_transaction(&db).await?;
    let mut row = cooperation_link::ActiveModel {
        north_organisation_id: Set(current.north_organisation_id),
        south_organisation_id: Set(current.south_organisation_id),
        north_confirmed: Set(current.north_confirmed || speaks[0]),
        south_confirmed: Set(current.south_confirmed || speaks[1]),
        version: Set(current.version + 1),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    row.confirmed = Set(service::is_confirmed(&row));
    db::update_versioned::<LinkEntity, _>(
        &txn,
        row,
        cooperation_link::Column::Id,
        cooperation_link::Column::Version,
        current.id,
        current.version,
    )
    .await?;
    let link = representation(&txn, &find(&txn, current.id).await?).await?;
    changes::record(&txn, ChangeKind::CooperationLink, current.id).await?;
    txn.commit().await?;
    Ok(answer(&link))
}
