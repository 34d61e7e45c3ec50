//! Applications: who stands on which side, the checks at submission, the funder's moves and
//! what each move writes (history, financing plan, notifications).

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::dto::{ApplicationChanges, ApplicationStatus, NewApplication};
use crate::{
    db,
    entities::{
        funding_application::{self, Entity as ApplicationEntity},
        funding_application_event::{self, Entity as EventEntity},
        funding_call, organisation_member, project,
    },
    error::{ApiError, FieldError, Result},
    funding::{
        eligibility::{self, Amounts, Applicant, Rules, Verdict},
        financing,
    },
    organisations::{may_edit, membership, queries},
    search::text::{search_text, title_text},
};

/// Whether `member` stands on the applicant's side: they may edit the project, or belong to
/// the organisation applying.
pub async fn on_applicant_side<C: ConnectionTrait>(
    db: &C,
    member: Uuid,
    application: &funding_application::Model,
    project: &project::Model,
) -> Result<bool> {
    Ok(
        may_edit(db, member, project.owner_id, project.organisation_id).await?
            || membership(db, application.organisation_id, member)
                .await?
                .is_some(),
    )
}

/// The organisation an applicant applies for: one they belong to (422 otherwise).
pub async fn check_organisation<C: ConnectionTrait>(
    db: &C,
    member: Uuid,
    organisation: Uuid,
) -> Result<()> {
    let belongs = match queries::find(db, organisation).await {
        Ok(_) => membership(db, organisation, member).await?.is_some(),
        Err(_) => false,
    };
    if belongs {
        Ok(())
    } else {
        Err(ApiError::invalid_field(
            "organisation_id",
            "not_a_member",
            "apply on behalf of an organisation you belong to",
        ))
    }
}

/// The shape errors of an application's amounts (the call's rules are [`eligibility`]'s).
pub fn amount_errors(requested: i64, budget: i64) -> Vec<FieldError> {
    (requested > budget)
        .then(|| {
            FieldError::new(
                "amount_requested",
                "over_budget",
                "ask for at most the project's budget",
            )
        })
        .into_iter()
        .collect()
}

/// Every rule of the call for this applicant and these amounts, now.
pub fn verdicts(
    call: &funding_call::Model,
    applicant: &Applicant,
    requested: i64,
    project_budget: i64,
    now: DateTime<Utc>,
) -> Vec<Verdict> {
    let amounts = Amounts {
        requested,
        project_budget,
    };
    eligibility::check(&Rules::of(call), applicant, amounts, now)
}

/// Refuses (422) a submission that breaks any of the call's rules, one error a rule.
pub fn require_eligible(verdicts: &[Verdict], requested: i64, budget: i64) -> Result<()> {
    let mut errors = amount_errors(requested, budget);
    errors.extend(eligibility::errors(verdicts));
    ApiError::valid(errors, ())
}

/// Refuses (409) a second application of a project to a call.
pub async fn require_first<C: ConnectionTrait>(db: &C, call: Uuid, project: Uuid) -> Result<()> {
    let existing = ApplicationEntity::find()
        .filter(funding_application::Column::CallId.eq(call))
        .filter(funding_application::Column::ProjectId.eq(project))
        .one(db)
        .await?;
    match existing {
        Some(_) => Err(ApiError::Conflict(
            "this project has already applied to this call".into(),
        )),
        None => Ok(()),
    }
}

/// Writes a checked application (a draft, or submitted) and the first step of its history.
pub async fn insert<C: ConnectionTrait>(
    db: &C,
    author: Uuid,
    call: &funding_call::Model,
    project: &project::Model,
    new: NewApplication,
    now: DateTime<Utc>,
) -> Result<funding_application::Model> {
    let id = Uuid::now_v7();
    let status = if new.submit {
        ApplicationStatus::Submitted
    } else {
        ApplicationStatus::Draft
    };
    let row = funding_application::ActiveModel {
        id: Set(id),
        call_id: Set(call.id),
        project_id: Set(project.id),
        organisation_id: Set(new.organisation_id),
        author_id: Set(author),
        amount_requested: Set(new.amount_requested),
        project_budget: Set(new.project_budget),
        financing_plan: Set(serde_json::json!(new.financing_plan)),
        summary: Set(new.summary.filter(|s| !s.trim().is_empty())),
        status: Set(status.as_str().into()),
        amount_granted: Set(None),
        submitted_at: Set(new.submit.then_some(now)),
        search_text: Set(search_text(&[&project.title])),
        search_title: Set(title_text(&project.title)),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    };
    ApplicationEntity::insert(row)
        .exec_without_returning(db)
        .await?;
    record_event(db, id, status, None, None, author, now).await?;
    find(db, id).await
}

pub async fn find<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<funding_application::Model> {
    ApplicationEntity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("funding application"))
}

