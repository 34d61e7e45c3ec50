//! Checks and writes of calls for projects, shared by the routes and the demo seed.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::dto::NewFundingCall;
use crate::{
    entities::{
        funding_call::{self, Entity as FundingCallEntity},
        funding_call_country::{self, Entity as CallCountry},
        funding_call_sector::{self, Entity as CallSector},
        organisation,
    },
    error::{ApiError, FieldError, Result},
    funding::eligibility::{eligible_countries, window},
    organisations::{membership, queries},
    search::text::{search_text, title_text},
    taxonomies::{Code, CodeCheck, CountryCode, OrganisationKind, Taxonomies, code_strings},
};

/// The kinds of organisation that publish calls.
pub const FUNDER_KINDS: [OrganisationKind; 3] = [
    OrganisationKind::Funder,
    OrganisationKind::PublicAgency,
    OrganisationKind::LocalAuthority,
];

/// The value a link row holds for a call open to every country or sector.
pub const ANY: &str = "any";

/// The eligible countries of a new call, parsed, and in `errors` every problem with its codes
/// and dates (its shape is `validator`'s).
pub fn check_new(
    new: &NewFundingCall,
    taxonomies: &Taxonomies,
    errors: &mut Vec<FieldError>,
) -> Vec<CountryCode> {
    errors.extend(
        CodeCheck::new(taxonomies)
            .one(Code::Currency, "currency", &new.currency)
            .errors(),
    );
    let countries = eligible_places(
        taxonomies,
        Some(&new.countries),
        Some(&new.regions),
        Some(&new.sectors),
        errors,
    );
    errors.extend(time_zone(&new.time_zone).err());
    errors.extend(window_error(new.opens_on, new.closes_on));
    errors.extend(max_grant_error(new.max_grant, new.total_budget));
    countries.unwrap_or_default()
}

/// The eligible countries a call is given, new or changed (`None`: not given), parsed; in
/// `errors` the unknown countries, sectors and regions.
pub fn eligible_places(
    taxonomies: &Taxonomies,
    countries: Option<&[String]>,
    regions: Option<&[String]>,
    sectors: Option<&[String]>,
    errors: &mut Vec<FieldError>,
) -> Option<Vec<CountryCode>> {
    let mut check = CodeCheck::new(taxonomies);
    let countries = countries.map(|countries| check.countries("countries", countries));
    errors.extend(
        check
            .each_optional(Code::SectorOrCategory, "sectors", sectors)
            .errors(),
    );
    for (index, region) in regions.unwrap_or_default().iter().enumerate() {
        if crate::taxonomies::regions::countries_in(region).is_none() {
            errors.push(FieldError::new(
                format!("regions[{index}]"),
                "unknown_code",
                "use a DAC region code that names a place",
            ));
        }
    }
    countries
}

/// A call closes on or after the day it opens.
pub fn window_error(opens_on: NaiveDate, closes_on: NaiveDate) -> Option<FieldError> {
    (closes_on < opens_on)
        .then(|| FieldError::new("closes_on", "range", "close on or after the opening day"))
}

/// No grant is larger than the call's whole budget.
pub fn max_grant_error(max_grant: Option<i64>, total_budget: i64) -> Option<FieldError> {
    max_grant
        .is_some_and(|max| max > total_budget)
        .then(|| FieldError::new("max_grant", "range", "at most the call's total budget"))
}

/// A known IANA time zone.
pub fn time_zone(name: &str) -> std::result::Result<Tz, FieldError> {
    name.parse::<Tz>().map_err(|_| {
        FieldError::new(
            "time_zone",
            "unknown_code",
            "use an IANA time zone such as Europe/Paris",
        )
    })
}

/// The funder a member may publish for: an organisation of a funding kind they belong to.
pub async fn check_funder<C: ConnectionTrait>(
    db: &C,
    member: Uuid,
    funder: Uuid,
) -> Result<organisation::Model> {
    let row = queries::find(db, funder)
        .await
        .map_err(|_| ApiError::invalid_field("funder_id", "unknown", "no such organisation"))?;
    if membership(db, funder, member).await?.is_none() {
        return Err(ApiError::invalid_field(
            "funder_id",
            "not_a_member",
            "publish only for an organisation you belong to",
        ));
    }
    if !FUNDER_KINDS.contains(&row.kind) {
        return Err(ApiError::invalid_field(
            "funder_id",
            "not_a_funder",
            "calls are published by funders, public agencies and local authorities",
        ));
    }
    Ok(row)
}

