//! Published projects as IATI 2.03 activities (<https://iatistandard.org/en/iati-standard/203/>),
//! with the standard's codelists: OrganisationType, OrganisationRole, ActivityStatus,
//! ActivityDateType, Country (ISO 3166-1), Sector vocabulary 1 (DAC 5-digit), TransactionType,
//! ResultType and IndicatorMeasure. A project's financing plan becomes its incoming
//! transactions and its result indicators its results. A test validates the document against
//! the 2.03 XSD.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use quick_xml::escape::escape;

use crate::{
    entities::{financing_line, indicator_measurement, organisation, project, result_indicator},
    projects::ProjectStage,
    taxonomies::OrganisationKind,
};

/// A published project and what its activity reports: who carries it, who finances it, the
/// results it measures.
#[derive(Debug, Clone)]
pub struct Activity {
    pub project: project::Model,
    pub organisation: Option<organisation::Model>,
    pub financing: Vec<financing_line::Model>,
    /// Each indicator with its measurements, oldest first.
    pub indicators: Vec<(result_indicator::Model, Vec<indicator_measurement::Model>)>,
}

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

fn day(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// One `transaction` per financing line: TransactionType 11 (incoming commitment) for an
/// amount pledged, 1 (incoming funds) for one received, dated the day it was recorded.
fn transaction(line: &financing_line::Model) -> String {
    let code = if line.status == "received" { "1" } else { "11" };
    let on = day(line.updated_at.date_naive());
    format!(
        "<transaction><transaction-type code=\"{code}\"/><transaction-date iso-date=\"{on}\"/>\
         <value currency=\"{}\" value-date=\"{on}\">{}</value>\
         <provider-org>{}</provider-org></transaction>",
        escape(line.currency.as_str()),
        line.amount,
        narrative(&line.funder_name, None)
    )
}

/// One `result` (ResultType 1, output) per indicator: its baseline, a period up to its due date
/// with the target, and a period per measurement with the value reached and the note.
fn result(
    indicator: &result_indicator::Model,
    measurements: &[indicator_measurement::Model],
) -> String {
    let start = indicator
        .baseline_date
        .unwrap_or_else(|| indicator.created_at.date_naive())
        .min(indicator.due_on);
    let title = format!("{} ({})", indicator.title, indicator.unit);
    let mut xml = format!(
        "<result type=\"1\"><title>{}</title><indicator measure=\"1\" ascending=\"{}\">\
         <title>{}</title>",
        narrative(&indicator.title, None),
        u8::from(indicator.target_value >= indicator.baseline_value),
        narrative(&title, None),
    );
    if let Some(description) = indicator
        .description
        .as_deref()
        .filter(|d| !d.trim().is_empty())
    {
        xml.push_str(&format!(
            "<description>{}</description>",
            narrative(description, None)
        ));
    }
    xml.push_str(&format!(
        "<baseline year=\"{}\" iso-date=\"{}\" value=\"{}\"/>",
        start.year(),
        day(start),
        indicator.baseline_value
    ));
    xml.push_str(&format!(
        "<period><period-start iso-date=\"{}\"/><period-end iso-date=\"{}\"/>\
         <target value=\"{}\"/></period>",
        day(start),
        day(indicator.due_on),
        indicator.target_value
    ));
    let mut since = start;
    for measurement in measurements {
        let comment = measurement
            .note
            .as_deref()
            .filter(|note| !note.trim().is_empty())
            .map(|note| format!("<comment>{}</comment>", narrative(note, None)))
            .unwrap_or_default();
        xml.push_str(&format!(
            "<period><period-start iso-date=\"{}\"/><period-end iso-date=\"{}\"/>\
             <actual value=\"{}\">{comment}</actual></period>",
            day(since.min(measurement.measured_on)),
            day(measurement.measured_on),
            measurement.value
        ));
        since = measurement.measured_on;
    }
    xml.push_str("</indicator></result>");
    xml
}

/// One `iati-activity`, in the element order the schema requires.
pub fn activity(publisher: &Publisher, activity: &Activity) -> String {
    let row = &activity.project;
    let mut xml = activity_opening(publisher, row);
    xml.push_str(&participating_org(activity.organisation.as_ref()));
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
    xml.push_str(&countries_and_sectors(row));
    for line in &activity.financing {
        xml.push_str(&transaction(line));
    }
    for (indicator, measurements) in &activity.indicators {
        xml.push_str(&result(indicator, measurements));
    }
    xml.push_str("</iati-activity>\n");
    xml
}

/// The activity's opening tag, identifier, reporting organisation, title and descriptions.
fn activity_opening(publisher: &Publisher, row: &project::Model) -> String {
    let mut xml = format!(
        "<iati-activity last-updated-datetime=\"{}\" xml:lang=\"{}\"",
        row.updated_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        escape(row.language.as_str()),
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
    xml
}

/// Implementing (role 4): the organisation that carries the project, or its member alone.
fn participating_org(organisation: Option<&organisation::Model>) -> String {
    match organisation {
        Some(org) => format!(
            "<participating-org role=\"4\" type=\"{}\">{}</participating-org>",
            organisation_type(org.kind),
            narrative(&org.name, None)
        ),
        None => format!(
            "<participating-org role=\"4\">{}</participating-org>",
            narrative("Porteur de projet individuel", Some("fr"))
        ),
    }
}

/// The recipient countries and the DAC sectors (vocabulary 1), shares of 100 each.
fn countries_and_sectors(row: &project::Model) -> String {
    let mut xml = String::new();
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
