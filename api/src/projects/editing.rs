//! What changing a project holds of its own: publishing asks for a confirmed email, and the
//! checks and writes of `service`.

use uuid::Uuid;

use super::{
    access,
    dto::{Project, ProjectChanges, ProjectStatus},
    listing::Projects,
    service,
};
use crate::{
    accounts::Member,
    db::Db,
    editing::{self, Editable},
    entities::project,
    error::Result,
    search::ChangeKind,
    taxonomies::Taxonomies,
};

impl Editable for Projects {
    type Row = project::Model;
    type Changes = ProjectChanges;
    type Checked = project::ActiveModel;
    type Shown = Project;

    fn version(row: &project::Model) -> i32 {
        row.version
    }

    fn shown(row: &project::Model) -> Project {
        Project::from(row)
    }

    async fn editable(db: &Db, member: &Member, id: Uuid) -> Result<project::Model> {
        access::editable(db, member, id).await
    }

    fn check(
        member: &Member,
        current: &project::Model,
        changes: &ProjectChanges,
        taxonomies: &Taxonomies,
    ) -> Result<project::ActiveModel> {
        // Publishing makes it public: the same rule as a project created published.
        if changes.status == Some(ProjectStatus::Published)
            && current.status != ProjectStatus::Published
        {
            member.require_verified_email()?;
        }
        service::changes_of(current, changes, taxonomies)
    }

    async fn update(
        db: &Db,
        current: &project::Model,
        checked: project::ActiveModel,
    ) -> Result<project::Model> {
        service::update(db, current, checked).await
    }

    async fn delete(db: &Db, current: &project::Model) -> Result<()> {
        let columns = (project::Column::Id, project::Column::Version);
        let read = (current.id, current.version);
        editing::delete_row::<project::Entity>(db, columns, read, ChangeKind::Project).await
    }
}
