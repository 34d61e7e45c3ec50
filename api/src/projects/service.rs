//! Checks and writes shared by the project routes and the demo seed.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::Expr,
};
use uuid::Uuid;
use validator::Validate;

use super::dto::{
    self, NewMilestone, NewProject, ProjectChanges, ProjectStage, ProjectStatus, Territory,
};
use crate::{
    db::{self, Db},
    entities::{
        project::{self, Entity as Project},
        project_country::{self, Entity as ProjectCountry},
        project_milestone::{self, Entity as ProjectMilestone},
        project_sector::{self, Entity as ProjectSector},
    },
    error::{ApiError, FieldError, Result},
    organisations::membership,
    search::{
        ChangeKind, changes,
        text::{search_text, title_text},
    },
    taxonomies::{
        Code, CodeCheck, CountryCode, LanguageCode, SectorCode, Taxonomies, code_strings,
        sector_links,
    },
};

/// The codes of a project as sent, parsed: what its list columns and its sector and country
/// rows are written from. `None` where the request left a field as it is.
#[derive(Debug, Default)]
pub struct ProjectCodes {
    pub sectors: Option<Vec<SectorCode>>,
    pub countries: Option<Vec<CountryCode>>,
    /// The countries of its territories, in their order.
    pub territory_countries: Option<Vec<CountryCode>>,
    pub language: Option<LanguageCode>,
}

/// Parses a project's codes; every unknown one is a field error in `errors`.
fn parse_codes(
    sectors: Option<&[String]>,
    countries: Option<&[String]>,
    territories: Option<&[Territory]>,
    currency: Option<&str>,
    language: Option<&str>,
    taxonomies: &Taxonomies,
    errors: &mut Vec<FieldError>,
) -> ProjectCodes {
    let mut check = CodeCheck::new(taxonomies);
    let sectors = sectors.map(|codes| check.sectors("sectors", codes));
    let countries = countries.map(|codes| check.countries("countries", codes));
    let territory_countries = territories.map(|territories| {
        let countries = territories.iter().map(|t| t.country.as_str());
        check.countries_in("territories", "country", countries)
    });
    let mut check = check.optional(Code::Currency, "budget_currency", currency);
    let language = language.and_then(|code| check.language("language", code));
    errors.extend(check.errors());
    ProjectCodes {
        sectors,
        countries,
        territory_countries,
        language,
    }
}

/// The codes of a new project, parsed; an error in `errors` for each unknown one.
fn new_codes(
    new: &NewProject,
    taxonomies: &Taxonomies,
    errors: &mut Vec<FieldError>,
) -> ProjectCodes {
    parse_codes(
        Some(&new.sectors),
        Some(&new.countries),
        Some(&new.territories),
        new.budget_currency.as_deref(),
        new.language.as_deref(),
        taxonomies,
        errors,
    )
}

/// The codes of a new project, parsed, or the field errors of the unknown ones (the demo seed
/// parses its drafts' codes with this; a request goes through [`check_new`]).
pub fn codes_of(new: &NewProject, taxonomies: &Taxonomies) -> Result<ProjectCodes> {
    let mut errors = Vec::new();
    let codes = new_codes(new, taxonomies, &mut errors);
    ApiError::valid(errors, codes)
}

/// Every problem of a new project, each a field error; its codes, parsed, when there is none.
pub fn check_new(new: &NewProject, taxonomies: &Taxonomies) -> Result<ProjectCodes> {
    let mut errors = ApiError::field_errors_of(new.validate());
    let codes = new_codes(new, taxonomies, &mut errors);
    errors.extend(budget_error(
        new.budget_amount,
        new.budget_currency.as_deref(),
    ));
    if matches!(
        new.status,
        Some(ProjectStatus::Closed | ProjectStatus::Archived)
    ) {
        errors.push(FieldError::new(
            "status",
            "invalid_transition",
            "a new project is a draft or published",
        ));
    }
    ApiError::valid(errors, codes)
}

/// An amount goes with its currency.
fn budget_error(amount: Option<i64>, currency: Option<&str>) -> Option<FieldError> {
    (amount.is_some() != currency.is_some()).then(|| {
        FieldError::new(
            "budget_currency",
            "required",
            "give the amount and its currency together",
        )
    })
}

