//! The rules a call for projects sets, and whether an applicant meets each: the one place
//! that says what "eligible" means, used by the submission (each broken rule a field error of
//! its own), the live check of the application form, the eligible calls of a project and the
//! eligible projects of a call. Pure functions of the call, the applicant and `now`.

use crate::codelist::codelist;
use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use utoipa::ToSchema;

use crate::{entities::funding_call, error::FieldError, taxonomies::regions};

codelist! {
    /// Where a call stands, from its dates alone.
    pub enum CallStatus {
        Forthcoming,
        Open,
        Closed,
    }
}

impl CallStatus {
    /// The status at `now` of a call open from `opens_at` until just before `closes_at`.
    pub fn at(opens_at: DateTime<Utc>, closes_at: DateTime<Utc>, now: DateTime<Utc>) -> Self {
        if now < opens_at {
            Self::Forthcoming
        } else if now < closes_at {
            Self::Open
        } else {
            Self::Closed
        }
    }

    pub fn of(row: &funding_call::Model, now: DateTime<Utc>) -> Self {
        Self::at(row.opens_at, row.closes_at, now)
    }
}

/// The first instant of `day` in `zone` (a day whose midnight a clock change skips starts
/// at the first hour that exists).
pub fn start_of_day(day: NaiveDate, zone: Tz) -> DateTime<Utc> {
    (0..24)
        .find_map(|hour| {
            zone.from_local_datetime(&day.and_hms_opt(hour, 0, 0)?)
                .earliest()
        })
        .map(|local| local.with_timezone(&Utc))
        .unwrap_or_else(|| day.and_time(chrono::NaiveTime::MIN).and_utc())
}

/// When a call opens and closes: from the start of its opening day to the end of its closing
/// day (the start of the next one), both in the funder's time zone.
pub fn window(
    opens_on: NaiveDate,
    closes_on: NaiveDate,
    zone: Tz,
) -> (DateTime<Utc>, DateTime<Utc>) {
    let day_after = closes_on
        .checked_add_days(Days::new(1))
        .unwrap_or(closes_on);
    (start_of_day(opens_on, zone), start_of_day(day_after, zone))
}

/// Who applies: the organisation's kind, where and in what the project works.
#[derive(Debug, Clone, Default)]
pub struct Applicant {
    /// The kind of the organisation applying, `None` when the project has none.
    pub organisation_kind: Option<String>,
    /// The countries of the project (its own and its territories').
    pub countries: Vec<String>,
    /// The project's 5-digit DAC sector codes.
    pub sectors: Vec<String>,
}

/// What is asked, in the call's currency.
#[derive(Debug, Clone, Copy)]
pub struct Amounts {
    pub requested: i64,
    pub project_budget: i64,
}

/// A call's rules, read from its row.
#[derive(Debug, Clone)]
pub struct Rules {
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub closes_on: NaiveDate,
    pub zone: Tz,
    pub applicant_kinds: Vec<String>,
    /// The eligible countries, those of the eligible regions included; empty for anywhere.
    pub countries: Vec<String>,
    /// 5-digit codes and 3-digit categories; empty for any sector.
    pub sectors: Vec<String>,
    pub max_grant: Option<i64>,
    pub max_rate: Option<i32>,
}

impl Rules {
    pub fn of(row: &funding_call::Model) -> Self {
        Self {
            opens_at: row.opens_at,
            closes_at: row.closes_at,
            closes_on: row.closes_on,
            zone: row.time_zone.parse().unwrap_or(Tz::UTC),
            applicant_kinds: row.applicant_kinds.to_vec(),
            countries: eligible_countries(&row.countries, &row.regions),
            sectors: row.sectors.to_vec(),
            max_grant: row.max_grant,
            max_rate: row.max_rate,
        }
    }
}

