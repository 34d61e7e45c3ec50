//! What full-text search indexes and looks for: words folded to lower case without accents,
//! with their French and English stems, so that `cooperation` finds `coopération` and
//! `eleveurs` finds `éleveur`.

use std::collections::BTreeSet;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// Lower-cases and strips accents: `Coopération` → `cooperation`.
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_owned)
        .collect::<Vec<_>>()
        .into_iter()
}

/// The indexed text of an item: each word, and its French and English stems.
pub fn search_text(parts: &[&str]) -> String {
    let french = Stemmer::create(Algorithm::French);
    let english = Stemmer::create(Algorithm::English);
    let mut tokens = Vec::new();
    for part in parts {
        for word in words(part) {
            let mut forms = BTreeSet::new();
            forms.insert(french.stem(&word).into_owned());
            forms.insert(english.stem(&word).into_owned());
            forms.remove(&word);
            tokens.push(word);
            tokens.extend(forms);
        }
    }
    tokens.join(" ")
}

/// The indexed words of a title alone (see `backend::relevance`).
pub fn title_text(title: &str) -> String {
    search_text(&[title])
}

/// The terms of a query: the shortest of each word's forms, to be matched as a prefix.
/// At most 8 terms; words of one letter are dropped.
pub fn query_terms(query: &str) -> Vec<String> {
    let french = Stemmer::create(Algorithm::French);
    let english = Stemmer::create(Algorithm::English);
    let mut terms: Vec<String> = words(query)
        .filter(|word| word.chars().count() > 1)
        .map(|word| {
            [
                french.stem(&word).into_owned(),
                english.stem(&word).into_owned(),
                word,
            ]
            .into_iter()
            .filter(|form| form.chars().count() > 1)
            .min_by_key(|form| form.chars().count())
            .unwrap_or_default()
        })
        .filter(|term| !term.is_empty())
        .collect();
    terms.dedup();
    terms.truncate(8);
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finds(document: &str, query: &str) -> bool {
        let indexed: Vec<String> = search_text(&[document])
            .split(' ')
            .map(str::to_owned)
            .collect();
        query_terms(query)
            .iter()
            .all(|term| indexed.iter().any(|token| token.starts_with(term.as_str())))
    }

    #[test]
    fn accents_and_case_do_not_matter() {
        assert!(finds(
            "Coopération décentralisée avec Ziguinchor",
            "cooperation"
        ));
        assert!(finds("Groupement d'éleveurs de Kolda", "eleveurs"));
        assert!(finds("Groupement d'éleveurs de Kolda", "ÉLEVEUR"));
        assert!(finds("cooperation between farmers", "coopération"));
    }

    #[test]
    fn plurals_and_stems_match_in_both_languages() {
        assert!(finds("un éleveur de chèvres", "eleveurs"));
        assert!(finds("mango processing units", "processing unit"));
        assert!(finds("transformation des mangues", "mangue"));
        assert!(!finds("transformation des mangues", "cajou"));
    }

    #[test]
    fn queries_keep_only_letters_and_digits() {
        assert_eq!(
            query_terms("\"drop\" OR 1=1; --"),
            vec!["drop", "or", "1"]
                .into_iter()
                .filter(|t| t.len() > 1)
                .map(String::from)
                .collect::<Vec<_>>()
        );
        assert!(query_terms("  ").is_empty());
    }
}
