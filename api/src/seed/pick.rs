//! Drawing from the seeded generator. Every draw moves the generator on, so the order of calls
//! is part of the data: reordering two draws changes everything seeded after them.

use rand::{Rng, rngs::StdRng, seq::IndexedRandom};
use uuid::Uuid;

use super::{
    Org, Person,
    catalog::{self, AFRICA, Country, Theme},
};

/// One item of a non-empty catalogue list.
pub fn pick<'a, T: ?Sized>(rng: &mut StdRng, items: &'a [&'a T]) -> &'a T {
    items[rng.random_range(0..items.len())]
}

pub fn pick_country(rng: &mut StdRng, countries: &'static [Country]) -> &'static Country {
    &countries[rng.random_range(0..countries.len())]
}

/// A country where the theme is active.
pub fn theme_country(rng: &mut StdRng, theme: &Theme) -> &'static Country {
    let code = pick(rng, theme.countries);
    catalog::country(code).unwrap_or(&AFRICA[0])
}

pub fn pick_id(rng: &mut StdRng, ids: &[Uuid]) -> Uuid {
    ids.choose(rng).copied().unwrap_or_default()
}

/// Any one of the seeded members.
pub fn anyone(rng: &mut StdRng, people: &[Person]) -> Uuid {
    people[rng.random_range(0..people.len())].id
}

/// One to `most` distinct items, in the catalogue's order.
pub fn sample(rng: &mut StdRng, items: &[&str], most: usize) -> Vec<String> {
    sample_copied(rng, items, most)
        .into_iter()
        .map(str::to_owned)
        .collect()
}

/// [`sample`] for copied values rather than text.
pub fn sample_copied<T: Copy + PartialEq>(rng: &mut StdRng, items: &[T], most: usize) -> Vec<T> {
    let count = rng.random_range(1..=most.min(items.len()).max(1));
    let mut chosen: Vec<T> = items.choose_multiple(rng, count).copied().collect();
    chosen.sort_by_key(|item| items.iter().position(|i| i == item));
    chosen
}

/// How authorship is shared out.
pub struct Authorship {
    /// The marker account writes this many first, in the name of its three organisations.
    pub marker_first: usize,
    /// The share written by a member of an organisation in its name (the rest: in one's own).
    pub in_organisation: f64,
}

/// Who writes the `index`th project or opportunity, and in the name of which organisation.
pub fn author(
    rng: &mut StdRng,
    index: usize,
    people: &[Person],
    orgs: &[Org],
    shares: &Authorship,
) -> (Uuid, Option<usize>) {
    if index < shares.marker_first && orgs.len() >= 3 {
        (people[0].id, Some(index % 3))
    } else if rng.random_bool(shares.in_organisation) && !orgs.is_empty() {
        let org = rng.random_range(0..orgs.len());
        (pick_id(rng, &orgs[org].members), Some(org))
    } else {
        (anyone(rng, people), None)
    }
}
