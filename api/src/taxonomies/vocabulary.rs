//! Marcottage's own vocabularies. Their codes are part of the API; labels live here, next to
//! the codes, so that a new code cannot ship without both labels.

use crate::codelist::codelist;

use super::Lang;

codelist! {
    /// What kind of body an organisation is. Each maps onto an IATI OrganisationType code for
    /// exports.
    stored pub enum OrganisationKind {
        Company,
        Ngo,
        LocalAuthority,
        DiasporaAssociation,
        PublicAgency,
        Academic,
        Funder,
        Other,
    }
}

impl OrganisationKind {
    /// The IATI OrganisationType code (`Private Sector`, `National NGO`, `Local Government`...).
    pub fn iati_code(self) -> &'static str {
        match self {
            Self::Company => "70",
            Self::Ngo => "22",
            Self::LocalAuthority => "11",
            Self::DiasporaAssociation => "24",
            Self::PublicAgency => "10",
            Self::Academic => "80",
            Self::Funder => "60",
            Self::Other => "90",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Company, Lang::En) => "Company",
            (Self::Company, Lang::Fr) => "Entreprise",
            (Self::Ngo, Lang::En) => "NGO",
            (Self::Ngo, Lang::Fr) => "ONG",
            (Self::LocalAuthority, Lang::En) => "Local authority",
            (Self::LocalAuthority, Lang::Fr) => "Collectivité territoriale",
            (Self::DiasporaAssociation, Lang::En) => "Diaspora association",
            (Self::DiasporaAssociation, Lang::Fr) => "Association de la diaspora",
            (Self::PublicAgency, Lang::En) => "Public agency",
            (Self::PublicAgency, Lang::Fr) => "Organisme public",
            (Self::Academic, Lang::En) => "University or research body",
            (Self::Academic, Lang::Fr) => "Université ou organisme de recherche",
            (Self::Funder, Lang::En) => "Funder",
            (Self::Funder, Lang::Fr) => "Bailleur de fonds",
            (Self::Other, Lang::En) => "Other",
            (Self::Other, Lang::Fr) => "Autre",
        }
    }
}

codelist! {
    /// What an opportunity offers or seeks.
    stored pub enum OpportunityCategory {
        TechnicalPartnership,
        IndustrialPartnership,
        CommercialPartnership,
        FinancialPartnership,
        Internship,
        Job,
        Volunteering,
        AuthorityCooperation,
    }
}

impl OpportunityCategory {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::TechnicalPartnership, Lang::En) => "Technical partnership",
            (Self::TechnicalPartnership, Lang::Fr) => "Partenariat technique",
            (Self::IndustrialPartnership, Lang::En) => "Industrial partnership",
            (Self::IndustrialPartnership, Lang::Fr) => "Partenariat industriel",
            (Self::CommercialPartnership, Lang::En) => "Commercial partnership",
            (Self::CommercialPartnership, Lang::Fr) => "Partenariat commercial",
            (Self::FinancialPartnership, Lang::En) => "Financial partnership",
            (Self::FinancialPartnership, Lang::Fr) => "Partenariat financier",
            (Self::Internship, Lang::En) => "Internship",
            (Self::Internship, Lang::Fr) => "Stage",
            (Self::Job, Lang::En) => "Job",
            (Self::Job, Lang::Fr) => "Emploi",
            (Self::Volunteering, Lang::En) => "Volunteering",
            (Self::Volunteering, Lang::Fr) => "Bénévolat",
            (Self::AuthorityCooperation, Lang::En) => "Cooperation between authorities",
            (Self::AuthorityCooperation, Lang::Fr) => "Coopération décentralisée",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_the_serialised_names() {
        for kind in OrganisationKind::ALL {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
        for category in OpportunityCategory::ALL {
            assert_eq!(serde_json::to_value(category).unwrap(), category.as_str());
        }
    }

    #[test]
    fn organisation_kinds_map_to_existing_iati_types() {
        let types = include_str!("../../data/iati-codelists/OrganisationType.xml");
        for kind in OrganisationKind::ALL {
            assert!(
                types.contains(&format!("<code>{}</code>", kind.iati_code())),
                "{kind:?}"
            );
        }
    }
}