async fn record_event<C: ConnectionTrait>(
    db: &C,
    application: Uuid,
    status: ApplicationStatus,
    comment: Option<String>,
    amount_granted: Option<i64>,
    actor: Uuid,
    now: DateTime<Utc>,
) -> Result<()> {
    EventEntity::insert(funding_application_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        application_id: Set(application),
        status: Set(status.as_str().into()),
        comment: Set(comment),
        amount_granted: Set(amount_granted),
        actor_id: Set(actor),
        created_at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// An application's history, oldest first.
pub async fn history<C: ConnectionTrait>(
    db: &C,
    application: Uuid,
) -> Result<Vec<funding_application_event::Model>> {
    Ok(EventEntity::find()
        .filter(funding_application_event::Column::ApplicationId.eq(application))
        .order_by_asc(funding_application_event::Column::CreatedAt)
        .order_by_asc(funding_application_event::Column::Id)
        .all(db)
        .await?)
}

/// Saves checked changes to a draft: 409 once it is submitted, 412 when someone saved it
/// first. A draft's edits are not steps of its history.
pub async fn change_draft<C: ConnectionTrait>(
    db: &C,
    current: &funding_application::Model,
    changes: ApplicationChanges,
    now: DateTime<Utc>,
) -> Result<funding_application::Model> {
    if ApplicationStatus::of(current) != ApplicationStatus::Draft {
        return Err(ApiError::Conflict(
            "only a draft application can be changed".into(),
        ));
    }
    let mut row = funding_application::ActiveModel {
        version: Set(current.version + 1),
        updated_at: Set(now),
        ..Default::default()
    };
    if let Some(organisation) = changes.organisation_id {
        row.organisation_id = Set(organisation);
    }
    if let Some(amount) = changes.amount_requested {
        row.amount_requested = Set(amount);
    }
    if let Some(budget) = changes.project_budget {
        row.project_budget = Set(budget);
    }
    if let Some(plan) = changes.financing_plan {
        row.financing_plan = Set(serde_json::json!(plan));
    }
    if let Some(summary) = changes.summary {
        row.summary = Set(Some(summary).filter(|s| !s.trim().is_empty()));
    }
    db::update_versioned::<ApplicationEntity, _>(db, row, current).await?;
    find(db, current.id).await
}

/// A move of an application, as asked.
pub struct Move {
    pub to: ApplicationStatus,
    pub amount_granted: Option<i64>,
    pub comment: Option<String>,
    pub actor: Uuid,
}

/// Moves an application one step (409 when the step is not allowed from where it stands;
/// 412 when someone moved it first), records the step, and adds a granted amount to the
/// project's financing plan.
pub async fn apply_move<C: ConnectionTrait>(
    db: &C,
    current: &funding_application::Model,
    call: &funding_call::Model,
    step: Move,
    now: DateTime<Utc>,
) -> Result<funding_application::Model> {
    let from = ApplicationStatus::of(current);
    if !from.may_become(step.to) {
        return Err(ApiError::Conflict(format!(
            "an application cannot go from {} to {}",
            from.as_str(),
            step.to.as_str()
        )));
    }
    let mut row = funding_application::ActiveModel {
        status: Set(step.to.as_str().into()),
        version: Set(current.version + 1),
        updated_at: Set(now),
        ..Default::default()
    };
    if step.to == ApplicationStatus::Submitted {
        row.submitted_at = Set(Some(now));
    }
    if step.to == ApplicationStatus::Accepted {
        row.amount_granted = Set(step.amount_granted);
    }
    db::update_versioned::<ApplicationEntity, _>(db, row, current).await?;
    let comment = step.comment.filter(|c| !c.trim().is_empty());
    record_event(
        db,
        current.id,
        step.to,
        comment,
        step.amount_granted,
        step.actor,
        now,
    )
    .await?;
    let moved = find(db, current.id).await?;
    if let (ApplicationStatus::Accepted, Some(amount)) = (step.to, step.amount_granted) {
        financing::add_grant(db, &moved, call, amount, now).await?;
    }
    Ok(moved)
}

/// The checks of a funder's decision's amount: required to accept, at most what was asked.
pub fn decision_errors(
    to: ApplicationStatus,
    amount: Option<i64>,
    requested: i64,
) -> Vec<FieldError> {
    match (to, amount) {
        (ApplicationStatus::Accepted, None) => vec![FieldError::new(
            "amount_granted",
            "required",
            "give the amount granted to accept",
        )],
        (ApplicationStatus::Accepted, Some(amount)) if amount > requested => vec![FieldError::new(
            "amount_granted",
            "range",
            "grant at most the amount requested",
        )],
        (ApplicationStatus::Accepted, _) => Vec::new(),
        (_, Some(_)) => vec![FieldError::new(
            "amount_granted",
            "not_allowed",
            "an amount is granted only on accepting",
        )],
        _ => Vec::new(),
    }
}

/// The members of an organisation (to tell the funder of a new application).
pub async fn members_of<C: ConnectionTrait>(db: &C, organisation: Uuid) -> Result<Vec<Uuid>> {
    Ok(organisation_member::Entity::find()
        .filter(organisation_member::Column::OrganisationId.eq(organisation))
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.user_id)
        .collect())
}

/// The applications `member` wrote or that their organisations made, newest first.
pub async fn of_member<C: ConnectionTrait>(
    db: &C,
    member: Uuid,
) -> Result<Vec<funding_application::Model>> {
    let organisations = queries::organisations_of(db, member).await?;
    Ok(ApplicationEntity::find()
        .filter(
            Condition::any()
                .add(funding_application::Column::AuthorId.eq(member))
                .add(funding_application::Column::OrganisationId.is_in(organisations)),
        )
        .order_by_desc(funding_application::Column::Id)
        .limit(db::OWN_ITEMS)
        .all(db)
        .await?)
}

/// The project an application is for (gone with it: none is a missing application).
pub async fn project_of<C: ConnectionTrait>(
    db: &C,
    row: &funding_application::Model,
) -> Result<project::Model> {
    project::Entity::find_by_id(row.project_id)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("funding application"))
}
