//! Filters that several kinds build alike from request parameters.

use super::query::Criteria;
use crate::{error::FieldError, taxonomies::regions};

/// `sector`: a 3-digit DAC category (field `sector_category`) or a 5-digit code (`sector`).
pub fn sector(criteria: &mut Criteria, sector: Option<&str>) {
    if let Some(sector) = sector {
        let field = if sector.len() == 3 {
            "sector_category"
        } else {
            "sector"
        };
        criteria.filter(field, [sector.to_owned()]);
    }
}

/// `region`: the countries of a DAC region (already checked by [`region_error`]) in `field`.
pub fn region(criteria: &mut Criteria, field: &'static str, region: Option<&str>) {
    if let Some(region) = region {
        let countries = regions::countries_in(region)
            .map(<[String]>::to_vec)
            .unwrap_or_default();
        criteria.filter(field, countries);
    }
}

/// The error for a `region` that is not a DAC region naming a place.
pub fn region_error(region: Option<&str>) -> Option<FieldError> {
    region
        .filter(|region| regions::countries_in(region).is_none())
        .map(|_| {
            FieldError::new(
                "region",
                "unknown_code",
                "use a DAC region code that names a place (see /api/v1/taxonomies/regions)",
            )
        })
}
