//! The score of a match: a weighted sum of criteria, each between 0 and 1, with the reasons.
//! `docs/matching.md` states the same formula for readers; a change here is a change there.
//!
//! Every criterion treats its two sides alike (an intersection, a minimum, a mean), so an
//! offer and a request score the same whichever of them asks.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::taxonomies::regions;

/// One criterion of the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    /// The same DAC sector code (1), else the same 3-digit category (0.6).
    Sector,
    /// The same country (1), else the same DAC region (0.5) or remote work (0.5).
    Place,
    /// Skills named on both sides, over the shorter list.
    Skills,
    /// A working language both sides' authors speak.
    Languages,
    /// Words the two texts share, over all their words (Jaccard).
    Text,
    /// The older side's age: 1 when new, 0 after 90 days.
    Freshness,
    /// Organisations verified by a facilitator.
    VerifiedOrganisation,
}

impl Criterion {
    /// The weights sum to 1, so the score stays within [0, 1].
    pub const fn weight(self) -> f64 {
        match self {
            Self::Sector => 0.30,
            Self::Place => 0.20,
            Self::Skills => 0.15,
            Self::Languages => 0.10,
            Self::Text => 0.10,
            Self::Freshness => 0.10,
            Self::VerifiedOrganisation => 0.05,
        }
    }

    pub const ALL: [Self; 7] = [
        Self::Sector,
        Self::Place,
        Self::Skills,
        Self::Languages,
        Self::Text,
        Self::Freshness,
        Self::VerifiedOrganisation,
    ];
}

const SAME_CATEGORY: f64 = 0.6;
const SAME_REGION: f64 = 0.5;
const REMOTE: f64 = 0.5;
const FRESH_DAYS: f64 = 90.0;
/// Words this short are mostly articles and prepositions ("de", "the", "les").
pub const MIN_WORD_LEN: usize = 4;

/// Why two sides match on one criterion.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Reason {
    pub criterion: Criterion,
    /// The criterion's weight in the score.
    pub weight: f64,
    /// How well the sides meet it, from 0 to 1; the criterion adds `weight × strength`.
    pub strength: f64,
    /// What the sides share: sector codes, country or region codes, skills, language codes.
    pub shared: Vec<String>,
    /// The same in plain English, for API readers (the web app words it in the reader's
    /// language from the fields above).
    pub detail: String,
}

/// What one side of a match brings: an opportunity, a project or a member's profile.
#[derive(Debug, Clone, Default)]
pub struct Side {
    /// 5-digit DAC codes.
    pub sectors: Vec<String>,
    /// ISO 3166-1 alpha-2 codes.
    pub countries: Vec<String>,
    pub remote: bool,
    /// Folded skills (see `search::text::fold`).
    pub skills: BTreeSet<String>,
    /// Languages the author works in (ISO 639-1).
    pub languages: BTreeSet<String>,
    /// The indexed words of the text (`search_text`).
    pub words: BTreeSet<String>,
    /// When it was published; `None` for a profile, which does not age.
    pub published_at: Option<DateTime<Utc>>,
    /// Whether a verified organisation stands behind it; `None` where it does not apply (a
    /// member's own profile), and the criterion then looks at the other side alone.
    pub verified: Option<bool>,
}

impl Side {
    /// The indexed words worth comparing.
    pub fn words_of(search_text: &str) -> BTreeSet<String> {
        search_text
            .split(' ')
            .filter(|word| word.chars().count() >= MIN_WORD_LEN)
            .map(str::to_owned)
            .collect()
    }
}

/// A score in [0, 1] and the reasons behind it, strongest contribution first.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub score: f64,
    pub reasons: Vec<Reason>,
}

