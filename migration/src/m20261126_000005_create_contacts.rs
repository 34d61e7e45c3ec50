//! How members get in touch: expressions of interest, introductions by facilitators, the
//! conversations they open with their messages, and in-app notifications.

use crate::support::{drop_tables, index, references};
use sea_orm_migration::{prelude::*, schema::*};

use super::{
    m20261126_000001_create_accounts::Users, m20261126_000003_create_organisations::Organisations,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_interests(manager).await?;
        create_introductions(manager).await?;
        create_conversations(manager).await?;
        create_notifications(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            [
                Notifications::Table.into_iden(),
                Messages::Table.into_iden(),
                ConversationParticipants::Table.into_iden(),
                Conversations::Table.into_iden(),
                Introductions::Table.into_iden(),
                Interests::Table.into_iden(),
            ],
        )
        .await
    }
}

fn to_user(table: impl IntoIden, column: impl IntoIden) -> ForeignKeyCreateStatement {
    references(table, column, Users::Table, Users::Id).to_owned()
}

async fn create_interests(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Interests::Table)
                .col(pk_uuid(Interests::Id))
                .col(uuid(Interests::SenderId))
                .col(uuid_null(Interests::SenderOrganisationId))
                .col(string_len(Interests::TargetKind, 16))
                // A project or an opportunity: no foreign key, the target may be deleted and
                // the interest still tells its story.
                .col(uuid(Interests::TargetId))
                // The target's owner and organisation, copied: items never change hands, and
                // the received box is then one indexed query.
                .col(uuid(Interests::OwnerId))
                .col(uuid_null(Interests::OwnerOrganisationId))
                .col(text(Interests::Message))
                .col(string_len(Interests::Status, 16))
                .col(timestamp_with_time_zone(Interests::AnswerBy))
                .col(timestamp_with_time_zone_null(Interests::AnsweredAt))
                .col(timestamp_with_time_zone(Interests::CreatedAt))
                .col(timestamp_with_time_zone(Interests::UpdatedAt))
                .foreign_key(&mut to_user(Interests::Table, Interests::SenderId))
                .foreign_key(&mut to_user(Interests::Table, Interests::OwnerId))
                .foreign_key(
                    references(
                        Interests::Table,
                        Interests::SenderOrganisationId,
                        Organisations::Table,
                        Organisations::Id,
                    )
                    .on_delete(ForeignKeyAction::SetNull),
                )
                .foreign_key(
                    references(
                        Interests::Table,
                        Interests::OwnerOrganisationId,
                        Organisations::Table,
                        Organisations::Id,
                    )
                    .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
    for (name, columns) in [
        (
            "idx_interests_sender_created",
            [Interests::SenderId, Interests::CreatedAt],
        ),
        ("idx_interests_owner", [Interests::OwnerId, Interests::Id]),
        (
            "idx_interests_owner_organisation",
            [Interests::OwnerOrganisationId, Interests::Id],
        ),
        (
            "idx_interests_target",
            [Interests::TargetId, Interests::SenderId],
        ),
    ] {
        index(manager, Interests::Table, name, columns).await?;
    }
    // One pending interest per sender and target, decided by the database: two racing requests
    // cannot both insert. Partial indexes read the same on SQLite and PostgreSQL.
    manager
        .get_connection()
        .execute_unprepared(
            "CREATE UNIQUE INDEX idx_interests_one_pending \
             ON interests (sender_id, target_kind, target_id) WHERE status = 'pending'",
        )
        .await?;
    Ok(())
}

async fn create_introductions(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Introductions::Table)
                .col(pk_uuid(Introductions::Id))
                .col(uuid(Introductions::FacilitatorId))
                .col(text(Introductions::Note))
                .col(string_len(Introductions::Status, 16))
                .col(string_len(Introductions::AKind, 16))
                .col(uuid_null(Introductions::AItemId))
                .col(uuid(Introductions::AUserId))
                .col(string_len(Introductions::AAnswer, 16))
                .col(string_len(Introductions::BKind, 16))
                .col(uuid_null(Introductions::BItemId))
                .col(uuid(Introductions::BUserId))
                .col(string_len(Introductions::BAnswer, 16))
                .col(timestamp_with_time_zone(Introductions::CreatedAt))
                .col(timestamp_with_time_zone(Introductions::UpdatedAt))
                .foreign_key(&mut to_user(
                    Introductions::Table,
                    Introductions::FacilitatorId,
                ))
                .foreign_key(&mut to_user(Introductions::Table, Introductions::AUserId))
                .foreign_key(&mut to_user(Introductions::Table, Introductions::BUserId))
                .to_owned(),
        )
        .await?;
    for (name, column) in [
        (
            "idx_introductions_facilitator",
            Introductions::FacilitatorId,
        ),
        ("idx_introductions_a_user", Introductions::AUserId),
        ("idx_introductions_b_user", Introductions::BUserId),
    ] {
        index(manager, Introductions::Table, name, [column]).await?;
    }
    Ok(())
}

