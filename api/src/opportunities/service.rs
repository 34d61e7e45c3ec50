//! Checks and writes shared by the opportunity routes and the demo seed.

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;
use validator::Validate;

use super::dto::{self, NewOpportunity, OpportunityChanges, OpportunityStatus};
use crate::{
    db::{self, Db},
    entities::{
        opportunity::{self, Entity as Opportunity},
        opportunity_sector::{self, Entity as OpportunitySector},
        organisation::Entity as Organisation,
        project::Entity as Project,
    },
    error::{ApiError, FieldError, Result},
    integrations::{self, Event, EventType},
    organisations::{may_edit, membership},
    search::{
        ChangeKind, changes,
        text::{search_text, title_text},
    },
    taxonomies::{
        CodeCheck, CountryCode, OrganisationKind, SectorCode, Taxonomies, code_strings,
        sector_links,
    },
};

pub const DEFAULT_LIFETIME: TimeDelta = TimeDelta::days(90);
pub const MAX_LIFETIME: TimeDelta = TimeDelta::days(366);

/// The codes of an opportunity as sent, parsed: what its columns and sector rows are written
/// from. `None` where the request left a field as it is.
#[derive(Debug, Default)]
pub struct OpportunityCodes {
    pub sectors: Option<Vec<SectorCode>>,
    pub country: Option<CountryCode>,
}

/// Parses an opportunity's codes; every unknown one is a field error in `errors`.
fn parse_codes(
    sectors: Option<&[String]>,
    country: Option<&str>,
    taxonomies: &Taxonomies,
    errors: &mut Vec<FieldError>,
) -> OpportunityCodes {
    let mut check = CodeCheck::new(taxonomies);
    let sectors = sectors.map(|codes| check.sectors("sectors", codes));
    let country = country.and_then(|code| check.country("country", code));
    errors.extend(check.errors());
    OpportunityCodes { sectors, country }
}

