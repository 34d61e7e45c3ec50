//! Opportunities as a kind of listing: their fields, their order by expiry, how they are
//! loaded, and what matching keeps of each.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveEnum, DbBackend, EntityTrait,
    sea_query::{Expr, ExprTrait, SimpleExpr},
};
use serde_json::value::to_raw_value;
use uuid::Uuid;

use super::dto::{Direction, Opportunity, OpportunityFacets, OpportunityQuery, OpportunityStatus};
use crate::db::Db;
use crate::{
    entities::opportunity::{self, Entity as OpportunityEntity},
    error::{ApiError, Result},
    matching::{Context, score::MIN_WORD_LEN},
    search::{
        ChangeKind, Criteria, Document, Field, ListingKind, Scope, Sort, SortKey, Stored,
        changes::Change,
        filters,
        index::nanos,
        kind::{ListingRequest, PageParams, ScopeColumns, scoped, set_value},
        query::query_errors,
        text::fold,
    },
};

/// The kind.
pub struct Opportunities;

/// What matching needs to know of an opportunity besides its fields.
#[derive(Debug, Clone)]
pub struct Features {
    pub owner: Uuid,
    pub anonymous: bool,
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
            Stored::linked("opportunity_sectors", "opportunity_id", "code"),
        ),
        Field::facet(
            "sector_category",
            Stored::linked("opportunity_sectors", "opportunity_id", "category"),
        ),
        Field::new("remote", Stored::Flag("remote")),
        Field::new(
            "organisation_kind",
            Stored::Custom(organisation_kind_condition),
        ),
        Field::new("organisation", Stored::Custom(organisation_condition)),
        // For matching: folded skills, the author's languages and whether their
        // organisation is verified (neither known of an anonymous author).
        Field::new("skill", Stored::Index),
        Field::new("language", Stored::Index),
        Field::new("verified", Stored::Index),
    ];
    const SORTS: &'static [SortKey] = &[SortKey {
        sort: Sort::ExpiringSoon,
        column: "expires_at",
    }];

    type Facets = OpportunityFacets;
    type Extra = Features;

    async fn load(db: &Db, scope: Scope) -> Result<Vec<Document<Features>>> {
        let columns = ScopeColumns {
            id: opportunity::Column::Id,
            organisation: opportunity::Column::OrganisationId,
            owner: Some(opportunity::Column::OwnerId),
        };
        let rows = scoped(OpportunityEntity::find(), &scope, columns)
            .all(db)
            .await?;
        let context = Context::load(
            db,
            rows.iter().map(|row| row.owner_id),
            rows.iter().filter_map(|row| row.organisation_id),
        )
        .await?;
        let now = Utc::now();
        rows.iter()
            .map(|row| document(row, &context, now))
            .collect()
    }

    /// An organisation's verification, and its members' languages, count in matching.
    fn scope_of(change: &Change) -> Option<Scope> {
        match change.kind {
            ChangeKind::Opportunity => Some(Scope::Ids(vec![change.id])),
            ChangeKind::Organisation => Some(Scope::Organisation(change.id)),
            ChangeKind::Member => Some(Scope::Owner(change.id)),
            ChangeKind::Everything => Some(Scope::All),
            ChangeKind::Project
            | ChangeKind::CooperationLink
            | ChangeKind::FundingCall
            | ChangeKind::FundingApplication => None,
        }
    }
}

/// How many distinct words of matching's length a text has (see [`Side::words_of`]).
fn long_words(search_text: &str) -> u16 {
    let words: std::collections::HashSet<&str> = search_text
        .split(' ')
        .filter(|word| word.chars().count() >= MIN_WORD_LEN)
        .collect();
    words.len().min(usize::from(u16::MAX)) as u16
}

/// The document of an opportunity row.
pub fn document(
    row: &opportunity::Model,
    context: &Context,
    now: DateTime<Utc>,
) -> Result<Document<Features>> {
    let json = to_raw_value(&Opportunity::from_row(row, false))
        .map_err(|error| ApiError::Internal(error.into()))?;
    let sectors = row.sectors.to_vec();
    let status = OpportunityStatus::of(row, now).as_str();
    let features = Features {
        owner: row.owner_id,
        anonymous: row.anonymous,
        published_at: row.created_at,
        words: long_words(&row.search_text),
    };
    let mut document = Document::new(row.id, Opportunities::FIELDS.len(), json, features);
    set_value::<Opportunities>(&mut document, "status", [status.to_owned()]);
    set_value::<Opportunities>(&mut document, "direction", [row.direction.to_value()]);
    set_value::<Opportunities>(&mut document, "category", [row.category.to_value()]);
    set_value::<Opportunities>(&mut document, "country", [row.country.clone()]);
    set_value::<Opportunities>(
        &mut document,
        "sector_category",
        sectors.iter().map(|code| code.chars().take(3).collect()),
    );
    set_value::<Opportunities>(&mut document, "sector", sectors);
    set_value::<Opportunities>(&mut document, "remote", [row.remote.to_string()]);
    let skills = row
        .skills
        .to_vec()
        .iter()
        .map(|skill| fold(skill.trim()))
        .collect::<Vec<_>>();
    set_value::<Opportunities>(&mut document, "skill", skills);
    // Nothing of an anonymous author may select their item or show through matching.
    if !row.anonymous {
        let kind = row.organisation_kind.map(|kind| kind.to_value());
        set_value::<Opportunities>(&mut document, "organisation_kind", kind);
        let organisation = row.organisation_id.map(|id| id.to_string());
        set_value::<Opportunities>(&mut document, "organisation", organisation);
        let languages = context.languages_of(row.owner_id);
        set_value::<Opportunities>(&mut document, "language", languages);
        let verified = context.verified(row.organisation_id).to_string();
        set_value::<Opportunities>(&mut document, "verified", [verified]);
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

/// The opportunities an organisation signs: never its anonymous ones.
fn organisation_condition(values: &[String], _: DbBackend) -> SimpleExpr {
    let ids: Vec<Uuid> = values.iter().filter_map(|v| v.parse().ok()).collect();
    Expr::col((OpportunityEntity, opportunity::Column::OrganisationId))
        .is_in(ids)
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
    ApiError::valid(errors, ())
}

impl ListingRequest for OpportunityQuery {
    /// The criteria of a checked query: open opportunities unless another status is asked for.
    fn criteria(&self) -> Result<Criteria> {
        check_query(self)?;
        let mut criteria = Criteria::with_terms(self.q.as_deref());
        let status = self.status.unwrap_or(OpportunityStatus::Open);
        criteria.filter_one("status", Some(status.as_str()));
        criteria.filter_one("direction", self.direction.map(Direction::as_str));
        criteria.filter_one("category", self.category.map(|category| category.as_str()));
        criteria.filter_one("country", self.country.as_deref().map(str::to_uppercase));
        filters::region(&mut criteria, "country", self.region.as_deref());
        filters::sector(&mut criteria, self.sector.as_deref());
        criteria.filter_one("remote", self.remote.map(|remote| remote.to_string()));
        criteria.filter_one(
            "organisation_kind",
            self.organisation_kind.map(|kind| kind.as_str()),
        );
        criteria.filter_one("organisation", self.organisation.map(|id| id.to_string()));
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
