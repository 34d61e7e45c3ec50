//! The write side every kind of item shares, beside `search` (the read side): a member creates
//! an item, reads one, changes or deletes one they may edit naming the version they read
//! (`If-Match`). The steps and their order are written once here — who may (404, 403), what is
//! wrong with the body (422, every problem at once), whether the version read is still current
//! (412), then the write and its entry in the change log — so each kind only says what is its
//! own: who may see and edit it, how it is checked and written.

use actix_web::{HttpRequest, HttpResponse, http::header::ETAG};
use sea_orm::{ConnectionTrait, DatabaseTransaction};
use serde::Serialize;
use uuid::Uuid;

use crate::{
    accounts::Member,
    db::Db,
    entities::{Versioned, VersionedTable},
    error::Result,
    http::{
        conditional::{check_if_match, version_etag},
        idempotency::{self, StoredResponse},
    },
    search::{ListingKind, changes},
    taxonomies::Taxonomies,
};

/// Who writes, and with what: the member, the database, and the taxonomies the codes of what
/// they send are checked against.
pub struct Editor<'a> {
    pub db: &'a Db,
    pub member: &'a Member,
    pub taxonomies: &'a Taxonomies,
}

/// A kind of item members create, read, change and delete with `If-Match` (projects,
/// opportunities, organisations, cooperation links, calls for projects). Implemented on the
/// kind's listing type, so one type names the kind on both sides (and in the change log).
// The futures are awaited on actix's per-thread runtime and never sent across threads.
#[allow(async_fn_in_trait)]
pub trait Editable: ListingKind {
    /// The item as stored.
    type Row: Versioned;
    /// What a member sends to create one (the POST body).
    type New: Serialize;
    /// What checking a new one learnt that writing it needs (the sides of a cooperation link).
    type Ready;
    /// What a member sends to change one (the PATCH body).
    type Changes;
    /// Changes checked against the item as it is, ready to write.
    type Checked;
    /// The item as its editors see it.
    type Shown: Serialize;

    /// Where the items live (`/api/v1/projects`): a new one's `Location` is below it.
    const COLLECTION: &'static str;

    /// The item as its editors see it, from the row just written (in the write's transaction).
    async fn shown<C: ConnectionTrait>(db: &C, row: &Self::Row) -> Result<Self::Shown>;

    /// Whether the editor may create `new`, and every problem with it, before anything is
    /// written.
    async fn check_new(editor: &Editor<'_>, new: &Self::New) -> Result<Self::Ready>;

    /// Writes a checked new item, with what comes with it (first milestone, links, events).
    async fn insert(
        txn: &DatabaseTransaction,
        member: &Member,
        new: Self::New,
        ready: Self::Ready,
    ) -> Result<Self::Row>;

    /// The item as `reader` (signed in or not) may see it; 404 when they may not.
    async fn read(db: &Db, reader: Option<&Member>, id: Uuid) -> Result<(Self::Row, Self::Shown)>;

    /// The item `member` may change: 404 when there is none they may see, 403 when they may
    /// only see it.
    async fn editable(db: &Db, member: &Member, id: Uuid) -> Result<Self::Row>;

    /// Every problem with `changes` as a field error (or a refusal of the member), else what
    /// to write.
    async fn check(
        editor: &Editor<'_>,
        current: &Self::Row,
        changes: &Self::Changes,
    ) -> Result<Self::Checked>;

    /// Writes checked changes to the item read at its version (412 if it moved since), with
    /// what follows from them (search rows, change log, events); the item as stored.
    async fn update(db: &Db, current: &Self::Row, checked: Self::Checked) -> Result<Self::Row>;
}

/// An editable kind whose items may also be deleted (a call for projects is closed instead).
#[allow(async_fn_in_trait)]
pub trait Deletable: Editable {
    /// The item `member` may delete: those who may change it unless the kind is stricter.
    async fn deletable(db: &Db, member: &Member, id: Uuid) -> Result<Self::Row> {
        Self::editable(db, member, id).await
    }

