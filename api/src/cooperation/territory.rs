//! The territory dashboard of a local authority: its links, and what the cooperation brings
//! back to its own territory and to its partners' — projects and opportunities located there,
//! internships and jobs offered, partnerships formed by its members — per year and in total.
//! The figures are public; who took part in a partnership is shown to the authority's members
//! only.

use std::collections::{BTreeMap, HashSet};

use actix_web::{
    HttpResponse, get,
    web::{Data, Path},
};
use chrono::{DateTime, Datelike, Utc};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{diaspora, dto::CooperationLink, listing::linked_projects};
use crate::db::Db;
use crate::{
    accounts::Member,
    entities::{
        cooperation_link::{self, Entity as LinkEntity},
        interest::{self, Entity as Interest},
        introduction::{self, Entity as Introduction},
        opportunity::{self, Entity as Opportunity},
        organisation_member::{self, Entity as OrganisationMember},
        project::{self, Entity as Project},
        project_country::{self, Entity as ProjectCountry},
        user::{self, Entity as User},
    },
    error::{ApiError, Result, responses},
    funding::stats::{self as funding_stats, FundingYear},
    opportunities::Direction,
    organisations::{membership, queries::find as find_organisation},
    projects::dto::Territory,
    search::text::fold,
    taxonomies::{OpportunityCategory, OrganisationKind},
};

/// A place: a country and a territory's name, as projects give them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
pub struct Place {
    pub country: String,
    pub place: String,
    /// ISO 3166-2, when known.
    pub subdivision: Option<String>,
}

/// The figures of one year, or of all years.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct TerritoryFigures {
    /// Cooperation links (by the year they started, else the year they were recorded).
    pub links: i64,
    /// Published projects located on the authority's territory or a partner's.
    pub projects: i64,
    /// Opportunities located there.
    pub opportunities: i64,
    /// Of those, internships offered.
    pub internships: i64,
    /// Of those, jobs offered.
    pub jobs: i64,
    /// Accepted interests and introductions involving the authority's members.
    pub partnerships: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct YearFigures {
    pub year: i32,
    #[serde(flatten)]
    pub figures: TerritoryFigures,
}

/// A project or an opportunity located on a territory of the dashboard.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LocatedItem {
    pub id: Uuid,
    pub title: String,
    pub country: String,
    pub place: String,
    /// On the authority's own territory (else a partner's).
    pub own_territory: bool,
    /// `idea`, `project`, `venture` for projects; the category for opportunities.
    pub kind: String,
}

/// A partnership formed, with who took part: for the authority's members only.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Partnership {
    /// `interest` or `introduction`.
    pub kind: String,
    pub id: Uuid,
    pub formed_at: DateTime<Utc>,
    /// The display names of both sides.
    pub between: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TerritoryDashboard {
    pub organisation_id: Uuid,
    pub name: String,
    pub territory: Place,
    pub partners: Vec<Place>,
    pub links: Vec<CooperationLink>,
    pub totals: TerritoryFigures,
    /// Oldest year first.
    pub by_year: Vec<YearFigures>,
    pub projects: Vec<LocatedItem>,
    pub opportunities: Vec<LocatedItem>,
    /// Who took part in each partnership: only for the authority's members (null otherwise).
    pub partnerships: Option<Vec<Partnership>>,
    /// The diaspora living on the authority's territory, when its subdivision is known.
    pub diaspora: Option<diaspora::DiasporaFigures>,
    /// Applications to calls for projects and funds obtained, per year of submission, by the
    /// authority and by its partner authorities on the platform (public figures).
    pub funding: Vec<FundingYear>,
}

/// Counts per year, then the totals.
#[derive(Default)]
struct Tally(BTreeMap<i32, TerritoryFigures>);

impl Tally {
    fn add(&mut self, year: i32, field: fn(&mut TerritoryFigures) -> &mut i64) {
        *field(self.0.entry(year).or_default()) += 1;
    }

    fn finish(self) -> (TerritoryFigures, Vec<YearFigures>) {
        let mut totals = TerritoryFigures::default();
        for figures in self.0.values() {
            totals.links += figures.links;
            totals.projects += figures.projects;
            totals.opportunities += figures.opportunities;
            totals.internships += figures.internships;
            totals.jobs += figures.jobs;
            totals.partnerships += figures.partnerships;
        }
        let by_year = self
            .0
            .into_iter()
            .map(|(year, figures)| YearFigures { year, figures })
            .collect();
        (totals, by_year)
    }
}

/// The places a dashboard looks at, by folded name within each country.
struct Places {
    own: Place,
    partners: Vec<Place>,
}

impl Places {
    fn countries(&self) -> Vec<String> {
        let mut countries: Vec<String> = std::iter::once(&self.own)
            .chain(&self.partners)
            .map(|place| place.country.clone())
            .collect();
        countries.sort();
        countries.dedup();
        countries
    }

