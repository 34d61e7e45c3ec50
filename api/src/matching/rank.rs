//! The best matches among ALL open complementary opportunities, exactly, without scoring
//! each one in full.
//!
//! Every criterion but the text is cheap to compute from what the index keeps of an
//! opportunity; the text (shared words) is bounded by the sizes of the two word sets. Each
//! candidate gets the score it would have with the best text it could have — an upper bound,
//! since the score only grows with each strength — and candidates are scored in full in
//! the order of their bounds until the next bound falls below the worst of the best found.
//! Candidates sharing no sector category, no country or region and no remote work cannot
//! score more than the weights of the other criteria, so they are looked at only when the
//! best found do not reach that.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use roaring::RoaringBitmap;
use uuid::Uuid;

use super::score::{
    Criterion, MIN_WORD_LEN, Side, combine, freshness_strength, languages_strength, place_strength,
    regions_of, sector_strength, skills_strength, text_strength, verified_strength,
};
use crate::{
    opportunities::{
        Direction,
        listing::{Features, Opportunities},
    },
    search::{ListingKind, index::Index},
    taxonomies::{OpportunityCategory, regions},
};

/// Which opportunities may match.
#[derive(Debug, Default)]
pub struct Wanted {
    pub direction: Option<Direction>,
    /// Opportunity categories; any when empty.
    pub categories: Vec<&'static str>,
    /// A country chosen by the reader.
    pub country: Option<String>,
    /// The item the matches are for.
    pub not_id: Option<Uuid>,
    /// The author of what the matches are for: their own items are not partners for it —
    /// but for anonymous ones, which are left in so that the answer does not tell whose they
    /// are.
    pub seeker_owner: Option<Uuid>,
    /// Whoever reads: their own items never show.
    pub reader: Option<Uuid>,
}

/// One of the best.
#[derive(Debug, Clone, Copy)]
pub struct Found {
    pub slot: u32,
    pub id: Uuid,
    pub score: f64,
}

/// Where the fields the ranking reads sit in an opportunity's values.
struct Fields {
    status: usize,
    direction: usize,
    category: usize,
    country: usize,
    sector: usize,
    sector_category: usize,
    remote: usize,
    skill: usize,
    language: usize,
    verified: usize,
}

impl Fields {
    fn of() -> Option<Self> {
        let at = Opportunities::field;
        Some(Self {
            status: at("status")?,
            direction: at("direction")?,
            category: at("category")?,
            country: at("country")?,
            sector: at("sector")?,
            sector_category: at("sector_category")?,
            remote: at("remote")?,
            skill: at("skill")?,
            language: at("language")?,
            verified: at("verified")?,
        })
    }
}

/// The seeker as the ranking reads it: its side, and the value ids of what it has.
struct Probe<'a> {
    side: &'a Side,
    fields: Fields,
    sectors: Vec<u32>,
    categories: Vec<u32>,
    countries: Vec<u32>,
    /// Per country value id: whether that country is in one of the seeker's regions.
    same_region: Vec<bool>,
    skills: Vec<u32>,
    languages: Vec<u32>,
    /// The ids of the seeker's words the index knows, sorted.
    words: Vec<u32>,
    /// The value ids of `true` for remote work and for a verified organisation.
    remote: Option<u32>,
    verified: Option<u32>,
    now: DateTime<Utc>,
}

impl<'a> Probe<'a> {
    fn new(index: &Index<Opportunities>, side: &'a Side, now: DateTime<Utc>) -> Option<Self> {
        let fields = Fields::of()?;
        let ids = |field: usize, values: &mut dyn Iterator<Item = &str>| -> Vec<u32> {
            values
                .filter_map(|value| index.value_id(field, value))
                .collect()
        };
        let categories: BTreeSet<String> = side
            .sectors
            .iter()
            .map(|code| code.chars().take(3).collect())
            .collect();
        let regions = regions_of(&side.countries);
        let same_region = (0..index.cardinality(fields.country) as u32)
            .map(|id| {
                regions::region_of(index.value(fields.country, id))
                    .is_some_and(|region| regions.iter().any(|r| r == region))
            })
            .collect();
        let mut words: Vec<u32> = side
            .words
            .iter()
            .filter_map(|word| index.word_id(word))
            .collect();
        words.sort_unstable();
        Some(Self {
            sectors: ids(fields.sector, &mut side.sectors.iter().map(String::as_str)),
            categories: ids(
                fields.sector_category,
                &mut categories.iter().map(String::as_str),
            ),
            countries: ids(
                fields.country,
                &mut side.countries.iter().map(String::as_str),
            ),
            same_region,
            skills: ids(fields.skill, &mut side.skills.iter().map(String::as_str)),
            languages: ids(
                fields.language,
                &mut side.languages.iter().map(String::as_str),
            ),
            words,
            remote: index.value_id(fields.remote, "true"),
            verified: index.value_id(fields.verified, "true"),
            fields,
            side,
            now,
        })
    }
}