    /// Deletes the item read at its version (412 if it moved since).
    async fn delete(db: &Db, current: &Self::Row) -> Result<()>;
}

/// An editable kind whose items belong to the member who published them (`GET /me/<kind>`).
#[allow(async_fn_in_trait)]
pub trait Owned: Editable {
    /// The member's own items, whatever their status, newest first (at most `db::OWN_ITEMS`).
    async fn mine(db: &Db, member: &Member) -> Result<Vec<Self::Shown>>;
}

/// `POST /<kind>`: 201 with the new item, its `Location` and `ETag`; once per
/// `Idempotency-Key`.
pub async fn create<K: Editable>(
    request: &HttpRequest,
    editor: &Editor<'_>,
    new: K::New,
) -> Result<HttpResponse> {
    let ready = K::check_new(editor, &new).await?;
    let fingerprint = idempotency::fingerprint(&new)?;
    let member = editor.member;
    idempotency::create(
        request,
        editor.db,
        member.id(),
        &fingerprint,
        async move |txn| {
            let row = K::insert(txn, member, new, ready).await?;
            let id = row.id();
            changes::record(txn, K::KIND, id).await?;
            let location = format!("{}/{id}", K::COLLECTION);
            StoredResponse::created_versioned(&K::shown(txn, &row).await?, location, row.version())
        },
    )
    .await
}

/// `GET /<kind>/{id}`: the item as the reader may see it, with its version as `ETag`.
pub async fn read<K: Editable>(db: &Db, reader: Option<&Member>, id: Uuid) -> Result<HttpResponse> {
    let (row, shown) = K::read(db, reader, id).await?;
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, version_etag(row.version())))
        .json(shown))
}

/// `PATCH /<kind>/{id}`: the item as changed, with its new version as `ETag`.
pub async fn update<K: Editable>(
    request: &HttpRequest,
    editor: &Editor<'_>,
    id: Uuid,
    changes: K::Changes,
) -> Result<HttpResponse> {
    let current = K::editable(editor.db, editor.member, id).await?;
    let checked = K::check(editor, &current, &changes).await?;
    check_if_match(request, &version_etag(current.version()))?;
    let row = K::update(editor.db, &current, checked).await?;
    let shown = K::shown(editor.db, &row).await?;
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, version_etag(row.version())))
        .json(shown))
}

