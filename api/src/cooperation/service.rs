//! The rules and writes of cooperation links: who manages a link, how a side is resolved
//! (an organisation on the platform or a named authority), what "confirmed" means, and the
//! rows a link is stored as (shared by the routes and the demo seed).

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::dto::{Level, LinkStatus, NewAuthority, NewCooperationLink};
use crate::{
    accounts::{Member, Role},
    db,
    entities::{
        cooperation_link::{self, Entity as LinkEntity},
        cooperation_link_place::{self, Entity as LinkPlace},
        cooperation_link_project::{self, Entity as LinkProject},
        cooperation_link_theme::{self, Entity as LinkTheme},
        organisation::Entity as Organisation,
        project::{self, Entity as Project},
    },
    error::{ApiError, FieldError, Result},
    organisations::membership,
    search::text::{search_text, title_text},
    taxonomies::{
        CodeCheck, CountryCode, OrganisationKind, SectorCode, Taxonomies, code_strings,
        sector_links, subdivisions,
    },
};

/// A side resolved and checked: what is stored of it.
#[derive(Debug, Clone)]
pub struct Side {
    pub organisation_id: Option<Uuid>,
    pub name: String,
    pub country: CountryCode,
    pub level: Level,
    pub subdivision: Option<String>,
    pub place: String,
}

/// The organisations of a link's two sides.
pub fn organisations(row: &cooperation_link::Model) -> [Option<Uuid>; 2] {
    [row.north_organisation_id, row.south_organisation_id]
}

/// Which sides of a link `member` speaks for: those whose organisation they belong to.
pub async fn sides_of<C: ConnectionTrait>(
    db: &C,
    member: Uuid,
    sides: [Option<Uuid>; 2],
) -> Result<[bool; 2]> {
    let mut speaks = [false; 2];
    for (at, organisation) in sides.into_iter().enumerate() {
        if let Some(organisation) = organisation {
            speaks[at] = membership(db, organisation, member).await?.is_some();
        }
    }
    Ok(speaks)
}

/// The one rule of who manages a link: members (owners and editors) of either side's
/// organisation, and facilitators. Others get 403.
pub async fn require_manager<C: ConnectionTrait>(
    db: &C,
    member: &Member,
    row: &cooperation_link::Model,
) -> Result<()> {
    if member.role() >= Role::Facilitator
        || sides_of(db, member.id(), organisations(row))
            .await?
            .contains(&true)
    {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

/// Whether a link is confirmed: both sides are on the platform and both agree.
pub fn is_confirmed(row: &cooperation_link::ActiveModel) -> bool {
    let on_platform = |id: &sea_orm::ActiveValue<Option<Uuid>>| id.as_ref().is_some();
    on_platform(&row.north_organisation_id)
        && on_platform(&row.south_organisation_id)
        && *row.north_confirmed.as_ref()
        && *row.south_confirmed.as_ref()
}

/// Resolves and checks a side given as `field` (`north` or `south`).
pub async fn resolve<C: ConnectionTrait>(
    db: &C,
    field: &str,
    side: &NewAuthority,
    taxonomies: &Taxonomies,
) -> std::result::Result<Side, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut resolved = Side {
        organisation_id: side.organisation_id,
        name: side.name.clone().unwrap_or_default().trim().to_owned(),
        // Replaced below by the organisation's country or the one given, once checked.
        country: CountryCode::from_stored(""),
        level: side.level,
        subdivision: None,
        place: String::new(),
    };
    let mut city = None;
    if let Some(id) = side.organisation_id {
        match Organisation::find_by_id(id).one(db).await {
            Ok(Some(organisation)) if organisation.kind == OrganisationKind::LocalAuthority => {
                if resolved.name.is_empty() {
                    resolved.name = organisation.name;
                }
                resolved.country = CountryCode::from_stored(organisation.country);
                city = organisation.city;
            }
            Ok(_) => errors.push(FieldError::new(
                format!("{field}.organisation_id"),
                "not_a_local_authority",
                "name an organisation of kind local_authority",
            )),
            Err(error) => {
                return Err(vec![FieldError::new(
                    field,
                    "unavailable",
                    error.to_string(),
                )]);
            }
        }
    } else {
        if resolved.name.chars().count() < 2 {
            errors.push(FieldError::new(
                format!("{field}.name"),
                "required",
                "name the authority when it is not on the platform",
            ));
        }
        let mut check = CodeCheck::new(taxonomies);
        let given = side.country.as_deref().unwrap_or_default();
        if let Some(country) = check.country(&format!("{field}.country"), given) {
            resolved.country = country;
        }
        errors.extend(check.errors());
    }
    if let Some(code) = &side.subdivision {
        let code = subdivisions::normalise(resolved.country.as_str(), code);
        errors.extend(subdivisions::error(
            &format!("{field}.subdivision"),
            resolved.country.as_str(),
            &code,
        ));
        resolved.subdivision = Some(code);
    }
    resolved.place = side
        .place
        .clone()
        .or(city)
        .unwrap_or_else(|| resolved.name.clone())
        .trim()
        .to_owned();
    if errors.is_empty() {
        Ok(resolved)
    } else {
        Err(errors)
    }
}

/// The errors of a link's linked projects: each must exist and be published.
pub async fn project_errors<C: ConnectionTrait>(db: &C, ids: &[Uuid]) -> Result<Vec<FieldError>> {
    let published: Vec<Uuid> = Project::find()
        .filter(project::Column::Id.is_in(ids.to_vec()))
        .filter(project::Column::Status.eq("published"))
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.id)
        .collect();
    Ok(ids
        .iter()
        .enumerate()
        .filter(|(_, id)| !published.contains(id))
        .map(|(at, _)| {
            FieldError::new(
                format!("project_ids[{at}]"),
                "unknown_project",
                "link published projects only",
            )
        })
        .collect())
}

