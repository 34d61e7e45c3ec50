//! Members: the marker account, staff for the demo, then people with a verified e-mail and a
//! filled-in profile (many of the diaspora, born in Africa and living in Europe).

use std::collections::HashSet;

use anyhow::Context;
use chrono::{DateTime, Utc};
use rand::{Rng, rngs::StdRng};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, sea_query::Expr};
use uuid::Uuid;

use super::{
    DEMO_ADMIN, DEMO_FACILITATORS, Person, Plan, Summary,
    catalog::{self, AFRICA, Country, THEMES, Theme},
    error,
    pick::{pick, pick_country, sample},
};
use crate::{
    accounts::{
        Role,
        users::{self, NewMember},
    },
    entities::user::{self, Entity as User},
    taxonomies::Lang,
};

/// Creates the plan's accounts, in order: the marker account first (others refer to it as
/// `people[0]`), then staff, then members.
pub(super) async fn seed(
    txn: &DatabaseTransaction,
    rng: &mut StdRng,
    plan: &Plan,
    password_hash: &str,
    summary: &mut Summary,
) -> anyhow::Result<Vec<Person>> {
    let accounts = accounts(rng, plan);
    let now = Utc::now();
    let mut people = Vec::with_capacity(accounts.len());
    for account in accounts {
        let id = create(txn, rng, &account, password_hash).await?;
        let profile = profile(rng);
        save_profile(txn, id, profile, now).await?;
        people.push(Person { id });
    }
    summary.members = people.len();
    Ok(people)
}

/// An account to create.
struct Account {
    email: String,
    name: String,
    role: Role,
}

impl Account {
    fn new(email: &str, name: &str, role: Role) -> Self {
        Self {
            email: email.to_owned(),
            name: name.to_owned(),
            role,
        }
    }
}

/// Every account of the plan, with e-mails made unique by a number when two members share a
/// name.
fn accounts(rng: &mut StdRng, plan: &Plan) -> Vec<Account> {
    let mut accounts = vec![Account::new(plan.marker, "Équipe Marcottage", Role::Member)];
    if plan.staff {
        accounts.extend([
            Account::new(DEMO_ADMIN, "Administration Marcottage", Role::Admin),
            Account::new(
                DEMO_FACILITATORS[0],
                "Mariama Facilitatrice",
                Role::Facilitator,
            ),
            Account::new(
                DEMO_FACILITATORS[1],
                "Olivier Facilitateur",
                Role::Facilitator,
            ),
        ]);
    }
    let mut taken: HashSet<String> = accounts.iter().map(|a| a.email.clone()).collect();
    for _ in 0..plan.members {
        let first = pick(rng, catalog::FIRST_NAMES);
        let last = pick(rng, catalog::LAST_NAMES);
        let email = unique_email(&mut taken, &catalog::mailbox(first, last), plan.domain);
        accounts.push(Account {
            email,
            name: format!("{first} {last}"),
            role: Role::Member,
        });
    }
    accounts
}

/// `mailbox@domain`, or `mailbox2@domain`, `mailbox3@domain`... when taken; marks it taken.
fn unique_email(taken: &mut HashSet<String>, mailbox: &str, domain: &str) -> String {
    let mut email = format!("{mailbox}@{domain}");
    let mut n = 2;
    while taken.contains(&email) {
        email = format!("{mailbox}{n}@{domain}");
        n += 1;
    }
    taken.insert(email.clone());
    email
}

/// Creates the account in French (three in four) or English.
async fn create(
    txn: &DatabaseTransaction,
    rng: &mut StdRng,
    account: &Account,
    password_hash: &str,
) -> anyhow::Result<Uuid> {
    let locale = if rng.random_bool(0.75) {
        Lang::Fr
    } else {
        Lang::En
    };
    let member = NewMember {
        email: &account.email,
        password_hash: password_hash.to_owned(),
        display_name: &account.name,
        locale,
        role: account.role,
    };
    let row = users::create(txn, member)
        .await
        .map_err(error)?
        .with_context(|| format!("{} already has an account", account.email))?;
    Ok(row.id)
}

/// What a member says about themselves.
struct Profile {
    bio: String,
    skills: Vec<String>,
    sectors: Vec<String>,
    countries: Vec<String>,
    languages: Vec<&'static str>,
    origin: &'static str,
    residence: &'static str,
}

fn profile(rng: &mut StdRng) -> Profile {
    let origin = pick_country(rng, AFRICA);
    let diaspora = rng.random_bool(0.6);
    let residence = if !diaspora {
        origin.code
    } else if rng.random_bool(0.85) {
        "FR"
    } else {
        "BE"
    };
    let theme = &THEMES[rng.random_range(0..THEMES.len())];
    let skills = sample(rng, theme.skills, 3);
    let sectors = sample(rng, theme.sectors, 2);
    let mut countries = vec![origin.code.to_owned()];
    countries.extend(sample(rng, theme.countries, 2));
    countries.sort();
    countries.dedup();
    let mut languages = vec!["fr"];
    if rng.random_bool(0.5) {
        languages.push("en");
    }
    languages.push(pick(rng, &catalog::LANGUAGES[2..]));
    Profile {
        bio: bio(origin, diaspora.then_some(residence), theme),
        skills,
        sectors,
        countries,
        languages,
        origin: origin.code,
        residence,
    }
}

/// A sentence in French; `residence` is the European country of a member of the diaspora.
fn bio(origin: &Country, residence: Option<&str>, theme: &Theme) -> String {
    match residence {
        Some(residence) => format!(
            "Originaire de {} et installé·e en {}, je veux contribuer à {}.",
            origin.name_fr,
            if residence == "FR" {
                "France"
            } else {
                "Belgique"
            },
            theme.object_fr
        ),
        None => format!(
            "Basé·e au {}, je travaille sur {}.",
            origin.name_fr, theme.object_fr
        ),
    }
}

/// Writes the profile and marks the e-mail verified.
async fn save_profile(
    txn: &DatabaseTransaction,
    id: Uuid,
    profile: Profile,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    User::update_many()
        .col_expr(user::Column::EmailVerifiedAt, Expr::value(now))
        .col_expr(user::Column::Bio, Expr::value(profile.bio))
        .col_expr(
            user::Column::Skills,
            Expr::value(serde_json::json!(profile.skills)),
        )
        .col_expr(
            user::Column::Sectors,
            Expr::value(serde_json::json!(profile.sectors)),
        )
        .col_expr(
            user::Column::Countries,
            Expr::value(serde_json::json!(profile.countries)),
        )
        .col_expr(
            user::Column::Languages,
            Expr::value(serde_json::json!(profile.languages)),
        )
        .col_expr(user::Column::CountryOfOrigin, Expr::value(profile.origin))
        .col_expr(
            user::Column::CountryOfResidence,
            Expr::value(profile.residence),
        )
        .filter(user::Column::Id.eq(id))
        .exec(txn)
        .await?;
    Ok(())
}
