//! Opportunities as a kind of listing: their fields, their order by expiry, how they are
//! loaded, and what matching keeps of each.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, DbBackend, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
    sea_query::{Expr, ExprTrait, SimpleExpr},
};
use serde_json::value::to_raw_value;
use uuid::Uuid;

use super::dto::{Direction, Opportunity, OpportunityFacets, OpportunityQuery, OpportunityStatus};
use crate::{
    accounts::dto::strings,
    entities::opportunity::{self, Entity as OpportunityEntity},
    error::{ApiError, Result},
    matching::{Context, score::Side},
    search::{
        ChangeKind, Criteria, Document, Field, ListingKind, Scope, Sort, SortKey, Stored,
        changes::Change,
        filters,
        index::nanos,
        kind::{FacetCounts, set_value},
        query::{query_errors, take_facet},
        text::fold,
    },
    taxonomies::{OpportunityCategory, regions},
};

/// The kind.
pub struct Opportunities;

/// Rows loaded at a time when the whole listing is (re)built.
const LOAD_CHUNK: u64 = 5_000;

/// What matching needs to know of an opportunity besides its listing fields.
#[derive(Debug, Clone)]
pub struct Features {
    pub owner: Uuid,
    pub anonymous: bool,
    pub direction: Direction,
    pub category: &'static str,
    /// 5-digit DAC codes.
    pub sectors: Box<[String]>,
    pub country: String,
    pub remote: bool,
    /// Folded.
    pub skills: Box<[String]>,
    /// The DAC region of its country.
    pub region: Option<&'static str>,
    /// The author's working languages (none known when anonymous).
    pub languages: Box<[String]>,
    /// Published for a verified organisation (unknown when anonymous).
    pub verified: Option<bool>,
    pub published_at: DateTime<Utc>,
    /// How many distinct words of at least four letters its text has.
    pub words: u16,
}

impl ListingKind for Opportunities {
    const KIND: ChangeKind = ChangeKind::Opportunity;
    const TABLE: &'static str = "opportunities";
    const TITLE: &'static str = "title";
    const FIELDS: &'static [Field] = &[
        Field::new("status", Stored::Custom(status_condition)),
        Field::new("direction", Stored::Column("direction")),
        Field::facet("category", Stored::Column("category")),
        Field::facet("country", Stored::Column("country")),
        Field::new(
            "sector",
            Stored::Linked {
                table: "opportunity_sectors",
                item: "opportunity_id",
                value: "code",
            },
        ),
        Field::facet(
            "sector_category",
            Stored::Linked {
                table: "opportunity_sectors",
                item: "opportunity_id",
                value: "category",
            },
        ),
        Field::new("remote", Stored::Flag("remote")),
        Field::new(
            "organisation_kind",
            Stored::Custom(organisation_kind_condition),
        ),
    ];
    const SORTS: &'static [SortKey] = &[SortKey {
        sort: Sort::ExpiringSoon,
        column: "expires_at",
    }];

    type Facets = OpportunityFacets;
    type Extra = Features;

    async fn load(db: &DatabaseConnection, scope: Scope) -> Result<Vec<Document<Features>>> {
        let mut documents = Vec::new();
        let mut after: Option<Uuid> = None;
        loop {
            let mut select = OpportunityEntity::find().filter(scope_condition(&scope));
            if matches!(scope, Scope::All) {
                if let Some(after) = after {
                    select = select.filter(opportunity::Column::Id.gt(after));
                }
                select = select
                    .order_by_asc(opportunity::Column::Id)
                    .limit(LOAD_CHUNK);
            }
            let rows = select.all(db).await?;
            let context = Context::load(
                db,
                rows.iter().map(|row| row.owner_id),
                rows.iter().filter_map(|row| row.organisation_id),
            )
            .await?;
            let now = Utc::now();
            for row in &rows {
                documents.push(document(row, &context, now)?);
            }
            match (&scope, rows.last()) {
                (Scope::All, Some(last)) if rows.len() as u64 == LOAD_CHUNK => {
                    after = Some(last.id)
                }
                _ => return Ok(documents),
            }
        }
    }

    fn facets(mut counts: FacetCounts) -> OpportunityFacets {
        OpportunityFacets {
            country: take_facet(&mut counts, "country"),
            sector_category: take_facet(&mut counts, "sector_category"),
            category: take_facet(&mut counts, "category"),
        }
    }

    /// An organisation's verification, and its members' languages, count in matching.
    fn scope_of(change: &Change) -> Option<Scope> {
        match change.kind {
            ChangeKind::Opportunity => Some(Scope::Ids(vec![change.id])),
            ChangeKind::Organisation => Some(Scope::Organisation(change.id)),
            ChangeKind::Member => Some(Scope::Owner(change.id)),
            ChangeKind::Everything => Some(Scope::All),
            ChangeKind::Project => None,
        }
    }
}

fn scope_condition(scope: &Scope) -> Condition {
    match scope {
        Scope::All => Condition::all(),
        Scope::Ids(ids) => Condition::all().add(opportunity::Column::Id.is_in(ids.clone())),
        Scope::Organisation(id) => {
            Condition::all().add(opportunity::Column::OrganisationId.eq(*id))
        }
        Scope::Owner(id) => Condition::all().add(opportunity::Column::OwnerId.eq(*id)),
    }
}

