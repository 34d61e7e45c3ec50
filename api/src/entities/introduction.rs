use sea_orm::entity::prelude::*;

/// A facilitator's proposal that two sides meet. Each side is a member, or a project or an
/// opportunity resolved to its owner when the introduction was made.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "introductions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub facilitator_id: Uuid,
    pub note: String,
    /// `pending` until both sides accept (`accepted`) or one declines (`declined`).
    pub status: String,
    /// `member`, `project` or `opportunity`.
    pub a_kind: String,
    /// The project or opportunity; none for a member.
    pub a_item_id: Option<Uuid>,
    pub a_user_id: Uuid,
    /// `pending`, `accepted` or `declined`.
    pub a_answer: String,
    pub b_kind: String,
    pub b_item_id: Option<Uuid>,
    pub b_user_id: Uuid,
    pub b_answer: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
