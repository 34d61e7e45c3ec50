//! The one place where codes a client sent are checked against the reference data. Each unknown
//! code becomes a field error that names where it was (`sectors[2]`, `territories[0].country`),
//! with the same code (`unknown_code`) and wording whatever the feature.
//!
//! A code that passed the check comes out typed (`SectorCode`, `CountryCode`, `LanguageCode`):
//! past the edge, a function that takes one needs no check of its own.

use std::fmt;

use serde::Serialize;

use super::{Taxonomies, TaxonomyKind};
use crate::error::FieldError;

/// A code known to the reference data. Made only by [`CodeCheck`] (a code a client sent) or by
/// `from_stored` (a code read back from our own rows).
macro_rules! known_code {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// A code read back from one of our rows. Trusted without the reference data: every
            /// code a row holds went through [`CodeCheck`] before it was written (the demo seed's
            /// catalog is held to the same reference data by its tests).
            pub fn from_stored(code: impl Into<String>) -> Self {
                Self(code.into())
            }

            /// Each code of a stored list, as [`Self::from_stored`].
            pub fn all_stored<S: AsRef<str>>(codes: &[S]) -> Vec<Self> {
                codes
                    .iter()
                    .map(|code| Self::from_stored(code.as_ref()))
                    .collect()
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl From<$name> for String {
            fn from(code: $name) -> Self {
                code.0
            }
        }
    };
}

known_code! {
    /// A 5-digit OECD-DAC sector code known to the reference data: what an item is about.
    SectorCode
}

known_code! {
    /// An ISO 3166-1 alpha-2 country code known to the reference data.
    CountryCode
}

known_code! {
    /// An ISO 639-1 language code known to the reference data.
    LanguageCode
}

impl SectorCode {
    /// Its DAC category (the 3-digit parent), which filters and facets group by.
    pub fn category(&self) -> &str {
        category_of(&self.0)
    }
}

/// The DAC category of a sector code: its first 3 digits. The one place for that rule;
/// a search filter's code (well formed, not necessarily known) goes through it too.
pub fn category_of(code: &str) -> &str {
    code.get(..3).unwrap_or(code)
}

/// Typed codes as the strings a list column holds.
pub fn code_strings<C: AsRef<str>>(codes: &[C]) -> Vec<String> {
    codes.iter().map(|code| code.as_ref().to_owned()).collect()
}

/// A sector link row's columns: what filters and facets on sectors read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectorLink {
    pub code: String,
    pub category: String,
}

/// The sector link rows of an item: one per distinct code, sorted, each with its category.
pub fn sector_links(codes: &[SectorCode]) -> Vec<SectorLink> {
    let mut codes = codes.to_vec();
    codes.sort();
    codes.dedup();
    codes
        .into_iter()
        .map(|code| SectorLink {
            category: code.category().to_owned(),
            code: code.into_string(),
        })
        .collect()
}

/// What a code field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    /// A 5-digit OECD-DAC sector code: what an item is about.
    Sector,
    /// A 5-digit sector or its 3-digit category: what a member follows.
    SectorOrCategory,
    /// An ISO 3166-1 alpha-2 country code.
    Country,
    /// An ISO 4217 currency code.
    Currency,
    /// An ISO 639-1 language code.
    Language,
}

impl Code {
    fn is_known(self, code: &str, taxonomies: &Taxonomies) -> bool {
        match self {
            Self::Sector => code.len() == 5 && taxonomies.contains(TaxonomyKind::Sectors, code),
            Self::SectorOrCategory => taxonomies.contains(TaxonomyKind::Sectors, code),
            Self::Country => taxonomies.contains(TaxonomyKind::Countries, code),
            Self::Currency => taxonomies.contains(TaxonomyKind::Currencies, code),
            Self::Language => taxonomies.contains(TaxonomyKind::Languages, code),
        }
    }

    /// Whether `code` has the form of this kind of code, whether or not it exists.
    fn is_well_formed(self, code: &str) -> bool {
        let letters = |n: usize| code.len() == n && code.chars().all(|c| c.is_ascii_alphabetic());
        let digits = code.chars().all(|c| c.is_ascii_digit());
        match self {
            Self::Sector => code.len() == 5 && digits,
            Self::SectorOrCategory => (code.len() == 3 || code.len() == 5) && digits,
            Self::Country | Self::Language => letters(2),
            Self::Currency => letters(3),
        }
    }

