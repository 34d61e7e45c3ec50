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
    search::index::Index,
    taxonomies::regions,
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

/// One of the best, with the strengths it was ranked by.
#[derive(Debug, Clone, Copy)]
pub struct Found {
    pub slot: u32,
    pub id: Uuid,
    pub score: f64,
}

/// The seeker as the ranking reads it.
struct Probe<'a> {
    side: &'a Side,
    categories: BTreeSet<String>,
    regions: Vec<String>,
    /// The index's ids of the seeker's words (those the index knows).
    words: Vec<u32>,
    now: DateTime<Utc>,
}

/// The `limit` best matches for `side`, best first (ties: newest first).
pub fn best(
    index: &Index<Opportunities>,
    side: &Side,
    wanted: &Wanted,
    limit: usize,
    now: DateTime<Utc>,
) -> Vec<Found> {
    let mut words: Vec<u32> = side
        .words
        .iter()
        .filter_map(|word| index.word_id(word))
        .collect();
    words.sort_unstable();
    let probe = Probe {
        side,
        categories: side
            .sectors
            .iter()
            .map(|code| code.chars().take(3).collect())
            .collect(),
        regions: regions_of(&side.countries),
        words,
        now,
    };
    let candidates = candidates(index, wanted);
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

/// Open, the right direction, categories and country, not the seeker itself.
fn candidates(index: &Index<Opportunities>, wanted: &Wanted) -> RoaringBitmap {
    let mut set = index.with_value("status", "open").clone();
    if let Some(direction) = wanted.direction {
        set &= index.with_value("direction", direction.as_str());
    }
    if !wanted.categories.is_empty() {
        let mut any = RoaringBitmap::new();
        for category in &wanted.categories {
            any |= index.with_value("category", category);
        }
        set &= any;
    }
    if let Some(country) = &wanted.country {
        set &= index.with_value("country", &country.to_uppercase());
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
    let mut any = index.with_value("remote", "true").clone();
    for category in &probe.categories {
        any |= index.with_value("sector_category", category);
    }
    let countries = probe.side.countries.iter().cloned().chain(
        probe
            .regions
            .iter()
            .filter_map(|region| regions::countries_in(region))
            .flatten()
            .cloned(),
    );
    for country in countries {
        any |= index.with_value("country", &country);
    }
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
            let mut strengths = cheap_strengths(probe, features);
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

const TEXT: usize = 4;

/// Every strength but the text's, in the order of [`Criterion::ALL`].
fn cheap_strengths(probe: &Probe<'_>, features: &Features) -> [f64; 7] {
    let side = probe.side;
    let same_code = features
        .sectors
        .iter()
        .any(|code| side.sectors.contains(code));
    let same_category = features
        .sectors
        .iter()
        .any(|code| probe.categories.contains(code.get(..3).unwrap_or_default()));
    let same_country = side.countries.contains(&features.country);
    let same_region = features
        .region
        .is_some_and(|region| probe.regions.iter().any(|r| r == region));
    let common_skills = features
        .skills
        .iter()
        .filter(|skill| side.skills.contains(*skill))
        .count();
    let common_languages = features
        .languages
        .iter()
        .filter(|language| side.languages.contains(*language))
        .count();
    [
        sector_strength(same_code, same_category),
        place_strength(same_country, same_region, side.remote || features.remote),
        skills_strength(common_skills, side.skills.len().min(features.skills.len())),
        languages_strength(common_languages),
        0.0,
        freshness_strength(side.published_at, Some(features.published_at), probe.now),
        verified_strength(side.verified, features.verified),
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
pub fn side_of(index: &Index<Opportunities>, slot: u32, features: &Features) -> Side {
    Side {
        sectors: features.sectors.to_vec(),
        countries: vec![features.country.clone()],
        remote: features.remote,
        skills: features.skills.iter().cloned().collect(),
        languages: features.languages.iter().cloned().collect(),
        words: index
            .words(slot)
            .map(|id| index.word(id))
            .filter(|word| word.chars().count() >= MIN_WORD_LEN)
            .map(str::to_owned)
            .collect(),
        published_at: Some(features.published_at),
        verified: features.verified,
    }
}