/// The countries named and those of the regions named, sorted, once each.
pub fn eligible_countries(countries: &[String], regions: &[String]) -> Vec<String> {
    let mut all: Vec<String> = countries
        .iter()
        .cloned()
        .chain(
            regions
                .iter()
                .filter_map(|region| regions::countries_in(region))
                .flatten()
                .cloned(),
        )
        .collect();
    all.sort();
    all.dedup();
    all
}

/// Which rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// The call takes applications now.
    Open,
    ApplicantKind,
    Country,
    Sector,
    MaximumGrant,
    CofinancingRate,
}

/// One rule, met or not, with the field it concerns and a sentence for people.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Verdict {
    pub rule: Rule,
    pub met: bool,
    /// The application field a broken rule is shown beside.
    pub field: &'static str,
    /// A stable code: `call_open`, `call_closed`, `call_not_open`, `ineligible_applicant_kind`...
    pub code: &'static str,
    pub message: String,
}

impl Verdict {
    fn new(
        rule: Rule,
        met: bool,
        field: &'static str,
        code: &'static str,
        message: String,
    ) -> Self {
        Self {
            rule,
            met,
            field,
            code,
            message,
        }
    }

    pub fn field_error(&self) -> FieldError {
        FieldError::new(self.field, self.code, self.message.clone())
    }
}

/// Whole days from the local day of `now` to the closing day, in the call's time zone.
pub fn days_left(rules: &Rules, now: DateTime<Utc>) -> i64 {
    let today = now.with_timezone(&rules.zone).date_naive();
    (rules.closes_on - today).num_days()
}

/// The rules about who may apply and when: time, applicant kind, country, sector.
pub fn applicant_rules(rules: &Rules, applicant: &Applicant, now: DateTime<Utc>) -> Vec<Verdict> {
    vec![
        open_rule(rules, now),
        kind_rule(rules, applicant),
        country_rule(rules, applicant),
        sector_rule(rules, applicant),
    ]
}

/// Every rule of the call for an application.
pub fn check(
    rules: &Rules,
    applicant: &Applicant,
    amounts: Amounts,
    now: DateTime<Utc>,
) -> Vec<Verdict> {
    let mut verdicts = applicant_rules(rules, applicant, now);
    verdicts.extend(amount_rules(rules, amounts));
    verdicts
}

/// The field errors of the broken rules, one a rule.
pub fn errors(verdicts: &[Verdict]) -> Vec<FieldError> {
    verdicts
        .iter()
        .filter(|verdict| !verdict.met)
        .map(Verdict::field_error)
        .collect()
}

fn open_rule(rules: &Rules, now: DateTime<Utc>) -> Verdict {
    let field = "call";
    match CallStatus::at(rules.opens_at, rules.closes_at, now) {
        CallStatus::Open => {
            let message = match days_left(rules, now) {
                0 => "closes today".to_owned(),
                1 => "closes tomorrow".to_owned(),
                days => format!("closes in {days} days"),
            };
            Verdict::new(Rule::Open, true, field, "call_open", message)
        }
        CallStatus::Forthcoming => Verdict::new(
            Rule::Open,
            false,
            field,
            "call_not_open",
            "this call does not take applications yet".into(),
        ),
        CallStatus::Closed => Verdict::new(
            Rule::Open,
            false,
            field,
            "call_closed",
            format!(
                "this call closed at the end of {} ({})",
                rules.closes_on,
                rules.zone.name()
            ),
        ),
    }
}

fn kind_rule(rules: &Rules, applicant: &Applicant) -> Verdict {
    let field = "organisation_id";
    match &applicant.organisation_kind {
        Some(kind) if rules.applicant_kinds.contains(kind) => Verdict::new(
            Rule::ApplicantKind,
            true,
            field,
            "eligible_applicant_kind",
            "your organisation is of an eligible kind".into(),
        ),
        Some(_) => Verdict::new(
            Rule::ApplicantKind,
            false,
            field,
            "ineligible_applicant_kind",
            format!(
                "your organisation is not of an eligible kind ({})",
                rules.applicant_kinds.join(", ")
            ),
        ),
        None => Verdict::new(
            Rule::ApplicantKind,
            false,
            field,
            "organisation_required",
            "apply on behalf of an organisation of an eligible kind".into(),
        ),
    }
}

