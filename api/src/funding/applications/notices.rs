//! What applicants and funders are told about applications, in their language.

use sea_orm::ConnectionTrait;
use serde_json::json;

use super::dto::ApplicationStatus;
use crate::{
    conversations::people,
    entities::{funding_application, funding_call},
    error::Result,
    notifications::{self, NotificationKind},
};

/// Tells the funder's members that an application arrived.
pub async fn submitted<C: ConnectionTrait>(
    db: &C,
    application: &funding_application::Model,
    call: &funding_call::Model,
    project_title: &str,
) -> Result<()> {
    let members = super::service::members_of(db, call.funder_id).await?;
    let link = format!("/funding/calls/{}/applications", call.id);
    for person in people::find(db, members).await?.into_values() {
        let title = if person.reads_french() {
            format!(
                "Nouvelle candidature à « {} » : {project_title}",
                call.title
            )
        } else {
            format!("New application to “{}”: {project_title}", call.title)
        };
        let payload = notifications::payload(
            title,
            link.clone(),
            json!({"application_id": application.id, "call_id": call.id}),
        );
        notifications::notify(
            db,
            person.id,
            NotificationKind::FundingApplicationSubmitted,
            payload,
        )
        .await?;
    }
    Ok(())
}

/// Tells the applicant that the funder moved their application.
pub async fn reviewed<C: ConnectionTrait>(
    db: &C,
    application: &funding_application::Model,
    call: &funding_call::Model,
) -> Result<()> {
    let person = people::one(db, application.author_id).await?;
    let status = ApplicationStatus::of(application);
    let title = match (person.reads_french(), status) {
        (true, ApplicationStatus::UnderReview) => {
            format!("Votre candidature à « {} » est à l'étude", call.title)
        }
        (true, ApplicationStatus::Accepted) => format!(
            "Votre candidature à « {} » est retenue : {} {}",
            call.title,
            application.amount_granted.unwrap_or_default(),
            call.currency
        ),
        (true, _) => format!("Votre candidature à « {} » n'est pas retenue", call.title),
        (false, ApplicationStatus::UnderReview) => {
            format!("Your application to “{}” is under review", call.title)
        }
        (false, ApplicationStatus::Accepted) => format!(
            "Your application to “{}” is accepted: {} {}",
            call.title,
            application.amount_granted.unwrap_or_default(),
            call.currency
        ),
        (false, _) => format!("Your application to “{}” is not accepted", call.title),
    };
    let payload = notifications::payload(
        title,
        // The project's funding page shows the grant in its plan and the calls it may apply to.
        format!("/projects/{}/funding", application.project_id),
        json!({"application_id": application.id, "call_id": call.id, "status": status.as_str()}),
    );
    notifications::notify(
        db,
        person.id,
        NotificationKind::FundingApplicationReviewed,
        payload,
    )
    .await?;
    Ok(())
}
