//! `Idempotency-Key` on creating POSTs: a retried request (lost connection, double tap on a
//! slow network) replays the first response instead of creating a second object.

use actix_web::{
    HttpRequest, HttpResponse,
    http::{
        StatusCode,
        header::{CONTENT_TYPE, ETAG, HeaderName, LOCATION},
    },
};
use chrono::{TimeDelta, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    sea_query::OnConflict,
};
use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::http::conditional::version_etag;
use crate::{
    db::{self, Db},
    entities::idempotency_key::{self, Entity as StoredKeys},
    error::{ApiError, Result},
};

/// The `Idempotency-Key` header of a creating POST, documented once for every operation.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
#[allow(dead_code)]
pub struct IdempotencyKey {
    /// Retries with the same key and body replay the first response
    #[param(rename = "Idempotency-Key")]
    idempotency_key: Option<String>,
}

pub const IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");
/// How long a key is remembered.
const RETENTION: TimeDelta = TimeDelta::hours(24);
const MAX_KEY_LENGTH: usize = 255;

/// A creating request's key and the fingerprint of what it asks.
pub struct Attempt {
    user: Uuid,
    key: String,
    fingerprint: String,
}

/// A response worth replaying.
pub struct StoredResponse {
    pub status: StatusCode,
    pub body: String,
    pub location: Option<String>,
    pub etag: Option<String>,
}

impl StoredResponse {
    /// `201 Created` with `body` as JSON, where the new object lives and its version.
    pub fn created(
        body: &impl Serialize,
        location: Option<String>,
        etag: Option<String>,
    ) -> Result<Self> {
        Ok(Self {
            status: StatusCode::CREATED,
            body: serde_json::to_string(body).map_err(|e| ApiError::Internal(e.into()))?,
            location,
            etag,
        })
    }

    /// A new versioned resource: 201 with its `Location` and the `ETag` of its first version.
    pub fn created_versioned(
        body: &impl Serialize,
        location: String,
        version: i32,
    ) -> Result<Self> {
        Self::created(body, Some(location), Some(version_etag(version)))
    }

    pub fn into_response(self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status);
        response.insert_header((CONTENT_TYPE, "application/json"));
        if let Some(location) = self.location {
            response.insert_header((LOCATION, location));
        }
        if let Some(etag) = self.etag {
            response.insert_header((ETAG, etag));
        }
        response.body(self.body)
    }
}

impl Attempt {
    /// Reads the header; `None` when the client sent none.
    pub fn from_request(request: &HttpRequest, user: Uuid, body: &[u8]) -> Result<Option<Self>> {
        let Some(value) = request.headers().get(IDEMPOTENCY_KEY) else {
            return Ok(None);
        };
        let key = value
            .to_str()
            .ok()
            .map(str::trim)
            .filter(|key| !key.is_empty() && key.len() <= MAX_KEY_LENGTH)
            .ok_or_else(|| {
                ApiError::invalid_field(
                    "Idempotency-Key",
                    "length",
                    "use 1 to 255 visible characters",
                )
            })?;
        let mut hasher = Sha256::new();
        hasher.update(request.method().as_str());
        hasher.update(request.path());
        hasher.update(body);
        Ok(Some(Self {
            user,
            key: key.to_owned(),
            fingerprint: hex::encode(hasher.finalize()),
        }))
    }

    /// Claims the key inside the creating transaction. `Some` is the earlier response to replay.
    pub async fn claim<C: ConnectionTrait>(&self, db: &C) -> Result<Option<StoredResponse>> {
        let now = Utc::now();
        StoredKeys::delete_many()
            .filter(idempotency_key::Column::CreatedAt.lt(now - RETENTION))
            .exec(db)
            .await?;
        let row = idempotency_key::ActiveModel {
            user_id: Set(self.user),
            key: Set(self.key.clone()),
            fingerprint: Set(self.fingerprint.clone()),
            status: Set(None),
            body: Set(None),
            location: Set(None),
            created_at: Set(now),
        };
        let inserted = StoredKeys::insert(row)
            .on_conflict(
                OnConflict::columns([
                    idempotency_key::Column::UserId,
                    idempotency_key::Column::Key,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
        if inserted == 1 {
            return Ok(None);
        }
        let earlier = StoredKeys::find_by_id((self.user, self.key.clone()))
            .one(db)
            .await?
            .ok_or_else(|| ApiError::Conflict("this Idempotency-Key is in use".into()))?;
        if earlier.fingerprint != self.fingerprint {
            return Err(ApiError::invalid_field(
                "Idempotency-Key",
                "reused",
                "this key was used for another request; use a new key",
            ));
        }
        match (earlier.status, earlier.body) {
            (Some(status), Some(body)) => Ok(Some(StoredResponse {
                status: StatusCode::from_u16(status as u16).unwrap_or(StatusCode::OK),
                body,
                location: earlier.location,
                etag: None,
            })),
            _ => Err(ApiError::Conflict(
                "a request with this Idempotency-Key is in progress".into(),
            )),
        }
    }

    /// Records the response of the first request, in the same transaction as its effects.
    pub async fn complete<C: ConnectionTrait>(
        &self,
        db: &C,
        response: &StoredResponse,
    ) -> Result<()> {
        let row = idempotency_key::ActiveModel {
            user_id: sea_orm::ActiveValue::Unchanged(self.user),
            key: sea_orm::ActiveValue::Unchanged(self.key.clone()),
            status: Set(Some(i32::from(response.status.as_u16()))),
            body: Set(Some(response.body.clone())),
            location: Set(response.location.clone()),
            ..Default::default()
        };
        StoredKeys::update(row).exec(db).await?;
        Ok(())
    }
}

/// What a creating request asks, as the key's fingerprint: the same key with another request is
/// refused, not replayed.
pub fn fingerprint(asked: &impl Serialize) -> Result<Vec<u8>> {
    serde_json::to_vec(asked).map_err(|e| ApiError::Internal(e.into()))
}

/// Runs a creating request once per `Idempotency-Key`: in one write transaction, claims the
/// key and replays the earlier response when there is one; otherwise runs `create` and keeps
/// its response with its effects. Without the header, just runs `create` in the transaction.
#[tracing::instrument(
    level = "info",
    skip_all,
    fields(keyed = tracing::field::Empty, replayed = tracing::field::Empty)
)]
pub async fn create(
    request: &HttpRequest,
    db: &Db,
    user: Uuid,
    fingerprint: &[u8],
    create: impl AsyncFnOnce(&DatabaseTransaction) -> Result<StoredResponse>,
) -> Result<HttpResponse> {
    let attempt = Attempt::from_request(request, user, fingerprint)?;
    let span = tracing::Span::current();
    span.record("keyed", attempt.is_some());
    let txn = db::write_transaction(db).await?;
    if let Some(attempt) = &attempt
        && let Some(earlier) = attempt.claim(&txn).await?
    {
        span.record("replayed", true);
        txn.commit().await?;
        return Ok(earlier.into_response());
    }
    let response = create(&txn).await?;
    if let Some(attempt) = &attempt {
        attempt.complete(&txn, &response).await?;
    }
    txn.commit().await?;
    Ok(response.into_response())
}
