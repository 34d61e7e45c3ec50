//! The first stage: the open, complementary opportunities worth scoring. The hard rules are
//! here (open, not expired, the right direction and categories, never the seeker's own), and
//! a cheap test that the candidate shares something with the seeker, so that scoring stays
//! within a few hundred rows at 100 000 opportunities.

use chrono::Utc;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, Order, QueryFilter, QueryOrder,
    QuerySelect,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use super::score::Side;
use crate::{
    entities::{
        opportunity::{self, Entity as OpportunityEntity},
        opportunity_sector,
    },
    error::Result,
    search::filters,
    taxonomies::regions,
};

/// How many candidates are scored at most.
const CANDIDATES: u64 = 300;

/// What the seeker is looking for.
#[derive(Debug, Default)]
pub struct Wanted {
    /// `offer` or `request`; any when `None`.
    pub direction: Option<&'static str>,
    /// Opportunity categories; any when empty.
    pub categories: Vec<&'static str>,
    /// Never their own: the seeker's author and the reader.
    pub not_owned_by: Vec<Uuid>,
    /// The item the matches are for.
    pub not_id: Option<Uuid>,
    /// A country filter chosen by the reader.
    pub country: Option<String>,
}

/// The candidates for `seeker`: up to `CANDIDATES` that share something with it (those
/// sharing a sector category first, newest first), and, when these are fewer than the `limit`
/// asked for, the newest others, so that a thin marketplace still shows what it has.
pub async fn find<C: ConnectionTrait>(
    db: &C,
    wanted: &Wanted,
    seeker: &Side,
    limit: u64,
) -> Result<Vec<opportunity::Model>> {
    let rules = hard_rules(wanted);
    let same_category = same_sector_category(seeker);
    let Some(shares) = shares_something(seeker, same_category.clone()) else {
        return newest(db, rules, CANDIDATES).await;
    };
    // Ids first: ordering narrow rows is cheap, the few hundred kept are loaded after.
    let mut select = OpportunityEntity::find()
        .select_only()
        .column(opportunity::Column::Id)
        .filter(rules.clone().add(shares));
    if let Some(same_category) = same_category {
        select = select.order_by(
            Expr::expr(Expr::case(same_category, 1).finally(0)),
            Order::Desc,
        );
    }
    let ids: Vec<Uuid> = select
        .order_by_desc(opportunity::Column::Id)
        .limit(CANDIDATES)
        .into_tuple()
        .all(db)
        .await?;
    let mut rows = OpportunityEntity::find()
        .filter(opportunity::Column::Id.is_in(ids))
        .all(db)
        .await?;
    if (rows.len() as u64) < limit {
        let found: Vec<_> = rows.iter().map(|row| row.id).collect();
        let others = rules.add(opportunity::Column::Id.is_not_in(found));
        rows.extend(newest(db, others, limit - rows.len() as u64).await?);
    }
    Ok(rows)
}

async fn newest<C: ConnectionTrait>(
    db: &C,
    condition: Condition,
    limit: u64,
) -> Result<Vec<opportunity::Model>> {
    Ok(OpportunityEntity::find()
        .filter(condition)
        .order_by_desc(opportunity::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

/// Open, not expired, complementary, never the seeker's own.
fn hard_rules(wanted: &Wanted) -> Condition {
    let mut condition = Condition::all()
        .add(opportunity::Column::Status.eq("open"))
        .add(opportunity::Column::ExpiresAt.gt(Utc::now()));
    if let Some(direction) = wanted.direction {
        condition = condition.add(opportunity::Column::Direction.eq(direction));
    }
    if !wanted.categories.is_empty() {
        condition = condition.add(opportunity::Column::Category.is_in(wanted.categories.clone()));
    }
    if !wanted.not_owned_by.is_empty() {
        condition =
            condition.add(opportunity::Column::OwnerId.is_not_in(wanted.not_owned_by.clone()));
    }
    if let Some(id) = wanted.not_id {
        condition = condition.add(opportunity::Column::Id.ne(id));
    }
    if let Some(country) = &wanted.country {
        condition = condition.add(opportunity::Column::Country.eq(country.to_uppercase()));
    }
    condition
}

fn same_sector_category(seeker: &Side) -> Option<Condition> {
    let categories: Vec<String> = seeker
        .sectors
        .iter()
        .map(|code| code.chars().take(3).collect())
        .collect();
    (!categories.is_empty()).then(|| {
        Condition::all().add(filters::linked(
            opportunity_sector::Column::OpportunityId,
            opportunity::Column::Id,
            Expr::col((
                opportunity_sector::Entity,
                opportunity_sector::Column::Category,
            ))
            .is_in(categories),
        ))
    })
}

/// A sector category, a country of the seeker's regions, or remote work; `None` when the
/// seeker names no sector and no place, and then every candidate qualifies.
fn shares_something(seeker: &Side, same_category: Option<Condition>) -> Option<Condition> {
    let mut places: Vec<String> = seeker
        .countries
        .iter()
        .filter_map(|country| regions::region_of(country))
        .filter_map(regions::countries_in)
        .flatten()
        .cloned()
        .collect();
    places.extend(seeker.countries.iter().cloned());
    if same_category.is_none() && places.is_empty() {
        return None;
    }
    let mut any = Condition::any().add(opportunity::Column::Remote.eq(true));
    if let Some(same_category) = same_category {
        any = any.add(same_category);
    }
    if !places.is_empty() {
        places.sort();
        places.dedup();
        any = any.add(opportunity::Column::Country.is_in(places));
    }
    Some(any)
}