pub fn indexed_text(programme: &str, code: Option<&str>, title: &str, description: &str) -> String {
    search_text(&[title, programme, code.unwrap_or_default(), description])
}

/// Inserts a checked call and its link rows.
pub async fn insert<C: ConnectionTrait>(
    db: &C,
    owner: Uuid,
    new: NewFundingCall,
    countries: &[CountryCode],
    now: DateTime<Utc>,
) -> Result<funding_call::Model> {
    let id = Uuid::now_v7();
    let zone = time_zone(&new.time_zone).map_err(|e| ApiError::Validation(vec![e]))?;
    let (opens_at, closes_at) = window(new.opens_on, new.closes_on, zone);
    let programme_code = new.programme_code.map(|code| code.trim().to_owned());
    let kinds: Vec<String> = new
        .applicant_kinds
        .iter()
        .map(|kind| kind.as_str().to_owned())
        .collect();
    let row = funding_call::ActiveModel {
        id: Set(id),
        funder_id: Set(new.funder_id),
        owner_id: Set(owner),
        search_text: Set(indexed_text(
            &new.programme_name,
            programme_code.as_deref(),
            &new.title,
            &new.description,
        )),
        search_title: Set(title_text(&new.title)),
        programme_name: Set(new.programme_name.trim().to_owned()),
        programme_code: Set(programme_code),
        title: Set(new.title.trim().to_owned()),
        description: Set(new.description),
        currency: Set(new.currency),
        total_budget: Set(new.total_budget),
        max_grant: Set(new.max_grant),
        max_rate: Set(new.max_cofinancing_rate),
        applicant_kinds: Set(kinds.clone().into()),
        countries: Set(code_strings(countries).into()),
        regions: Set(new.regions.clone().into()),
        sectors: Set(new.sectors.clone().into()),
        opens_on: Set(new.opens_on),
        closes_on: Set(new.closes_on),
        time_zone: Set(zone.name().to_owned()),
        opens_at: Set(opens_at),
        closes_at: Set(closes_at),
        grants_expected: Set(new.grants_expected),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    };
    FundingCallEntity::insert(row)
        .exec_without_returning(db)
        .await?;
    let call = find(db, id).await?;
    replace_link_rows(db, &call).await?;
    Ok(call)
}

pub async fn find<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<funding_call::Model> {
    FundingCallEntity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("funding call"))
}

/// Rewrites the country and sector rows that filters and facets read: the countries of the
/// call and of its regions, the sector codes, or `any`.
pub async fn replace_link_rows<C: ConnectionTrait>(
    db: &C,
    call: &funding_call::Model,
) -> Result<()> {
    CallCountry::delete_many()
        .filter(funding_call_country::Column::CallId.eq(call.id))
        .exec(db)
        .await?;
    CallSector::delete_many()
        .filter(funding_call_sector::Column::CallId.eq(call.id))
        .exec(db)
        .await?;
    let mut countries = eligible_countries(&call.countries, &call.regions);
    if countries.is_empty() {
        countries.push(ANY.into());
    }
    CallCountry::insert_many(countries.into_iter().map(|country| {
        funding_call_country::ActiveModel {
            call_id: Set(call.id),
            country: Set(country),
        }
    }))
    .exec_without_returning(db)
    .await?;
    let mut sectors = call.sectors.to_vec();
    sectors.sort();
    sectors.dedup();
    if sectors.is_empty() {
        sectors.push(ANY.into());
    }
    CallSector::insert_many(
        sectors
            .into_iter()
            .map(|code| funding_call_sector::ActiveModel {
                call_id: Set(call.id),
                category: Set(code.chars().take(3).collect()),
                code: Set(code),
            }),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Refuses (403) unless `member` belongs to the call's funder: its editors publish, edit
/// and review. The one rule for all three.
pub async fn require_funder_editor<C: ConnectionTrait>(
    db: &C,
    member: Uuid,
    call: &funding_call::Model,
) -> Result<()> {
    match membership(db, call.funder_id, member).await? {
        Some(_) => Ok(()),
        None => Err(ApiError::Forbidden),
    }
}
