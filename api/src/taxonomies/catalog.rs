//! All taxonomies, built once at start-up and rendered ahead of time: a taxonomy response is a
//! lookup, never a computation.

use std::collections::{HashMap, HashSet};

use actix_web::web::Bytes;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use super::{
    Lang,
    codelist::{self, CodelistItem, files},
    names::DisplayNames,
    vocabulary::{OpportunityCategory, OrganisationKind},
};

/// The taxonomies served under `/api/v1/taxonomies/{taxonomy}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TaxonomyKind {
    /// OECD-DAC sectors: 3-digit categories and the 5-digit codes under them (`parent`).
    Sectors,
    /// ISO 3166-1 alpha-2 countries.
    Countries,
    /// OECD-DAC regions.
    Regions,
    /// ISO 4217 currencies.
    Currencies,
    /// ISO 639-1 languages.
    Languages,
    /// Kinds of organisation.
    OrganisationKinds,
    /// Categories of opportunity.
    OpportunityCategories,
    /// The UN Sustainable Development Goals.
    Sdgs,
}

impl TaxonomyKind {
    pub const ALL: [Self; 8] = [
        Self::Sectors,
        Self::Countries,
        Self::Regions,
        Self::Currencies,
        Self::Languages,
        Self::OrganisationKinds,
        Self::OpportunityCategories,
        Self::Sdgs,
    ];
}

/// One code of a taxonomy with its labels in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub code: String,
    pub parent: Option<String>,
    pub label_en: String,
    pub label_fr: String,
}

impl Term {
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.label_en,
            Lang::Fr => &self.label_fr,
        }
    }
}

/// A taxonomy as the API returns it.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Taxonomy)]
pub struct TaxonomyBody<'a> {
    pub taxonomy: TaxonomyKind,
    pub lang: Lang,
    pub items: Vec<TermBody<'a>>,
}

/// A code with its label in the requested language.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = TaxonomyTerm)]
pub struct TermBody<'a> {
    /// The standard's code (`32161`, `SN`, `XOF`, `wo`, `ngo`).
    pub code: &'a str,
    pub label: &'a str,
    /// The enclosing code: a 5-digit sector's 3-digit category.
    pub parent: Option<&'a str>,
}

/// A response body prepared at start-up, with its entity tag.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub body: Bytes,
    pub etag: String,
}

/// Every taxonomy, with fast membership checks for validating codes in requests.
#[derive(Debug)]
pub struct Taxonomies {
    terms: HashMap<TaxonomyKind, Vec<Term>>,
    codes: HashMap<TaxonomyKind, HashSet<String>>,
    rendered: HashMap<(TaxonomyKind, Lang), Rendered>,
}

impl Taxonomies {
    /// Builds every taxonomy from the vendored codelists and CLDR names.
    pub fn load() -> anyhow::Result<Self> {
        let en = DisplayNames::new(Lang::En)?;
        let fr = DisplayNames::new(Lang::Fr)?;
        let mut terms = HashMap::new();
        terms.insert(TaxonomyKind::Sectors, sectors()?);
        terms.insert(TaxonomyKind::Regions, from_codelist(files::REGION)?);
        terms.insert(TaxonomyKind::Sdgs, from_codelist(files::SDG)?);
        terms.insert(
            TaxonomyKind::Countries,
            with_cldr_names(files::COUNTRY, |names, code| names.country(code), &en, &fr)?,
        );
        terms.insert(
            TaxonomyKind::Languages,
            with_cldr_names(
                files::LANGUAGE,
                |names, code| names.language(code),
                &en,
                &fr,
            )?,
        );
        terms.insert(
            TaxonomyKind::Currencies,
            with_cldr_names(
                files::CURRENCY,
                |names, code| names.currency(code),
                &en,
                &fr,
            )?,
        );
        terms.insert(
            TaxonomyKind::OrganisationKinds,
            OrganisationKind::ALL
                .iter()
                .map(|kind| own_term(kind.as_str(), |lang| kind.label(lang)))
                .collect(),
        );
        terms.insert(
            TaxonomyKind::OpportunityCategories,
            OpportunityCategory::ALL
                .iter()
                .map(|category| own_term(category.as_str(), |lang| category.label(lang)))
                .collect(),
        );
        Self::from_terms(terms)
    }

    fn from_terms(terms: HashMap<TaxonomyKind, Vec<Term>>) -> anyhow::Result<Self> {
        let codes = terms
            .iter()
            .map(|(kind, terms)| (*kind, terms.iter().map(|t| t.code.clone()).collect()))
            .collect();
        let mut rendered = HashMap::new();
        for (kind, list) in &terms {
            for lang in Lang::ALL {
                rendered.insert((*kind, lang), render(*kind, lang, list)?);
            }
        }
        Ok(Self {
            terms,
            codes,
            rendered,
        })
    }

