//! Country, language and currency names in French and English from the Unicode CLDR (through
//! ICU4X's compiled data), so that no label is typed by hand.

use icu_experimental::{
    dimension::provider::currency::displayname::CurrencyDisplaynameV1,
    displaynames::{
        DisplayNamesOptions,
        multi::{LanguageDisplayNames, RegionDisplayNames},
    },
    provider::Baked,
};
use icu_locale_core::{
    Locale,
    subtags::{Language, Region},
};
use icu_provider::prelude::*;

use super::Lang;

/// CLDR display names for one language.
pub struct DisplayNames {
    locale: Locale,
    regions: RegionDisplayNames,
    languages: LanguageDisplayNames,
}

impl DisplayNames {
    pub fn new(lang: Lang) -> Result<Self, DataError> {
        let locale: Locale = lang
            .as_str()
            .parse()
            .map_err(|_| DataError::custom("unparsable locale"))?;
        let options = DisplayNamesOptions::default();
        Ok(Self {
            regions: RegionDisplayNames::try_new((&locale).into(), options)?,
            languages: LanguageDisplayNames::try_new((&locale).into(), options)?,
            locale,
        })
    }

    /// The name of an ISO 3166-1 alpha-2 country.
    pub fn country(&self, code: &str) -> Option<String> {
        let region = Region::try_from_str(code).ok()?;
        self.regions.of(region).map(str::to_owned)
    }

    /// The name of an ISO 639-1 language.
    pub fn language(&self, code: &str) -> Option<String> {
        let language = Language::try_from_str(code).ok()?;
        self.languages.of(language).map(str::to_owned)
    }

    /// The name of an ISO 4217 currency.
    pub fn currency(&self, code: &str) -> Option<String> {
        let attributes = DataMarkerAttributes::try_from_str(code).ok()?;
        let locale = DataLocale::from(&self.locale);
        let request = DataRequest {
            id: DataIdentifierBorrowed::for_marker_attributes_and_locale(attributes, &locale),
            ..Default::default()
        };
        let response: DataResponse<CurrencyDisplaynameV1> = Baked.load(request).ok()?;
        let name: &str = response.payload.get();
        Some(name.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_in_both_languages() -> Result<(), DataError> {
        let fr = DisplayNames::new(Lang::Fr)?;
        let en = DisplayNames::new(Lang::En)?;
        assert_eq!(fr.country("SN").as_deref(), Some("Sénégal"));
        assert_eq!(en.country("CI").as_deref(), Some("Côte d’Ivoire"));
        assert_eq!(fr.language("wo").as_deref(), Some("wolof"));
        assert_eq!(en.language("sw").as_deref(), Some("Swahili"));
        assert_eq!(
            en.currency("XOF").as_deref(),
            Some("West African CFA Franc")
        );
        assert!(fr.currency("XOF").is_some_and(|name| name.contains("CFA")));
        Ok(())
    }
}
