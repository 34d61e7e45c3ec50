//! Cooperation links as a kind of listing: the atlas, searched by words, country, region,
//! subdivision, theme, level, status and the northern side's French region.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, DbBackend, EntityTrait, QueryFilter,
    sea_query::{Expr, ExprTrait, SimpleExpr},
};
use serde_json::value::to_raw_value;
use uuid::Uuid;

use super::dto::{CooperationLink, CooperationLinkFacets, CooperationLinkQuery, Level, LinkStatus};
use crate::db::Db;
use crate::{
    entities::{
        cooperation_link::{self, Entity as LinkEntity},
        cooperation_link_project::{self, Entity as LinkProject},
    },
    error::{ApiError, Result},
    search::{
        ChangeKind, Criteria, Document, Field, ListingKind, Scope, SortKey, Stored, filters,
        kind::{ListingRequest, PageParams, ScopeColumns, scoped, set_value},
        query::query_errors,
    },
    taxonomies::{Code, filter_error, subdivisions},
};

pub struct CooperationLinks;

const PLACES: &str = "cooperation_link_places";
const THEMES: &str = "cooperation_link_themes";

impl ListingKind for CooperationLinks {
    const KIND: ChangeKind = ChangeKind::CooperationLink;
    const TABLE: &'static str = "cooperation_links";
    const TITLE: &'static str = "south_name";
    const FIELDS: &'static [Field] = &[
        Field::facet("status", Stored::Column("status")),
        Field::new("confirmed", Stored::Flag("confirmed")),
        Field::facet("country", Stored::linked(PLACES, "link_id", "country")),
        Field::facet(
            "subdivision",
            Stored::linked(PLACES, "link_id", "subdivision"),
        ),
        Field::facet("level", Stored::linked(PLACES, "link_id", "level")),
        Field::facet("theme", Stored::linked(THEMES, "link_id", "code")),
        Field::new(
            "theme_category",
            Stored::linked(THEMES, "link_id", "category"),
        ),
        Field::facet("french_region", Stored::Column("french_region")),
        Field::new("organisation", Stored::Custom(organisation_condition)),
    ];
    const SORTS: &'static [SortKey] = &[];

    type Facets = CooperationLinkFacets;
    type Extra = ();

    async fn load(db: &Db, scope: Scope) -> Result<Vec<Document<()>>> {
        let columns = ScopeColumns {
            id: cooperation_link::Column::Id,
            organisation: cooperation_link::Column::NorthOrganisationId,
            owner: Some(cooperation_link::Column::OwnerId),
        };
        let rows = scoped(LinkEntity::find(), &scope, columns).all(db).await?;
        let mut projects = linked_projects(db, rows.iter().map(|row| row.id)).await?;
        rows.iter()
            .map(|row| document(row, projects.remove(&row.id).unwrap_or_default()))
            .collect()
    }
}

/// The linked projects of each link.
pub async fn linked_projects<C: sea_orm::ConnectionTrait>(
    db: &C,
    links: impl IntoIterator<Item = Uuid>,
) -> Result<HashMap<Uuid, Vec<Uuid>>> {
    let links: Vec<Uuid> = links.into_iter().collect();
    let mut projects: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for chunk in links.chunks(500) {
        let rows = LinkProject::find()
            .filter(cooperation_link_project::Column::LinkId.is_in(chunk.to_vec()))
            .all(db)
            .await?;
        for row in rows {
            projects
                .entry(row.link_id)
                .or_default()
                .push(row.project_id);
        }
    }
    Ok(projects)
}

fn document(row: &cooperation_link::Model, projects: Vec<Uuid>) -> Result<Document<()>> {
    let json = to_raw_value(&CooperationLink::from_row(row, projects))
        .map_err(|error| ApiError::Internal(error.into()))?;
    let mut document = Document::new(row.id, CooperationLinks::FIELDS.len(), json, ());
    let mut set = |field: &str, values: Vec<String>| {
        set_value::<CooperationLinks>(&mut document, field, values);
    };
    set("status", vec![row.status.clone()]);
    set("confirmed", vec![row.confirmed.to_string()]);
    set(
        "country",
        vec![row.north_country.clone(), row.south_country.clone()],
    );
    let subdivisions = [&row.north_subdivision, &row.south_subdivision];
    set(
        "subdivision",
        subdivisions.into_iter().flatten().cloned().collect(),
    );
    set(
        "level",
        vec![row.north_level.clone(), row.south_level.clone()],
    );
    let themes = row.themes.to_vec();
    set(
        "theme_category",
        themes
            .iter()
            .map(|code| code.chars().take(3).collect())
            .collect(),
    );
    set("theme", themes);
    set("french_region", row.french_region.iter().cloned().collect());
    let organisations = [row.north_organisation_id, row.south_organisation_id];
    set(
        "organisation",
        organisations
            .into_iter()
            .flatten()
            .map(|id| id.to_string())
            .collect(),
    );
    document.text = row.search_text.clone();
    document.title = row.search_title.clone();
    Ok(document)
}

fn organisation_condition(values: &[String], _: DbBackend) -> SimpleExpr {
    let ids: Vec<Uuid> = values.iter().filter_map(|v| v.parse().ok()).collect();
    Expr::col((LinkEntity, cooperation_link::Column::NorthOrganisationId))
        .is_in(ids.clone())
        .or(Expr::col((LinkEntity, cooperation_link::Column::SouthOrganisationId)).is_in(ids))
}

/// The checks of a search query.
fn check_query(query: &CooperationLinkQuery) -> Result<()> {
    let mut errors = query_errors(query.q.as_deref(), query.country.as_deref(), None);
    errors.extend(filter_error(
        Code::SectorOrCategory,
        "theme",
        query.theme.as_deref(),
    ));
    errors.extend(filters::region_error(query.region.as_deref()));
    for (field, code) in [
        ("subdivision", &query.subdivision),
        ("french_region", &query.french_region),
    ] {
        if let Some(code) = code {
            let country = if field == "french_region" {
                "FR"
            } else {
                code.get(..2).unwrap_or_default()
            };
            errors.extend(subdivisions::error(field, country, &code.to_uppercase()));
        }
    }
    ApiError::valid(errors, ())
}

impl ListingRequest for CooperationLinkQuery {
    fn criteria(&self) -> Result<Criteria> {
        check_query(self)?;
        let mut criteria = Criteria::with_terms(self.q.as_deref());
        criteria.filter_one("status", self.status.map(LinkStatus::as_str));
        criteria.filter_one("confirmed", self.confirmed.map(|c| c.to_string()));
        criteria.filter_one("country", self.country.as_deref().map(str::to_uppercase));
        filters::region(&mut criteria, "country", self.region.as_deref());
        let upper = |code: &Option<String>| code.as_deref().map(str::to_uppercase);
        criteria.filter_one("subdivision", upper(&self.subdivision));
        if let Some(theme) = &self.theme {
            let field = if theme.len() == 3 {
                "theme_category"
            } else {
                "theme"
            };
            criteria.filter(field, [theme.clone()]);
        }
        criteria.filter_one("level", self.level.map(Level::as_str));
        criteria.filter_one("french_region", upper(&self.french_region));
        criteria.filter_one("organisation", self.organisation.map(|id| id.to_string()));
        Ok(criteria)
    }

    fn page(&self) -> PageParams<'_> {
        PageParams {
            sort: self.sort,
            limit: self.limit,
            cursor: self.cursor.as_deref(),
        }
    }
}
