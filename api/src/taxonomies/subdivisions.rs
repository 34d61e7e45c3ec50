//! ISO 3166-2 subdivision codes (`FR-IDF`, `SN-DK`): the country's alpha-2 code, a hyphen and
//! one to three letters or digits. We hold no list of them, so the shape and the country are
//! what is checked.

use crate::error::FieldError;

/// The code in its stored form (upper case, `IDF` given with `FR` becomes `FR-IDF`).
pub fn normalise(country: &str, code: &str) -> String {
    let code = code.trim().to_uppercase();
    if code.contains('-') {
        code
    } else {
        format!("{}-{code}", country.to_uppercase())
    }
}

/// Whether `code` has the shape of a subdivision of `country`.
pub fn is_in(country: &str, code: &str) -> bool {
    let Some((prefix, local)) = code.split_once('-') else {
        return false;
    };
    prefix.eq_ignore_ascii_case(country)
        && (1..=3).contains(&local.len())
        && local.chars().all(|c| c.is_ascii_alphanumeric())
}

/// The error for a subdivision that is not one of `country`'s.
pub fn error(field: &str, country: &str, code: &str) -> Option<FieldError> {
    (!is_in(country, code)).then(|| {
        FieldError::new(
            field,
            "unknown_code",
            format!("use an ISO 3166-2 code of {country}, such as {country}-XX"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subdivision_belongs_to_its_country() {
        assert!(is_in("FR", "FR-IDF") && is_in("SN", "SN-DK") && is_in("FR", "FR-13"));
        assert!(!is_in("FR", "SN-DK") && !is_in("FR", "FR-") && !is_in("FR", "FR-ABCD"));
        assert_eq!(normalise("fr", "idf"), "FR-IDF");
        assert_eq!(normalise("FR", "fr-pac"), "FR-PAC");
    }
}