/// The codes of a new opportunity, parsed, or the field errors of the unknown ones (the demo
/// seed parses its drafts' codes with this; a request goes through [`check_new`]).
pub fn codes_of(new: &NewOpportunity, taxonomies: &Taxonomies) -> Result<OpportunityCodes> {
    let mut errors = Vec::new();
    let codes = parse_codes(
        Some(&new.sectors),
        Some(&new.country),
        taxonomies,
        &mut errors,
    );
    ApiError::valid(errors, codes)
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
) -> Result<Option<OrganisationKind>> {
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
    ApiError::valid(errors, kind)
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

/// Builds the rows of a checked opportunity, created at `now` from its parsed `codes`.
pub fn prepare(
    owner: Uuid,
    new: NewOpportunity,
    codes: OpportunityCodes,
    organisation_kind: Option<OrganisationKind>,
    now: DateTime<Utc>,
) -> PreparedOpportunity {
    let id = Uuid::now_v7();
    let skills = clean_skills(&new.skills);
    let city = new
        .city
        .map(|city| city.trim().to_owned())
        .filter(|city| !city.is_empty());
    let sectors_sent = codes.sectors.unwrap_or_default();
    let sectors = sector_rows(id, &sectors_sent);
    let country = codes.country.map_or(new.country, CountryCode::into_string);
    let row = opportunity::ActiveModel {
        id: Set(id),
        direction: Set(new.direction),
        category: Set(new.category),
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
        sectors: Set(code_strings(&sectors_sent).into()),
        skills: Set(skills.clone().into()),
        country: Set(country),
        city: Set(city),
        remote: Set(new.remote),
        starts_on: Set(new.starts_on),
        duration_months: Set(new.duration_months),
        expires_at: Set(new.expires_at.unwrap_or(now + DEFAULT_LIFETIME)),
        anonymous: Set(new.anonymous),
        status: Set(OpportunityStatus::Open),
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
    codes: OpportunityCodes,
    organisation_kind: Option<OrganisationKind>,
) -> Result<opportunity::Model> {
    let prepared = prepare(owner, new, codes, organisation_kind, Utc::now());
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
    db::insert_rows(db, sectors).await?;
    Ok(())
}

/// The sector rows of an opportunity: one a distinct code, with its 3-digit category.
fn sector_rows(opportunity: Uuid, codes: &[SectorCode]) -> Vec<opportunity_sector::ActiveModel> {
    sector_links(codes)
        .into_iter()
        .map(|link| opportunity_sector::ActiveModel {
            opportunity_id: Set(opportunity),
            category: Set(link.category),
            code: Set(link.code),
        })
        .collect()
}

/// Rewrites the sector rows that filters and facets read.
pub async fn replace_sectors<C: ConnectionTrait>(
    db: &C,
    opportunity: Uuid,
    codes: &[SectorCode],
) -> Result<()> {
    OpportunitySector::delete_many()
        .filter(opportunity_sector::Column::OpportunityId.eq(opportunity))
        .exec(db)
        .await?;
    let rows = sector_rows(opportunity, codes);
    db::insert_rows(db, rows).await?;
    Ok(())
}

/// Every problem of a new opportunity, each a field error; its codes, parsed, when there is
/// none.
pub fn check_new(new: &NewOpportunity, taxonomies: &Taxonomies) -> Result<OpportunityCodes> {
    let mut errors = ApiError::field_errors_of(new.validate());
    let codes = parse_codes(
        Some(&new.sectors),
        Some(&new.country),
        taxonomies,
        &mut errors,
    );
    errors.extend(new.expires_at.and_then(expiry_error));
    errors.extend(skills_error(&new.skills));
    ApiError::valid(errors, codes)
}

fn expiry_error(expires_at: DateTime<Utc>) -> Option<FieldError> {
    let now = Utc::now();
    (expires_at <= now || expires_at > now + MAX_LIFETIME)
        .then(|| FieldError::new("expires_at", "range", "choose a date in the coming year"))
}

/// The row changes (and whether the sectors change) a member asks for, checked against the opportunity as
/// it is: the same checks as a new one, so a change cannot slip past them. The row holds the
/// parsed codes; the sector list returned only tells [`update`] that the sectors change.
pub fn changes_of(
    current: &opportunity::Model,
    changes: &OpportunityChanges,
    taxonomies: &Taxonomies,
) -> Result<(opportunity::ActiveModel, bool)> {
    let mut errors = ApiError::field_errors_of(changes.validate());
    let codes = parse_codes(
        changes.sectors.as_deref(),
        changes.country.as_deref(),
        taxonomies,
        &mut errors,
    );
    let mut row = opportunity::ActiveModel {
        version: Set(current.version + 1),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    if let Some(sectors) = &codes.sectors {
        row.sectors = Set(code_strings(sectors).into());
    }
    // The same checks as a new opportunity's: a change may not slip past them.
    errors.extend(changes.skills.as_deref().and_then(skills_error));
    if changes
        .city
        .as_ref()
        .is_some_and(|city| city.as_ref().is_some_and(|city| city.chars().count() > 100))
    {
        errors.push(FieldError::new(
            "city",
            "length",
            "use at most 100 characters",
        ));
    }
    if let Some(country) = codes.country {
        row.country = Set(country.into_string());
    }
    if let Some(expires_at) = changes.expires_at {
        errors.extend(expiry_error(expires_at));
        row.expires_at = Set(expires_at);
    }
    if let Some(status) = changes.status {
        errors.extend(transition_error(current.status, status));
        row.status = Set(status);
    }
    apply_text_changes(current, changes, &mut row);
    if let Some(remote) = changes.remote {
        row.remote = Set(remote);
    }
    if let Some(starts_on) = changes.starts_on {
        row.starts_on = Set(starts_on);
    }
    if let Some(duration) = changes.duration_months {
        if duration.is_some_and(|d| !(1..=120).contains(&d)) {
            errors.push(FieldError::new(
                "duration_months",
                "range",
                "use 1 to 120 months",
            ));
        }
        row.duration_months = Set(duration);
    }
    if let Some(anonymous) = changes.anonymous {
        row.anonymous = Set(anonymous);
    }
    ApiError::valid(errors, (row, changes.sectors.is_some()))
}

/// The error for a status change an author may not make.
fn transition_error(from: OpportunityStatus, to: OpportunityStatus) -> Option<FieldError> {
    (!from.may_become(to)).then(|| {
        FieldError::new(
            "status",
            "invalid_transition",
            format!(
                "an opportunity cannot go from {} to {}",
                from.as_str(),
                to.as_str()
            ),
        )
    })
}

/// Title, description, skills and city, and the search text they make when one changes.
fn apply_text_changes(
    current: &opportunity::Model,
    changes: &OpportunityChanges,
    row: &mut opportunity::ActiveModel,
) {
    let title = changes
        .title
        .clone()
        .unwrap_or_else(|| current.title.clone());
    let description = changes
        .description
        .clone()
        .unwrap_or_else(|| current.description.clone());
    let skills = match &changes.skills {
        Some(skills) => clean_skills(skills),
        None => current.skills.to_vec(),
    };
    let city = match &changes.city {
        Some(city) => city.clone().filter(|c| !c.trim().is_empty()),
        None => current.city.clone(),
    };
    if changes.title.is_some()
        || changes.description.is_some()
        || changes.skills.is_some()
        || changes.city.is_some()
    {
        row.search_text = Set(indexed_text(&title, &description, &skills, city.as_deref()));
    }
    if changes.title.is_some() {
        row.search_title = Set(title_text(&title));
        row.title = Set(title.trim().to_owned());
    }
    if changes.description.is_some() {
        row.description = Set(description);
    }
    if changes.skills.is_some() {
        row.skills = Set(skills.clone().into());
    }
    if changes.city.is_some() {
        row.city = Set(city);
    }
}

/// Writes checked changes to an opportunity read at `current.version` (412 if it moved since),
/// with its sector rows (rebuilt from the row as stored when its sectors changed) and its entry in
/// the change log; returns the opportunity as stored.
pub async fn update(
    db: &Db,
    current: &opportunity::Model,
    changes: opportunity::ActiveModel,
    sectors_changed: bool,
) -> Result<opportunity::Model> {
    let txn = db::write_transaction(db).await?;
    db::update_versioned::<Opportunity, _>(&txn, changes, current).await?;
    let row = db::find::<Opportunity, _>(&txn, current.id, "opportunity").await?;
    if sectors_changed {
        replace_sectors(&txn, row.id, &SectorCode::all_stored(&row.sectors)).await?;
    }
    integrations::emit(
        &txn,
        Event::opportunity(EventType::OpportunityUpdated, &row),
    )
    .await?;
    changes::record(&txn, ChangeKind::Opportunity, row.id).await?;
    txn.commit().await?;
    Ok(row)
}

/// The member's own opportunities, whatever their status, newest first.
pub async fn mine(db: &Db, member: Uuid) -> Result<Vec<dto::Opportunity>> {
    let (owner, id) = (opportunity::Column::OwnerId, opportunity::Column::Id);
    let rows = db::owned_by::<Opportunity>(db, owner, id, member).await?;
    Ok(rows
        .iter()
        .map(|row| dto::Opportunity::from_row(row, true))
        .collect())
}
