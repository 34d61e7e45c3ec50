//! `/api/v1/organisations/{id}/api-keys`: the owners make, list and revoke their
//! organisation's keys. Keys cannot manage keys (see `scopes`).

use crate::http::body::Json;
use actix_web::{
    HttpResponse, delete, get, post,
    web::{Data, Path},
};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::{
    dto::{ApiKey, CreatedApiKey, NewApiKey},
    keys,
};
use crate::{
    accounts::Member,
    db::{self, Db},
    error::{ApiError, FieldError, Result, responses},
    organisations::require_owner,
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_api_key)
        .service(list_api_keys)
        .service(revoke_api_key);
}

/// Origins must be exactly `scheme://host[:port]`, as browsers send them.
fn origin_errors(origins: &[String]) -> Vec<FieldError> {
    origins
        .iter()
        .enumerate()
        .filter(|(_, origin)| {
            url::Url::parse(origin).map_or(true, |url| {
                !matches!(url.scheme(), "http" | "https")
                    || url.origin().ascii_serialization() != origin.as_str()
            })
        })
        .map(|(index, _)| {
            FieldError::new(
                format!("cors_origins[{index}]"),
                "origin",
                "write an origin such as https://example.org (no path, no trailing slash)",
            )
        })
        .collect()
}

/// Makes an API key for the organisation (owners only). The answer is the only one that
/// shows the key: it is stored hashed.
///
/// No `Idempotency-Key` here: replaying the answer would mean storing the key.
#[utoipa::path(
    tag = "integrations",
    operation_id = "createApiKey",
    params(("id" = Uuid, Path, description = "The organisation's id")),
    request_body = NewApiKey,
    responses(
        (status = 201, description = "The key, shown this once", body = CreatedApiKey),
        responses::ItemBodyRefusals,
    ),
    security(("bearer" = []))
)]
#[post("/organisations/{id}/api-keys")]
async fn create_api_key(
    db: Data<Db>,
    member: Member,
    id: Path<Uuid>,
    body: Json<NewApiKey>,
) -> Result<HttpResponse> {
    member.require_verified_email()?;
    let new = body.into_inner();
    let mut errors = ApiError::field_errors_of(new.validate());
    errors.extend(origin_errors(&new.cors_origins));
    if new.expires_at.is_some_and(|at| at <= chrono::Utc::now()) {
        errors.push(FieldError::new(
            "expires_at",
            "range",
            "choose a date in the future",
        ));
    }
    ApiError::valid(errors, ())?;
    let txn = db::write_transaction(&db).await?;
    crate::organisations::queries::find(&txn, *id).await?;
    require_owner(&txn, *id, &member).await?;
    let (row, secret) = keys::create(&txn, *id, member.id(), new).await?;
    txn.commit().await?;
    Ok(HttpResponse::Created()
        .insert_header((
            "Location",
            format!(
                "/api/v1/organisations/{}/api-keys/{}",
                row.organisation_id, row.id
            ),
        ))
        .json(CreatedApiKey {
            key: ApiKey::from_row(&row),
            secret,
        }))
}

/// The organisation's API keys, revoked ones included (owners only). Never the keys
/// themselves.
#[utoipa::path(
    tag = "integrations",
    operation_id = "listApiKeys",
    params(("id" = Uuid, Path, description = "The organisation's id")),
    responses(
        (status = 200, description = "The keys, newest first", body = Vec<ApiKey>),
        responses::ItemRefusals,
    ),
    security(("bearer" = []))
)]
#[get("/organisations/{id}/api-keys")]
async fn list_api_keys(db: Data<Db>, member: Member, id: Path<Uuid>) -> Result<HttpResponse> {
    crate::organisations::queries::find(db.get_ref(), *id).await?;
    require_owner(db.get_ref(), *id, &member).await?;
    Ok(HttpResponse::Ok().json(keys::list(db.get_ref(), *id).await?))
}

/// Revokes an API key at once (owners only). Revoking twice is not an error.
#[utoipa::path(
    tag = "integrations",
    operation_id = "revokeApiKey",
    params(
        ("id" = Uuid, Path, description = "The organisation's id"),
        ("key_id" = Uuid, Path, description = "The key's id"),
    ),
    responses(
        (status = 204, description = "Revoked"),
        responses::ItemRefusals,
    ),
    security(("bearer" = []))
)]
#[delete("/organisations/{id}/api-keys/{key_id}")]
async fn revoke_api_key(
    db: Data<Db>,
    member: Member,
    path: Path<(Uuid, Uuid)>,
) -> Result<HttpResponse> {
    let (organisation, key) = path.into_inner();
    crate::organisations::queries::find(db.get_ref(), organisation).await?;
    require_owner(db.get_ref(), organisation, &member).await?;
    keys::revoke(db.get_ref(), organisation, key).await?;
    Ok(HttpResponse::NoContent().finish())
}