/// A link's rows, built but not written: the one place where the search words, the French
/// region, the confirmation and the place, theme and project rows are derived.
pub struct PreparedLink {
    pub row: cooperation_link::ActiveModel,
    pub places: Vec<cooperation_link_place::ActiveModel>,
    pub themes: Vec<cooperation_link_theme::ActiveModel>,
    pub projects: Vec<cooperation_link_project::ActiveModel>,
}

impl PreparedLink {
    pub fn id(&self) -> Uuid {
        *self.row.id.as_ref()
    }
}

/// The indexed words of a link: both sides' names and places, and its description.
pub fn indexed_text(
    [north, north_place]: [&str; 2],
    [south, south_place]: [&str; 2],
    description: &str,
) -> (String, String) {
    (
        search_text(&[north, north_place, south, south_place, description]),
        title_text(&format!("{north} {south}")),
    )
}

/// The themes of a link as sent, parsed; an error in `errors` per unknown one.
pub fn parse_themes(
    themes: &[String],
    taxonomies: &Taxonomies,
    errors: &mut Vec<FieldError>,
) -> Vec<SectorCode> {
    let mut check = CodeCheck::new(taxonomies);
    let themes = check.sectors("themes", themes);
    errors.extend(check.errors());
    themes
}

/// Builds the rows of a checked link recorded by `owner` at `now` with its parsed `themes`;
/// `agrees` says which sides the recorder speaks for (their agreement comes with the
/// recording).
pub fn prepare(
    owner: Uuid,
    [north, south]: [Side; 2],
    new: &NewCooperationLink,
    themes: &[SectorCode],
    agrees: [bool; 2],
    now: DateTime<Utc>,
) -> PreparedLink {
    let id = Uuid::now_v7();
    let (search_text, search_title) = indexed_text(
        [&north.name, &north.place],
        [&south.name, &south.place],
        &new.description,
    );
    let french_region = (north.country.as_str() == "FR")
        .then(|| north.subdivision.clone())
        .flatten();
    let mut row = cooperation_link::ActiveModel {
        id: Set(id),
        north_organisation_id: Set(north.organisation_id),
        north_name: Set(north.name.clone()),
        north_country: Set(north.country.as_str().to_owned()),
        north_level: Set(north.level.as_str().to_owned()),
        north_subdivision: Set(north.subdivision.clone()),
        north_place: Set(north.place.clone()),
        north_confirmed: Set(agrees[0] && north.organisation_id.is_some()),
        south_organisation_id: Set(south.organisation_id),
        south_name: Set(south.name.clone()),
        south_country: Set(south.country.as_str().to_owned()),
        south_level: Set(south.level.as_str().to_owned()),
        south_subdivision: Set(south.subdivision.clone()),
        south_place: Set(south.place.clone()),
        south_confirmed: Set(agrees[1] && south.organisation_id.is_some()),
        confirmed: Set(false),
        french_region: Set(french_region),
        themes: Set(code_strings(themes).into()),
        started: Set(new.started),
        status: Set(new.status.unwrap_or(LinkStatus::Active).as_str().to_owned()),
        description: Set(new.description.trim().to_owned()),
        owner_id: Set(owner),
        search_text: Set(search_text),
        search_title: Set(search_title),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    };
    row.confirmed = Set(is_confirmed(&row));
    let places = [("north", &north), ("south", &south)]
        .into_iter()
        .map(|(side, place)| cooperation_link_place::ActiveModel {
            link_id: Set(id),
            side: Set(side.to_owned()),
            country: Set(place.country.as_str().to_owned()),
            subdivision: Set(place.subdivision.clone()),
            level: Set(place.level.as_str().to_owned()),
        })
        .collect();
    PreparedLink {
        row,
        places,
        themes: theme_rows(id, themes),
        projects: project_rows(id, &new.project_ids),
    }
}