/// An indexed opportunity as a seeker: its side, what it is, and its author.
pub struct Seeker {
    pub side: Side,
    pub direction: Direction,
    pub category: &'static str,
    pub owner: Uuid,
}

pub fn seeker(index: &Index<Opportunities>, slot: u32) -> Option<Seeker> {
    let fields = Fields::of()?;
    let first = |field: usize| {
        index
            .values(slot, field)
            .next()
            .map(|id| index.value(field, id))
    };
    Some(Seeker {
        side: side_of(index, slot)?,
        direction: crate::http::fields::parse_code(first(fields.direction)?)?,
        category: OpportunityCategory::from_code(first(fields.category)?)?.as_str(),
        owner: index.extra(slot)?.owner,
    })
}

/// The `limit` best matches for `side`, best first (ties: newest first).
#[tracing::instrument(
    level = "debug",
    name = "rank_matches",
    skip_all,
    fields(limit = limit, candidates = tracing::field::Empty)
)]
pub fn best(
    index: &Index<Opportunities>,
    side: &Side,
    wanted: &Wanted,
    limit: usize,
    now: DateTime<Utc>,
) -> Vec<Found> {
    let Some(probe) = Probe::new(index, side, now) else {
        return Vec::new();
    };
    let candidates = candidates(index, &probe.fields, wanted);
    tracing::Span::current().record("candidates", candidates.len());
    let mut best = Best::new(limit);
    match sharing(index, &probe) {
        Some(sharing) => {
            consider(index, &probe, wanted, &(&candidates & &sharing), &mut best);
            if best
                .threshold()
                .is_none_or(|worst| worst <= UNSHARED_AT_MOST)
            {
                consider(index, &probe, wanted, &(&candidates - &sharing), &mut best);
            }
        }
        None => consider(index, &probe, wanted, &candidates, &mut best),
    }
    best.found
}

/// What a candidate can score at most when it shares no sector category and no place.
const UNSHARED_AT_MOST: f64 = 1.0 - Criterion::Sector.weight() - Criterion::Place.weight();

/// The slots having any of these value ids of `field`.
fn any_of(
    index: &Index<Opportunities>,
    field: usize,
    ids: impl IntoIterator<Item = u32>,
) -> RoaringBitmap {
    let mut any = RoaringBitmap::new();
    for id in ids {
        any |= index.with_value_id(field, id);
    }
    any
}

/// Open, the right direction, categories and country, not the seeker itself.
fn candidates(index: &Index<Opportunities>, fields: &Fields, wanted: &Wanted) -> RoaringBitmap {
    let named = |field: usize, values: &[&str]| {
        any_of(
            index,
            field,
            values
                .iter()
                .filter_map(|value| index.value_id(field, value)),
        )
    };
    let mut set = named(fields.status, &["open"]);
    if let Some(direction) = wanted.direction {
        set &= named(fields.direction, &[direction.as_str()]);
    }
    if !wanted.categories.is_empty() {
        set &= named(fields.category, &wanted.categories);
    }
    if let Some(country) = &wanted.country {
        set &= named(fields.country, &[&country.to_uppercase()]);
    }
    if let Some(slot) = wanted.not_id.and_then(|id| index.slot(&id)) {
        set.remove(slot);
    }
    set
}

/// The candidates that share a sector category, a country or region, or remote work with
/// the seeker; `None` when every candidate may (a remote seeker).
fn sharing(index: &Index<Opportunities>, probe: &Probe<'_>) -> Option<RoaringBitmap> {
    if probe.side.remote {
        return None;
    }
    let fields = &probe.fields;
    let in_regions =
        (0..probe.same_region.len() as u32).filter(|id| probe.same_region[*id as usize]);
    let mut any = any_of(index, fields.remote, probe.remote);
    any |= any_of(
        index,
        fields.sector_category,
        probe.categories.iter().copied(),
    );
    any |= any_of(index, fields.country, probe.countries.iter().copied());
    any |= any_of(index, fields.country, in_regions);
    Some(any)
}

