//! What members are told about interests, in their language. Nothing here names an
//! anonymous owner: the sender learns who they are from the accepted interest only.

use sea_orm::ConnectionTrait;
use serde_json::json;

use super::dto::InterestStatus;
use crate::{
    conversations::people::Person,
    entities::interest,
    error::Result,
    mail::{self, Email},
    notifications::{self, NotificationKind},
};

/// Tells the owner, in the app and by e-mail, that an interest arrived.
pub async fn received<C: ConnectionTrait>(
    db: &C,
    row: &interest::Model,
    title: &str,
    sender: &Person,
    owner: &Person,
    public_url: &str,
) -> Result<()> {
    let link = format!("/interests/{}", row.id);
    let answer_by = row.answer_by.format("%Y-%m-%d");
    let (heading, body) = if owner.reads_french() {
        (
            format!("{} s'intéresse à « {title} »", sender.display_name),
            format!(
                "{} s'intéresse à « {title} » sur Marcottage :\n\n{}\n\nAcceptez pour ouvrir une conversation, ou déclinez, d'ici le {answer_by} :\n{public_url}{link}\n",
                sender.display_name, row.message
            ),
        )
    } else {
        (
            format!("{} is interested in “{title}”", sender.display_name),
            format!(
                "{} is interested in “{title}” on Marcottage:\n\n{}\n\nAccept to open a conversation, or decline, by {answer_by}:\n{public_url}{link}\n",
                sender.display_name, row.message
            ),
        )
    };
    let payload = notifications::payload(
        heading.clone(),
        link,
        json!({"interest_id": row.id, "target_kind": row.target_kind, "target_id": row.target_id}),
    );
    notifications::notify(db, owner.id, NotificationKind::InterestReceived, payload).await?;
    mail::enqueue(
        db,
        &Email {
            to: owner.email.clone(),
            subject: heading,
            body,
            unsubscribe: None,
        },
    )
    .await?;
    Ok(())
}

/// Tells the other side that an interest was accepted, declined (the sender) or withdrawn
/// (the owner).
pub async fn answered<C: ConnectionTrait>(
    db: &C,
    row: &interest::Model,
    title: &str,
    to: &Person,
    conversation: Option<uuid::Uuid>,
) -> Result<()> {
    let status = super::service::status_of(row);
    let french = to.reads_french();
    let heading = match (status, french) {
        (InterestStatus::Accepted, true) => format!("Votre intérêt pour « {title} » est accepté"),
        (InterestStatus::Accepted, false) => format!("Your interest in “{title}” was accepted"),
        (InterestStatus::Declined, true) => format!("Votre intérêt pour « {title} » est décliné"),
        (InterestStatus::Declined, false) => format!("Your interest in “{title}” was declined"),
        (_, true) => format!("Une marque d'intérêt pour « {title} » a été retirée"),
        (_, false) => format!("An interest in “{title}” was withdrawn"),
    };
    let link = match conversation {
        Some(conversation) => format!("/conversations/{conversation}"),
        None => format!("/interests/{}", row.id),
    };
    let mut data = json!({"interest_id": row.id, "status": status.as_str()});
    if let Some(conversation) = conversation {
        data["conversation_id"] = json!(conversation);
    }
    let payload = notifications::payload(heading, link, data);
    notifications::notify(db, to.id, NotificationKind::InterestAnswered, payload).await?;
    Ok(())
}
