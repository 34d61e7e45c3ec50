//! What a project's writes hold of their own: publishing asks for a confirmed e-mail, drafts
//! are seen by their editors only, and the checks and writes of `service`.

use sea_orm::{ConnectionTrait, DatabaseTransaction};
use uuid::Uuid;

use super::{
    access,
    dto::{NewProject, Project, ProjectChanges, ProjectStatus},
    listing::Projects,
    service,
};
use crate::{
    accounts::Member,
    db::Db,
    editing::{self, Deletable, Editable, Editor, Owned},
    entities::project,
    error::Result,
};

impl Editable for Projects {
    type Row = project::Model;
    type New = NewProject;
    /// The codes of the new project, parsed.
    type Ready = service::ProjectCodes;
    type Changes = ProjectChanges;
    type Checked = project::ActiveModel;
    type Shown = Project;

    const COLLECTION: &'static str = "/api/v1/projects";

    async fn shown<C: ConnectionTrait>(_: &C, row: &project::Model) -> Result<Project> {
        Ok(Project::from(row))
    }

    /// A draft unless `status` says `published`; a published one asks for a confirmed e-mail.
    async fn check_new(editor: &Editor<'_>, new: &NewProject) -> Result<service::ProjectCodes> {
        editor.member.require_acts_for(new.organisation_id)?;
        if new.status == Some(ProjectStatus::Published) {
            editor.member.require_verified_email()?;
        }
        service::check_new(new, editor.taxonomies)
    }

    async fn insert(
        txn: &DatabaseTransaction,
        member: &Member,
        new: NewProject,
        codes: service::ProjectCodes,
    ) -> Result<project::Model> {
        service::insert(txn, member.id(), new, codes).await
    }

    /// Drafts only to those who may edit them.
    async fn read(db: &Db, reader: Option<&Member>, id: Uuid) -> Result<(project::Model, Project)> {
        let row = access::visible(db, reader, id).await?;
        let shown = Project::from(&row);
        Ok((row, shown))
    }

    async fn editable(db: &Db, member: &Member, id: Uuid) -> Result<project::Model> {
        access::editable(db, member, id).await
    }

    async fn check(
        editor: &Editor<'_>,
        current: &project::Model,
        changes: &ProjectChanges,
    ) -> Result<project::ActiveModel> {
        // Publishing makes it public: the same rule as a project created published.
        if changes.status == Some(ProjectStatus::Published)
            && current.status != ProjectStatus::Published
        {
            editor.member.require_verified_email()?;
        }
        service::changes_of(current, changes, editor.taxonomies)
    }

    async fn update(
        db: &Db,
        current: &project::Model,
        checked: project::ActiveModel,
    ) -> Result<project::Model> {
        service::update(db, current, checked).await
    }
}

impl Owned for Projects {
    async fn mine(db: &Db, member: &Member) -> Result<Vec<Project>> {
        service::mine(db, member.id()).await
    }
}

impl Deletable for Projects {
    async fn delete(db: &Db, current: &project::Model) -> Result<()> {
        editing::delete_row::<Self, project::Entity>(db, current).await
    }
}
