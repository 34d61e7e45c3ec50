//! Which countries an OECD-DAC region holds, so that a region can filter by country and two
//! countries can be compared by region. The regions are those of the IATI `Region` codelist;
//! their membership is derived from the UN M49 regions and subregions (the `keshvar` crate)
//! rather than typed country by country, with the few places where the DAC draws its lines
//! differently written out below.

use std::{collections::HashMap, sync::LazyLock};

use keshvar::{Country, CountryIterator, Region, SubRegion};

/// The DAC regions that name a place. "Developing countries, unspecified" (998) does not.
const PLACES: &[&str] = &[
    "88", "89", "189", "289", "298", "380", "389", "489", "498", "589", "619", "679", "689", "789",
    "798", "889", "1027", "1028", "1029", "1030", "1031", "1032", "1033", "1034", "1035",
];

/// The finest regions, first match wins: what "the same region" means when matching.
const FINEST: &[&str] = &[
    "189", "1027", "1028", "1029", "1030", "1031", "1032", "489", "589", "619", "679", "789",
    "1033", "1034", "1035", "89",
];

static MEMBERS: LazyLock<HashMap<&'static str, Vec<String>>> = LazyLock::new(|| {
    let countries: Vec<Country> = CountryIterator::new().collect();
    PLACES
        .iter()
        .map(|region| {
            let members = countries
                .iter()
                .filter(|country| holds(region, country))
                .map(|country| country.alpha2().to_string())
                .collect();
            (*region, members)
        })
        .collect()
});

/// The ISO 3166-1 alpha-2 codes of the countries in a DAC region; `None` for a code that is
/// not a region or names no place.
pub fn countries_in(region: &str) -> Option<&'static [String]> {
    MEMBERS.get(region).map(Vec::as_slice)
}

/// The finest DAC region a country belongs to (a subregion in Africa), if any.
pub fn region_of(country: &str) -> Option<&'static str> {
    let country = country.to_ascii_uppercase();
    FINEST
        .iter()
        .copied()
        .find(|region| countries_in(region).is_some_and(|members| members.contains(&country)))
}

fn code(country: &Country) -> String {
    country.alpha2().to_string()
}

fn is_one_of(country: &Country, codes: &[&str]) -> bool {
    codes.contains(&code(country).as_str())
}

fn in_region(country: &Country, region: Region) -> bool {
    country.maybe_region() == Some(region)
}

fn in_subregion(country: &Country, subregions: &[SubRegion]) -> bool {
    country
        .maybe_subregion()
        .is_some_and(|subregion| subregions.contains(&subregion))
}

/// The DAC counts Sudan south of the Sahara (in Eastern Africa), where M49 puts it in
/// Northern Africa.
fn north_of_sahara(country: &Country) -> bool {
    in_subregion(country, &[SubRegion::NorthernAfrica]) && code(country) != "SD"
}

/// The DAC's Middle East: M49 Western Asia without the Caucasus, Cyprus and Turkey, with Iran.
fn middle_east(country: &Country) -> bool {
    (in_subregion(country, &[SubRegion::WesternAsia])
        && !is_one_of(country, &["AM", "AZ", "GE", "CY", "TR"]))
        || code(country) == "IR"
}

/// The DAC's Central Asia includes the Caucasus.
fn central_asia(country: &Country) -> bool {
    in_subregion(country, &[SubRegion::CentralAsia]) || is_one_of(country, &["AM", "AZ", "GE"])
}

/// The DAC's South Asia: M49 Southern Asia without Iran, with Myanmar.
fn south_asia(country: &Country) -> bool {
    (in_subregion(country, &[SubRegion::SouthernAsia]) && code(country) != "IR")
        || code(country) == "MM"
}

fn holds(region: &str, country: &Country) -> bool {
    use SubRegion as S;
    match region {
        "88" => is_one_of(country, &["BA", "HR", "ME", "MK", "RS", "SI", "XK"]),
        "89" => in_region(country, Region::Europe),
        "189" => north_of_sahara(country),
        "289" => in_region(country, Region::Africa) && !north_of_sahara(country),
        "298" => in_region(country, Region::Africa),
        "380" | "1031" => in_subregion(country, &[S::Caribbean]),
        "389" => in_subregion(country, &[S::Caribbean, S::CentralAmerica]),
        "1032" => in_subregion(country, &[S::CentralAmerica]),
        "489" => in_subregion(country, &[S::SouthAmerica]),
        "498" => in_region(country, Region::Americas),
        "589" => middle_east(country),
        "619" => central_asia(country),
        "679" => south_asia(country),
        "689" => central_asia(country) || south_asia(country),
        "789" => {
            in_subregion(country, &[S::EasternAsia, S::SouthEasternAsia]) && code(country) != "MM"
        }
        "798" => in_region(country, Region::Asia),
        "889" => in_region(country, Region::Oceania),
        "1027" => in_subregion(country, &[S::EasternAfrica]) || code(country) == "SD",
        "1028" => in_subregion(country, &[S::MiddleAfrica]),
        "1029" => in_subregion(country, &[S::SouthernAfrica]),
        "1030" => in_subregion(country, &[S::WesternAfrica]),
        "1033" => in_subregion(country, &[S::Melanesia]),
        "1034" => in_subregion(country, &[S::Micronesia]),
        "1035" => in_subregion(country, &[S::Polynesia]),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holds_country(region: &str, country: &str) -> bool {
        countries_in(region).is_some_and(|members| members.iter().any(|c| c == country))
    }

    #[test]
    fn west_africa_holds_senegal_and_not_kenya() {
        assert!(holds_country("1030", "SN"));
        assert!(holds_country("1030", "CI"));
        assert!(!holds_country("1030", "KE"));
        assert!(holds_country("1027", "KE"));
    }

    #[test]
    fn sudan_is_south_of_the_sahara_and_morocco_north_of_it() {
        assert!(holds_country("289", "SD"));
        assert!(!holds_country("189", "SD"));
        assert!(holds_country("189", "MA"));
        assert!(!holds_country("289", "MA"));
    }

    #[test]
    fn africa_is_north_and_south_of_the_sahara() {
        let africa = countries_in("298").unwrap();
        assert!(africa.len() >= 54, "{}", africa.len());
        let split = countries_in("189").unwrap().len() + countries_in("289").unwrap().len();
        assert_eq!(split, africa.len());
    }

    #[test]
    fn every_region_of_the_codelist_that_names_a_place_holds_countries() {
        for region in PLACES {
            assert!(!countries_in(region).unwrap().is_empty(), "{region}");
        }
        assert!(countries_in("998").is_none());
    }

    #[test]
    fn the_finest_region_of_a_country_is_its_african_subregion() {
        assert_eq!(region_of("sn"), Some("1030"));
        assert_eq!(region_of("CM"), Some("1028"));
        assert_eq!(region_of("ZA"), Some("1029"));
        assert_eq!(region_of("MA"), Some("189"));
        assert_eq!(region_of("FR"), Some("89"));
        assert_eq!(region_of("ZZ"), None);
    }
}