pub fn indexed_text(
    title: &str,
    summary: &str,
    description: &str,
    territories: &[Territory],
) -> String {
    let places = territories
        .iter()
        .map(|t| t.place.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    search_text(&[title, summary, description, &places])
}

/// A project's rows, built but not yet written: the one place where `search_text`,
/// `search_title`, the sector and country rows and the first milestone are derived, for a
/// single insert and for bulk loads.
pub struct PreparedProject {
    pub row: project::ActiveModel,
    pub sectors: Vec<project_sector::ActiveModel>,
    pub countries: Vec<project_country::ActiveModel>,
    pub milestone: project_milestone::ActiveModel,
}

impl PreparedProject {
    pub fn id(&self) -> Uuid {
        *self.row.id.as_ref()
    }
}

/// Builds the rows of a checked project created at `now` from its parsed `codes` (membership
/// is the caller's check).
pub fn prepare(
    owner: Uuid,
    new: NewProject,
    codes: ProjectCodes,
    now: DateTime<Utc>,
) -> PreparedProject {
    let id = Uuid::now_v7();
    let stage = new.stage.unwrap_or(ProjectStage::Idea);
    let sectors_sent = codes.sectors.unwrap_or_default();
    let countries_sent = codes.countries.unwrap_or_default();
    let listed = listed_countries(
        &countries_sent,
        &codes.territory_countries.unwrap_or_default(),
    );
    let sectors = sector_rows(id, &sectors_sent);
    let countries = country_rows(id, &listed);
    let row = project::ActiveModel {
        id: Set(id),
        search_text: Set(indexed_text(
            &new.title,
            &new.summary,
            &new.description,
            &new.territories,
        )),
        search_title: Set(title_text(&new.title)),
        title: Set(new.title.trim().to_owned()),
        summary: Set(new.summary.trim().to_owned()),
        description: Set(new.description),
        stage: Set(stage),
        status: Set(new.status.unwrap_or(ProjectStatus::Draft)),
        sectors: Set(code_strings(&sectors_sent).into()),
        countries: Set(code_strings(&countries_sent).into()),
        territories: Set(new.territories.clone().into()),
        needs: Set(new.needs.clone().into()),
        budget_amount: Set(new.budget_amount),
        budget_currency: Set(new.budget_currency),
        language: Set(codes
            .language
            .map_or_else(|| "fr".into(), LanguageCode::into_string)),
        owner_id: Set(owner),
        organisation_id: Set(new.organisation_id),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    };
    let milestone = milestone_row(
        id,
        None,
        stage,
        "Création du projet / Project created",
        now.date_naive(),
        owner,
        now,
    );
    PreparedProject {
        row,
        sectors,
        countries,
        milestone,
    }
}

/// Inserts a checked project, its search rows and its first milestone.
pub async fn insert<C: ConnectionTrait>(
    db: &C,
    owner: Uuid,
    new: NewProject,
    codes: ProjectCodes,
) -> Result<project::Model> {
    if let Some(organisation) = new.organisation_id
        && membership(db, organisation, owner).await?.is_none()
    {
        return Err(ApiError::invalid_field(
            "organisation_id",
            "not_a_member",
            "publish only for an organisation you belong to",
        ));
    }
    let prepared = prepare(owner, new, codes, Utc::now());
    let id = prepared.id();
    insert_prepared(db, vec![prepared], Vec::new()).await?;
    Project::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("project"))
}