    /// Whether (`country`, `place`) is the authority's own territory (`Some(true)`), a
    /// partner's (`Some(false)`) or neither.
    fn locate(&self, country: &str, place: &str) -> Option<bool> {
        let place = fold(place.trim());
        let same =
            |candidate: &Place| candidate.country == country && fold(&candidate.place) == place;
        if same(&self.own) {
            Some(true)
        } else if self.partners.iter().any(same) {
            Some(false)
        } else {
            None
        }
    }
}

/// The dashboard of a local authority.
pub async fn dashboard<C: ConnectionTrait>(
    db: &C,
    organisation: Uuid,
    reader_is_member: bool,
) -> Result<TerritoryDashboard> {
    let authority = find_organisation(db, organisation).await?;
    if authority.kind != OrganisationKind::LocalAuthority {
        return Err(ApiError::NotFound("territory"));
    }
    let rows = LinkEntity::find()
        .filter(
            Condition::any()
                .add(cooperation_link::Column::NorthOrganisationId.eq(organisation))
                .add(cooperation_link::Column::SouthOrganisationId.eq(organisation)),
        )
        .order_by_asc(cooperation_link::Column::Id)
        .all(db)
        .await?;
    let mut tally = Tally::default();
    let mut partners = Vec::new();
    let mut subdivision = None;
    for row in &rows {
        let year = row.started.unwrap_or_else(|| row.created_at.year());
        tally.add(year, |f| &mut f.links);
        let (own, other) = sides(row, organisation);
        subdivision = subdivision.or(own.subdivision);
        if !partners.contains(&other) {
            partners.push(other);
        }
    }
    let places = Places {
        own: Place {
            country: authority.country.clone(),
            place: authority
                .city
                .clone()
                .unwrap_or_else(|| authority.name.clone()),
            subdivision: subdivision.clone(),
        },
        partners,
    };
    let projects = located_projects(db, &places, &mut tally).await?;
    let opportunities = located_opportunities(db, &places, &mut tally).await?;
    let partnerships = partnerships(db, organisation, &mut tally).await?;
    let (totals, by_year) = tally.finish();
    let mut linked = linked_projects(db, rows.iter().map(|row| row.id)).await?;
    let funding =
        funding_stats::per_organisation_and_year(db, &platform_sides(organisation, &rows)).await?;
    let diaspora = match &subdivision {
        Some(code) => Some(diaspora::figures(db, &authority.country, code).await?),
        None => None,
    };
    Ok(TerritoryDashboard {
        organisation_id: authority.id,
        name: authority.name,
        territory: places.own,
        partners: places.partners,
        links: rows
            .iter()
            .map(|row| CooperationLink::from_row(row, linked.remove(&row.id).unwrap_or_default()))
            .collect(),
        totals,
        by_year,
        projects,
        opportunities,
        partnerships: reader_is_member.then_some(partnerships),
        diaspora,
        funding,
    })
}

/// The authorities on the platform that the links join (the authority itself included).
fn platform_sides(authority: Uuid, rows: &[cooperation_link::Model]) -> Vec<Uuid> {
    let mut ids: Vec<Uuid> = rows
        .iter()
        .flat_map(|row| [row.north_organisation_id, row.south_organisation_id])
        .flatten()
        .chain([authority])
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// The authority's own side of a link and its partner's.
fn sides(row: &cooperation_link::Model, organisation: Uuid) -> (Place, Place) {
    let north = Place {
        country: row.north_country.clone(),
        place: row.north_place.clone(),
        subdivision: row.north_subdivision.clone(),
    };
    let south = Place {
        country: row.south_country.clone(),
        place: row.south_place.clone(),
        subdivision: row.south_subdivision.clone(),
    };
    if row.north_organisation_id == Some(organisation) {
        (north, south)
    } else {
        (south, north)
    }
}

/// Published projects with a territory on one of the places.
async fn located_projects<C: ConnectionTrait>(
    db: &C,
    places: &Places,
    tally: &mut Tally,
) -> Result<Vec<LocatedItem>> {
    let ids: Vec<Uuid> = ProjectCountry::find()
        .filter(project_country::Column::Country.is_in(places.countries()))
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.project_id)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let mut located = Vec::new();
    for chunk in ids.chunks(500) {
        let rows = Project::find()
            .filter(project::Column::Id.is_in(chunk.to_vec()))
            .filter(project::Column::Status.eq("published"))
            .all(db)
            .await?;
        for row in rows {
            let territories: Vec<Territory> = row.territories.to_vec();
            let found = territories.iter().find_map(|territory| {
                let own = places.locate(&territory.country, &territory.place)?;
                Some((territory, own))
            });
            if let Some((territory, own)) = found {
                tally.add(row.created_at.year(), |f| &mut f.projects);
                located.push(LocatedItem {
                    id: row.id,
                    title: row.title.clone(),
                    country: territory.country.clone(),
                    place: territory.place.clone(),
                    own_territory: own,
                    kind: row.stage.as_str().to_owned(),
                });
            }
        }
    }
    located.sort_by_key(|item| std::cmp::Reverse(item.id));
    Ok(located)
}