fn theme_rows(link: Uuid, codes: &[SectorCode]) -> Vec<cooperation_link_theme::ActiveModel> {
    sector_links(codes)
        .into_iter()
        .map(|theme| cooperation_link_theme::ActiveModel {
            link_id: Set(link),
            category: Set(theme.category),
            code: Set(theme.code),
        })
        .collect()
}

fn project_rows(link: Uuid, ids: &[Uuid]) -> Vec<cooperation_link_project::ActiveModel> {
    let mut ids = ids.to_vec();
    ids.sort();
    ids.dedup();
    ids.into_iter()
        .map(|project| cooperation_link_project::ActiveModel {
            link_id: Set(link),
            project_id: Set(project),
        })
        .collect()
}

/// Writes prepared links with one multi-row statement per table (bulk loads pass a few
/// hundred at a time).
pub async fn insert_prepared<C: ConnectionTrait>(
    db: &C,
    prepared: Vec<PreparedLink>,
) -> Result<()> {
    if prepared.is_empty() {
        return Ok(());
    }
    let (mut rows, mut places, mut themes, mut projects) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for link in prepared {
        rows.push(link.row);
        places.extend(link.places);
        themes.extend(link.themes);
        projects.extend(link.projects);
    }
    LinkEntity::insert_many(rows)
        .exec_without_returning(db)
        .await?;
    LinkPlace::insert_many(places)
        .exec_without_returning(db)
        .await?;
    db::insert_rows(db, themes).await?;
    db::insert_rows(db, projects).await?;
    Ok(())
}

/// Rewrites a link's theme rows.
pub async fn replace_themes<C: ConnectionTrait>(
    db: &C,
    link: Uuid,
    codes: &[SectorCode],
) -> Result<()> {
    LinkTheme::delete_many()
        .filter(cooperation_link_theme::Column::LinkId.eq(link))
        .exec(db)
        .await?;
    let rows = theme_rows(link, codes);
    db::insert_rows(db, rows).await?;
    Ok(())
}

/// Rewrites a link's project rows.
pub async fn replace_projects<C: ConnectionTrait>(db: &C, link: Uuid, ids: &[Uuid]) -> Result<()> {
    LinkProject::delete_many()
        .filter(cooperation_link_project::Column::LinkId.eq(link))
        .exec(db)
        .await?;
    let rows = project_rows(link, ids);
    db::insert_rows(db, rows).await?;
    Ok(())
}

pub async fn find<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<cooperation_link::Model> {
    LinkEntity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("cooperation link"))
}
