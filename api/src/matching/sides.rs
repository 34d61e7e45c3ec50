//! Builds the [`Side`] of a match from an opportunity, a project or a member's profile, with
//! the few facts that live elsewhere: the authors' languages and whether their organisations
//! are verified.

use std::collections::{BTreeSet, HashMap};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use super::score::Side;
use crate::{
    entities::lists::Strings,
    entities::{
        organisation,
        organisation::Entity as Organisation,
        project,
        user::{self, Entity as User},
    },
    error::Result,
    search::text::{fold, search_text},
};

/// The facts about authors and organisations that the sides need, loaded in two queries.
#[derive(Debug, Default)]
pub struct Context {
    languages: HashMap<Uuid, BTreeSet<String>>,
    verified: HashMap<Uuid, bool>,
}

impl Context {
    /// The facts, known already (tests, generated data).
    pub fn of(languages: HashMap<Uuid, BTreeSet<String>>, verified: HashMap<Uuid, bool>) -> Self {
        Self {
            languages,
            verified,
        }
    }

    #[tracing::instrument(level = "debug", name = "match_context", skip_all)]
    pub async fn load<C: ConnectionTrait>(
        db: &C,
        owners: impl IntoIterator<Item = Uuid>,
        organisations: impl IntoIterator<Item = Uuid>,
    ) -> Result<Self> {
        let owners: BTreeSet<Uuid> = owners.into_iter().collect();
        let organisations: BTreeSet<Uuid> = organisations.into_iter().collect();
        let languages = User::find()
            .select_only()
            .column(user::Column::Id)
            .column(user::Column::Languages)
            .filter(user::Column::Id.is_in(owners))
            .into_tuple::<(Uuid, Strings)>()
            .all(db)
            .await?
            .into_iter()
            .map(|(id, languages)| (id, languages.0.into_iter().collect()))
            .collect();
        let verified = Organisation::find()
            .select_only()
            .column(organisation::Column::Id)
            .column(organisation::Column::Verified)
            .filter(organisation::Column::Id.is_in(organisations))
            .into_tuple::<(Uuid, bool)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        Ok(Self {
            languages,
            verified,
        })
    }

    pub fn languages_of(&self, owner: Uuid) -> BTreeSet<String> {
        self.languages.get(&owner).cloned().unwrap_or_default()
    }

    pub fn verified(&self, organisation: Option<Uuid>) -> bool {
        organisation.is_some_and(|id| self.verified.get(&id).copied().unwrap_or(false))
    }
}

fn folded(skills: &[String]) -> BTreeSet<String> {
    skills.iter().map(|skill| fold(skill.trim())).collect()
}

pub fn of_project(row: &project::Model, context: &Context) -> Side {
    let mut languages = context.languages_of(row.owner_id);
    languages.insert(row.language.clone());
    Side {
        sectors: row.sectors.to_vec(),
        countries: row.countries.to_vec(),
        remote: false,
        skills: BTreeSet::new(),
        languages,
        words: Side::words_of(&row.search_text),
        published_at: Some(row.created_at),
        verified: Some(context.verified(row.organisation_id)),
    }
}

/// A member's profile: what they know and where they want to work. It does not age, and
/// the verified criterion then looks at the offer alone.
pub fn of_member(row: &user::Model) -> Side {
    let mut countries = row.countries.to_vec();
    countries.extend(row.country_of_residence.clone());
    countries.extend(row.country_of_origin.clone());
    let skills = folded(&row.skills);
    let skill_text = skills.iter().cloned().collect::<Vec<_>>().join(" ");
    Side {
        sectors: row.sectors.to_vec(),
        countries,
        remote: false,
        skills,
        languages: row.languages.iter().cloned().collect(),
        words: Side::words_of(&search_text(&[
            row.bio.as_deref().unwrap_or(""),
            &skill_text,
        ])),
        published_at: None,
        verified: None,
    }
}