/// The status readers see: an open opportunity past its expiry is `expired`.
fn status(row: &opportunity::Model, now: DateTime<Utc>) -> &str {
    if row.status == OpportunityStatus::Open.as_str() && row.expires_at <= now {
        OpportunityStatus::Expired.as_str()
    } else {
        &row.status
    }
}

fn document(
    row: &opportunity::Model,
    context: &Context,
    now: DateTime<Utc>,
) -> Result<Document<Features>> {
    let json = to_raw_value(&Opportunity::from_row(row, false))
        .map_err(|error| ApiError::Internal(error.into()))?;
    let sectors = strings(&row.sectors);
    let status = status(row, now);
    // Nothing of an anonymous author may show through matching's reasons.
    let author = !row.anonymous;
    let skills: BTreeSet<String> = strings(&row.skills)
        .iter()
        .map(|skill| fold(skill.trim()))
        .collect();
    let features = Features {
        owner: row.owner_id,
        anonymous: row.anonymous,
        direction: crate::http::fields::parse_code(&row.direction).unwrap_or(Direction::Offer),
        category: OpportunityCategory::from_code(&row.category)
            .map_or("", OpportunityCategory::code),
        sectors: sectors.clone().into_boxed_slice(),
        country: row.country.clone(),
        region: regions::region_of(&row.country),
        remote: row.remote,
        skills: skills.into_iter().collect(),
        languages: if author {
            context.languages_of(row.owner_id).into_iter().collect()
        } else {
            Box::default()
        },
        verified: author.then(|| context.verified(row.organisation_id)),
        published_at: row.created_at,
        words: Side::words_of(&row.search_text)
            .len()
            .min(usize::from(u16::MAX)) as u16,
    };
    let mut document = Document::new(row.id, Opportunities::FIELDS.len(), json, features);
    set_value::<Opportunities>(&mut document, "status", [status.to_owned()]);
    set_value::<Opportunities>(&mut document, "direction", [row.direction.clone()]);
    set_value::<Opportunities>(&mut document, "category", [row.category.clone()]);
    set_value::<Opportunities>(&mut document, "country", [row.country.clone()]);
    set_value::<Opportunities>(
        &mut document,
        "sector_category",
        sectors.iter().map(|code| code.chars().take(3).collect()),
    );
    set_value::<Opportunities>(&mut document, "sector", sectors);
    set_value::<Opportunities>(&mut document, "remote", [row.remote.to_string()]);
    // An anonymous author's organisation must not select their item.
    if !row.anonymous {
        set_value::<Opportunities>(
            &mut document,
            "organisation_kind",
            row.organisation_kind.clone(),
        );
    }
    document.sort_keys = vec![nanos(row.expires_at)];
    document.text = row.search_text.clone();
    document.title = row.search_title.clone();
    if status == OpportunityStatus::Open.as_str() {
        document.expires_at = Some(nanos(row.expires_at));
    }
    Ok(document)
}

/// `status` is stored but for `expired`, which is an open opportunity past its expiry.
fn status_condition(values: &[String], _: DbBackend) -> SimpleExpr {
    let now = Utc::now();
    let status = || Expr::col((OpportunityEntity, opportunity::Column::Status));
    let expires = || Expr::col((OpportunityEntity, opportunity::Column::ExpiresAt));
    values
        .iter()
        .map(|value| match value.as_str() {
            "open" => status().eq("open").and(expires().gt(now)),
            "expired" => status().eq("open").and(expires().lte(now)),
            other => status().eq(other),
        })
        .reduce(|any, one| any.or(one))
        .unwrap_or_else(|| Expr::val(false))
}

fn organisation_kind_condition(values: &[String], _: DbBackend) -> SimpleExpr {
    Expr::col((OpportunityEntity, opportunity::Column::OrganisationKind))
        .is_in(values.to_vec())
        .and(Expr::col((OpportunityEntity, opportunity::Column::Anonymous)).eq(false))
}

/// The checks of a search query (also those of a saved search's criteria).
pub fn check_query(query: &OpportunityQuery) -> Result<()> {
    let mut errors = query_errors(
        query.q.as_deref(),
        query.country.as_deref(),
        query.sector.as_deref(),
    );
    errors.extend(filters::region_error(query.region.as_deref()));
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Validation(errors))
    }
}

/// The criteria of a checked query: open opportunities unless another status is asked for.
pub fn criteria(query: &OpportunityQuery) -> Result<Criteria> {
    check_query(query)?;
    let mut criteria = Criteria::with_terms(query.q.as_deref());
    let status = query.status.unwrap_or(OpportunityStatus::Open);
    criteria.filter_one("status", Some(status.as_str()));
    criteria.filter_one("direction", query.direction.map(Direction::as_str));
    criteria.filter_one("category", query.category.map(|category| category.code()));
    criteria.filter_one("country", query.country.as_deref().map(str::to_uppercase));
    filters::region(&mut criteria, "country", query.region.as_deref());
    filters::sector(&mut criteria, query.sector.as_deref());
    criteria.filter_one("remote", query.remote.map(|remote| remote.to_string()));
    criteria.filter_one(
        "organisation_kind",
        query.organisation_kind.map(|kind| kind.code()),
    );
    Ok(criteria)
}
