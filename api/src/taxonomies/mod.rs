//! Reference data: the standard vocabularies every other feature speaks (sectors, countries,
//! regions, currencies, languages, SDGs) and our own (organisation kinds, opportunity
//! categories), with French and English labels.

mod catalog;
mod codelist;
mod codes;
mod language;
mod names;
pub mod regions;
mod routes;
pub mod subdivisions;
mod vocabulary;

pub use catalog::{Taxonomies, TaxonomyKind, Term};
pub use codes::{
    Code, CodeCheck, CountryCode, LanguageCode, SectorCode, SectorLink, category_of, code_strings,
    filter_error, sector_links,
};
pub use language::Lang;
pub use routes::configure;
pub use vocabulary::{OpportunityCategory, OrganisationKind};