/// Writes prepared projects, and any further milestones, with one multi-row statement per
/// table (bulk loads pass a few hundred at a time).
pub async fn insert_prepared<C: ConnectionTrait>(
    db: &C,
    prepared: Vec<PreparedProject>,
    more_milestones: Vec<project_milestone::ActiveModel>,
) -> Result<()> {
    if prepared.is_empty() {
        return Ok(());
    }
    let mut rows = Vec::with_capacity(prepared.len());
    let mut sectors = Vec::new();
    let mut countries = Vec::new();
    let mut milestones = Vec::with_capacity(prepared.len() + more_milestones.len());
    for item in prepared {
        rows.push(item.row);
        sectors.extend(item.sectors);
        countries.extend(item.countries);
        milestones.push(item.milestone);
    }
    milestones.extend(more_milestones);
    Project::insert_many(rows)
        .exec_without_returning(db)
        .await?;
    db::insert_rows(db, sectors).await?;
    db::insert_rows(db, countries).await?;
    ProjectMilestone::insert_many(milestones)
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// A milestone row, not yet written.
pub fn milestone_row(
    project: Uuid,
    from: Option<ProjectStage>,
    to: ProjectStage,
    note: &str,
    occurred_on: chrono::NaiveDate,
    author: Uuid,
    now: DateTime<Utc>,
) -> project_milestone::ActiveModel {
    project_milestone::ActiveModel {
        id: Set(Uuid::now_v7()),
        project_id: Set(project),
        stage_from: Set(from.map(|stage| stage.as_str().to_owned())),
        stage_to: Set(to.as_str().into()),
        note: Set(note.trim().to_owned()),
        occurred_on: Set(occurred_on),
        author_id: Set(author),
        created_at: Set(now),
    }
}

/// A project's milestones, oldest first.
pub async fn milestones(db: &Db, project: Uuid) -> Result<Vec<project_milestone::Model>> {
    Ok(ProjectMilestone::find()
        .filter(project_milestone::Column::ProjectId.eq(project))
        .order_by_asc(project_milestone::Column::OccurredOn)
        .order_by_asc(project_milestone::Column::Id)
        .all(db)
        .await?)
}

/// Records a milestone of `current`; with a `stage`, moves the project to it (one step).
pub async fn add_milestone(
    db: &Db,
    current: &project::Model,
    milestone: &NewMilestone,
    author: Uuid,
) -> Result<project_milestone::Model> {
    let today = Utc::now().date_naive();
    let occurred_on = milestone.occurred_on.unwrap_or(today);
    let stage_now = current.stage;
    let stage_to = milestone.stage.unwrap_or(stage_now);
    let errors = milestone_errors(stage_now, stage_to, occurred_on, today);
    ApiError::valid(errors, ())?;
    let txn = db::write_transaction(db).await?;
    let from = (stage_to != stage_now).then_some(stage_now);
    if from.is_some() {
        move_stage(&txn, current, stage_to).await?;
    }
    let row = record_milestone(
        &txn,
        current.id,
        from,
        stage_to,
        &milestone.note,
        occurred_on,
        author,
    )
    .await?;
    if from.is_some() {
        changes::record(&txn, ChangeKind::Project, current.id).await?;
    }
    txn.commit().await?;
    Ok(row)
}

fn milestone_errors(
    now: ProjectStage,
    to: ProjectStage,
    occurred_on: NaiveDate,
    today: NaiveDate,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if occurred_on > today {
        let message = "a milestone has already happened";
        errors.push(FieldError::new("occurred_on", "future", message));
    }
    if to != now && !to.is_next_to(now) {
        let message = format!("move one step at a time from {}", now.as_str());
        errors.push(FieldError::new("stage", "invalid_transition", message));
    }
    errors
}

/// Moves the project to `stage`; the version guard keeps two concurrent stage changes from
/// both applying.
async fn move_stage<C: ConnectionTrait>(
    txn: &C,
    current: &project::Model,
    stage: ProjectStage,
) -> Result<()> {
    let moved = Project::update_many()
        .col_expr(project::Column::Stage, Expr::value(stage.as_str()))
        .col_expr(project::Column::Version, Expr::value(current.version + 1))
        .col_expr(project::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(project::Column::Id.eq(current.id))
        .filter(project::Column::Version.eq(current.version))
        .exec(txn)
        .await?;
    if moved.rows_affected != 1 {
        let message = "the project changed meanwhile; reload it";
        return Err(ApiError::Conflict(message.into()));
    }
    Ok(())
}

pub async fn record_milestone<C: ConnectionTrait>(
    db: &C,
    project: Uuid,
    from: Option<ProjectStage>,
    to: ProjectStage,
    note: &str,
    occurred_on: chrono::NaiveDate,
    author: Uuid,
) -> Result<project_milestone::Model> {
    let row = milestone_row(project, from, to, note, occurred_on, author, Utc::now());
    let id = *row.id.as_ref();
    ProjectMilestone::insert(row)
        .exec_without_returning(db)
        .await?;
    ProjectMilestone::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("milestone"))
}

/// Rewrites the sector and country rows that filters and facets read; `countries` are those
/// the project is listed under (see [`listed_countries`]).
pub async fn replace_search_rows<C: ConnectionTrait>(
    db: &C,
    project: Uuid,
    sectors: &[SectorCode],
    countries: &[CountryCode],
) -> Result<()> {
    ProjectSector::delete_many()
        .filter(project_sector::Column::ProjectId.eq(project))
        .exec(db)
        .await?;
    ProjectCountry::delete_many()
        .filter(project_country::Column::ProjectId.eq(project))
        .exec(db)
        .await?;
    let sectors = sector_rows(project, sectors);
    db::insert_rows(db, sectors).await?;
    let countries = country_rows(project, countries);
    db::insert_rows(db, countries).await?;
    Ok(())
}

fn sector_rows(project: Uuid, codes: &[SectorCode]) -> Vec<project_sector::ActiveModel> {
    sector_links(codes)
        .into_iter()
        .map(|link| project_sector::ActiveModel {
            project_id: Set(project),
            category: Set(link.category),
            code: Set(link.code),
        })
        .collect()
}

/// The countries a project is listed under: its own and those of its territories, sorted,
/// once each. Territories count as countries too.
pub fn listed_countries(
    countries: &[CountryCode],
    territories: &[CountryCode],
) -> Vec<CountryCode> {
    let mut all: Vec<CountryCode> = countries.iter().chain(territories).cloned().collect();
    all.sort();
    all.dedup();
    all
}

/// The countries a stored project is listed under.
pub fn listed_countries_of(row: &project::Model) -> Vec<CountryCode> {
    let territories: Vec<&str> = row.territories.iter().map(|t| t.country.as_str()).collect();
    listed_countries(
        &CountryCode::all_stored(&row.countries),
        &CountryCode::all_stored(&territories),
    )
}

fn country_rows(project: Uuid, listed: &[CountryCode]) -> Vec<project_country::ActiveModel> {
    listed
        .iter()
        .map(|country| project_country::ActiveModel {
            project_id: Set(project),
            country: Set(country.as_str().to_owned()),
        })
        .collect()
}

/// The row changes a member asks for, checked against the project as it is: every problem
/// a field error, transitions included.
pub fn changes_of(
    current: &project::Model,
    changes: &ProjectChanges,
    taxonomies: &Taxonomies,
) -> Result<project::ActiveModel> {
    let mut errors = ApiError::field_errors_of(changes.validate());
    let codes = parse_codes(
        changes.sectors.as_deref(),
        changes.countries.as_deref(),
        changes.territories.as_deref(),
        changes.budget_currency.clone().flatten().as_deref(),
        changes.language.as_deref(),
        taxonomies,
        &mut errors,
    );
    let old = super::dto::Project::from(current);
    let mut row = project::ActiveModel {
        version: Set(current.version + 1),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    if let Some(status) = changes.status {
        if !old.status.may_become(status) {
            errors.push(FieldError::new(
                "status",
                "invalid_transition",
                format!(
                    "a project cannot go from {} to {}",
                    old.status.as_str(),
                    status.as_str()
                ),
            ));
        }
        row.status = Set(status);
    }
    let title = changes.title.clone().unwrap_or(old.title);
    let summary = changes.summary.clone().unwrap_or(old.summary);
    let description = changes.description.clone().unwrap_or(old.description);
    let territories = changes.territories.clone().unwrap_or(old.territories);
    row.search_text = Set(indexed_text(&title, &summary, &description, &territories));
    row.search_title = Set(title_text(&title));
    row.title = Set(title.trim().to_owned());
    row.summary = Set(summary.trim().to_owned());
    row.description = Set(description);
    row.territories = Set(territories.clone().into());
    if let Some(sectors) = &codes.sectors {
        row.sectors = Set(code_strings(sectors).into());
    }
    if let Some(countries) = &codes.countries {
        row.countries = Set(code_strings(countries).into());
    }
    if let Some(needs) = &changes.needs {
        row.needs = Set(needs.clone().into());
    }
    let amount = changes.budget_amount.unwrap_or(current.budget_amount);
    let currency = changes
        .budget_currency
        .clone()
        .unwrap_or(current.budget_currency.clone());
    errors.extend(budget_error(amount, currency.as_deref()));
    if amount.is_some_and(|amount| !(0..=1_000_000_000_000).contains(&amount)) {
        errors.push(FieldError::new("budget_amount", "range", "use 0 to 10^12"));
    }
    row.budget_amount = Set(amount);
    row.budget_currency = Set(currency);
    if let Some(language) = codes.language {
        row.language = Set(language.into_string());
    }
    ApiError::valid(errors, row)
}

/// Writes checked changes to a project read at `current.version` (412 if it moved since),
/// with its search rows and its entry in the change log; returns the project as stored.
pub async fn update(
    db: &Db,
    current: &project::Model,
    changes: project::ActiveModel,
) -> Result<project::Model> {
    let txn = db::write_transaction(db).await?;
    db::update_versioned::<Project, _>(&txn, changes, current).await?;
    let row = db::find::<Project, _>(&txn, current.id, "project").await?;
    let sectors = SectorCode::all_stored(&row.sectors);
    replace_search_rows(&txn, row.id, &sectors, &listed_countries_of(&row)).await?;
    changes::record(&txn, ChangeKind::Project, row.id).await?;
    txn.commit().await?;
    Ok(row)
}

/// The member's own projects, whatever their status, newest first.
pub async fn mine(db: &Db, member: Uuid) -> Result<Vec<dto::Project>> {
    let (owner, id) = (project::Column::OwnerId, project::Column::Id);
    let rows = db::owned_by::<Project>(db, owner, id, member).await?;
    Ok(rows.iter().map(dto::Project::from).collect())
}
