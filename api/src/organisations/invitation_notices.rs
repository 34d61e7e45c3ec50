//! What people are told about invitations to join an organisation, in their language: the
//! invitee in the app and by e-mail (or by e-mail only, to register, when the address has no
//! account), and the owner who invited when the invitee answers.

use sea_orm::ConnectionTrait;
use serde_json::json;

use super::{dto::InvitationStatus, queries::MemberRole};
use crate::{
    accounts::Member,
    conversations::people::Person,
    entities::{organisation_invitation, user},
    error::Result,
    mail::{self, Email},
    notifications::{self, NotificationKind},
};

/// Where the web app shows a member their pending invitations.
const INVITATIONS_PAGE: &str = "/organisations";

fn role_label(role: &str, french: bool) -> &'static str {
    match (MemberRole::from_stored(role), french) {
        (MemberRole::Owner, true) => "propriétaire",
        (MemberRole::Owner, false) => "owner",
        (MemberRole::Editor, true) => "éditeur(rice)",
        (MemberRole::Editor, false) => "editor",
    }
}

/// An invitation just sent (or renewed), and what the messages about it name.
pub struct Invited<'a> {
    pub invitation: &'a organisation_invitation::Model,
    pub organisation_name: &'a str,
    pub inviter_name: &'a str,
    pub public_url: &'a str,
}

impl Invited<'_> {
    /// Tells a member holding the invited address, in the app and, when `mail` (the address is
    /// under its hourly limit), by e-mail.
    pub async fn tell_member<C: ConnectionTrait>(
        &self,
        db: &C,
        user: &user::Model,
        mail: bool,
    ) -> Result<()> {
        let french = user.locale != "en";
        let (organisation, inviter) = (self.organisation_name, self.inviter_name);
        let role = role_label(&self.invitation.role, french);
        let expires = self.invitation.expires_at.format("%Y-%m-%d");
        let url = format!("{}{INVITATIONS_PAGE}", self.public_url);
        let (heading, body) = if french {
            (
                format!("{inviter} vous invite à rejoindre « {organisation} »"),
                format!(
                    "{inviter} vous invite à rejoindre « {organisation} » sur Marcottage, comme {role}.\n\nAcceptez ou déclinez d'ici le {expires} :\n{url}\n\nRien ne change sans votre réponse ; si vous ne connaissez pas cette organisation, ignorez ce message.\n"
                ),
            )
        } else {
            (
                format!("{inviter} invites you to join “{organisation}”"),
                format!(
                    "{inviter} invites you to join “{organisation}” on Marcottage, as {role}.\n\nAccept or decline by {expires}:\n{url}\n\nNothing changes without your answer; if you do not know this organisation, ignore this message.\n"
                ),
            )
        };
        let payload = notifications::payload(
            heading.clone(),
            INVITATIONS_PAGE,
            json!({
                "invitation_id": self.invitation.id,
                "organisation_id": self.invitation.organisation_id,
                "organisation_name": organisation,
                "role": self.invitation.role,
            }),
        );
        notifications::notify(
            db,
            user.id,
            NotificationKind::OrganisationInvitation,
            payload,
        )
        .await?;
        if mail {
            let email = Email {
                to: user.email.clone(),
                subject: heading,
                body,
                unsubscribe: None,
            };
            mail::enqueue(db, &email).await?;
        }
        Ok(())
    }

    /// Invites an address without an account to register with it. Its holder's language is
    /// unknown: the message is in French, then in English.
    pub async fn invite_to_register<C: ConnectionTrait>(&self, db: &C) -> Result<()> {
        let (organisation, inviter) = (self.organisation_name, self.inviter_name);
        let (role_fr, role_en) = (
            role_label(&self.invitation.role, true),
            role_label(&self.invitation.role, false),
        );
        let expires = self.invitation.expires_at.format("%Y-%m-%d");
        let url = format!("{}/register", self.public_url);
        let to = &self.invitation.email;
        let body = format!(
            "{inviter} vous invite à rejoindre « {organisation} » sur Marcottage, la place de marché du codéveloppement, comme {role_fr}.\n\nCréez votre compte avec cette adresse ({to}) d'ici le {expires}, puis acceptez l'invitation dans la page Organisations :\n{url}\n\nSi vous ne connaissez pas cette organisation, ignorez ce message.\n\n---\n\n{inviter} invites you to join “{organisation}” on Marcottage, the codevelopment marketplace, as {role_en}.\n\nCreate your account with this address ({to}) by {expires}, then accept the invitation on the Organisations page:\n{url}\n\nIf you do not know this organisation, ignore this message.\n"
        );
        let email = Email {
            to: to.clone(),
            subject: format!(
                "Invitation à rejoindre « {organisation} » sur Marcottage / Invitation to join “{organisation}” on Marcottage"
            ),
            body,
            unsubscribe: None,
        };
        mail::enqueue(db, &email).await?;
        Ok(())
    }
}

/// Tells the owner who invited that the invitee accepted or declined.
pub async fn answered<C: ConnectionTrait>(
    db: &C,
    invitation: &organisation_invitation::Model,
    organisation_name: &str,
    invitee: &Member,
    owner: &Person,
) -> Result<()> {
    let accepted = invitation.status == InvitationStatus::Accepted.as_str();
    // Who accepted is a member now, named as members are; who declined stays the address the
    // owner typed, and their name is not shared.
    let name = &invitee.user.display_name;
    let address = &invitation.email;
    let heading = match (accepted, owner.reads_french()) {
        (true, true) => format!("{name} a rejoint « {organisation_name} »"),
        (true, false) => format!("{name} joined “{organisation_name}”"),
        (false, true) => {
            format!("{address} a décliné l'invitation à rejoindre « {organisation_name} »")
        }
        (false, false) => {
            format!("{address} declined the invitation to join “{organisation_name}”")
        }
    };
    let payload = notifications::payload(
        heading,
        format!("/organisations/{}", invitation.organisation_id),
        json!({
            "invitation_id": invitation.id,
            "organisation_id": invitation.organisation_id,
            "organisation_name": organisation_name,
            "status": invitation.status,
        }),
    );
    notifications::notify(
        db,
        owner.id,
        NotificationKind::OrganisationInvitationAnswered,
        payload,
    )
    .await?;
    Ok(())
}
