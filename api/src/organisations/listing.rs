//! Organisations as a kind of listing: the directory searched by words, kind, country and
//! verification.

use sea_orm::{
    ActiveEnum, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};
use serde_json::value::to_raw_value;

use super::dto::{Organisation, OrganisationFacets, OrganisationQuery};
use crate::db::Db;
use crate::{
    entities::organisation::{self, Entity as OrganisationEntity},
    error::{ApiError, Result},
    search::{
        ChangeKind, Criteria, Document, Field, ListingKind, Scope, SortKey, Stored,
        kind::{ListingRequest, PageParams, ScopeColumns, scoped, set_value},
        query::query_errors,
        text::{search_text, title_text},
    },
};

pub struct Organisations;

impl ListingKind for Organisations {
    const KIND: ChangeKind = ChangeKind::Organisation;
    const TABLE: &'static str = "organisations";
    const TITLE: &'static str = "name";
    const FIELDS: &'static [Field] = &[
        Field::facet("kind", Stored::Column("kind")),
        Field::facet("country", Stored::Column("country")),
        Field::new("verified", Stored::Flag("verified")),
    ];
    const SORTS: &'static [SortKey] = &[];

    type Facets = OrganisationFacets;
    type Extra = ();

    async fn load(db: &Db, scope: Scope) -> Result<Vec<Document<()>>> {
        let columns = ScopeColumns {
            id: organisation::Column::Id,
            organisation: organisation::Column::Id,
            owner: None,
        };
        let rows = scoped(OrganisationEntity::find(), &scope, columns)
            .all(db)
            .await?;
        rows.iter().map(document).collect()
    }
}

fn document(row: &organisation::Model) -> Result<Document<()>> {
    let json =
        to_raw_value(&Organisation::from(row)).map_err(|error| ApiError::Internal(error.into()))?;
    let mut document = Document::new(row.id, Organisations::FIELDS.len(), json, ());
    set_value::<Organisations>(&mut document, "kind", [row.kind.to_value()]);
    set_value::<Organisations>(&mut document, "country", [row.country.clone()]);
    set_value::<Organisations>(&mut document, "verified", [row.verified.to_string()]);
    document.text = row.search_text.clone();
    document.title = row.search_title.clone();
    Ok(document)
}

/// The indexed words of an organisation: its name, city and description.
pub fn indexed_text(name: &str, city: Option<&str>, description: Option<&str>) -> (String, String) {
    (
        search_text(&[
            name,
            city.unwrap_or_default(),
            description.unwrap_or_default(),
        ]),
        title_text(name),
    )
}

/// Fills in the indexed words of organisations created before they had any.
pub async fn index_older_rows<C: ConnectionTrait>(db: &C) -> Result<()> {
    let rows = OrganisationEntity::find()
        .filter(organisation::Column::SearchTitle.eq(""))
        .all(db)
        .await?;
    for row in rows {
        let (text, title) =
            indexed_text(&row.name, row.city.as_deref(), row.description.as_deref());
        OrganisationEntity::update(organisation::ActiveModel {
            id: Set(row.id),
            search_text: Set(text),
            search_title: Set(title),
            ..Default::default()
        })
        .exec(db)
        .await?;
    }
    Ok(())
}

impl ListingRequest for OrganisationQuery {
    /// The criteria of a checked query.
    fn criteria(&self) -> Result<Criteria> {
        let errors = query_errors(self.q.as_deref(), self.country.as_deref(), None);
        ApiError::valid(errors, ())?;
        let mut criteria = Criteria::with_terms(self.q.as_deref());
        criteria.filter_one("kind", self.kind.map(|kind| kind.as_str()));
        criteria.filter_one("country", self.country.as_deref().map(str::to_uppercase));
        criteria.filter_one(
            "verified",
            self.verified.map(|verified| verified.to_string()),
        );
        Ok(criteria)
    }

    fn page(&self) -> PageParams<'_> {
        let (sort, limit, cursor) = (self.sort, self.limit, self.cursor.as_deref());
        PageParams {
            sort,
            limit,
            cursor,
        }
    }
}
