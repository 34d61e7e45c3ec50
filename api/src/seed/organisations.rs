//! Organisations of every kind, some verified, each with an owner and up to two editors. They
//! are written in multi-row inserts in both modes: nothing in the organisation service is
//! needed beyond the search text.

use chrono::{DateTime, Utc};
use rand::{Rng, rngs::StdRng};
use sea_orm::{ActiveValue::Set, DatabaseTransaction, EntityTrait};
use uuid::Uuid;

use super::{
    Org, Person, Plan, Summary,
    catalog::{self, AFRICA, Country},
    pick::{anyone, pick, pick_country},
    scale::{BATCH, chunks},
};
use crate::{
    entities::{organisation, organisation_member},
    organisations::{self, MemberRole},
    taxonomies::OrganisationKind,
};

pub(super) async fn seed(
    txn: &DatabaseTransaction,
    rng: &mut StdRng,
    plan: &Plan,
    people: &[Person],
    summary: &mut Summary,
) -> anyhow::Result<Vec<Org>> {
    let now = Utc::now();
    // Staff verify; without staff, the owner account stands in.
    let verifier = people
        .get(if plan.staff { 2 } else { 0 })
        .map(|person| person.id);
    let mut orgs = Vec::with_capacity(plan.organisations);
    let mut rows = Vec::new();
    let mut memberships = Vec::new();
    for index in 0..plan.organisations {
        let kind = OrganisationKind::ALL[index % OrganisationKind::ALL.len()];
        let place = place(rng, kind, index);
        let id = Uuid::now_v7();
        let row = row(rng, id, kind, &place, verifier, now);
        let members = team(rng, index, people);
        memberships.extend(membership_rows(id, &members, now));
        rows.push(row);
        orgs.push(Org { id, kind, members });
    }
    insert(txn, rows, memberships).await?;
    summary.organisations = orgs.len();
    Ok(orgs)
}

/// Where an organisation is, and the African country it works with.
struct Place {
    african: &'static Country,
    country: &'static str,
    city: &'static str,
    /// The city in its name: a diaspora association is named after the city its members
    /// come from.
    name_city: &'static str,
}

/// Diaspora associations are in France (some in Belgium), funders mostly, local authorities
/// half of them (the partner towns of decentralised cooperation), others mostly in Africa.
fn place(rng: &mut StdRng, kind: OrganisationKind, index: usize) -> Place {
    let african = pick_country(rng, AFRICA);
    let france = pick(rng, catalog::FRANCE_CITIES);
    let in_france = match kind {
        OrganisationKind::DiasporaAssociation => true,
        OrganisationKind::Funder => rng.random_bool(0.7),
        OrganisationKind::LocalAuthority => index.is_multiple_of(2),
        _ => rng.random_bool(0.15),
    };
    let (country, city) = if in_france {
        if kind == OrganisationKind::DiasporaAssociation && rng.random_bool(0.2) {
            ("BE", pick(rng, catalog::BELGIUM_CITIES))
        } else {
            ("FR", france)
        }
    } else {
        (african.code, pick(rng, african.cities))
    };
    let name_city = if kind == OrganisationKind::DiasporaAssociation {
        pick(rng, african.cities)
    } else {
        city
    };
    Place {
        african,
        country,
        city,
        name_city,
    }
}

fn row(
    rng: &mut StdRng,
    id: Uuid,
    kind: OrganisationKind,
    place: &Place,
    verifier: Option<Uuid>,
    now: DateTime<Utc>,
) -> organisation::ActiveModel {
    let Place { african, city, .. } = *place;
    let name = catalog::organisation_name(rng, kind, african, place.name_city, city);
    let verified = rng.random_bool(0.4);
    let website = rng.random_bool(0.5).then(|| {
        format!(
            "https://{}.example",
            catalog::mailbox(&name, "org").replace('.', "-")
        )
    });
    let description = format!(
        "{name} agit à {city} et avec ses partenaires en {} pour le développement économique local.",
        african.name_fr
    );
    let (search_text, search_title) =
        organisations::listing::indexed_text(&name, Some(city), Some(&description));
    organisation::ActiveModel {
        id: Set(id),
        name: Set(name),
        kind: Set(kind),
        country: Set(place.country.to_owned()),
        city: Set(Some(city.to_owned())),
        website: Set(website),
        description: Set(Some(description)),
        search_text: Set(search_text),
        search_title: Set(search_title),
        verified: Set(verified),
        verified_at: Set(verified.then_some(now)),
        verified_by: Set(if verified { verifier } else { None }),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    }
}

/// The owner first, then up to two editors. The marker account owns the first organisations;
/// others take turns.
fn team(rng: &mut StdRng, index: usize, people: &[Person]) -> Vec<Uuid> {
    let owner = if index < 3 {
        people[0].id
    } else {
        anyone(rng, people)
    };
    let mut members = vec![owner];
    for _ in 0..rng.random_range(0..=2) {
        let editor = anyone(rng, people);
        if !members.contains(&editor) {
            members.push(editor);
        }
    }
    members
}

fn membership_rows(
    organisation: Uuid,
    members: &[Uuid],
    now: DateTime<Utc>,
) -> impl Iterator<Item = organisation_member::ActiveModel> {
    members.iter().enumerate().map(move |(position, member)| {
        let role = if position == 0 {
            MemberRole::Owner
        } else {
            MemberRole::Editor
        };
        organisation_member::ActiveModel {
            organisation_id: Set(organisation),
            user_id: Set(*member),
            role: Set(role.as_str().into()),
            joined_at: Set(now),
        }
    })
}

async fn insert(
    txn: &DatabaseTransaction,
    rows: Vec<organisation::ActiveModel>,
    memberships: Vec<organisation_member::ActiveModel>,
) -> anyhow::Result<()> {
    for chunk in chunks(rows, BATCH) {
        organisation::Entity::insert_many(chunk)
            .exec_without_returning(txn)
            .await?;
    }
    for chunk in chunks(memberships, BATCH) {
        organisation_member::Entity::insert_many(chunk)
            .exec_without_returning(txn)
            .await?;
    }
    Ok(())
}
