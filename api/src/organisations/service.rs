//! The checks and writes of an organisation's own fields: what a new one and a change must
//! hold, and what a change of name, kind or country costs its verification.

use chrono::Utc;
use sea_orm::ActiveValue::Set;
use validator::Validate;

use super::{
    dto::{NewOrganisation, OrganisationChanges},
    listing, queries,
};
use crate::{
    db::{self, Db},
    entities::organisation::{self, Entity as OrganisationEntity},
    error::{ApiError, FieldError, Result},
    search::{ChangeKind, changes},
    taxonomies::{CodeCheck, CountryCode, Taxonomies},
};

fn website_error(website: &str) -> Option<FieldError> {
    let lower = website.to_ascii_lowercase();
    (!(lower.starts_with("https://") || lower.starts_with("http://")))
        .then(|| FieldError::new("website", "url", "use an http:// or https:// address"))
}

fn name_error(name: &str) -> Option<FieldError> {
    (name.trim().chars().count() < 2)
        .then(|| FieldError::new("name", "length", "use 2 to 200 characters"))
}

/// The country in `country`, parsed; an error in `errors` when unknown.
fn parse_country(
    country: &str,
    taxonomies: &Taxonomies,
    errors: &mut Vec<FieldError>,
) -> Option<CountryCode> {
    let mut check = CodeCheck::new(taxonomies);
    let parsed = check.country("country", country);
    errors.extend(check.errors());
    parsed
}

/// The country of a new organisation, parsed, or its field error (the demo seed parses its
/// drafts' country with this; a request goes through [`check_new`]).
pub fn country_of(new: &NewOrganisation, taxonomies: &Taxonomies) -> Result<CountryCode> {
    let mut errors = Vec::new();
    parse_country(&new.country, taxonomies, &mut errors).ok_or(ApiError::Validation(errors))
}

/// Every problem of a new organisation, as field errors; its country, parsed, when there is
/// none.
pub fn check_new(new: &NewOrganisation, taxonomies: &Taxonomies) -> Result<CountryCode> {
    let mut errors = ApiError::field_errors_of(new.validate());
    let country = parse_country(&new.country, taxonomies, &mut errors);
    if !errors.iter().any(|error| error.field == "website") {
        errors.extend(new.website.as_deref().and_then(website_error));
    }
    errors.extend(name_error(&new.name));
    // An unknown country left an error: no country, no organisation.
    match country {
        Some(country) if errors.is_empty() => Ok(country),
        _ => Err(ApiError::Validation(errors)),
    }
}

/// The row changes a member asks for, checked against the organisation as it is, with its new
/// search text; a facilitator verified this name, kind and country, so another one is
/// unverified again.
pub fn changes_of(
    current: &organisation::Model,
    changes: &OrganisationChanges,
    taxonomies: &Taxonomies,
) -> Result<organisation::ActiveModel> {
    let mut row = checked_fields(changes, taxonomies)?;
    let name = changes.name.as_deref().unwrap_or(&current.name);
    let city = changes.city.clone().unwrap_or(current.city.clone());
    let description = changes
        .description
        .clone()
        .unwrap_or(current.description.clone());
    let (search_text, search_title) =
        listing::indexed_text(name, city.as_deref(), description.as_deref());
    row.search_text = Set(search_text);
    row.search_title = Set(search_title);
    let renamed = changes
        .name
        .as_deref()
        .is_some_and(|name| name.trim() != current.name);
    let rekinded = changes.kind.is_some_and(|kind| kind != current.kind);
    let moved = changes
        .country
        .as_deref()
        .is_some_and(|country| country != current.country);
    if current.verified && (renamed || rekinded || moved) {
        row.verified = Set(false);
        row.verified_at = Set(None);
        row.verified_by = Set(None);
    }
    row.version = Set(current.version + 1);
    row.updated_at = Set(Utc::now());
    Ok(row)
}

/// The fields a change sets, each checked as a new organisation's would be.
fn checked_fields(
    changes: &OrganisationChanges,
    taxonomies: &Taxonomies,
) -> Result<organisation::ActiveModel> {
    let mut errors = ApiError::field_errors_of(changes.validate());
    let mut row = organisation::ActiveModel::default();
    if let Some(name) = &changes.name {
        errors.extend(name_error(name));
        row.name = Set(name.trim().to_owned());
    }
    if let Some(kind) = changes.kind {
        row.kind = Set(kind);
    }
    if let Some(country) = &changes.country
        && let Some(country) = parse_country(country, taxonomies, &mut errors)
    {
        row.country = Set(country.into_string());
    }
    if let Some(city) = &changes.city {
        if city.as_ref().is_some_and(|city| city.chars().count() > 100) {
            errors.push(FieldError::new(
                "city",
                "length",
                "use at most 100 characters",
            ));
        }
        row.city = Set(city.clone().filter(|city| !city.trim().is_empty()));
    }
    if let Some(website) = &changes.website {
        if let Some(website) = website {
            errors.extend(website_error(website));
            if website.len() > 300 {
                errors.push(FieldError::new(
                    "website",
                    "length",
                    "use at most 300 characters",
                ));
            }
        }
        row.website = Set(website.clone());
    }
    if let Some(description) = &changes.description {
        if description
            .as_ref()
            .is_some_and(|text| text.chars().count() > 5000)
        {
            let error = FieldError::new("description", "length", "use at most 5000 characters");
            errors.push(error);
        }
        row.description = Set(description.clone());
    }
    ApiError::valid(errors, row)
}

/// Writes checked changes to an organisation read at `current.version` (412 if it moved
/// since), with its entry in the change log; the organisation as stored.
pub async fn update(
    db: &Db,
    current: &organisation::Model,
    changes: organisation::ActiveModel,
) -> Result<organisation::Model> {
    let txn = db::write_transaction(db).await?;
    db::update_versioned::<OrganisationEntity, _>(&txn, changes, current).await?;
    let row = queries::find(&txn, current.id).await?;
    changes::record(&txn, ChangeKind::Organisation, row.id).await?;
    txn.commit().await?;
    Ok(row)
}

/// Deletes an organisation read at `current.version` (412 if it moved since). Its projects and
/// opportunities lose it (the foreign keys set it to null): they change in the listings too.
pub async fn delete(db: &Db, current: &organisation::Model) -> Result<()> {
    let txn = db::write_transaction(db).await?;
    let (projects, opportunities) = queries::published_for(&txn, current.id).await?;
    db::delete_versioned::<OrganisationEntity, _>(&txn, current).await?;
    changes::record_all(&txn, ChangeKind::Project, projects).await?;
    changes::record_all(&txn, ChangeKind::Opportunity, opportunities).await?;
    changes::record(&txn, ChangeKind::Organisation, current.id).await?;
    txn.commit().await?;
    Ok(())
}