/// Scores two sides. Symmetric: `score(a, b) == score(b, a)`.
pub fn score(a: &Side, b: &Side, now: DateTime<Utc>) -> Scored {
    let criteria = Criterion::ALL.map(|criterion| match criterion {
        Criterion::Sector => sector(a, b),
        Criterion::Place => place(a, b),
        Criterion::Skills => skills(a, b),
        Criterion::Languages => languages(a, b),
        Criterion::Text => text(a, b),
        Criterion::Freshness => freshness(a, b, now),
        Criterion::VerifiedOrganisation => verified(a, b),
    });
    let score = combine(&criteria.each_ref().map(|(strength, _, _)| *strength));
    let mut reasons: Vec<Reason> = Criterion::ALL
        .into_iter()
        .zip(criteria)
        .filter(|(_, (strength, _, _))| *strength > 0.0)
        .map(|(criterion, (strength, shared, detail))| Reason {
            criterion,
            weight: criterion.weight(),
            strength: round(strength),
            shared,
            detail,
        })
        .collect();
    reasons.sort_by(|x, y| {
        (y.weight * y.strength)
            .total_cmp(&(x.weight * x.strength))
            .then_with(|| (x.criterion as u8).cmp(&(y.criterion as u8)))
    });
    Scored { score, reasons }
}

/// The score of the strengths of every criterion (in the order of [`Criterion::ALL`]): each
/// rounded to three decimals, weighted, and summed in that fixed order — so that both
/// directions, and the fast ranking of `rank`, add the very same floats.
pub fn combine(strengths: &[f64; 7]) -> f64 {
    let sum = Criterion::ALL
        .iter()
        .zip(strengths)
        .filter(|(_, strength)| **strength > 0.0)
        .map(|(criterion, strength)| criterion.weight() * round(*strength))
        .sum::<f64>();
    round(sum.clamp(0.0, 1.0))
}

/// Three decimals: enough to rank, and the same on every machine.
fn round(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}

// The strength of each criterion from what the sides share: one rule each, for the scores
// with reasons below and for the fast ranking.

pub fn sector_strength(same_code: bool, same_category: bool) -> f64 {
    if same_code {
        1.0
    } else if same_category {
        SAME_CATEGORY
    } else {
        0.0
    }
}

pub fn place_strength(same_country: bool, same_region: bool, remote: bool) -> f64 {
    if same_country {
        1.0
    } else if same_region {
        SAME_REGION
    } else if remote {
        REMOTE
    } else {
        0.0
    }
}

/// Skills named on both sides, over the shorter list.
pub fn skills_strength(common: usize, shorter: usize) -> f64 {
    if common == 0 || shorter == 0 {
        0.0
    } else {
        common as f64 / shorter as f64
    }
}

pub fn languages_strength(common: usize) -> f64 {
    if common > 0 { 1.0 } else { 0.0 }
}

/// Words in common over all the words (Jaccard).
pub fn text_strength(common: usize, all: usize) -> f64 {
    if common == 0 || all == 0 {
        0.0
    } else {
        common as f64 / all as f64
    }
}