    /// Whether `code` belongs to the taxonomy.
    pub fn contains(&self, kind: TaxonomyKind, code: &str) -> bool {
        self.codes
            .get(&kind)
            .is_some_and(|codes| codes.contains(code))
    }

    /// The terms of a taxonomy, in the standard's order.
    pub fn terms(&self, kind: TaxonomyKind) -> &[Term] {
        self.terms.get(&kind).map(Vec::as_slice).unwrap_or_default()
    }

    /// The prepared response for a taxonomy in a language.
    pub fn rendered(&self, kind: TaxonomyKind, lang: Lang) -> Option<&Rendered> {
        self.rendered.get(&(kind, lang))
    }
}

fn render(kind: TaxonomyKind, lang: Lang, terms: &[Term]) -> anyhow::Result<Rendered> {
    let body = TaxonomyBody {
        taxonomy: kind,
        lang,
        items: terms
            .iter()
            .map(|term| TermBody {
                code: &term.code,
                label: term.label(lang),
                parent: term.parent.as_deref(),
            })
            .collect(),
    };
    let body = serde_json::to_vec(&body)?;
    let digest = Sha256::digest(&body);
    Ok(Rendered {
        etag: format!("\"{}\"", hex::encode(&digest[..16])),
        body: Bytes::from(body),
    })
}

/// 3-digit categories first, each followed by its 5-digit codes.
fn sectors() -> anyhow::Result<Vec<Term>> {
    let categories = codelist::parse(files::SECTOR_CATEGORY)?;
    let codes = codelist::parse(files::SECTOR)?;
    let mut terms = Vec::with_capacity(categories.len() + codes.len());
    for category in &categories {
        terms.push(iati_term(category, None));
        terms.extend(
            codes
                .iter()
                .filter(|code| code.category.as_deref() == Some(category.code.as_str()))
                .map(|code| iati_term(code, Some(category.code.clone()))),
        );
    }
    Ok(terms)
}

fn from_codelist(xml: &str) -> anyhow::Result<Vec<Term>> {
    Ok(codelist::parse(xml)?
        .iter()
        .map(|item| iati_term(item, None))
        .collect())
}

/// An IATI term; where the list has no French label, the English one stands in.
fn iati_term(item: &CodelistItem, parent: Option<String>) -> Term {
    Term {
        code: item.code.clone(),
        parent,
        label_fr: item.name_fr.clone().unwrap_or_else(|| item.name_en.clone()),
        label_en: item.name_en.clone(),
    }
}

/// Codes from the IATI list, names from CLDR (the IATI English name when CLDR has none).
fn with_cldr_names(
    xml: &str,
    name: impl Fn(&DisplayNames, &str) -> Option<String>,
    en: &DisplayNames,
    fr: &DisplayNames,
) -> anyhow::Result<Vec<Term>> {
    Ok(codelist::parse(xml)?
        .into_iter()
        .map(|item| {
            let label_en = name(en, &item.code).unwrap_or_else(|| item.name_en.clone());
            let label_fr = name(fr, &item.code).unwrap_or_else(|| label_en.clone());
            Term {
                code: item.code,
                parent: None,
                label_en,
                label_fr,
            }
        })
        .collect())
}

fn own_term(code: &str, label: impl Fn(Lang) -> &'static str) -> Term {
    Term {
        code: code.to_owned(),
        parent: None,
        label_en: label(Lang::En).to_owned(),
        label_fr: label(Lang::Fr).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_taxonomy_is_rendered_in_both_languages() {
        let taxonomies = Taxonomies::load().unwrap();
        for kind in TaxonomyKind::ALL {
            assert!(!taxonomies.terms(kind).is_empty(), "{kind:?} is empty");
            for lang in Lang::ALL {
                assert!(taxonomies.rendered(kind, lang).is_some());
            }
        }
    }

    #[test]
    fn sector_codes_follow_their_category() {
        let taxonomies = Taxonomies::load().unwrap();
        let sectors = taxonomies.terms(TaxonomyKind::Sectors);
        let position = |code: &str| sectors.iter().position(|t| t.code == code).unwrap();
        assert!(position("311") < position("31161"));
        assert_eq!(sectors[position("31161")].parent.as_deref(), Some("311"));
        assert!(taxonomies.contains(TaxonomyKind::Sectors, "321"));
        assert!(!taxonomies.contains(TaxonomyKind::Sectors, "99999"));
    }

    #[test]
    fn most_countries_have_a_distinct_french_name() {
        let taxonomies = Taxonomies::load().unwrap();
        let countries = taxonomies.terms(TaxonomyKind::Countries);
        let translated = countries
            .iter()
            .filter(|t| t.label_fr != t.label_en)
            .count();
        assert!(
            translated * 2 > countries.len(),
            "{translated} of {}",
            countries.len()
        );
    }
}