/// `DELETE /<kind>/{id}`: 204 once gone.
pub async fn delete<K: Deletable>(
    request: &HttpRequest,
    db: &Db,
    member: &Member,
    id: Uuid,
) -> Result<HttpResponse> {
    let current = K::deletable(db, member, id).await?;
    check_if_match(request, &version_etag(current.version()))?;
    K::delete(db, &current).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Declares the item routes of an editable kind — create, read one, change, delete —
/// documented for the spec. Each operation keeps its own doc comment (its description):
///
/// ```ignore
/// item_routes! {
///     Projects, tag "projects", id "The project's id";
///     /// Creates a project.
///     create_project: POST "/projects", id "createProject", NewProject => Project,
///         "Created", "The new project", refusals CreateForRefusals;
///     /// One project.
///     get_project: GET "/projects/{id}", id "getProject", "The project", security((), ("bearer" = []));
///     /// Changes a project (its author, or editors of its organisation).
///     update_project: PATCH id "updateProject", ProjectChanges, "The updated project";
///     /// Deletes a project (its author, or editors of its organisation).
///     delete_project: DELETE id "deleteProject";
/// }
/// ```
///
/// It also declares `item_services`, which registers them.
///
/// `post`, `get`, `patch` and `delete` are the caller's `actix_web` attributes: utoipa
/// recognises them by their names. A read open to anyone (`security(())`) does not look at who
/// asks; one that also answers members (`security((), ("bearer" = []))`) passes the reader on.
macro_rules! item_routes {
    (
        $kind:ty, tag $tag:literal, id $id_doc:literal;
        $(#[doc = $create_doc:literal])*
        $create:ident: POST $collection:literal, id $create_id:literal, $new:ty => $shown:ty,
            $created:literal, $location_doc:literal, refusals $refusals:ident;
        $(#[doc = $get_doc:literal])*
        $get:ident: GET $path:literal, id $get_id:literal, $seen:literal, security $security:tt;
        $(#[doc = $update_doc:literal])*
        $update:ident: PATCH id $update_id:literal, $changes:ty, $answer:literal;
        $(
            $(#[doc = $delete_doc:literal])*
            $delete:ident: DELETE id $delete_id:literal;
        )?
    ) => {
        $(#[doc = $create_doc])*
        #[utoipa::path(
            tag = $tag,
            operation_id = $create_id,
            request_body = $new,
            params($crate::http::idempotency::IdempotencyKey),
            responses(
                (status = 201, description = $created, body = $shown,
                    headers(("Location" = String, description = $location_doc), ("ETag" = String))),
                $crate::error::responses::BodyRefusals,
                $crate::error::responses::$refusals,
            ),
            security(("bearer" = []))
        )]
        #[post($collection)]
        async fn $create(
            request: actix_web::HttpRequest,
            db: actix_web::web::Data<$crate::db::Db>,
            taxonomies: actix_web::web::Data<$crate::taxonomies::Taxonomies>,
            member: $crate::accounts::Member,
            body: $crate::http::body::Json<$new>,
        ) -> $crate::error::Result<actix_web::HttpResponse> {
            let editor = $crate::editing::Editor { db: &db, member: &member, taxonomies: &taxonomies };
            $crate::editing::create::<$kind>(&request, &editor, body.into_inner()).await
        }

        /// Registers the kind's item routes. After the kind's other routes: a fixed path below
        /// the collection (`/cooperation-links/aggregates`) must come before `{id}`.
        fn item_services(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
            cfg.service($create).service($get).service($update)$(.service($delete))?;
        }

        $crate::editing::item_routes!(@reader $security);

        $(#[doc = $get_doc])*
        #[utoipa::path(
            tag = $tag,
            operation_id = $get_id,
            params(("id" = Uuid, Path, description = $id_doc)),
            responses(
                (status = 200, description = $seen, body = $shown, headers(("ETag" = String))),
                (status = 404, response = $crate::error::responses::NotFound),
            ),
            security $security
        )]
        #[get($path)]
        async fn $get(
            db: actix_web::web::Data<$crate::db::Db>,
            reader: ItemReader,
            id: actix_web::web::Path<uuid::Uuid>,
        ) -> $crate::error::Result<actix_web::HttpResponse> {
            use $crate::editing::Reader;
            $crate::editing::read::<$kind>(&db, reader.member(), *id).await
        }

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
                $crate::error::responses::ItemBodyRefusals,
                (status = 412, response = $crate::error::responses::PreconditionFailed),
            ),
            security(("bearer" = []))
        )]
        #[patch($path)]
        async fn $update(
            request: actix_web::HttpRequest,
            db: actix_web::web::Data<$crate::db::Db>,
            taxonomies: actix_web::web::Data<$crate::taxonomies::Taxonomies>,
            member: $crate::accounts::Member,
            id: actix_web::web::Path<uuid::Uuid>,
            body: $crate::http::body::Json<$changes>,
        ) -> $crate::error::Result<actix_web::HttpResponse> {
            let editor = $crate::editing::Editor { db: &db, member: &member, taxonomies: &taxonomies };
            $crate::editing::update::<$kind>(&request, &editor, *id, body.into_inner()).await
        }

        $(
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
        )?
    };
    // Who the read passes on: nobody when it is open to anyone without looking (no session
    // lookup), the member when one signs the request.
    (@reader (())) => {
        type ItemReader = $crate::editing::Nobody;
    };
    (@reader ((), ("bearer" = []))) => {
        type ItemReader = Option<$crate::accounts::Member>;
    };
}

pub(crate) use item_routes;

