//! Published projects as IATI 2.03 activities (<https://iatistandard.org/en/iati-standard/203/>),
//! with the standard's codelists: OrganisationType, OrganisationRole, ActivityStatus,
//! ActivityDateType, Country (ISO 3166-1), Sector vocabulary 1 (DAC 5-digit). A test
//! validates the document against the 2.03 XSD.

use chrono::{DateTime, Utc};
use quick_xml::escape::escape;

use crate::{
    entities::{organisation, project},
    projects::ProjectStage,
    taxonomies::OrganisationKind,
};

/// Who publishes the file: the marketplace. `reference` must become the identifier the
/// publisher registers with IATI before the file is registered on the IATI Registry.
#[derive(Debug, Clone)]
pub struct Publisher {
    pub reference: String,
    pub name: String,
}

impl Default for Publisher {
    fn default() -> Self {
        Self {
            reference: "XI-MARCOTTAGE".into(),
            name: "Marcottage".into(),
        }
    }
}

pub const CLOSING: &str = "</iati-activities>\n";

pub fn opening(at: DateTime<Utc>) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iati-activities version=\"2.03\" \
         generated-datetime=\"{}\">\n",
        at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    )
}

/// IATI OrganisationType of a marketplace organisation kind.
fn organisation_type(kind: OrganisationKind) -> &'static str {
    match kind {
        OrganisationKind::Company => "70",             // Private Sector
        OrganisationKind::Ngo => "22",                 // National NGO
        OrganisationKind::DiasporaAssociation => "22", // National NGO
        OrganisationKind::LocalAuthority | OrganisationKind::PublicAgency => "10", // Government
        OrganisationKind::Academic => "80",            // Academic, Training and Research
        OrganisationKind::Funder => "60",              // Foundation
        OrganisationKind::Other => "90",               // Other
    }
}

/// IATI ActivityStatus of a published project: an idea is in its pipeline, a project or a
/// venture under way.
fn activity_status(stage: ProjectStage) -> &'static str {
    match stage {
        ProjectStage::Idea => "1",
        ProjectStage::Project | ProjectStage::Venture => "2",
    }
}

fn narrative(text: &str, lang: Option<&str>) -> String {
    match lang {
        Some(lang) => format!(
            "<narrative xml:lang=\"{}\">{}</narrative>",
            escape(lang),
            escape(text.trim())
        ),
        None => format!("<narrative>{}</narrative>", escape(text.trim())),
    }
}

/// Shares of 100 for `n` items, the remainder on the first (IATI wants percentages that add
/// up to 100 when a vocabulary has several codes).
fn shares(n: usize) -> Vec<u32> {
    if n == 0 {
        return Vec::new();
    }
    let each = 100 / n as u32;
    let mut shares = vec![each; n];
    shares[0] += 100 - each * n as u32;
    shares
}

/// One `iati-activity`, in the element order the schema requires.
pub fn activity(
    publisher: &Publisher,
    row: &project::Model,
    organisation: Option<&organisation::Model>,
) -> String {
    let lang = row.language.as_str();
    let mut xml = format!(
        "<iati-activity last-updated-datetime=\"{}\" xml:lang=\"{}\"",
        row.updated_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        escape(lang),
    );
    if let Some(currency) = &row.budget_currency {
        xml.push_str(&format!(
            " default-currency=\"{}\"",
            escape(currency.as_str())
        ));
    }
    xml.push('>');
    xml.push_str(&format!(
        "<iati-identifier>{}-{}</iati-identifier>",
        escape(publisher.reference.as_str()),
        row.id
    ));
    xml.push_str(&format!(
        "<reporting-org ref=\"{}\" type=\"90\">{}</reporting-org>",
        escape(publisher.reference.as_str()),
        narrative(&publisher.name, None)
    ));
    xml.push_str(&format!("<title>{}</title>", narrative(&row.title, None)));
    xml.push_str(&format!(
        "<description type=\"1\">{}</description>",
        narrative(&row.summary, None)
    ));
    if !row.description.trim().is_empty() {
        xml.push_str(&format!(
            "<description type=\"2\">{}</description>",
            narrative(&row.description, None)
        ));
    }
    match organisation {
        // Implementing (role 4): the organisation that carries the project.
        Some(org) => xml.push_str(&format!(
            "<participating-org role=\"4\" type=\"{}\">{}</participating-org>",
            organisation_type(org.kind),
            narrative(&org.name, None)
        )),
        None => xml.push_str(&format!(
            "<participating-org role=\"4\">{}</participating-org>",
            narrative("Porteur de projet individuel", Some("fr"))
        )),
    }
    xml.push_str(&format!(
        "<activity-status code=\"{}\"/>",
        activity_status(row.stage)
    ));
    // ActivityDateType 2 (actual start): the day the project appeared on the marketplace.
    xml.push_str(&format!(
        "<activity-date type=\"2\" iso-date=\"{}\">{}</activity-date>",
        row.created_at.format("%Y-%m-%d"),
        narrative("Publication sur Marcottage", Some("fr"))
    ));
    let countries = &row.countries;
    for (code, share) in countries.iter().zip(shares(countries.len())) {
        xml.push_str(&format!(
            "<recipient-country code=\"{}\" percentage=\"{share}\"/>",
            escape(code.as_str())
        ));
    }
    let sectors = &row.sectors;
    for (code, share) in sectors.iter().zip(shares(sectors.len())) {
        xml.push_str(&format!(
            "<sector vocabulary=\"1\" code=\"{}\" percentage=\"{share}\"/>",
            escape(code.as_str())
        ));
    }
    xml.push_str("</iati-activity>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_add_up_to_a_hundred() {
        assert_eq!(shares(3), [34, 33, 33]);
        assert_eq!(shares(1), [100]);
        assert!(shares(0).is_empty());
    }
}
