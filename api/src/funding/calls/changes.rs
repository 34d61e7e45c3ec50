//! A funder's changes to a published call: checked against the call as it stands, then turned
//! into the row's new values.

use chrono::Utc;
use sea_orm::ActiveValue::Set;
use validator::Validate;

use super::{dto::FundingCallChanges, service};
use crate::{
    entities::funding_call,
    error::{ApiError, Result},
    funding::eligibility::{self, Rules},
    search::text::title_text,
    taxonomies::{CountryCode, Taxonomies, code_strings},
};

/// The new values of a call's row, and whether the link rows that filters read (countries,
/// sectors) must be written again.
pub struct ChangedCall {
    pub row: funding_call::ActiveModel,
    pub links_changed: bool,
}

/// Checks `changes` against `current` (every broken rule a field error) and gives the row's
/// new values, its version one higher.
pub fn changed_row(
    current: &funding_call::Model,
    changes: &FundingCallChanges,
    taxonomies: &Taxonomies,
) -> Result<ChangedCall> {
    let mut errors = ApiError::field_errors_of(changes.validate());
    let countries = service::eligible_places(
        taxonomies,
        changes.countries.as_deref(),
        changes.regions.as_deref(),
        changes.sectors.as_deref(),
        &mut errors,
    );
    let zone = match changes.time_zone.as_deref().map(service::time_zone) {
        Some(Ok(zone)) => Some(zone),
        Some(Err(error)) => {
            errors.push(error);
            None
        }
        None => Some(Rules::of(current).zone),
    };
    let budget = changes.total_budget.unwrap_or(current.total_budget);
    errors.extend(service::max_grant_error(
        changes.max_grant.or(current.max_grant),
        budget,
    ));
    let opens_on = changes.opens_on.unwrap_or(current.opens_on);
    let closes_on = changes.closes_on.unwrap_or(current.closes_on);
    errors.extend(service::window_error(opens_on, closes_on));
    let Some(zone) = zone.filter(|_| errors.is_empty()) else {
        return Err(ApiError::Validation(errors));
    };

    let mut row = funding_call::ActiveModel {
        version: Set(current.version + 1),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    set_texts(&mut row, current, changes);
    set_amounts(&mut row, changes);
    let links_changed = set_eligibility(&mut row, changes, countries);
    if changes.opens_on.is_some() || changes.closes_on.is_some() || changes.time_zone.is_some() {
        let (opens_at, closes_at) = eligibility::window(opens_on, closes_on, zone);
        row.opens_on = Set(opens_on);
        row.closes_on = Set(closes_on);
        row.time_zone = Set(zone.name().to_owned());
        row.opens_at = Set(opens_at);
        row.closes_at = Set(closes_at);
    }
    Ok(ChangedCall { row, links_changed })
}

/// The words of a call, and its search text when any of them changes.
fn set_texts(
    row: &mut funding_call::ActiveModel,
    current: &funding_call::Model,
    changes: &FundingCallChanges,
) {
    let programme = changes
        .programme_name
        .as_deref()
        .unwrap_or(&current.programme_name)
        .trim()
        .to_owned();
    // An empty code removes it: the field is optional on publishing too.
    let code = match &changes.programme_code {
        Some(code) => Some(code.trim().to_owned()).filter(|code| !code.is_empty()),
        None => current.programme_code.clone(),
    };
    let title = changes.title.as_deref().unwrap_or(&current.title).trim();
    let description = changes
        .description
        .clone()
        .unwrap_or_else(|| current.description.clone());
    let touched = changes.programme_name.is_some()
        || changes.programme_code.is_some()
        || changes.title.is_some()
        || changes.description.is_some();
    if !touched {
        return;
    }
    row.search_text = Set(service::indexed_text(
        &programme,
        code.as_deref(),
        title,
        &description,
    ));
    row.search_title = Set(title_text(title));
    row.programme_name = Set(programme);
    row.programme_code = Set(code);
    row.title = Set(title.to_owned());
    row.description = Set(description);
}

fn set_amounts(row: &mut funding_call::ActiveModel, changes: &FundingCallChanges) {
    if let Some(budget) = changes.total_budget {
        row.total_budget = Set(budget);
    }
    if let Some(max) = changes.max_grant {
        row.max_grant = Set(Some(max));
    }
    if let Some(rate) = changes.max_cofinancing_rate {
        row.max_rate = Set(Some(rate));
    }
    if let Some(grants) = changes.grants_expected {
        row.grants_expected = Set(Some(grants));
    }
}

/// Who may apply; `true` when the places or sectors changed.
fn set_eligibility(
    row: &mut funding_call::ActiveModel,
    changes: &FundingCallChanges,
    countries: Option<Vec<CountryCode>>,
) -> bool {
    if let Some(kinds) = &changes.applicant_kinds {
        let codes: Vec<String> = kinds.iter().map(|kind| kind.as_str().to_owned()).collect();
        row.applicant_kinds = Set(codes.into());
    }
    if let Some(countries) = countries {
        row.countries = Set(code_strings(&countries).into());
    }
    if let Some(regions) = &changes.regions {
        row.regions = Set(regions.clone().into());
    }
    if let Some(sectors) = &changes.sectors {
        row.sectors = Set(sectors.clone().into());
    }
    changes.countries.is_some() || changes.regions.is_some() || changes.sectors.is_some()
}