async fn create_conversations(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Conversations::Table)
                .col(pk_uuid(Conversations::Id))
                .col(uuid_null(Conversations::InterestId))
                .col(uuid_null(Conversations::IntroductionId))
                .col(timestamp_with_time_zone(Conversations::LastActivityAt))
                .col(timestamp_with_time_zone(Conversations::CreatedAt))
                .foreign_key(
                    references(
                        Conversations::Table,
                        Conversations::InterestId,
                        Interests::Table,
                        Interests::Id,
                    )
                    .on_delete(ForeignKeyAction::SetNull),
                )
                .foreign_key(
                    references(
                        Conversations::Table,
                        Conversations::IntroductionId,
                        Introductions::Table,
                        Introductions::Id,
                    )
                    .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
    // One conversation per accepted interest or introduction (NULLs do not collide).
    for (name, column) in [
        ("idx_conversations_interest", Conversations::InterestId),
        (
            "idx_conversations_introduction",
            Conversations::IntroductionId,
        ),
    ] {
        manager
            .create_index(
                Index::create()
                    .name(name)
                    .table(Conversations::Table)
                    .col(column)
                    .unique()
                    .to_owned(),
            )
            .await?;
    }

    manager
        .create_table(
            Table::create()
                .table(ConversationParticipants::Table)
                .col(uuid(ConversationParticipants::ConversationId))
                .col(uuid(ConversationParticipants::UserId))
                // Messages up to this id (UUID v7: in time order) are read.
                .col(uuid_null(ConversationParticipants::LastReadMessageId))
                .col(timestamp_with_time_zone_null(
                    ConversationParticipants::LastReadAt,
                ))
                .col(timestamp_with_time_zone(ConversationParticipants::JoinedAt))
                .primary_key(
                    Index::create()
                        .col(ConversationParticipants::ConversationId)
                        .col(ConversationParticipants::UserId),
                )
                .foreign_key(
                    references(
                        ConversationParticipants::Table,
                        ConversationParticipants::ConversationId,
                        Conversations::Table,
                        Conversations::Id,
                    )
                    .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(&mut to_user(
                    ConversationParticipants::Table,
                    ConversationParticipants::UserId,
                ))
                .to_owned(),
        )
        .await?;
    index(
        manager,
        ConversationParticipants::Table,
        "idx_conversation_participants_user",
        [ConversationParticipants::UserId],
    )
    .await?;

    manager
        .create_table(
            Table::create()
                .table(Messages::Table)
                .col(pk_uuid(Messages::Id))
                .col(uuid(Messages::ConversationId))
                .col(uuid(Messages::AuthorId))
                .col(text(Messages::Body))
                .col(timestamp_with_time_zone(Messages::CreatedAt))
                .foreign_key(
                    references(
                        Messages::Table,
                        Messages::ConversationId,
                        Conversations::Table,
                        Conversations::Id,
                    )
                    .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(&mut to_user(Messages::Table, Messages::AuthorId))
                .to_owned(),
        )
        .await?;
    index(
        manager,
        Messages::Table,
        "idx_messages_conversation",
        [Messages::ConversationId, Messages::Id],
    )
    .await
}

async fn create_notifications(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Notifications::Table)
                .col(pk_uuid(Notifications::Id))
                .col(uuid(Notifications::UserId))
                .col(string_len(Notifications::Kind, 32))
                .col(json_binary(Notifications::Payload))
                .col(timestamp_with_time_zone_null(Notifications::ReadAt))
                .col(timestamp_with_time_zone(Notifications::CreatedAt))
                .foreign_key(
                    references(
                        Notifications::Table,
                        Notifications::UserId,
                        Users::Table,
                        Users::Id,
                    )
                    .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
    index(
        manager,
        Notifications::Table,
        "idx_notifications_user",
        [Notifications::UserId, Notifications::Id],
    )
    .await
}

#[derive(DeriveIden, Clone, Copy)]
enum Interests {
    Table,
    Id,
    SenderId,
    SenderOrganisationId,
    TargetKind,
    TargetId,
    OwnerId,
    OwnerOrganisationId,
    Message,
    Status,
    AnswerBy,
    AnsweredAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Introductions {
    Table,
    Id,
    FacilitatorId,
    Note,
    Status,
    AKind,
    AItemId,
    AUserId,
    AAnswer,
    BKind,
    BItemId,
    BUserId,
    BAnswer,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Conversations {
    Table,
    Id,
    InterestId,
    IntroductionId,
    LastActivityAt,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ConversationParticipants {
    Table,
    ConversationId,
    UserId,
    LastReadMessageId,
    LastReadAt,
    JoinedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Messages {
    Table,
    Id,
    ConversationId,
    AuthorId,
    Body,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Notifications {
    Table,
    Id,
    UserId,
    Kind,
    Payload,
    ReadAt,
    CreatedAt,
}
