//! The write side every kind of item shares, beside `search` (the read side): a member changes
//! or deletes an item they may edit, naming the version they read (`If-Match`). The steps and
//! their order are written once here — who may (404, 403), what is wrong with the body (422, every
//! problem at once), whether the version read is still current (412), then the write — so each
//! kind only says what is its own: who may edit it, how its changes are checked and written.

use actix_web::{HttpRequest, HttpResponse, http::header::ETAG};
use serde::Serialize;
use uuid::Uuid;

use crate::{
    accounts::Member,
    db::Db,
    error::Result,
    http::conditional::{check_if_match, version_etag},
    taxonomies::Taxonomies,
};

/// A kind of item members change and delete with `If-Match` (projects, opportunities,
/// organisations). Implemented on the kind's listing type, so one type names the kind on both
/// sides.
// The futures are awaited on actix's per-thread runtime and never sent across threads.
#[allow(async_fn_in_trait)]
pub trait Editable {
    /// The item as stored.
    type Row;
    /// What a member sends to change it (the PATCH body).
    type Changes;
    /// Changes checked against the item as it is, ready to write.
    type Checked;
    /// The item as its editors see it.
    type Shown: Serialize;

    fn version(row: &Self::Row) -> i32;

    fn shown(row: &Self::Row) -> Self::Shown;

    /// The item `member` may change: 404 when there is none they may see, 403 when they may
    /// only see it.
    async fn editable(db: &Db, member: &Member, id: Uuid) -> Result<Self::Row>;

    /// The item `member` may delete: those who may change it unless the kind is stricter.
    async fn deletable(db: &Db, member: &Member, id: Uuid) -> Result<Self::Row> {
        Self::editable(db, member, id).await
    }

    /// Every problem with `changes` as a field error (or a refusal of the member), else what
    /// to write.
    fn check(
        member: &Member,
        current: &Self::Row,
        changes: &Self::Changes,
        taxonomies: &Taxonomies,
    ) -> Result<Self::Checked>;

    /// Writes checked changes to the item read at its version (412 if it moved since), with
    /// what follows from them (search rows, change log, events); the item as stored.
    async fn update(db: &Db, current: &Self::Row, checked: Self::Checked) -> Result<Self::Row>;

    /// Deletes the item read at its version (412 if it moved since).
    async fn delete(db: &Db, current: &Self::Row) -> Result<()>;
}

/// `PATCH /<kind>/{id}`: the item as changed, with its new version as `ETag`.
pub async fn update<K: Editable>(
    request: &HttpRequest,
    db: &Db,
    taxonomies: &Taxonomies,
    member: &Member,
    id: Uuid,
    changes: K::Changes,
) -> Result<HttpResponse> {
    let current = K::editable(db, member, id).await?;
    let checked = K::check(member, &current, &changes, taxonomies)?;
    check_if_match(request, &version_etag(K::version(&current)))?;
    let row = K::update(db, &current, checked).await?;
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, version_etag(K::version(&row))))
        .json(K::shown(&row)))
}

/// `DELETE /<kind>/{id}`: 204 once gone.
pub async fn delete<K: Editable>(
    request: &HttpRequest,
    db: &Db,
    member: &Member,
    id: Uuid,
) -> Result<HttpResponse> {
    let current = K::deletable(db, member, id).await?;
    check_if_match(request, &version_etag(K::version(&current)))?;
    K::delete(db, &current).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Declares the change and delete handlers of an editable kind, documented for the spec:
///
/// ```ignore
/// editing_handlers! {
///     Projects, tag "projects", path "/projects/{id}", id "The project's id";
///     /// Changes a project (its author, or editors of its organisation).
///     update_project: PATCH id "updateProject", ProjectChanges => Project, "The updated project";
///     /// Deletes a project (its author, or editors of its organisation).
///     delete_project: DELETE id "deleteProject";
/// }
/// ```
macro_rules! editing_handlers {
    (
        $kind:ty, tag $tag:literal, path $path:literal, id $id_doc:literal;
        $(#[doc = $update_doc:literal])*
        $update:ident: PATCH id $update_id:literal, $changes:ty => $shown:ty, $answer:literal;
        $(#[doc = $delete_doc:literal])*
        $delete:ident: DELETE id $delete_id:literal;
    ) => {
        $(#[doc = $update_doc])*
        #[utoipa::path(
            tag = $tag,
            operation_id = $update_id,
            params(
                ("id" = Uuid, Path, description = $id_doc),
                $crate::http::conditional::IfMatch,
            ),
            request_body = $changes,
            responses(
                (status = 200, description = $answer, body = $shown, headers(("ETag" = String))),
                $crate::error::responses::BodyRefusals,
                $crate::error::responses::ItemRefusals,
                (status = 412, response = $crate::error::responses::PreconditionFailed),
            ),
            security(("bearer" = []))
        )]
        // `patch` and `delete` are the caller's `actix_web` attributes: utoipa recognises them
        // by their names.
        #[patch($path)]
        async fn $update(
            request: actix_web::HttpRequest,
            db: actix_web::web::Data<$crate::db::Db>,
            taxonomies: actix_web::web::Data<$crate::taxonomies::Taxonomies>,
            member: $crate::accounts::Member,
            id: actix_web::web::Path<uuid::Uuid>,
            body: $crate::http::body::Json<$changes>,
        ) -> $crate::error::Result<actix_web::HttpResponse> {
            let changes = body.into_inner();
            $crate::editing::update::<$kind>(&request, &db, &taxonomies, &member, *id, changes)
                .await
        }

        $(#[doc = $delete_doc])*
        #[utoipa::path(
            tag = $tag,
            operation_id = $delete_id,
            params(
                ("id" = Uuid, Path, description = $id_doc),
                $crate::http::conditional::IfMatch,
            ),
            responses(
                (status = 204, description = "Deleted"),
                $crate::error::responses::ItemRefusals,
                (status = 412, response = $crate::error::responses::PreconditionFailed),
            ),
            security(("bearer" = []))
        )]
        #[delete($path)]
        async fn $delete(
            request: actix_web::HttpRequest,
            db: actix_web::web::Data<$crate::db::Db>,
            member: $crate::accounts::Member,
            id: actix_web::web::Path<uuid::Uuid>,
        ) -> $crate::error::Result<actix_web::HttpResponse> {
            $crate::editing::delete::<$kind>(&request, &db, &member, *id).await
        }
    };
}

pub(crate) use editing_handlers;

/// Deletes a row read at `version` (412 if it moved since) and records the change for the
/// listings, in one transaction: the whole of a delete for a kind that owns nothing else.
pub async fn delete_row<E: sea_orm::EntityTrait>(
    db: &Db,
    (id_column, version_column): (E::Column, E::Column),
    (id, version): (Uuid, i32),
    kind: crate::search::ChangeKind,
) -> Result<()> {
    let txn = crate::db::write_transaction(db).await?;
    crate::db::delete_versioned::<E, _>(&txn, id_column, version_column, id, version).await?;
    crate::search::changes::record(&txn, kind, id).await?;
    txn.commit().await?;
    Ok(())
}
