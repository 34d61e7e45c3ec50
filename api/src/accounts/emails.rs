//! The e-mails the accounts feature sends, in the member's language.

use crate::{mail::Email, taxonomies::Lang};

pub fn verification(to: &str, lang: Lang, link: &str) -> Email {
    let (subject, body) = match lang {
        Lang::Fr => (
            "Confirmez votre adresse e-mail",
            format!(
                "Bienvenue sur Marcottage !\n\nConfirmez votre adresse en ouvrant ce lien (valable 48 heures) :\n{link}\n\nSi vous n'avez pas créé de compte, ignorez ce message.\n"
            ),
        ),
        Lang::En => (
            "Confirm your e-mail address",
            format!(
                "Welcome to Marcottage!\n\nConfirm your address by opening this link (valid for 48 hours):\n{link}\n\nIf you did not create an account, ignore this message.\n"
            ),
        ),
    };
    Email {
        to: to.into(),
        subject: subject.into(),
        body,
        unsubscribe: None,
    }
}

/// Sent when someone registers with an address that already has an account, so the answer to
/// the registration can be the same either way.
pub fn already_registered(to: &str, lang: Lang, login_link: &str, reset_link: &str) -> Email {
    let (subject, body) = match lang {
        Lang::Fr => (
            "Vous avez déjà un compte Marcottage",
            format!(
                "Quelqu'un (vous, sans doute) a voulu créer un compte avec cette adresse, qui en a déjà un.\n\nConnectez-vous : {login_link}\nMot de passe oublié : {reset_link}\n"
            ),
        ),
        Lang::En => (
            "You already have a Marcottage account",
            format!(
                "Someone (probably you) tried to create an account with this address, which already has one.\n\nLog in: {login_link}\nForgotten password: {reset_link}\n"
            ),
        ),
    };
    Email {
        to: to.into(),
        subject: subject.into(),
        body,
        unsubscribe: None,
    }
}

pub fn password_reset(to: &str, lang: Lang, link: &str) -> Email {
    let (subject, body) = match lang {
        Lang::Fr => (
            "Réinitialisez votre mot de passe",
            format!(
                "Pour choisir un nouveau mot de passe, ouvrez ce lien (valable une heure) :\n{link}\n\nSi vous n'avez rien demandé, ignorez ce message : votre mot de passe reste le même.\n"
            ),
        ),
        Lang::En => (
            "Reset your password",
            format!(
                "To choose a new password, open this link (valid for one hour):\n{link}\n\nIf you did not ask for this, ignore this message: your password stays the same.\n"
            ),
        ),
    };
    Email {
        to: to.into(),
        subject: subject.into(),
        body,
        unsubscribe: None,
    }
}
