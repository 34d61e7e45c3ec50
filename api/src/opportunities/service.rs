//! Checks and writes shared by the opportunity routes and the demo seed.

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::dto::NewOpportunity;
use crate::{
    entities::{
        opportunity::{self, Entity as Opportunity},
        opportunity_sector::{self, Entity as OpportunitySector},
        organisation::Entity as Organisation,
        project::Entity as Project,
    },
    error::{ApiError, FieldError, Result},
    organisations::{may_edit, membership},
    search::text::{search_text, title_text},
    taxonomies::{Code, CodeCheck, Taxonomies},
};

pub const DEFAULT_LIFETIME: TimeDelta = TimeDelta::days(90);
pub const MAX_LIFETIME: TimeDelta = TimeDelta::days(366);

/// Every code-level problem of an opportunity's fields.
pub fn code_errors(
    sectors: Option<&[String]>,
    country: Option<&str>,
    taxonomies: &Taxonomies,
) -> Vec<FieldError> {
    CodeCheck::new(taxonomies)
        .each_optional(Code::Sector, "sectors", sectors)
        .optional(Code::Country, "country", country)
        .errors()
}

/// The error for skills longer than 50 characters.
pub fn skills_error(skills: &[String]) -> Option<FieldError> {
    skills
        .iter()
        .any(|skill| skill.chars().count() > 50)
        .then(|| FieldError::new("skills", "length", "each skill has at most 50 characters"))
}

pub fn clean_skills(skills: &[String]) -> Vec<String> {
    let mut cleaned: Vec<String> = skills
        .iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    cleaned.dedup();
    cleaned
}

/// The text indexed for an opportunity.
pub fn indexed_text(
    title: &str,
    description: &str,
    skills: &[String],
    city: Option<&str>,
) -> String {
    let skills = skills.join(" ");
    search_text(&[title, description, &skills, city.unwrap_or_default()])
}

/// Checks the links of a new opportunity: the project must be the caller's to edit, the
/// organisation one they belong to. Returns the organisation's kind.
pub async fn check_links<C: ConnectionTrait>(
    db: &C,
    member: Uuid,
    project: Option<Uuid>,
    organisation: Option<Uuid>,
) -> Result<Option<String>> {
    let mut errors = Vec::new();
    if let Some(project) = project {
        let allowed = match Project::find_by_id(project).one(db).await? {
            Some(row) => may_edit(db, member, row.owner_id, row.organisation_id).await?,
            None => false,
        };
        if !allowed {
            errors.push(FieldError::new(
                "project_id",
                "not_yours",
                "link a project you may edit",
            ));
        }
    }
    let mut kind = None;
    if let Some(organisation) = organisation {
        if membership(db, organisation, member).await?.is_none() {
            errors.push(FieldError::new(
                "organisation_id",
                "not_a_member",
                "publish only for an organisation you belong to",
            ));
        } else {
            kind = Organisation::find_by_id(organisation)
                .one(db)
                .await?
                .map(|o| o.kind);
        }
    }
    if errors.is_empty() {
        Ok(kind)
    } else {
        Err(ApiError::Validation(errors))
    }
}

/// An opportunity's rows, built but not yet written: the one place where `search_text`,
/// `search_title` and the sector rows are derived, for a single insert and for bulk loads.
pub struct PreparedOpportunity {
    pub row: opportunity::ActiveModel,
    pub sectors: Vec<opportunity_sector::ActiveModel>,
}

impl PreparedOpportunity {
    pub fn id(&self) -> Uuid {
        *self.row.id.as_ref()
    }
}

/// Builds the rows of a checked opportunity, created at `now`.
pub fn prepare(
    owner: Uuid,
    new: NewOpportunity,
    organisation_kind: Option<String>,
    now: DateTime<Utc>,
) -> PreparedOpportunity {
    let id = Uuid::now_v7();
    let skills = clean_skills(&new.skills);
    let city = new
        .city
        .map(|city| city.trim().to_owned())
        .filter(|city| !city.is_empty());
    let sectors = sector_rows(id, &new.sectors);
    let row = opportunity::ActiveModel {
        id: Set(id),
        direction: Set(new.direction.as_str().into()),
        category: Set(new.category.code().into()),
        search_text: Set(indexed_text(
            &new.title,
            &new.description,
            &skills,
            city.as_deref(),
        )),
        search_title: Set(title_text(&new.title)),
        title: Set(new.title.trim().to_owned()),
        description: Set(new.description),
        project_id: Set(new.project_id),
        sectors: Set(serde_json::json!(new.sectors)),
        skills: Set(serde_json::json!(skills)),
        country: Set(new.country),
        city: Set(city),
        remote: Set(new.remote),
        starts_on: Set(new.starts_on),
        duration_months: Set(new.duration_months),
        expires_at: Set(new.expires_at.unwrap_or(now + DEFAULT_LIFETIME)),
        anonymous: Set(new.anonymous),
        status: Set("open".into()),
        owner_id: Set(owner),
        organisation_id: Set(new.organisation_id),
        organisation_kind: Set(organisation_kind),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    };
    PreparedOpportunity { row, sectors }
}

/// Inserts a checked opportunity and its sector rows.
pub async fn insert<C: ConnectionTrait>(
    db: &C,
    owner: Uuid,
    new: NewOpportunity,
    organisation_kind: Option<String>,
) -> Result<opportunity::Model> {
    let prepared = prepare(owner, new, organisation_kind, Utc::now());
    let id = prepared.id();
    insert_prepared(db, vec![prepared]).await?;
    Opportunity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("opportunity"))
}

/// Writes prepared opportunities with one multi-row statement per table (bulk loads pass a
/// few hundred at a time: each row binds about 26 parameters).
pub async fn insert_prepared<C: ConnectionTrait>(
    db: &C,
    prepared: Vec<PreparedOpportunity>,
) -> Result<()> {
    if prepared.is_empty() {
        return Ok(());
    }
    let mut rows = Vec::with_capacity(prepared.len());
    let mut sectors = Vec::new();
    for item in prepared {
        rows.push(item.row);
        sectors.extend(item.sectors);
    }
    Opportunity::insert_many(rows)
        .exec_without_returning(db)
        .await?;
    if !sectors.is_empty() {
        OpportunitySector::insert_many(sectors)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// The sector rows of an opportunity: one a distinct code, with its 3-digit category.
fn sector_rows(opportunity: Uuid, codes: &[String]) -> Vec<opportunity_sector::ActiveModel> {
    let mut codes = codes.to_vec();
    codes.sort();
    codes.dedup();
    codes
        .into_iter()
        .map(|code| opportunity_sector::ActiveModel {
            opportunity_id: Set(opportunity),
            category: Set(code[..3].to_owned()),
            code: Set(code),
        })
        .collect()
}

/// Rewrites the sector rows that filters and facets read.
pub async fn replace_sectors<C: ConnectionTrait>(
    db: &C,
    opportunity: Uuid,
    codes: &[String],
) -> Result<()> {
    OpportunitySector::delete_many()
        .filter(opportunity_sector::Column::OpportunityId.eq(opportunity))
        .exec(db)
        .await?;
    let rows = sector_rows(opportunity, codes);
    if rows.is_empty() {
        return Ok(());
    }
    OpportunitySector::insert_many(rows)
        .exec_without_returning(db)
        .await?;
    Ok(())
}
