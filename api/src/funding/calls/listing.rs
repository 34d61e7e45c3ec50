//! Calls for projects as a kind of listing: searched by words, status (from the dates),
//! country or region, sector, applicant kind and funder, ordered by closing date.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, DbBackend, EntityTrait, QueryFilter,
    sea_query::{Expr, ExprTrait, SimpleExpr},
};
use serde_json::value::to_raw_value;
use uuid::Uuid;

use super::{
    dto::{Funder, FundingCall, FundingCallFacets, FundingCallQuery},
    service::ANY,
};
use crate::db::Db;
use crate::{
    entities::{
        funding_call::{self, Entity as FundingCallEntity},
        organisation::{self, Entity as OrganisationEntity},
    },
    error::{ApiError, FieldError, Result},
    funding::eligibility::{CallStatus, eligible_countries},
    search::{
        ChangeKind, Criteria, Document, Field, ListingKind, Scope, Sort, SortKey, Stored,
        changes::Change,
        filters,
        index::nanos,
        kind::{ListingRequest, PageParams, ScopeColumns, scoped, set_value},
        query::query_errors,
    },
    taxonomies::category_of,
};

/// The kind.
pub struct Calls;

impl ListingKind for Calls {
    const KIND: ChangeKind = ChangeKind::FundingCall;
    const TABLE: &'static str = "funding_calls";
    const TITLE: &'static str = "title";
    const FIELDS: &'static [Field] = &[
        Field::new("status", Stored::Custom(status_condition)),
        Field::facet(
            "country",
            Stored::linked("funding_call_countries", "call_id", "country"),
        ),
        Field::new(
            "sector",
            Stored::linked("funding_call_sectors", "call_id", "code"),
        ),
        Field::facet(
            "sector_category",
            Stored::linked("funding_call_sectors", "call_id", "category"),
        ),
        Field::new("applicant_kind", Stored::JsonList("applicant_kinds")),
        Field::new("funder", Stored::Custom(funder_condition)),
    ];
    const SORTS: &'static [SortKey] = &[SortKey {
        sort: Sort::ClosingSoon,
        column: "closes_at",
    }];

    type Facets = FundingCallFacets;
    type Extra = ();

    async fn load(db: &Db, scope: Scope) -> Result<Vec<Document<()>>> {
        let columns = ScopeColumns {
            id: funding_call::Column::Id,
            organisation: funding_call::Column::FunderId,
            owner: Some(funding_call::Column::OwnerId),
        };
        let rows = scoped(FundingCallEntity::find(), &scope, columns)
            .all(db)
            .await?;
        let funders = funders(db, rows.iter().map(|row| row.funder_id)).await?;
        let now = Utc::now();
        rows.iter()
            .filter_map(|row| Some((row, funders.get(&row.funder_id)?)))
            .map(|(row, funder)| document(row, funder, now))
            .collect()
    }

    /// A call shows its funder's name.
    fn scope_of(change: &Change) -> Option<Scope> {
        match change.kind {
            ChangeKind::FundingCall => Some(Scope::Ids(vec![change.id])),
            ChangeKind::Organisation => Some(Scope::Organisation(change.id)),
            ChangeKind::Everything => Some(Scope::All),
            _ => None,
        }
    }
}

/// The funders of calls, by id.
pub async fn funders(db: &Db, ids: impl Iterator<Item = Uuid>) -> Result<HashMap<Uuid, Funder>> {
    let ids: Vec<Uuid> = ids.collect();
    Ok(OrganisationEntity::find()
        .filter(organisation::Column::Id.is_in(ids))
        .all(db)
        .await?
        .iter()
        .map(|row| (row.id, Funder::from(row)))
        .collect())
}