    fn expected_form(self) -> &'static str {
        match self {
            Self::Sector => "use a 5-digit DAC code",
            Self::SectorOrCategory => "use a 3-digit category or a 5-digit DAC code",
            Self::Country => "use an ISO 3166-1 alpha-2 code",
            Self::Currency => "use an ISO 4217 code",
            Self::Language => "use an ISO 639-1 code",
        }
    }

    fn refusal(self, code: &str) -> String {
        let what = match self {
            Self::Sector => "a DAC 5-digit sector code",
            Self::SectorOrCategory => "a DAC sector code or 3-digit category",
            Self::Country => "a known country code",
            Self::Currency => "an ISO 4217 code",
            Self::Language => "an ISO 639-1 language code",
        };
        format!("`{code}` is not {what}")
    }
}

/// Collects the unknown codes of one request body.
pub struct CodeCheck<'a> {
    taxonomies: &'a Taxonomies,
    errors: Vec<FieldError>,
}

impl<'a> CodeCheck<'a> {
    pub fn new(taxonomies: &'a Taxonomies) -> Self {
        Self {
            taxonomies,
            errors: Vec::new(),
        }
    }

    /// Whether `code` is known; an error at `field` when not.
    fn known(&mut self, kind: Code, field: &str, code: &str) -> bool {
        let known = kind.is_known(code, self.taxonomies);
        if !known {
            self.errors
                .push(FieldError::new(field, "unknown_code", kind.refusal(code)));
        }
        known
    }

    /// One code in `field`.
    pub fn one(mut self, kind: Code, field: &str, code: &str) -> Self {
        self.known(kind, field, code);
        self
    }

    /// The sector code in `field`, when known (an error otherwise).
    pub fn sector(&mut self, field: &str, code: &str) -> Option<SectorCode> {
        self.known(Code::Sector, field, code)
            .then(|| SectorCode(code.to_owned()))
    }

    /// The known sector codes of the list in `field`: one error at `field[index]` per unknown one.
    pub fn sectors(&mut self, field: &str, codes: &[String]) -> Vec<SectorCode> {
        let at = |index| format!("{field}[{index}]");
        codes
            .iter()
            .enumerate()
            .filter_map(|(index, code)| self.sector(&at(index), code))
            .collect()
    }

    /// The country code in `field`, when known (an error otherwise).
    pub fn country(&mut self, field: &str, code: &str) -> Option<CountryCode> {
        self.known(Code::Country, field, code)
            .then(|| CountryCode(code.to_owned()))
    }

    /// The known country codes of the list in `field`: one error at `field[index]` per unknown
    /// one.
    pub fn countries(&mut self, field: &str, codes: &[String]) -> Vec<CountryCode> {
        let at = |index| format!("{field}[{index}]");
        codes
            .iter()
            .enumerate()
            .filter_map(|(index, code)| self.country(&at(index), code))
            .collect()
    }

