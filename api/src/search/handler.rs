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

/// Declares the query parameters of a kind's public search, in the spec's order: the words
/// (`q`) first, then the kind's own filters and `sort` as given, then the page (`limit`,
/// `cursor`), the same for every kind. A kind filtered by place as projects and opportunities
/// are says where its `country`, `region` and `sector` filters stand (with the country's
/// description, if it has one; or each one's, as a call's say what they mean for it):
///
/// ```ignore
/// listing_query! {
///     pub struct OpportunityQuery {
///         pub direction: Option<Direction>,
///     }
///     places("ISO 3166-1 alpha-2."), then {
///         pub remote: Option<bool>,
///         pub sort: Option<Sort>,
///     }
/// }
/// ```
macro_rules! listing_query {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident { $($before:tt)* }
        places($($country_doc:literal)?), then { $($after:tt)* }
    ) => {
        $crate::search::listing_query! {
            $(#[doc = $doc])*
            pub struct $name { $($before)* }
            places(
                $(country $country_doc,)?
                region "An OECD-DAC region code (`/api/v1/taxonomies/regions`), e.g. `1030` for West Africa.",
                sector "A 5-digit DAC code or a 3-digit category."
            ),
            then { $($after)* }
        }
    };
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident { $($before:tt)* }
        places($(country $country_doc:literal,)? region $region_doc:literal, sector $sector_doc:literal),
        then { $($after:tt)* }
    ) => {
        $crate::search::listing_query! {
            $(#[doc = $doc])*
            pub struct $name {
                $($before)*
                $(#[doc = $country_doc])?
                #[param(pattern = "^[A-Za-z]{2}$")]
                pub country: Option<String>,
                #[doc = $region_doc]
                #[param(pattern = "^[0-9]{2,4}$")]
                pub region: Option<String>,
                #[doc = $sector_doc]
                #[param(pattern = "^[0-9]{3}([0-9]{2})?$")]
                pub sector: Option<String>,
                $($after)*
            }
        }
    };
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident { $($filters:tt)* }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
        #[into_params(parameter_in = Query)]
        pub struct $name {
            /// Words to find (French or English; accents and case do not matter).
            #[param(max_length = 200)]
            pub q: Option<String>,
            $($filters)*
            #[param(minimum = 1, maximum = 100)]
            pub limit: Option<u64>,
            #[param(max_length = 512, pattern = "^[0-9a-f]+$")]
            pub cursor: Option<String>,
        }
    };
}

pub(crate) use listing_query;

/// Declares the page a kind's search answers, for the spec (the engine's `Page` is what is
/// sent): its items, the cursor of the next page, the total (each with its description, if it
/// has one), and the facets, each counted under the name of its field; the facets turn from
/// the engine's counts by those names.
///
/// ```ignore
/// search_page! {
///     ProjectSearchPage of Project, facets ProjectFacets { country, sector_category, stage }
/// }
/// ```
macro_rules! search_page {
    (
        $page:ident of $item:ty,
        $(cursor $cursor_doc:literal,)?
        $(total $total_doc:literal,)?
        facets $facets:ident { $($(#[doc = $facet_doc:literal])* $facet:ident),+ $(,)? }
    ) => {
        #[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
        pub struct $facets {
            $($(#[doc = $facet_doc])* pub $facet: Vec<$crate::search::FacetCount>,)+
        }

        impl From<$crate::search::kind::FacetCounts> for $facets {
            fn from(mut counts: $crate::search::kind::FacetCounts) -> Self {
                Self {
                    $($facet: $crate::search::query::take_facet(&mut counts, stringify!($facet)),)+
                }
            }
        }

        #[derive(Debug, serde::Serialize, utoipa::ToSchema)]
        pub struct $page {
            pub items: Vec<$item>,
            $(#[doc = $cursor_doc])?
            pub next_cursor: Option<String>,
            $(#[doc = $total_doc])?
            pub total: i64,
            pub facets: $facets,
        }
    };
}

pub(crate) use search_page;
