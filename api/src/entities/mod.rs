//! sea-orm entities, one per table.

pub mod api_key;
pub mod change;
pub mod conversation;
pub mod conversation_participant;
pub mod cooperation_link;
pub mod cooperation_link_place;
pub mod cooperation_link_project;
pub mod cooperation_link_theme;
pub mod email_token;
pub mod event;
pub mod financing_line;
pub mod funding_application;
pub mod funding_application_event;
pub mod funding_call;
pub mod funding_call_country;
pub mod funding_call_sector;
pub mod idempotency_key;
pub mod indicator_measurement;
pub mod interest;
pub mod introduction;
pub mod lists;
pub mod message;
pub mod notification;
pub mod opportunity;
pub mod opportunity_sector;
pub mod organisation;
pub mod organisation_invitation;
pub mod organisation_member;
pub mod outbox;
pub mod project;
pub mod project_country;
pub mod project_milestone;
pub mod project_sector;
pub mod refresh_token;
pub mod result_indicator;
pub mod saved_search;
pub mod throttle_event;
pub mod user;
pub mod webhook;
pub mod webhook_attempt;
pub mod webhook_delivery;

/// A row changed with `If-Match`: its id and the version a change must name.
pub trait Versioned {
    fn id(&self) -> uuid::Uuid;

    fn version(&self) -> i32;
}

/// A table of [`Versioned`] rows: where a versioned write finds the row and its version.
pub trait VersionedTable: sea_orm::EntityTrait<Model: Versioned> {
    const ID: Self::Column;
    const VERSION: Self::Column;
}

macro_rules! versioned {
    ($($entity:ident),* $(,)?) => {$(
        impl VersionedTable for $entity::Entity {
            const ID: $entity::Column = $entity::Column::Id;
            const VERSION: $entity::Column = $entity::Column::Version;
        }

        impl Versioned for $entity::Model {
            fn id(&self) -> uuid::Uuid {
                self.id
            }

            fn version(&self) -> i32 {
                self.version
            }
        }
    )*};
}

versioned!(
    cooperation_link,
    financing_line,
    funding_application,
    funding_call,
    opportunity,
    organisation,
    project,
    result_indicator,
    saved_search,
    user,
    webhook,
);
