//! Applications as a kind of listing: the funder's review board of a call, by status. Its
//! items are read only by the call's funder (the route checks it), drafts never.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, DbBackend, EntityTrait, QueryFilter,
    sea_query::{Expr, ExprTrait, SimpleExpr},
};
use serde_json::value::to_raw_value;
use uuid::Uuid;

use super::dto::{Application, ApplicationFacets, ApplicationQuery, ApplicationStatus, Names};
use crate::db::Db;
use crate::{
    entities::{
        funding_application::{self, Entity as ApplicationEntity},
        funding_call::{self, Entity as FundingCallEntity},
        organisation::{self, Entity as OrganisationEntity},
        project::{self, Entity as ProjectEntity},
    },
    error::{ApiError, Result},
    search::{
        ChangeKind, Criteria, Document, Field, ListingKind, Scope, SortKey, Stored,
        changes::Change,
        kind::{ListingRequest, PageParams, ScopeColumns, scoped, set_value},
    },
};

/// The kind.
pub struct Applications;

impl ListingKind for Applications {
    const KIND: ChangeKind = ChangeKind::FundingApplication;
    const TABLE: &'static str = "funding_applications";
    const TITLE: &'static str = "search_title";
    const FIELDS: &'static [Field] = &[
        Field::facet("status", Stored::Column("status")),
        Field::new("call", Stored::Custom(call_condition)),
    ];
    const SORTS: &'static [SortKey] = &[];

    type Facets = ApplicationFacets;
    type Extra = ();

    async fn load(db: &Db, scope: Scope) -> Result<Vec<Document<()>>> {
        let columns = ScopeColumns {
            id: funding_application::Column::Id,
            organisation: funding_application::Column::OrganisationId,
            owner: Some(funding_application::Column::AuthorId),
        };
        let rows = scoped(ApplicationEntity::find(), &scope, columns)
            .all(db)
            .await?;
        let names = names(db, &rows).await?;
        rows.iter()
            .filter_map(|row| Some((row, names.get(&row.id)?)))
            .map(|(row, names)| document(row, names.clone()))
            .collect()
    }

    /// An application shows its applicant's name.
    fn scope_of(change: &Change) -> Option<Scope> {
        match change.kind {
            ChangeKind::FundingApplication => Some(Scope::Ids(vec![change.id])),
            ChangeKind::Organisation => Some(Scope::Organisation(change.id)),
            ChangeKind::Everything => Some(Scope::All),
            _ => None,
        }
    }
}

fn document(row: &funding_application::Model, names: Names) -> Result<Document<()>> {
    let json = to_raw_value(&Application::from_row(row, names))
        .map_err(|error| ApiError::Internal(error.into()))?;
    let mut document = Document::new(row.id, Applications::FIELDS.len(), json, ());
    set_value::<Applications>(&mut document, "status", [row.status.clone()]);
    set_value::<Applications>(&mut document, "call", [row.call_id.to_string()]);
    document.text = row.search_text.clone();
    document.title = row.search_title.clone();
    Ok(document)
}

/// The call, the project and the applicant's names of each application, in three queries.
pub async fn names(db: &Db, rows: &[funding_application::Model]) -> Result<HashMap<Uuid, Names>> {
    let calls: HashMap<Uuid, funding_call::Model> = FundingCallEntity::find()
        .filter(funding_call::Column::Id.is_in(rows.iter().map(|row| row.call_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row))
        .collect();
    let projects: HashMap<Uuid, String> = ProjectEntity::find()
        .filter(project::Column::Id.is_in(rows.iter().map(|row| row.project_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row.title))
        .collect();
    let organisations: HashMap<Uuid, String> = OrganisationEntity::find()
        .filter(organisation::Column::Id.is_in(rows.iter().map(|row| row.organisation_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row.name))
        .collect();
    Ok(rows
        .iter()
        .filter_map(|row| {
            let call = calls.get(&row.call_id)?;
            Some((
                row.id,
                Names {
                    call_title: call.title.clone(),
                    funder_id: call.funder_id,
                    currency: call.currency.clone(),
                    project_title: projects.get(&row.project_id)?.clone(),
                    organisation_name: organisations.get(&row.organisation_id)?.clone(),
                },
            ))
        })
        .collect())
}

/// A uuid column compares with uuids (PostgreSQL refuses text).
fn call_condition(values: &[String], _: DbBackend) -> SimpleExpr {
    let ids: Vec<Uuid> = values
        .iter()
        .filter_map(|value| value.parse().ok())
        .collect();
    Expr::col((ApplicationEntity, funding_application::Column::CallId)).is_in(ids)
}

/// The review board of one call: its applications by status, never drafts.
pub struct Board<'a> {
    pub call: Uuid,
    pub query: &'a ApplicationQuery,
}

impl ListingRequest for Board<'_> {
    fn criteria(&self) -> Result<Criteria> {
        let mut criteria = Criteria::default();
        criteria.filter("call", [self.call.to_string()]);
        let statuses = match self.query.status {
            Some(status) => vec![status],
            None => ApplicationStatus::REVIEWED.to_vec(),
        };
        criteria.filter(
            "status",
            statuses
                .into_iter()
                .filter(|status| *status != ApplicationStatus::Draft)
                .map(|status| status.as_str().to_owned()),
        );
        Ok(criteria)
    }

    fn page(&self) -> PageParams<'_> {
        PageParams {
            sort: None,
            limit: self.query.limit,
            cursor: self.query.cursor.as_deref(),
        }
    }
}