/// The document of a call: its status now, and when it next changes on its own.
pub fn document(
    row: &funding_call::Model,
    funder: &Funder,
    now: DateTime<Utc>,
) -> Result<Document<()>> {
    let call = FundingCall::from_row(row, funder.clone(), now);
    let json = to_raw_value(&call).map_err(|error| ApiError::Internal(error.into()))?;
    let mut document = Document::new(row.id, Calls::FIELDS.len(), json, ());
    set_value::<Calls>(&mut document, "status", [call.status.as_str().to_owned()]);
    let mut countries = eligible_countries(&call.countries, &call.regions);
    if countries.is_empty() {
        countries.push(ANY.into());
    }
    set_value::<Calls>(&mut document, "country", countries);
    let mut sectors = call.sectors.clone();
    if sectors.is_empty() {
        sectors.push(ANY.into());
    }
    let categories: Vec<String> = sectors
        .iter()
        .map(|code| code.chars().take(3).collect())
        .collect();
    set_value::<Calls>(&mut document, "sector_category", categories);
    set_value::<Calls>(&mut document, "sector", sectors);
    set_value::<Calls>(
        &mut document,
        "applicant_kind",
        row.applicant_kinds.to_vec(),
    );
    set_value::<Calls>(&mut document, "funder", [row.funder_id.to_string()]);
    document.sort_keys = vec![nanos(row.closes_at)];
    document.text = row.search_text.clone();
    document.title = row.search_title.clone();
    document.expires_at = match call.status {
        CallStatus::Forthcoming => Some(nanos(row.opens_at)),
        CallStatus::Open => Some(nanos(row.closes_at)),
        CallStatus::Closed => None,
    };
    Ok(document)
}

/// `status` is derived from the dates.
fn status_condition(values: &[String], _: DbBackend) -> SimpleExpr {
    let now = Utc::now();
    let opens = || Expr::col((FundingCallEntity, funding_call::Column::OpensAt));
    let closes = || Expr::col((FundingCallEntity, funding_call::Column::ClosesAt));
    values
        .iter()
        .map(|value| match value.as_str() {
            "forthcoming" => opens().gt(now),
            "open" => opens().lte(now).and(closes().gt(now)),
            "closed" => closes().lte(now),
            _ => Expr::val(false),
        })
        .reduce(|any, one| any.or(one))
        .unwrap_or_else(|| Expr::val(false))
}

/// A uuid column compares with uuids (PostgreSQL refuses text).
fn funder_condition(values: &[String], _: DbBackend) -> SimpleExpr {
    let ids: Vec<Uuid> = values
        .iter()
        .filter_map(|value| value.parse().ok())
        .collect();
    Expr::col((FundingCallEntity, funding_call::Column::FunderId)).is_in(ids)
}

/// The checks of a search query.
pub fn check_query(query: &FundingCallQuery) -> Result<()> {
    let mut errors: Vec<FieldError> = query_errors(
        query.q.as_deref(),
        query.country.as_deref(),
        query.sector.as_deref(),
    );
    errors.extend(filters::region_error(query.region.as_deref()));
    if query.sort == Some(Sort::ExpiringSoon) {
        errors.push(FieldError::new(
            "sort",
            "invalid",
            "use closing_soon, newest or relevance",
        ));
    }
    ApiError::valid(errors, ())
}

impl ListingRequest for FundingCallQuery {
    /// Open calls unless another status is asked for; a country, region or sector finds the
    /// calls open to it, those open to all included.
    fn criteria(&self) -> Result<Criteria> {
        check_query(self)?;
        let mut criteria = Criteria::with_terms(self.q.as_deref());
        let status = self.status.unwrap_or(CallStatus::Open);
        criteria.filter_one("status", Some(status.as_str()));
        if let Some(country) = &self.country {
            criteria.filter("country", [country.to_uppercase(), ANY.into()]);
        }
        if let Some(region) = &self.region {
            let countries = crate::taxonomies::regions::countries_in(region).unwrap_or_default();
            criteria.filter("country", countries.iter().cloned().chain([ANY.into()]));
        }
        match self.sector.as_deref() {
            Some(sector) if sector.len() == 5 => criteria.filter(
                "sector",
                [
                    sector.to_owned(),
                    category_of(sector).to_owned(),
                    ANY.into(),
                ],
            ),
            Some(category) => criteria.filter("sector_category", [category.to_owned(), ANY.into()]),
            None => {}
        }
        criteria.filter_one(
            "applicant_kind",
            self.applicant_kind.map(|kind| kind.as_str()),
        );
        criteria.filter_one("funder", self.funder.map(|id| id.to_string()));
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