/// Opportunities (not anonymous) whose city is one of the places.
async fn located_opportunities<C: ConnectionTrait>(
    db: &C,
    places: &Places,
    tally: &mut Tally,
) -> Result<Vec<LocatedItem>> {
    let rows = Opportunity::find()
        .filter(opportunity::Column::Country.is_in(places.countries()))
        .filter(opportunity::Column::City.is_not_null())
        .filter(opportunity::Column::Anonymous.eq(false))
        .order_by_desc(opportunity::Column::Id)
        .all(db)
        .await?;
    let mut located = Vec::new();
    for row in rows {
        let city = row.city.clone().unwrap_or_default();
        let Some(own) = places.locate(&row.country, &city) else {
            continue;
        };
        let year = row.created_at.year();
        tally.add(year, |f| &mut f.opportunities);
        if row.direction == Direction::Offer {
            match row.category {
                OpportunityCategory::Internship => tally.add(year, |f| &mut f.internships),
                OpportunityCategory::Job => tally.add(year, |f| &mut f.jobs),
                _ => {}
            }
        }
        located.push(LocatedItem {
            id: row.id,
            title: row.title,
            country: row.country,
            place: city,
            own_territory: own,
            kind: row.category.as_str().to_owned(),
        });
    }
    Ok(located)
}

/// Accepted interests and introductions with one of the authority's members on a side.
async fn partnerships<C: ConnectionTrait>(
    db: &C,
    organisation: Uuid,
    tally: &mut Tally,
) -> Result<Vec<Partnership>> {
    let members: Vec<Uuid> = OrganisationMember::find()
        .filter(organisation_member::Column::OrganisationId.eq(organisation))
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.user_id)
        .collect();
    let interests = Interest::find()
        .filter(interest::Column::Status.eq("accepted"))
        .filter(
            Condition::any()
                .add(interest::Column::SenderId.is_in(members.clone()))
                .add(interest::Column::OwnerId.is_in(members.clone())),
        )
        .all(db)
        .await?;
    let introductions = Introduction::find()
        .filter(introduction::Column::Status.eq("accepted"))
        .filter(
            Condition::any()
                .add(introduction::Column::AUserId.is_in(members.clone()))
                .add(introduction::Column::BUserId.is_in(members)),
        )
        .all(db)
        .await?;
    let mut formed: Vec<(String, Uuid, DateTime<Utc>, [Uuid; 2])> = interests
        .into_iter()
        .map(|row| {
            let at = row.answered_at.unwrap_or(row.updated_at);
            (
                "interest".to_owned(),
                row.id,
                at,
                [row.sender_id, row.owner_id],
            )
        })
        .chain(introductions.into_iter().map(|row| {
            let sides = [row.a_user_id, row.b_user_id];
            ("introduction".to_owned(), row.id, row.updated_at, sides)
        }))
        .collect();
    formed.sort_by_key(|(_, _, at, _)| *at);
    let people: Vec<Uuid> = formed.iter().flat_map(|(_, _, _, sides)| *sides).collect();
    let names: BTreeMap<Uuid, String> = User::find()
        .filter(user::Column::Id.is_in(people))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row.display_name))
        .collect();
    Ok(formed
        .into_iter()
        .map(|(kind, id, formed_at, sides)| {
            tally.add(formed_at.year(), |f| &mut f.partnerships);
            Partnership {
                kind,
                id,
                formed_at,
                between: sides
                    .iter()
                    .map(|side| names.get(side).cloned().unwrap_or_default())
                    .collect(),
            }
        })
        .collect())
}

/// A local authority's territory dashboard: its links, the projects and opportunities on its
/// territory and its partners', internships and jobs offered there, partnerships formed by
/// its members, per year and in total. Who took part is shown to its members only.
#[utoipa::path(
    tag = "cooperation",
    operation_id = "getTerritoryDashboard",
    params(("id" = Uuid, Path, description = "A local authority's id")),
    responses(
        (status = 200, description = "The dashboard", body = TerritoryDashboard),
        (status = 404, response = responses::NotFound),
    ),
    security((), ("bearer" = []))
)]
#[get("/organisations/{id}/territory")]
pub async fn territory_dashboard(
    db: Data<Db>,
    reader: Option<Member>,
    id: Path<Uuid>,
) -> Result<HttpResponse> {
    let is_member = match &reader {
        Some(reader) => membership(db.get_ref(), *id, reader.id()).await?.is_some(),
        None => false,
    };
    let dashboard = dashboard(db.get_ref(), *id, is_member).await?;
    Ok(HttpResponse::Ok().json(dashboard))
}