fn country_rule(rules: &Rules, applicant: &Applicant) -> Verdict {
    let met = rules.countries.is_empty()
        || applicant
            .countries
            .iter()
            .any(|country| rules.countries.contains(country));
    let (code, message) = if met {
        (
            "eligible_country",
            "the project works in an eligible country",
        )
    } else {
        (
            "ineligible_country",
            "the project works in none of the call's countries or regions",
        )
    };
    Verdict::new(Rule::Country, met, "project_id", code, message.into())
}

fn sector_rule(rules: &Rules, applicant: &Applicant) -> Verdict {
    let met = rules.sectors.is_empty()
        || applicant.sectors.iter().any(|code| {
            rules
                .sectors
                .iter()
                .any(|eligible| code.starts_with(eligible.as_str()))
        });
    let (code, message) = if met {
        ("eligible_sector", "the project is in an eligible sector")
    } else {
        (
            "ineligible_sector",
            "the project is in none of the call's sectors",
        )
    };
    Verdict::new(Rule::Sector, met, "project_id", code, message.into())
}

/// The grant's ceiling and its share of the project's budget.
pub fn amount_rules(rules: &Rules, amounts: Amounts) -> Vec<Verdict> {
    let field = "amount_requested";
    let mut verdicts = Vec::new();
    if let Some(max) = rules.max_grant {
        let met = amounts.requested <= max;
        verdicts.push(if met {
            Verdict::new(
                Rule::MaximumGrant,
                true,
                field,
                "within_maximum_grant",
                format!("at most {max}"),
            )
        } else {
            Verdict::new(
                Rule::MaximumGrant,
                false,
                field,
                "over_maximum_grant",
                format!("ask for at most {max}, the call's maximum grant"),
            )
        });
    }
    if let Some(rate) = rules.max_rate {
        // In integers: requested / budget ≤ rate / 100, exactly at the cap included.
        let met = i128::from(amounts.requested) * 100
            <= i128::from(rate) * i128::from(amounts.project_budget);
        verdicts.push(if met {
            Verdict::new(
                Rule::CofinancingRate,
                true,
                field,
                "within_cofinancing_rate",
                format!("at most {rate} % of the project's budget"),
            )
        } else {
            Verdict::new(
                Rule::CofinancingRate,
                false,
                field,
                "over_cofinancing_rate",
                format!("the call finances at most {rate} % of the project's budget"),
            )
        });
    }
    verdicts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(zone: Tz) -> Rules {
        let (opens_at, closes_at) = window(
            NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
            zone,
        );
        Rules {
            opens_at,
            closes_at,
            closes_on: NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
            zone,
            applicant_kinds: vec!["local_authority".into(), "ngo".into()],
            countries: eligible_countries(&["FR".into()], &["1030".into()]),
            sectors: vec!["111".into(), "32161".into()],
            max_grant: Some(100_000),
            max_rate: Some(50),
        }
    }

    fn applicant() -> Applicant {
        Applicant {
            organisation_kind: Some("local_authority".into()),
            countries: vec!["SN".into()],
            sectors: vec!["11120".into()],
        }
    }

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn broken(verdicts: &[Verdict]) -> Vec<(&'static str, &'static str)> {
        verdicts
            .iter()
            .filter(|v| !v.met)
            .map(|v| (v.field, v.code))
            .collect()
    }

    const FINE: Amounts = Amounts {
        requested: 50_000,
        project_budget: 100_000,
    };

    #[test]
    fn the_last_minute_of_the_closing_day_in_the_calls_zone_is_open() {
        // Dakar is UTC+0, Paris UTC+2 on 31 March 2026 (summer time since the 29th).
        let dakar = rules(Tz::Africa__Dakar);
        assert!(
            broken(&check(
                &dakar,
                &applicant(),
                FINE,
                at("2026-03-31T23:59:59Z")
            ))
            .is_empty()
        );
        let closed = check(&dakar, &applicant(), FINE, at("2026-04-01T00:00:00Z"));
        assert_eq!(broken(&closed), [("call", "call_closed")]);
        let paris = rules(Tz::Europe__Paris);
        assert!(
            broken(&check(
                &paris,
                &applicant(),
                FINE,
                at("2026-03-31T21:59:00Z")
            ))
            .is_empty()
        );
        let late = check(&paris, &applicant(), FINE, at("2026-03-31T22:00:00Z"));
        assert_eq!(broken(&late), [("call", "call_closed")]);
    }

    #[test]
    fn the_first_minute_of_the_opening_day_is_open_and_the_one_before_is_not() {
        let paris = rules(Tz::Europe__Paris);
        // 1 March is winter time: UTC+1.
        let before = check(&paris, &applicant(), FINE, at("2026-02-28T22:59:59Z"));
        assert_eq!(broken(&before), [("call", "call_not_open")]);
        assert!(
            broken(&check(
                &paris,
                &applicant(),
                FINE,
                at("2026-02-28T23:00:00Z")
            ))
            .is_empty()
        );
    }

    #[test]
    fn each_broken_rule_is_an_error_of_its_own() {
        let rules = rules(Tz::UTC);
        let stranger = Applicant {
            organisation_kind: Some("company".into()),
            countries: vec!["BR".into()],
            sectors: vec!["21010".into()],
        };
        let greedy = Amounts {
            requested: 100_001,
            project_budget: 150_000,
        };
        let verdicts = check(&rules, &stranger, greedy, at("2026-04-02T00:00:00Z"));
        assert_eq!(
            broken(&verdicts),
            [
                ("call", "call_closed"),
                ("organisation_id", "ineligible_applicant_kind"),
                ("project_id", "ineligible_country"),
                ("project_id", "ineligible_sector"),
                ("amount_requested", "over_maximum_grant"),
                ("amount_requested", "over_cofinancing_rate"),
            ]
        );
        assert_eq!(errors(&verdicts).len(), 6);
    }

    #[test]
    fn exactly_the_maximum_rate_and_grant_are_accepted() {
        let rules = rules(Tz::UTC);
        let exact = Amounts {
            requested: 100_000,
            project_budget: 200_000,
        };
        assert!(broken(&amount_rules(&rules, exact)).is_empty());
        let one_more = Amounts {
            requested: 100_000,
            project_budget: 199_999,
        };
        assert_eq!(
            broken(&amount_rules(&rules, one_more)),
            [("amount_requested", "over_cofinancing_rate")]
        );
    }

    #[test]
    fn a_country_of_an_eligible_region_and_a_code_under_an_eligible_category_are_eligible() {
        let rules = rules(Tz::UTC);
        let mut applicant = applicant();
        applicant.countries = vec!["ML".into()];
        applicant.sectors = vec!["11110".into()];
        assert!(
            broken(&applicant_rules(
                &rules,
                &applicant,
                at("2026-03-15T12:00:00Z")
            ))
            .is_empty()
        );
        applicant.organisation_kind = None;
        assert_eq!(
            broken(&applicant_rules(
                &rules,
                &applicant,
                at("2026-03-15T12:00:00Z")
            )),
            [("organisation_id", "organisation_required")]
        );
    }

    #[test]
    fn days_left_count_local_days() {
        let rules = rules(Tz::UTC);
        assert_eq!(days_left(&rules, at("2026-03-19T10:00:00Z")), 12);
        let open = open_rule(&rules, at("2026-03-19T10:00:00Z"));
        assert_eq!(open.message, "closes in 12 days");
    }
}