/// Declares an action of a signed-in member on one item (`POST /organisations/{id}/verification`,
/// `POST /invitations/{id}/accept`), with or without a JSON body, documented for the spec: the
/// handler hands the database, the member, the id (and the body) to the action's function,
/// after the arguments given, which answers.
///
/// ```ignore
/// item_action! {
///     /// Marks an organisation as verified (facilitators only).
///     verify_organisation: post "/organisations/{id}/verification", tag "organisations",
///         id "verifyOrganisation", of "The organisation's id",
///         200 Organisation, "The organisation, verified", refusals ItemRefusals;
///     set_verified(true)
/// }
/// ```
macro_rules! item_action {
    (
        $(#[doc = $doc:literal])*
        $name:ident: $method:ident $path:literal, tag $tag:literal, id $op_id:literal,
            of $id_doc:literal, $(body $body:ty,)?
            $status:literal $shown:ty, $answer:literal, refusals $refusals:ident;
        $action:ident($($arg:expr),*)
    ) => {
        $(#[doc = $doc])*
        #[utoipa::path(
            tag = $tag,
            operation_id = $op_id,
            params(("id" = Uuid, Path, description = $id_doc)),
            $(request_body = $body,)?
            responses(
                (status = $status, description = $answer, body = $shown),
                $crate::error::responses::$refusals,
            ),
            security(("bearer" = []))
        )]
        #[$method($path)]
        async fn $name(
            db: actix_web::web::Data<$crate::db::Db>,
            member: $crate::accounts::Member,
            id: actix_web::web::Path<uuid::Uuid>,
            $(body: $crate::http::body::Json<$body>,)?
        ) -> $crate::error::Result<actix_web::HttpResponse> {
            $action(
                $($arg,)*
                &db,
                &member,
                *id,
                $(<$crate::http::body::Json<$body>>::into_inner(body),)?
            )
            .await
        }
    };
}

pub(crate) use item_action;

/// Declares `GET /me/<kind>`, the caller's own items of an [`Owned`] kind, documented for the
/// spec:
///
/// ```ignore
/// mine_route! {
///     /// The caller's own projects, drafts included, newest first.
///     my_projects: GET "/me/projects", tag "projects", id "listMyProjects",
///     Projects => Project, "The caller's projects"
/// }
/// ```
macro_rules! mine_route {
    (
        $(#[doc = $doc:literal])*
        $name:ident: GET $path:literal, tag $tag:literal, id $id:literal,
        $kind:ty => $shown:ty, $answer:literal
    ) => {
        $(#[doc = $doc])*
        #[utoipa::path(
            tag = $tag,
            operation_id = $id,
            responses(
                (status = 200, description = $answer, body = Vec<$shown>),
                (status = 401, response = $crate::error::responses::Unauthorized),
            ),
            security(("bearer" = []))
        )]
        #[get($path)]
        async fn $name(
            db: actix_web::web::Data<$crate::db::Db>,
            member: $crate::accounts::Member,
        ) -> $crate::error::Result<actix_web::HttpResponse> {
            use $crate::editing::Owned;
            Ok(actix_web::HttpResponse::Ok().json(<$kind>::mine(&db, &member).await?))
        }
    };
}

pub(crate) use mine_route;

/// Deletes a row read at `version` (412 if it moved since) and records the change for the
/// listings, in one transaction: the whole of a delete for a kind that owns nothing else.
pub async fn delete_row<K: ListingKind, E: VersionedTable>(db: &Db, read: &E::Model) -> Result<()> {
    let txn = crate::db::write_transaction(db).await?;
    crate::db::delete_versioned::<E, _>(&txn, read).await?;
    changes::record(&txn, K::KIND, read.id()).await?;
    txn.commit().await?;
    Ok(())
}

/// The reader of an item open to anyone, whoever asks: nobody is looked up.
pub struct Nobody;

/// Who reads an item, as the read's extractor found them.
pub trait Reader {
    fn member(&self) -> Option<&Member>;
}

impl Reader for Nobody {
    fn member(&self) -> Option<&Member> {
        None
    }
}

impl Reader for Option<Member> {
    fn member(&self) -> Option<&Member> {
        self.as_ref()
    }
}

impl actix_web::FromRequest for Nobody {
    type Error = actix_web::Error;
    type Future = std::future::Ready<std::result::Result<Self, Self::Error>>;

    fn from_request(_: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        std::future::ready(Ok(Nobody))
    }
}
