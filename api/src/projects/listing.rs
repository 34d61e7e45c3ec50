//! Projects as a kind of listing.

use std::collections::HashMap;

use sea_orm::{
    ActiveEnum, ColumnTrait, DbBackend, EntityTrait, QueryFilter, QuerySelect,
    sea_query::{Expr, ExprTrait, Query, SimpleExpr},
};
use serde_json::value::to_raw_value;
use uuid::Uuid;

use super::{
    dto::{Project, ProjectFacets, ProjectQuery, ProjectStatus},
    service::listed_countries_of,
};
use crate::db::Db;
use crate::{
    entities::{
        organisation::{self, Entity as OrganisationEntity},
        project::{self, Entity as ProjectEntity},
    },
    error::{ApiError, FieldError, Result},
    search::{
        ChangeKind, Criteria, Document, Field, ListingKind, Scope, SortKey, Stored,
        changes::Change,
        filters,
        kind::{ListingRequest, PageParams, ScopeColumns, scoped, set_value},
        query::query_errors,
    },
    taxonomies::{SectorCode, code_strings},
};

/// The kind.
pub struct Projects;

impl ListingKind for Projects {
    const KIND: ChangeKind = ChangeKind::Project;
    const TABLE: &'static str = "projects";
    const TITLE: &'static str = "title";
    const FIELDS: &'static [Field] = &[
        Field::new("status", Stored::Column("status")),
        Field::facet("stage", Stored::Column("stage")),
        Field::facet(
            "country",
            Stored::linked("project_countries", "project_id", "country"),
        ),
        Field::new(
            "sector",
            Stored::linked("project_sectors", "project_id", "code"),
        ),
        Field::facet(
            "sector_category",
            Stored::linked("project_sectors", "project_id", "category"),
        ),
        Field::new("need", Stored::JsonList("needs")),
        Field::new(
            "organisation_kind",
            Stored::Custom(organisation_kind_condition),
        ),
    ];
    const SORTS: &'static [SortKey] = &[];

    type Facets = ProjectFacets;
    type Extra = ();

    async fn load(db: &Db, scope: Scope) -> Result<Vec<Document<()>>> {
        let columns = ScopeColumns {
            id: project::Column::Id,
            organisation: project::Column::OrganisationId,
            owner: Some(project::Column::OwnerId),
        };
        let rows = scoped(ProjectEntity::find(), &scope, columns)
            .all(db)
            .await?;
        let kinds =
            organisation_kinds(db, rows.iter().filter_map(|row| row.organisation_id)).await?;
        rows.iter()
            .map(|row| {
                document(
                    row,
                    row.organisation_id.and_then(|id| kinds.get(&id).cloned()),
                )
            })
            .collect()
    }

    /// The kind of a project's organisation is one of its fields.
    fn scope_of(change: &Change) -> Option<Scope> {
        match change.kind {
            ChangeKind::Project => Some(Scope::Ids(vec![change.id])),
            ChangeKind::Organisation => Some(Scope::Organisation(change.id)),
            ChangeKind::Everything => Some(Scope::All),
            ChangeKind::Opportunity
            | ChangeKind::Member
            | ChangeKind::CooperationLink
            | ChangeKind::FundingCall
            | ChangeKind::FundingApplication => None,
        }
    }
}

async fn organisation_kinds(
    db: &Db,
    ids: impl Iterator<Item = Uuid>,
) -> Result<HashMap<Uuid, String>> {
    let mut ids: Vec<Uuid> = ids.collect();
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let kinds: Vec<(Uuid, String)> = OrganisationEntity::find()
        .select_only()
        .column(organisation::Column::Id)
        .column(organisation::Column::Kind)
        .filter(organisation::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(kinds.into_iter().collect())
}

fn document(row: &project::Model, organisation_kind: Option<String>) -> Result<Document<()>> {
    let json =
        to_raw_value(&Project::from(row)).map_err(|error| ApiError::Internal(error.into()))?;
    let sectors = SectorCode::all_stored(&row.sectors);
    let mut document = Document::new(row.id, Projects::FIELDS.len(), json, ());
    set_value::<Projects>(&mut document, "status", [row.status.to_value()]);
    set_value::<Projects>(&mut document, "stage", [row.stage.to_value()]);
    set_value::<Projects>(
        &mut document,
        "country",
        listed_countries_of(row).into_iter().map(String::from),
    );
    set_value::<Projects>(
        &mut document,
        "sector_category",
        sectors.iter().map(|code| code.category().to_owned()),
    );
    set_value::<Projects>(&mut document, "sector", code_strings(&sectors));
    let needs: Vec<String> = row
        .needs
        .iter()
        .map(|need| need.as_str().to_owned())
        .collect();
    set_value::<Projects>(&mut document, "need", needs);
    set_value::<Projects>(&mut document, "organisation_kind", organisation_kind);
    document.text = row.search_text.clone();
    document.title = row.search_title.clone();
    Ok(document)
}

fn organisation_kind_condition(values: &[String], _: DbBackend) -> SimpleExpr {
    let of_kind = Query::select()
        .column(organisation::Column::Id)
        .from(OrganisationEntity)
        .and_where(organisation::Column::Kind.is_in(values.to_vec()))
        .to_owned();
    Expr::col((ProjectEntity, project::Column::OrganisationId)).in_subquery(of_kind)
}

/// The checks of a search query (also those of a saved search's criteria).
pub fn check_query(query: &ProjectQuery) -> Result<()> {
    let mut errors = query_errors(
        query.q.as_deref(),
        query.country.as_deref(),
        query.sector.as_deref(),
    );
    errors.extend(filters::region_error(query.region.as_deref()));
    if query.status == Some(ProjectStatus::Draft) {
        errors.push(FieldError::new(
            "status",
            "private",
            "drafts are listed at /api/v1/me/projects only",
        ));
    }
    ApiError::valid(errors, ())
}

impl ListingRequest for ProjectQuery {
    /// The criteria of a checked query: published projects unless another status is asked for.
    fn criteria(&self) -> Result<Criteria> {
        check_query(self)?;
        let mut criteria = Criteria::with_terms(self.q.as_deref());
        let status = self.status.unwrap_or(ProjectStatus::Published);
        criteria.filter_one("status", Some(status.as_str()));
        criteria.filter_one("stage", self.stage.map(|stage| stage.as_str()));
        criteria.filter_one("country", self.country.as_deref().map(str::to_uppercase));
        filters::region(&mut criteria, "country", self.region.as_deref());
        filters::sector(&mut criteria, self.sector.as_deref());
        criteria.filter_one("need", self.need.map(|need| need.as_str()));
        criteria.filter_one(
            "organisation_kind",
            self.organisation_kind.map(|kind| kind.as_str()),
        );
        Ok(criteria)
    }

    fn page(&self) -> PageParams<'_> {
        let (sort, limit, cursor) = (self.sort, self.limit, self.cursor.as_deref());
        PageParams {
            sort,
            limit,
            cursor,
        }
    }
}