fn excluded(features: &Features, wanted: &Wanted) -> bool {
    Some(features.owner) == wanted.reader
        || (Some(features.owner) == wanted.seeker_owner && !features.anonymous)
}

/// Scores the candidates of `set` that can enter the best.
fn consider(
    index: &Index<Opportunities>,
    probe: &Probe<'_>,
    wanted: &Wanted,
    set: &RoaringBitmap,
    best: &mut Best,
) {
    let mut bounded: Vec<(f64, [f64; 7], u32)> = set
        .iter()
        .filter_map(|slot| {
            let features = index.extra(slot)?;
            if excluded(features, wanted) {
                return None;
            }
            let mut strengths = cheap_strengths(index, probe, slot, features);
            let (a, b) = (probe.side.words.len(), usize::from(features.words));
            strengths[TEXT] = text_strength(a.min(b), a.max(b));
            Some((combine(&strengths), strengths, slot))
        })
        .collect();
    bounded.sort_unstable_by(|a, b| b.0.total_cmp(&a.0));
    for (bound, mut strengths, slot) in bounded {
        if best.threshold().is_some_and(|worst| bound < worst) {
            break;
        }
        let Some(features) = index.extra(slot) else {
            continue;
        };
        strengths[TEXT] = text(index, probe, slot, features);
        best.offer(Found {
            slot,
            id: index.id(slot),
            score: combine(&strengths),
        });
    }
}

/// The position of the text among the criteria.
const TEXT: usize = 4;

/// Every strength but the text's, in the order of [`Criterion::ALL`], from one pass over
/// the candidate's values.
fn cheap_strengths(
    index: &Index<Opportunities>,
    probe: &Probe<'_>,
    slot: u32,
    features: &Features,
) -> [f64; 7] {
    let fields = &probe.fields;
    let (mut same_code, mut same_category, mut same_country, mut same_region) =
        (false, false, false, false);
    let mut remote = probe.side.remote;
    let (mut skills, mut common_skills, mut common_languages) = (0, 0, 0);
    let mut verified = None;
    for (field, id) in index.all_values(slot) {
        if field == fields.sector {
            same_code |= probe.sectors.contains(&id);
        } else if field == fields.sector_category {
            same_category |= probe.categories.contains(&id);
        } else if field == fields.country {
            same_country |= probe.countries.contains(&id);
            same_region |= probe.same_region.get(id as usize).copied().unwrap_or(false);
        } else if field == fields.remote {
            remote |= Some(id) == probe.remote;
        } else if field == fields.skill {
            skills += 1;
            common_skills += usize::from(probe.skills.contains(&id));
        } else if field == fields.language {
            common_languages += usize::from(probe.languages.contains(&id));
        } else if field == fields.verified {
            verified = Some(Some(id) == probe.verified);
        }
    }
    [
        sector_strength(same_code, same_category),
        place_strength(same_country, same_region, remote),
        skills_strength(common_skills, probe.side.skills.len().min(skills)),
        languages_strength(common_languages),
        0.0,
        freshness_strength(
            probe.side.published_at,
            Some(features.published_at),
            probe.now,
        ),
        verified_strength(probe.side.verified, verified),
    ]
}

/// The text strength: the words both sides have over all their words.
fn text(index: &Index<Opportunities>, probe: &Probe<'_>, slot: u32, features: &Features) -> f64 {
    let common = index
        .words(slot)
        .filter(|id| probe.words.binary_search(id).is_ok())
        .count();
    let all = probe.side.words.len() + usize::from(features.words) - common;
    text_strength(common, all)
}

/// The best found so far, best first.
struct Best {
    limit: usize,
    found: Vec<Found>,
}

impl Best {
    fn new(limit: usize) -> Self {
        Self {
            limit,
            found: Vec::with_capacity(limit + 1),
        }
    }

    /// The score a candidate must reach to enter, once the list is full.
    fn threshold(&self) -> Option<f64> {
        (self.found.len() >= self.limit).then(|| self.found.last().map_or(f64::MAX, |f| f.score))
    }

