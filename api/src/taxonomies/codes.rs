//! The one place where codes a client sent are checked against the reference data. Each unknown
//! code becomes a field error that names where it was (`sectors[2]`, `territories[0].country`),
//! with the same code (`unknown_code`) and wording whatever the feature.

use super::{Taxonomies, TaxonomyKind};
use crate::error::FieldError;

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

    /// One code in `field`.
    pub fn one(mut self, kind: Code, field: &str, code: &str) -> Self {
        if !kind.is_known(code, self.taxonomies) {
            self.errors
                .push(FieldError::new(field, "unknown_code", kind.refusal(code)));
        }
        self
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
