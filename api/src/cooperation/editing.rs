//! What a cooperation link's writes hold of their own: it is recorded by a member of one
//! side's organisation (whose agreement comes with it) or a facilitator, changed and deleted by
//! members of either side and facilitators, and shown with its projects.

use chrono::Utc;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DatabaseTransaction};
use uuid::Uuid;
use validator::Validate;

use super::{
    dto::{CooperationLink, CooperationLinkChanges, NewCooperationLink},
    listing::{CooperationLinks, linked_projects},
    service::{self, Side, find, require_manager},
};
use crate::{
    accounts::{Member, Role},
    db::{self, Db},
    editing::{self, Deletable, Editable, Editor},
    entities::cooperation_link,
    error::{ApiError, FieldError, Result},
    search::{ListingKind, changes},
    taxonomies::{SectorCode, code_strings},
};

/// A change of a link's row, whether its themes change, and its projects when they change.
pub struct CheckedChanges {
    row: cooperation_link::ActiveModel,
    themes_changed: bool,
    projects: Option<Vec<Uuid>>,
}

impl Editable for CooperationLinks {
    type Row = cooperation_link::Model;
    type New = NewCooperationLink;
    /// The two sides as found, whether the recorder speaks for each, and the themes parsed.
    type Ready = ([Side; 2], [bool; 2], Vec<SectorCode>);
    type Changes = CooperationLinkChanges;
    type Checked = CheckedChanges;
    type Shown = CooperationLink;

    const COLLECTION: &'static str = "/api/v1/cooperation-links";

    /// With its projects.
    async fn shown<C: ConnectionTrait>(
        db: &C,
        row: &cooperation_link::Model,
    ) -> Result<CooperationLink> {
        let mut projects = linked_projects(db, [row.id]).await?;
        let projects = projects.remove(&row.id).unwrap_or_default();
        Ok(CooperationLink::from_row(row, projects))
    }

    async fn check_new(editor: &Editor<'_>, new: &NewCooperationLink) -> Result<Self::Ready> {
        let Editor {
            db,
            member,
            taxonomies,
        } = *editor;
        member.require_verified_email()?;
        let mut errors = ApiError::field_errors_of(new.validate());
        let themes = service::parse_themes(&new.themes, taxonomies, &mut errors);
        let north = service::resolve(db, "north", &new.north, taxonomies).await;
        let south = service::resolve(db, "south", &new.south, taxonomies).await;
        errors.extend(north.clone().err().unwrap_or_default());
        errors.extend(south.clone().err().unwrap_or_default());
        errors.extend(service::project_errors(db, &new.project_ids).await?);
        let (Ok(north), Ok(south), true) = (north, south, errors.is_empty()) else {
            return Err(ApiError::Validation(errors));
        };
        let organisations = [north.organisation_id, south.organisation_id];
        let agrees = service::sides_of(db, member.id(), organisations).await?;
        if !agrees.contains(&true) && member.role() < Role::Facilitator {
            return Err(ApiError::Validation(vec![FieldError::new(
                "north.organisation_id",
                "not_a_member",
                "record links for an authority you belong to",
            )]));
        }
        Ok(([north, south], agrees, themes))
    }

    async fn insert(
        txn: &DatabaseTransaction,
        member: &Member,
        new: NewCooperationLink,
        (sides, agrees, themes): Self::Ready,
    ) -> Result<cooperation_link::Model> {
        let now = Utc::now();
        let prepared = service::prepare(member.id(), sides, &new, &themes, agrees, now);
        let id = prepared.id();
        service::insert_prepared(txn, vec![prepared]).await?;
        find(txn, id).await
    }

    /// Every link is public, as the atlas is.
    async fn read(
        db: &Db,
        _reader: Option<&Member>,
        id: Uuid,
    ) -> Result<(cooperation_link::Model, CooperationLink)> {
        let row = find(db, id).await?;
        let shown = Self::shown(db, &row).await?;
        Ok((row, shown))
    }

    async fn editable(db: &Db, member: &Member, id: Uuid) -> Result<cooperation_link::Model> {
        let row = find(db, id).await?;
        require_manager(db, member, &row).await?;
        Ok(row)
    }

    async fn check(
        editor: &Editor<'_>,
        current: &cooperation_link::Model,
        changes: &CooperationLinkChanges,
    ) -> Result<CheckedChanges> {
        let Editor { db, taxonomies, .. } = *editor;
        let mut errors = ApiError::field_errors_of(changes.validate());
        let mut row = cooperation_link::ActiveModel {
            version: Set(current.version + 1),
            updated_at: Set(Utc::now()),
            ..Default::default()
        };
        if let Some(themes) = &changes.themes {
            let themes = service::parse_themes(themes, taxonomies, &mut errors);
            row.themes = Set(code_strings(&themes).into());
        }
        set_fields(current, changes, &mut row, &mut errors);
        if let Some(projects) = &changes.project_ids {
            errors.extend(service::project_errors(db, projects).await?);
        }
        ApiError::valid(errors, ())?;
        Ok(CheckedChanges {
            row,
            themes_changed: changes.themes.is_some(),
            projects: changes.project_ids.clone(),
        })
    }

    /// Its theme and project rows are rewritten when they change.
    async fn update(
        db: &Db,
        current: &cooperation_link::Model,
        checked: CheckedChanges,
    ) -> Result<cooperation_link::Model> {
        let txn = db::write_transaction(db).await?;
        db::update_versioned::<cooperation_link::Entity, _>(&txn, checked.row, current).await?;
        let row = find(&txn, current.id).await?;
        // The themes were parsed by `check`: their rows are rebuilt from the row as written.
        if checked.themes_changed {
            let themes = SectorCode::all_stored(&row.themes);
            service::replace_themes(&txn, current.id, &themes).await?;
        }
        if let Some(projects) = &checked.projects {
            service::replace_projects(&txn, current.id, projects).await?;
        }
        changes::record(&txn, Self::KIND, current.id).await?;
        txn.commit().await?;
        Ok(row)
    }
}

/// The start, status and description a change sets (with the search text the description
/// makes), each checked.
fn set_fields(
    current: &cooperation_link::Model,
    changes: &CooperationLinkChanges,
    row: &mut cooperation_link::ActiveModel,
    errors: &mut Vec<FieldError>,
) {
    if let Some(started) = changes.started {
        if started.is_some_and(|year| !(1950..=2100).contains(&year)) {
            errors.push(FieldError::new(
                "started",
                "range",
                "use a year from 1950 to 2100",
            ));
        }
        row.started = Set(started);
    }
    if let Some(status) = changes.status {
        row.status = Set(status.as_str().to_owned());
    }
    if let Some(description) = &changes.description {
        let (text, _) = service::indexed_text(
            [&current.north_name, &current.north_place],
            [&current.south_name, &current.south_place],
            description,
        );
        row.search_text = Set(text);
        row.description = Set(description.trim().to_owned());
    }
}

impl Deletable for CooperationLinks {
    async fn delete(db: &Db, current: &cooperation_link::Model) -> Result<()> {
        editing::delete_row::<Self, cooperation_link::Entity>(db, current).await
    }
}
