//! Diaspora figures: the members who live in a territory and agreed to be counted, by country
//! of origin. Nobody is named, and a count under [`SMALLEST_SHOWN`] is shown as "fewer than
//! 5" so that no member can be singled out.

use actix_web::{
    HttpRequest, HttpResponse, get,
    web::{Data, Path},
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::Db;
use crate::{
    entities::{
        project::{self, Entity as Project},
        project_country::{self, Entity as ProjectCountry},
        user::{self, Entity as User},
    },
    error::{ApiError, Result, responses},
    http::conditional::cached_json,
    taxonomies::subdivisions,
};

/// Counts below this are not given.
pub const SMALLEST_SHOWN: i64 = 5;

/// A count as published: exact from 5, "fewer than 5" below (`count` is then null).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ShownCount {
    pub count: Option<i64>,
    pub fewer_than_5: bool,
}

impl ShownCount {
    pub fn of(count: i64) -> Self {
        let small = count < SMALLEST_SHOWN;
        Self {
            count: (!small).then_some(count),
            fewer_than_5: small,
        }
    }

    fn hidden() -> Self {
        Self {
            count: None,
            fewer_than_5: false,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OriginCount {
    /// ISO 3166-1 alpha-2 country of origin.
    pub country: String,
    pub members: ShownCount,
}

/// A published project in one of the countries of origin that seeks partners.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProjectSeekingPartners {
    pub id: Uuid,
    pub title: String,
    pub countries: Vec<String>,
    pub needs: Vec<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DiasporaFigures {
    pub country: String,
    /// ISO 3166-2.
    pub subdivision: String,
    /// Every country of origin with at least one counted member, largest first.
    pub origins: Vec<OriginCount>,
    /// All counted members. Hidden (null, `fewer_than_5` false) when the origins shown as
    /// "fewer than 5" add up to 1–4, which the total would give away by subtraction.
    pub total: ShownCount,
    /// Projects in those countries of origin that seek partners, newest first (at most 20).
    pub projects_seeking_partners: Vec<ProjectSeekingPartners>,
}

/// How many consenting members living in `subdivision` of `country` come from each country.
pub async fn origins<C: ConnectionTrait>(
    db: &C,
    country: &str,
    subdivision: &str,
) -> Result<Vec<(String, i64)>> {
    let rows: Vec<(Option<String>, i64)> = User::find()
        .select_only()
        .column(user::Column::CountryOfOrigin)
        .column_as(user::Column::Id.count(), "count")
        .filter(user::Column::DiasporaCounted.eq(true))
        .filter(user::Column::Suspended.eq(false))
        .filter(user::Column::CountryOfResidence.eq(country))
        .filter(user::Column::ResidenceSubdivision.eq(subdivision))
        .filter(user::Column::CountryOfOrigin.is_not_null())
        .filter(user::Column::CountryOfOrigin.ne(country))
        .group_by(user::Column::CountryOfOrigin)
        .into_tuple()
        .all(db)
        .await?;
    let mut counts: Vec<(String, i64)> = rows
        .into_iter()
        .filter_map(|(origin, count)| Some((origin?, count)))
        .collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(counts)
}

/// The figures of a territory, with what nobody may be singled out by.
pub async fn figures<C: ConnectionTrait>(
    db: &C,
    country: &str,
    subdivision: &str,
) -> Result<DiasporaFigures> {
    let counts = origins(db, country, subdivision).await?;
    let total: i64 = counts.iter().map(|(_, count)| count).sum();
    let small: i64 = counts
        .iter()
        .map(|(_, count)| *count)
        .filter(|count| *count < SMALLEST_SHOWN)
        .sum();
    let total = if (1..SMALLEST_SHOWN).contains(&small) && total >= SMALLEST_SHOWN {
        ShownCount::hidden()
    } else {
        ShownCount::of(total)
    };
    let countries: Vec<String> = counts.iter().map(|(origin, _)| origin.clone()).collect();
    Ok(DiasporaFigures {
        country: country.to_owned(),
        subdivision: subdivision.to_owned(),
        origins: counts
            .into_iter()
            .map(|(country, count)| OriginCount {
                country,
                members: ShownCount::of(count),
            })
            .collect(),
        total,
        projects_seeking_partners: seeking_partners(db, &countries).await?,
    })
}

/// Published projects in `countries` with needs, newest first.
async fn seeking_partners<C: ConnectionTrait>(
    db: &C,
    countries: &[String],
) -> Result<Vec<ProjectSeekingPartners>> {
    if countries.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<Uuid> = ProjectCountry::find()
        .select_only()
        .column(project_country::Column::ProjectId)
        .filter(project_country::Column::Country.is_in(countries.to_vec()))
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    let rows = Project::find()
        .filter(project::Column::Id.is_in(ids))
        .filter(project::Column::Status.eq("published"))
        .order_by_desc(project::Column::Id)
        .limit(200)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter(|row| !row.needs.is_empty())
        .take(20)
        .map(|row| ProjectSeekingPartners {
            id: row.id,
            title: row.title,
            countries: row.countries.to_vec(),
            needs: row
                .needs
                .iter()
                .map(|need| need.as_str().to_owned())
                .collect(),
        })
        .collect())
}

/// The diaspora of a territory: members who live there and agreed to be counted, by country
/// of origin, never named; counts under 5 are shown as "fewer than 5".
#[utoipa::path(
    tag = "cooperation",
    operation_id = "getTerritoryDiaspora",
    params(
        ("country" = String, Path, description = "ISO 3166-1 alpha-2", example = "FR"),
        ("subdivision" = String, Path, description = "ISO 3166-2, with or without the country prefix", example = "FR-IDF"),
    ),
    responses(
        (status = 200, description = "The figures", body = DiasporaFigures,
            headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 304, description = "Not modified since the `If-None-Match` tag"),
        responses::QueryRefusals,
    ),
    security(())
)]
#[get("/territories/{country}/{subdivision}/diaspora")]
pub async fn territory_diaspora(
    request: HttpRequest,
    db: Data<Db>,
    path: Path<(String, String)>,
) -> Result<HttpResponse> {
    let (country, subdivision) = path.into_inner();
    let country = country.to_uppercase();
    let subdivision = subdivisions::normalise(&country, &subdivision);
    if let Some(error) = subdivisions::error("subdivision", &country, &subdivision) {
        return Err(ApiError::Validation(vec![error]));
    }
    let figures = figures(db.get_ref(), &country, &subdivision).await?;
    cached_json(&request, &figures, super::figures::REVALIDATE)
}