    /// The known country codes found inside a list of objects: `field[index].inner`.
    pub fn countries_in<'c>(
        &mut self,
        field: &str,
        inner: &str,
        codes: impl IntoIterator<Item = &'c str>,
    ) -> Vec<CountryCode> {
        codes
            .into_iter()
            .enumerate()
            .filter_map(|(index, code)| self.country(&format!("{field}[{index}].{inner}"), code))
            .collect()
    }

    /// The language code in `field`, when known (an error otherwise).
    pub fn language(&mut self, field: &str, code: &str) -> Option<LanguageCode> {
        self.known(Code::Language, field, code)
            .then(|| LanguageCode(code.to_owned()))
    }

    /// The known language codes of the list in `field`: one error at `field[index]` per unknown
    /// one.
    pub fn languages(&mut self, field: &str, codes: &[String]) -> Vec<LanguageCode> {
        let at = |index| format!("{field}[{index}]");
        codes
            .iter()
            .enumerate()
            .filter_map(|(index, code)| self.language(&at(index), code))
            .collect()
    }

    /// A code in `field` when one was sent.
    pub fn optional(self, kind: Code, field: &str, code: Option<&str>) -> Self {
        match code {
            Some(code) => self.one(kind, field, code),
            None => self,
        }
    }

    /// A list in `field`: one error at `field[index]` per unknown code.
    pub fn each(mut self, kind: Code, field: &str, codes: &[String]) -> Self {
        for (index, code) in codes.iter().enumerate() {
            self = self.one(kind, &format!("{field}[{index}]"), code);
        }
        self
    }

    /// A list in `field` when one was sent.
    pub fn each_optional(self, kind: Code, field: &str, codes: Option<&[String]>) -> Self {
        match codes {
            Some(codes) => self.each(kind, field, codes),
            None => self,
        }
    }

    /// Codes found somewhere inside a list of objects: `field[index].inner`.
    pub fn each_in<'c>(
        mut self,
        kind: Code,
        field: &str,
        inner: &str,
        codes: impl IntoIterator<Item = &'c str>,
    ) -> Self {
        for (index, code) in codes.into_iter().enumerate() {
            self = self.one(kind, &format!("{field}[{index}].{inner}"), code);
        }
        self
    }

    pub fn errors(self) -> Vec<FieldError> {
        self.errors
    }
}

/// The error for a search filter's code that does not have the form of one. A filter is not
/// refused for naming a code that exists nowhere: it simply finds nothing.
pub fn filter_error(kind: Code, field: &str, code: Option<&str>) -> Option<FieldError> {
    code.filter(|code| !kind.is_well_formed(code))
        .map(|_| FieldError::new(field, "unknown_code", kind.expected_form()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taxonomies() -> Taxonomies {
        Taxonomies::load().unwrap()
    }

    #[test]
    fn a_sector_category_is_its_first_three_digits() {
        assert_eq!(SectorCode::from_stored("31120").category(), "311");
        assert_eq!(category_of("15112"), "151");
        assert_eq!(category_of("15"), "15");
    }

    #[test]
    fn known_codes_come_out_typed() {
        let taxonomies = taxonomies();
        let mut check = CodeCheck::new(&taxonomies);
        let sector = check.sector("sector", "31120");
        let country = check.country("country", "SN");
        let language = check.language("language", "fr");
        assert_eq!(sector.map(|code| code.to_string()), Some("31120".into()));
        assert_eq!(country.as_ref().map(CountryCode::as_str), Some("SN"));
        assert_eq!(language.as_ref().map(AsRef::as_ref), Some("fr"));
        assert!(check.errors().is_empty());
    }

    #[test]
    fn unknown_codes_are_refused_at_their_field() {
        let taxonomies = taxonomies();
        let mut check = CodeCheck::new(&taxonomies);
        let codes = ["31120".to_owned(), "311".to_owned(), "99999".to_owned()];
        let sectors = check.sectors("sectors", &codes);
        assert_eq!(sectors, vec![SectorCode::from_stored("31120")]);
        assert_eq!(check.country("country", "ZZ"), None);
        let countries = ["FR".to_owned(), "XX".to_owned()];
        assert_eq!(check.countries("countries", &countries).len(), 1);
        assert_eq!(check.language("language", "xx"), None);
        let errors = check.errors();
        let fields: Vec<&str> = errors.iter().map(|error| error.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "sectors[1]",
                "sectors[2]",
                "country",
                "countries[1]",
                "language"
            ]
        );
        assert!(errors.iter().all(|error| error.code == "unknown_code"));
    }

    #[test]
    fn sector_links_are_distinct_sorted_and_categorised() {
        let codes = SectorCode::all_stored(&["31120", "15112", "31120"]);
        let links = sector_links(&codes);
        let pairs: Vec<(&str, &str)> = links
            .iter()
            .map(|link| (link.code.as_str(), link.category.as_str()))
            .collect();
        assert_eq!(pairs, [("15112", "151"), ("31120", "311")]);
    }

    #[test]
    fn a_stored_code_serialises_as_its_string() {
        let code = CountryCode::from_stored("SN");
        assert_eq!(serde_json::to_string(&code).unwrap(), "\"SN\"");
        assert_eq!(code.as_str(), "SN");
    }
}
