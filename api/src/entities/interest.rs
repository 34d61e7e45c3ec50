use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "interests")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub sender_id: Uuid,
    /// The organisation the sender speaks for, if any.
    pub sender_organisation_id: Option<Uuid>,
    /// `project` or `opportunity`.
    pub target_kind: String,
    pub target_id: Uuid,
    /// The target's owner, copied when the interest is sent.
    pub owner_id: Uuid,
    pub owner_organisation_id: Option<Uuid>,
    pub message: String,
    /// `pending`, `accepted`, `declined` or `withdrawn`.
    pub status: String,
    pub answer_by: DateTimeUtc,
    pub answered_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