    fn offer(&mut self, candidate: Found) {
        let before = |other: &Found| {
            other.score > candidate.score
                || (other.score == candidate.score && other.id > candidate.id)
        };
        let at = self.found.partition_point(before);
        if at < self.limit {
            self.found.insert(at, candidate);
            self.found.truncate(self.limit);
        }
    }
}

/// The [`Side`] of an indexed opportunity.
pub fn side_of(index: &Index<Opportunities>, slot: u32) -> Option<Side> {
    let fields = Fields::of()?;
    let features = index.extra(slot)?;
    let strings = |field: usize| -> Vec<String> {
        index
            .values(slot, field)
            .map(|id| index.value(field, id).to_owned())
            .collect()
    };
    Some(Side {
        sectors: strings(fields.sector),
        countries: strings(fields.country),
        remote: strings(fields.remote).iter().any(|value| value == "true"),
        skills: strings(fields.skill).into_iter().collect(),
        languages: strings(fields.language).into_iter().collect(),
        words: index
            .words(slot)
            .map(|id| index.word(id))
            .filter(|word| word.chars().count() >= MIN_WORD_LEN)
            .map(str::to_owned)
            .collect(),
        published_at: Some(features.published_at),
        verified: strings(fields.verified)
            .first()
            .map(|value| value == "true"),
    })
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeSet, HashMap};

    use chrono::TimeDelta;
    use rand::{Rng, SeedableRng, rngs::StdRng, seq::IndexedRandom};

    use super::*;
    use crate::opportunities::{Direction, OpportunityStatus};
    use crate::{
        entities::opportunity,
        matching::{Context, score},
        opportunities::listing,
        search::text::{search_text, title_text},
    };

    const SECTORS: [&str; 8] = [
        "31120", "31161", "32161", "32165", "12220", "12240", "23210", "14030",
    ];
    const COUNTRIES: [&str; 8] = ["SN", "ML", "CI", "KE", "TZ", "MA", "FR", "BF"];
    const SKILLS: [&str; 6] = [
        "sechage",
        "export",
        "comptabilite",
        "solaire",
        "irrigation",
        "sante",
    ];
    const WORDS: [&str; 24] = [
        "mangue",
        "sechage",
        "cooperative",
        "femmes",
        "solaire",
        "pompe",
        "irrigation",
        "village",
        "clinique",
        "sante",
        "formation",
        "jeunes",
        "export",
        "marche",
        "transformation",
        "cajou",
        "farmers",
        "training",
        "water",
        "solar",
        "health",
        "market",
        "processing",
        "energy",
    ];

    fn generated(rng: &mut StdRng, now: DateTime<Utc>) -> (Index<Opportunities>, Context) {
        let owners: Vec<Uuid> = (0..30).map(|_| Uuid::new_v4()).collect();
        let organisations: Vec<Uuid> = (0..10).map(|_| Uuid::new_v4()).collect();
        let languages: HashMap<Uuid, BTreeSet<String>> = owners
            .iter()
            .map(|owner| {
                let spoken = ["fr", "en", "wo"].iter().filter(|_| rng.random_bool(0.5));
                (*owner, spoken.map(|l| (*l).to_owned()).collect())
            })
            .collect();
        let verified = organisations
            .iter()
            .map(|o| (*o, rng.random_bool(0.5)))
            .collect();
        let context = Context::of(languages, verified);
        let rows: Vec<opportunity::Model> = (0..3_000)
            .map(|n| random_opportunity(rng, n, now, [&owners, &organisations]))
            .collect();
        let mut index = Index::default();
        index.extend(
            rows.iter()
                .map(|row| listing::document(row, &context, now).unwrap())
                .collect(),
        );
        index.finish();
        (index, context)
    }

    /// The `n`th opportunity of the generated set, of one of `owners`, maybe for one of
    /// `organisations`.
    fn random_opportunity(
        rng: &mut StdRng,
        n: usize,
        now: DateTime<Utc>,
        [owners, organisations]: [&[Uuid]; 2],
    ) -> opportunity::Model {
        let words: Vec<&str> = (0..rng.random_range(3..12))
            .map(|_| *WORDS.choose(rng).unwrap())
            .collect();
        let title = words[..3].join(" ");
        let description = words.join(" ");
        let skills: Vec<&str> = (0..rng.random_range(0..4))
            .map(|_| *SKILLS.choose(rng).unwrap())
            .collect();
        let sectors: Vec<&str> = (0..rng.random_range(0..3))
            .map(|_| *SECTORS.choose(rng).unwrap())
            .collect();
        let created = now - TimeDelta::hours(rng.random_range(0..3_000));
        opportunity::Model {
            id: Uuid::from_u128(1 + n as u128),
            direction: *[Direction::Offer, Direction::Request].choose(rng).unwrap(),
            category: *[
                OpportunityCategory::Job,
                OpportunityCategory::Internship,
                OpportunityCategory::TechnicalPartnership,
            ]
            .choose(rng)
            .unwrap(),
            title: title.clone(),
            description: description.clone(),
            project_id: None,
            sectors: sectors
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .into(),
            skills: skills
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .into(),
            country: COUNTRIES.choose(rng).unwrap().to_string(),
            city: None,
            remote: rng.random_bool(0.15),
            starts_on: None,
            duration_months: None,
            expires_at: now + TimeDelta::days(30),
            anonymous: rng.random_bool(0.1),
            status: if rng.random_bool(0.9) {
                OpportunityStatus::Open
            } else {
                OpportunityStatus::Closed
            },
            owner_id: *owners.choose(rng).unwrap(),
            organisation_id: rng
                .random_bool(0.6)
                .then(|| *organisations.choose(rng).unwrap()),
            organisation_kind: None,
            search_text: search_text(&[&title, &description, &skills.join(" ")]),
            search_title: title_text(&title),
            version: 1,
            created_at: created,
            updated_at: created,
        }
    }

    /// Scores every candidate in full: what `best` must find without doing so.
    fn exhaustive(
        index: &Index<Opportunities>,
        side: &Side,
        wanted: &Wanted,
        now: DateTime<Utc>,
    ) -> Vec<(Uuid, f64)> {
        let fields = Fields::of().unwrap();
        let mut all: Vec<(Uuid, f64)> = candidates(index, &fields, wanted)
            .iter()
            .filter(|slot| !excluded(index.extra(*slot).unwrap(), wanted))
            .map(|slot| {
                (
                    index.id(slot),
                    score::score(side, &side_of(index, slot).unwrap(), now).score,
                )
            })
            .collect();
        all.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| b.0.cmp(&a.0)));
        all.truncate(10);
        all
    }

    #[test]
    fn the_ten_best_are_those_of_an_exhaustive_scoring() {
        let now: DateTime<Utc> = "2026-12-01T12:00:00Z".parse().unwrap();
        let mut rng = StdRng::seed_from_u64(20_261_202);
        let (index, _) = generated(&mut rng, now);
        let mut compared = 0;
        for slot in (0..3_000).step_by(37) {
            let Some(seeker) = seeker(&index, slot) else {
                continue;
            };
            let opposite = match seeker.direction {
                Direction::Offer => Direction::Request,
                Direction::Request => Direction::Offer,
            };
            let mut wanted = Wanted {
                direction: Some(opposite),
                categories: vec![seeker.category],
                not_id: Some(index.id(slot)),
                seeker_owner: Some(seeker.owner),
                ..Wanted::default()
            };
            // A member's profile does not age and has no organisation; some seekers work
            // remotely; some readers have items of their own among the candidates.
            let mut sides = vec![seeker.side.clone()];
            let mut profile = seeker.side.clone();
            profile.published_at = None;
            profile.verified = None;
            profile.remote = slot % 2 == 0;
            sides.push(profile);
            // A seeker sharing no sector and no place with anyone: the best are weak, and
            // the candidates sharing nothing must be looked at too.
            let mut stranger = seeker.side.clone();
            stranger.sectors = vec!["15110".into()];
            stranger.countries = vec!["JP".into()];
            stranger.remote = false;
            sides.push(stranger);
            for side in &sides {
                wanted.reader =
                    (slot % 3 == 0).then(|| index.extra((slot + 1) % 3_000).unwrap().owner);
                let found: Vec<(Uuid, f64)> = best(&index, side, &wanted, 10, now)
                    .iter()
                    .map(|found| (found.id, found.score))
                    .collect();
                let expected = exhaustive(&index, side, &wanted, now);
                assert_eq!(found, expected, "seeker {slot}");
                compared += usize::from(!expected.is_empty());
            }
        }
        assert!(compared > 100, "{compared} comparisons");
    }
}
