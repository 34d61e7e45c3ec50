//! The public search of a listing kind as one line: every searchable kind answers
//! `GET /<kind>` the same way (its query parsed, checked and answered by the listing engine,
//! 400/422 for a bad query), so the handler and its documentation are written once here.

/// Declares the handler of a kind's public search, documented for the spec:
///
/// ```ignore
/// search_handler! {
///     /// Searches published projects: words, filters, sort, cursor pagination, total and facets.
///     search_projects: GET "/projects", tag "projects", id "searchProjects",
///     Projects, ProjectQuery => ProjectSearchPage, "A page of results"
/// }
/// ```
macro_rules! search_handler {
    (
        $(#[doc = $doc:literal])*
        $name:ident: GET $path:literal, tag $tag:literal, id $id:literal,
        $kind:ty, $query:ty => $page:ty, $answer:literal
    ) => {
        $(#[doc = $doc])*
        #[utoipa::path(
            tag = $tag,
            operation_id = $id,
            params($query),
            responses(
                (status = 200, description = $answer, body = $page),
                $crate::error::responses::QueryRefusals,
            ),
            security(())
        )]
        // `get` is the caller's `actix_web::get`: utoipa recognises the attribute by its name.
        #[get($path)]
        async fn $name(
            db: actix_web::web::Data<$crate::db::Db>,
            listing: actix_web::web::Data<$crate::search::Listing<$kind>>,
            query: actix_web::web::Query<$query>,
        ) -> $crate::error::Result<actix_web::HttpResponse> {
            Ok(listing.answer(&db, &*query).await?.respond())
        }
    };
}

pub(crate) use search_handler;
