//! The marketplace's closed lists of codes — statuses, stages, kinds, roles — each declared
//! once with `codelist!`, so that a value's code is written in one place: its variant's name.

/// Declares a closed list of codes. Each value is written as its variant's name in snake_case
/// (`UnderReview` is `under_review`) in the API (serde), in the database (sea-orm, for a list
/// `stored` in a column of its own) and wherever it is written out (`as_str`); `ALL` holds
/// every value in the order declared, and `from_code` reads one back.
///
/// ```ignore
/// codelist! {
///     /// Where a project stands.
///     stored pub enum ProjectStatus { Draft, Published, Closed, Archived }
/// }
/// ```
macro_rules! codelist {
    (
        $(#[$meta:meta])*
        stored $vis:vis enum $name:ident { $($body:tt)* }
    ) => {
        $crate::codelist::codelist! {
            @declare
            $(#[$meta])*
            #[derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum)]
            #[sea_orm(
                rs_type = "String",
                db_type = "String(sea_orm::sea_query::StringLen::None)",
                rename_all = "snake_case"
            )]
            $vis enum $name { $($body)* }
        }
    };
    (
        @declare
        $(#[$meta:meta])*
        $vis:vis enum $name:ident { $($(#[$variant_meta:meta])* $variant:ident),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
            utoipa::ToSchema, strum::IntoStaticStr, strum::VariantArray,
        )]
        #[serde(rename_all = "snake_case")]
        #[strum(serialize_all = "snake_case")]
        $vis enum $name {
            $($(#[$variant_meta])* $variant),+
        }

        impl $name {
            /// Every value, in the order declared.
            pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

            /// The value's code, as the API and the database write it.
            pub fn as_str(self) -> &'static str {
                self.into()
            }

            /// The value of a code, if it is one.
            #[allow(dead_code)]
            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|value| value.as_str() == code)
            }
        }
    };
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident { $($body:tt)* }
    ) => {
        $crate::codelist::codelist! {
            @declare
            $(#[$meta])*
            $vis enum $name { $($body)* }
        }
    };
}

pub(crate) use codelist;

#[cfg(test)]
mod tests {
    use sea_orm::ActiveEnum;
    use serde::Serialize;

    /// The API (serde) and `as_str` write every value alike.
    fn named_alike<T: Serialize + Copy + Into<&'static str>>(all: &[T]) {
        assert!(!all.is_empty());
        for &value in all {
            let api = serde_json::to_value(value).unwrap_or_default();
            assert_eq!(api.as_str(), Some(value.into()));
        }
    }

    /// ... and the database too, for a list stored in a column of its own.
    fn stored_alike<T>(all: &[T])
    where
        T: Serialize + Copy + Into<&'static str> + ActiveEnum<Value = String>,
    {
        named_alike(all);
        for &value in all {
            assert_eq!(value.to_value(), Into::<&'static str>::into(value));
        }
    }

    #[test]
    fn every_code_is_written_alike_in_the_api_the_database_and_the_listings() {
        use crate::{
            accounts::Role,
            cooperation::dto::{Level, LinkStatus},
            funding::{
                applications::dto::ApplicationStatus, eligibility::CallStatus,
                financing::LineStatus,
            },
            integrations::dto::DeliveryStatus,
            interests::{TargetKind, dto::InterestStatus},
            introductions::dto::{IntroductionStatus, SideKind},
            notifications::NotificationKind,
            opportunities::dto::{Direction, OpportunityStatus},
            organisations::{dto::InvitationStatus, queries::MemberRole},
            projects::dto::{ProjectStage, ProjectStatus},
            search::ChangeKind,
            taxonomies::{OpportunityCategory, OrganisationKind},
        };
        stored_alike(ProjectStage::ALL);
        stored_alike(ProjectStatus::ALL);
        stored_alike(Direction::ALL);
        stored_alike(OpportunityStatus::ALL);
        stored_alike(OrganisationKind::ALL);
        stored_alike(OpportunityCategory::ALL);
        named_alike(Role::ALL);
        named_alike(Level::ALL);
        named_alike(LinkStatus::ALL);
        named_alike(ApplicationStatus::ALL);
        named_alike(CallStatus::ALL);
        named_alike(LineStatus::ALL);
        named_alike(DeliveryStatus::ALL);
        named_alike(TargetKind::ALL);
        named_alike(InterestStatus::ALL);
        named_alike(IntroductionStatus::ALL);
        named_alike(SideKind::ALL);
        named_alike(NotificationKind::ALL);
        named_alike(InvitationStatus::ALL);
        named_alike(MemberRole::ALL);
        named_alike(ChangeKind::ALL);
        assert_eq!(ApplicationStatus::UnderReview.as_str(), "under_review");
        assert_eq!(
            OrganisationKind::from_code("local_authority"),
            Some(OrganisationKind::LocalAuthority)
        );
        assert_eq!(OrganisationKind::from_code("LocalAuthority"), None);
    }
}