/// The older side's age: 1 when new, 0 after 90 days; a side without a date does not age.
pub fn freshness_strength(
    a: Option<DateTime<Utc>>,
    b: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> f64 {
    let fresh = |published: Option<DateTime<Utc>>| match published {
        Some(at) => (1.0 - (now - at).num_hours() as f64 / (FRESH_DAYS * 24.0)).clamp(0.0, 1.0),
        None => 1.0,
    };
    fresh(a).min(fresh(b))
}

/// The share of verified organisations among the sides where it applies.
pub fn verified_strength(a: Option<bool>, b: Option<bool>) -> f64 {
    let flags: Vec<f64> = [a, b]
        .into_iter()
        .flatten()
        .map(|verified| if verified { 1.0 } else { 0.0 })
        .collect();
    if flags.is_empty() {
        0.0
    } else {
        flags.iter().sum::<f64>() / flags.len() as f64
    }
}

type Criterium = (f64, Vec<String>, String);

fn none() -> Criterium {
    (0.0, Vec::new(), String::new())
}

fn shared<'a>(a: &'a [String], b: &'a [String]) -> Vec<String> {
    let b: BTreeSet<&String> = b.iter().collect();
    a.iter()
        .filter(|item| b.contains(item))
        .cloned()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

fn categories(codes: &[String]) -> Vec<String> {
    codes
        .iter()
        .map(|code| code.chars().take(3).collect())
        .collect()
}

fn sector(a: &Side, b: &Side) -> Criterium {
    let codes = shared(&a.sectors, &b.sectors);
    if !codes.is_empty() {
        let detail = format!("same sector: {}", codes.join(", "));
        return (sector_strength(true, false), codes, detail);
    }
    let categories = shared(&categories(&a.sectors), &categories(&b.sectors));
    if categories.is_empty() {
        return none();
    }
    let detail = format!("same sector category: {}", categories.join(", "));
    (sector_strength(false, true), categories, detail)
}

/// The DAC regions of a side's countries.
pub fn regions_of(countries: &[String]) -> Vec<String> {
    countries
        .iter()
        .filter_map(|country| regions::region_of(country))
        .map(str::to_owned)
        .collect()
}

fn place(a: &Side, b: &Side) -> Criterium {
    let countries = shared(&a.countries, &b.countries);
    if !countries.is_empty() {
        let detail = format!("same country: {}", countries.join(", "));
        return (place_strength(true, false, false), countries, detail);
    }
    let regions = shared(&regions_of(&a.countries), &regions_of(&b.countries));
    if !regions.is_empty() {
        let detail = format!("same region: {}", regions.join(", "));
        return (place_strength(false, true, false), regions, detail);
    }
    if a.remote || b.remote {
        let strength = place_strength(false, false, true);
        return (strength, Vec::new(), "can be done remotely".into());
    }
    none()
}

fn skills(a: &Side, b: &Side) -> Criterium {
    let common: Vec<String> = a.skills.intersection(&b.skills).cloned().collect();
    let strength = skills_strength(common.len(), a.skills.len().min(b.skills.len()));
    if strength == 0.0 {
        return none();
    }
    let detail = format!("shared skills: {}", common.join(", "));
    (strength, common, detail)
}

fn languages(a: &Side, b: &Side) -> Criterium {
    let common: Vec<String> = a.languages.intersection(&b.languages).cloned().collect();
    if common.is_empty() {
        return none();
    }
    let detail = format!("a common language: {}", common.join(", "));
    (languages_strength(common.len()), common, detail)
}

fn text(a: &Side, b: &Side) -> Criterium {
    let common = a.words.intersection(&b.words).count();
    let all = a.words.len() + b.words.len() - common;
    let strength = text_strength(common, all);
    if strength == 0.0 {
        return none();
    }
    (strength, Vec::new(), format!("{common} words in common"))
}

fn freshness(a: &Side, b: &Side, now: DateTime<Utc>) -> Criterium {
    let strength = freshness_strength(a.published_at, b.published_at, now);
    let oldest = [a.published_at, b.published_at].into_iter().flatten().min();
    let detail = match oldest {
        Some(at) => format!("published {} days ago", (now - at).num_days()),
        None => String::new(),
    };
    (strength, Vec::new(), detail)
}

fn verified(a: &Side, b: &Side) -> Criterium {
    let strength = verified_strength(a.verified, b.verified);
    if [a.verified, b.verified].iter().all(Option::is_none) {
        return none();
    }
    (
        strength,
        Vec::new(),
        "a verified organisation stands behind it".into(),
    )
}

#[cfg(test)]
mod tests {
    use chrono::TimeDelta;

    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|item| (*item).to_owned()).collect()
    }

    fn set(items: &[&str]) -> BTreeSet<String> {
        items.iter().map(|item| (*item).to_owned()).collect()
    }

    fn now() -> DateTime<Utc> {
        "2026-11-26T12:00:00Z".parse().unwrap()
    }

    fn senegal_agrifood(days_old: i64) -> Side {
        Side {
            sectors: strings(&["32161"]),
            countries: strings(&["SN"]),
            remote: false,
            skills: set(&["sechage", "transformation"]),
            languages: set(&["fr"]),
            words: Side::words_of("mangue mangu sechage solaire transformation"),
            published_at: Some(now() - TimeDelta::days(days_old)),
            verified: Some(true),
        }
    }

    #[test]
    fn the_senegalese_agrifood_offer_outranks_a_kenyan_health_offer() {
        let request = senegal_agrifood(3);
        let agrifood = senegal_agrifood(10);
        let health = Side {
            sectors: strings(&["12220"]),
            countries: strings(&["KE"]),
            skills: set(&["sante"]),
            languages: set(&["en"]),
            words: Side::words_of("clinique sante nairobi"),
            published_at: Some(now() - TimeDelta::days(10)),
            verified: Some(false),
            ..Side::default()
        };
        let good = score(&request, &agrifood, now());
        let poor = score(&request, &health, now());
        assert!(good.score > poor.score, "{} vs {}", good.score, poor.score);
        let criteria: Vec<Criterion> = good.reasons.iter().map(|r| r.criterion).collect();
        assert_eq!(&criteria[..2], [Criterion::Sector, Criterion::Place]);
        assert_eq!(good.reasons[0].shared, ["32161"]);
        assert_eq!(good.reasons[1].shared, ["SN"]);
        assert!(
            poor.reasons
                .iter()
                .all(|r| r.criterion != Criterion::Sector)
        );
    }

    #[test]
    fn sector_and_place_step_down_to_category_and_region() {
        let a = senegal_agrifood(0);
        let mut b = senegal_agrifood(0);
        b.sectors = strings(&["32165"]);
        b.countries = strings(&["CI"]);
        let scored = score(&a, &b, now());
        let of = |criterion| {
            scored
                .reasons
                .iter()
                .find(|r| r.criterion == criterion)
                .cloned()
                .unwrap()
        };
        assert_eq!(of(Criterion::Sector).strength, SAME_CATEGORY);
        assert_eq!(of(Criterion::Sector).shared, ["321"]);
        assert_eq!(of(Criterion::Place).strength, SAME_REGION);
        assert_eq!(of(Criterion::Place).shared, ["1030"], "West Africa");
    }

    #[test]
    fn identical_fresh_verified_sides_score_one_and_strangers_near_zero() {
        let a = senegal_agrifood(0);
        assert_eq!(score(&a, &a, now()).score, 1.0);
        let stranger = Side {
            published_at: Some(now() - TimeDelta::days(400)),
            verified: Some(false),
            ..Side::default()
        };
        let scored = score(&a, &stranger, now());
        // Only one of the two organisations is verified: half of that criterion's 0.05.
        assert_eq!(scored.score, 0.025);
        let criteria: Vec<Criterion> = scored.reasons.iter().map(|r| r.criterion).collect();
        assert_eq!(criteria, [Criterion::VerifiedOrganisation]);
    }

    #[test]
    fn scores_stay_within_bounds_and_are_symmetric() {
        let sectors = [&["32161"][..], &["32165", "31120"], &["12220"], &[]];
        let countries = [&["SN"][..], &["CI"], &["KE", "SN"], &[]];
        let skills = [&["sechage"][..], &["sechage", "export"], &[]];
        let mut sides = Vec::new();
        for (i, sectors) in sectors.iter().enumerate() {
            for (j, countries) in countries.iter().enumerate() {
                for (k, skills) in skills.iter().enumerate() {
                    sides.push(Side {
                        sectors: strings(sectors),
                        countries: strings(countries),
                        remote: (i + j) % 2 == 0,
                        skills: set(skills),
                        languages: if k == 0 {
                            set(&["fr"])
                        } else {
                            set(&["fr", "en"])
                        },
                        words: Side::words_of(["mangue sechage", "clinique sante", ""][k]),
                        published_at: Some(now() - TimeDelta::days((i * 40 + j) as i64)),
                        verified: [Some(true), Some(false), None][j % 3],
                    });
                }
            }
        }
        for a in &sides {
            for b in &sides {
                let ab = score(a, b, now());
                assert!((0.0..=1.0).contains(&ab.score));
                assert_eq!(ab.score, score(b, a, now()).score);
            }
        }
    }
}
