//! Reads the IATI codelists vendored in `api/data/iati-codelists` (compiled into the binary).

use serde::Deserialize;

/// One codelist file, reduced to what we use.
#[derive(Debug, Deserialize)]
struct CodelistFile {
    #[serde(rename = "codelist-items")]
    items: CodelistItems,
}

#[derive(Debug, Deserialize)]
struct CodelistItems {
    #[serde(rename = "codelist-item", default)]
    items: Vec<ItemXml>,
}

#[derive(Debug, Deserialize)]
struct ItemXml {
    #[serde(rename = "@status", default)]
    status: Option<String>,
    code: String,
    name: NameXml,
    #[serde(default)]
    category: Option<String>,
}

#[derive(Debug, Deserialize)]
struct NameXml {
    #[serde(rename = "narrative", default)]
    narratives: Vec<NarrativeXml>,
}

#[derive(Debug, Deserialize)]
struct NarrativeXml {
    #[serde(rename = "@xml:lang", default)]
    lang: Option<String>,
    #[serde(rename = "$text", default)]
    text: String,
}

/// An active codelist item with its English name and, where the list has one, French name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodelistItem {
    pub code: String,
    pub category: Option<String>,
    pub name_en: String,
    pub name_fr: Option<String>,
}

/// The vendored files, by name.
pub mod files {
    pub const SECTOR: &str = include_str!("../../data/iati-codelists/Sector.xml");
    pub const SECTOR_CATEGORY: &str = include_str!("../../data/iati-codelists/SectorCategory.xml");
    pub const REGION: &str = include_str!("../../data/iati-codelists/Region.xml");
    pub const COUNTRY: &str = include_str!("../../data/iati-codelists/Country.xml");
    pub const CURRENCY: &str = include_str!("../../data/iati-codelists/Currency.xml");
    pub const LANGUAGE: &str = include_str!("../../data/iati-codelists/Language.xml");
    pub const SDG: &str = include_str!("../../data/iati-codelists/UNSDG-Goals.xml");
}

/// Parses a codelist and keeps its active items (withdrawn codes are not offered any more).
pub fn parse(xml: &str) -> Result<Vec<CodelistItem>, quick_xml::DeError> {
    let file: CodelistFile = quick_xml::de::from_str(xml)?;
    Ok(file
        .items
        .items
        .into_iter()
        .filter(|item| item.status.as_deref() != Some("withdrawn"))
        .map(|item| {
            let narrative = |lang: Option<&str>| {
                item.name
                    .narratives
                    .iter()
                    .find(|n| n.lang.as_deref() == lang)
                    .map(|n| n.text.trim().to_owned())
            };
            CodelistItem {
                name_en: narrative(None)
                    .or_else(|| narrative(Some("en")))
                    .unwrap_or_default(),
                name_fr: narrative(Some("fr")),
                code: item.code.trim().to_owned(),
                category: item.category.map(|c| c.trim().to_owned()),
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sectors_carry_their_category_and_both_labels() {
        let sectors = parse(files::SECTOR).unwrap();
        let agro = sectors.iter().find(|s| s.code == "32161").unwrap();
        assert_eq!(agro.category.as_deref(), Some("321"));
        assert_eq!(agro.name_en, "Agro-industries");
        assert_eq!(agro.name_fr.as_deref(), Some("Agro-industries"));
        assert!(sectors.len() > 250);
    }

    #[test]
    fn withdrawn_codes_are_left_out() {
        assert!(files::SECTOR.contains(r#"status="withdrawn""#));
        let withdrawn = parse(files::SECTOR).unwrap().len();
        let all = files::SECTOR.matches("<codelist-item>").count()
            + files::SECTOR.matches("<codelist-item ").count();
        assert_eq!(
            all - withdrawn,
            files::SECTOR.matches(r#"status="withdrawn""#).count()
        );
    }
}

/// The vendored copy is the standard's own: every file matches its recorded checksum and, where
/// the shared reference data sits beside the repository, that file byte for byte.
#[cfg(test)]
mod vendored_copy {
    use std::path::Path;

    use sha2::{Digest, Sha256};

    fn vendored_dir() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/iati-codelists")
    }

    #[test]
    fn every_file_matches_its_recorded_checksum() {
        let sums = std::fs::read_to_string(vendored_dir().join("SHA256SUMS")).unwrap();
        let mut checked = 0;
        for line in sums.lines() {
            let (expected, name) = line.split_once("  ").unwrap();
            let bytes = std::fs::read(vendored_dir().join(name)).unwrap();
            assert_eq!(
                hex::encode(Sha256::digest(&bytes)),
                expected,
                "{name} was changed"
            );
            checked += 1;
        }
        assert_eq!(checked, 9);
    }

    #[test]
    fn every_file_is_identical_to_the_shared_reference_data() {
        let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/iati-codelists");
        if !shared.is_dir() {
            eprintln!("no shared reference data beside the repository; checksums still hold");
            return;
        }
        let sums = std::fs::read_to_string(vendored_dir().join("SHA256SUMS")).unwrap();
        for name in sums
            .lines()
            .filter_map(|line| line.split_once("  ").map(|(_, name)| name))
        {
            let ours = std::fs::read(vendored_dir().join(name)).unwrap();
            let theirs = std::fs::read(shared.join(name)).unwrap();
            assert!(ours == theirs, "{name} differs from the shared codelist");
        }
    }
}
