//! `/api/v1/me` (one's own account), `/api/v1/users/{id}` (public profiles) and
//! `/api/v1/admin/users/{id}` (roles and suspension).

use std::collections::BTreeMap;

use crate::http::body::Json;
use actix_web::{
    HttpRequest, HttpResponse, delete, get,
    http::header::ETAG,
    patch, post,
    web::{Data, Path},
};
use chrono::Utc;
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, EntityTrait, QueryFilter,
    sea_query::{Expr, ExprTrait},
};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::{
    Member, Role,
    dto::{
        AccountDeletion, AdministeredMember, MemberAdministration, MembershipExport, OwnProfile,
        PasswordChange, PersonalDataExport, ProfileChanges, PublicProfile, SessionExport,
    },
    password::{self, NewPassword},
    sessions, users,
};
use crate::db::Db;
use crate::http::conditional::IfMatch;
use crate::{
    db,
    entities::{
        organisation, organisation_member,
        refresh_token::{self, Entity as RefreshToken},
        user::{self, Entity as User},
    },
    error::{ApiError, FieldError, Result, responses},
    http::conditional::{check_if_match, version_etag},
    organisations,
    search::{ChangeKind, changes},
    taxonomies::{Code, CodeCheck, Taxonomies, code_strings, subdivisions},
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_me)
        .service(update_me)
        .service(change_password)
        .service(export_me)
        .service(delete_me)
        .service(get_user)
        .service(administer_user);
}

fn own_profile_response(user: &user::Model) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((ETAG, version_etag(user.version)))
        .json(OwnProfile::from(user))
}

/// The caller's own profile, with private fields.
#[utoipa::path(
    tag = "me",
    operation_id = "getMe",
    responses(
        (status = 200, description = "The caller's profile", body = OwnProfile,
            headers(("ETag" = String, description = "The profile's version, for `If-Match`"))),
        (status = 401, response = responses::Unauthorized),
    ),
    security(("bearer" = []))
)]
#[get("/me")]
async fn get_me(member: Member) -> HttpResponse {
    own_profile_response(&member.user)
}

/// Changes the caller's profile. Codes are checked against the taxonomies.
#[utoipa::path(
    tag = "me",
    operation_id = "updateMe",
    request_body = ProfileChanges,
    params(IfMatch),
    responses(
        (status = 200, description = "The updated profile", body = OwnProfile),
        responses::BodyRefusals,
        (status = 401, response = responses::Unauthorized),
        (status = 412, response = responses::PreconditionFailed),
    ),
    security(("bearer" = []))
)]
#[patch("/me")]
async fn update_me(
    request: HttpRequest,
    db: Data<Db>,
    taxonomies: Data<Taxonomies>,
    member: Member,
    body: Json<ProfileChanges>,
) -> Result<HttpResponse> {
    let changes = body.into_inner();
    let mut row = validated_changes(&changes, &member.user, &taxonomies)?;
    check_if_match(&request, &version_etag(member.user.version))?;
    row.version = Set(member.user.version + 1);
    row.updated_at = Set(Utc::now());
    // The version in the filter turns a concurrent change into a 412, not a lost update.
    let txn = db::write_transaction(&db).await?;
    db::update_versioned::<User, _>(&txn, row, &member.user).await?;
    // A member's languages count in the matching of what they published.
    changes::record(&txn, ChangeKind::Member, member.id()).await?;
    txn.commit().await?;
    let user = users::find(db.get_ref(), member.id())
        .await?
        .ok_or(ApiError::NotFound("member"))?;
    Ok(own_profile_response(&user))
}

/// Checks every field and turns the changes into a partial row.
fn validated_changes(
    changes: &ProfileChanges,
    current: &user::Model,
    taxonomies: &Taxonomies,
) -> Result<user::ActiveModel> {
    let mut errors = ApiError::field_errors_of(changes.validate());
    let mut row = user::ActiveModel::default();
    set_words(changes, &mut row, &mut errors);
    set_codes(changes, taxonomies, &mut row, &mut errors);
    errors.extend(residence(changes, current, &mut row));
    if let Some(counted) = changes.diaspora_counted {
        row.diaspora_counted = Set(counted);
    }
    if let Some(locale) = changes.locale {
        row.locale = Set(locale.as_str().to_owned());
    }
    ApiError::valid(errors, row)
}

/// The name, bio and skills a change sets, each checked.
fn set_words(changes: &ProfileChanges, row: &mut user::ActiveModel, errors: &mut Vec<FieldError>) {
    if let Some(name) = &changes.display_name {
        if name.trim().is_empty() {
            errors.push(FieldError::new(
                "display_name",
                "length",
                "use 1 to 100 characters",
            ));
        }
        row.display_name = Set(name.trim().to_owned());
    }
    if let Some(bio) = &changes.bio {
        if bio.as_ref().is_some_and(|bio| bio.chars().count() > 2000) {
            errors.push(FieldError::new(
                "bio",
                "length",
                "use at most 2000 characters",
            ));
        }
        row.bio = Set(bio.clone().filter(|bio| !bio.trim().is_empty()));
    }
    if let Some(skills) = &changes.skills {
        let mut cleaned: Vec<String> = skills
            .iter()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        cleaned.dedup();
        if cleaned.iter().any(|skill| skill.chars().count() > 50) {
            let refusal = "each skill has at most 50 characters";
            errors.push(FieldError::new("skills", "length", refusal));
        }
        row.skills = Set(cleaned.clone().into());
    }
}

/// The sectors, countries and languages a change sets, each code checked; what is written is
/// what the check parsed. Followed sectors may be whole categories (3 digits): they are checked
/// as such and kept as sent.
fn set_codes(
    changes: &ProfileChanges,
    taxonomies: &Taxonomies,
    row: &mut user::ActiveModel,
    errors: &mut Vec<FieldError>,
) {
    let sectors = changes.sectors.as_deref();
    let mut check =
        CodeCheck::new(taxonomies).each_optional(Code::SectorOrCategory, "sectors", sectors);
    let countries = (changes.countries.as_deref()).map(|codes| check.countries("countries", codes));
    let languages = (changes.languages.as_deref()).map(|codes| check.languages("languages", codes));
    let mut country = |field, code: &Option<Option<String>>| {
        code.as_ref()
            .map(|code| code.as_deref().and_then(|code| check.country(field, code)))
    };
    let origin = country("country_of_origin", &changes.country_of_origin);
    let residence = country("country_of_residence", &changes.country_of_residence);
    errors.extend(check.errors());
    if let Some(sectors) = &changes.sectors {
        row.sectors = Set(sectors.clone().into());
    }
    if let Some(countries) = countries {
        row.countries = Set(code_strings(&countries).into());
    }
    if let Some(languages) = languages {
        row.languages = Set(code_strings(&languages).into());
    }
    if let Some(origin) = origin {
        row.country_of_origin = Set(origin.map(String::from));
    }
    if let Some(residence) = residence {
        row.country_of_residence = Set(residence.map(String::from));
    }
}

/// The subdivision one lives in must be of one's country of residence; a new country clears
/// a subdivision of the old one.
fn residence(
    changes: &ProfileChanges,
    current: &user::Model,
    row: &mut user::ActiveModel,
) -> Option<FieldError> {
    let country = match &changes.country_of_residence {
        Some(country) => country.clone(),
        None => current.country_of_residence.clone(),
    };
    match (&changes.residence_subdivision, country) {
        (Some(Some(code)), Some(country)) => {
            let code = subdivisions::normalise(&country, code);
            let error = subdivisions::error("residence_subdivision", &country, &code);
            row.residence_subdivision = Set(Some(code));
            error
        }
        (Some(Some(_)), None) => Some(FieldError::new(
            "residence_subdivision",
            "requires_country",
            "give your country of residence first",
        )),
        (Some(None), _) => {
            row.residence_subdivision = Set(None);
            None
        }
        (None, country) => {
            let stale = current
                .residence_subdivision
                .as_deref()
                .is_some_and(|code| {
                    country.is_none_or(|country| !subdivisions::is_in(&country, code))
                });
            if stale {
                row.residence_subdivision = Set(None);
            }
            None
        }
    }
}

/// Changes the caller's password and ends their other sessions.
#[utoipa::path(
    tag = "me",
    operation_id = "changePassword",
    request_body = PasswordChange,
    responses(
        (status = 204, description = "Changed; other sessions ended"),
        responses::BodyRefusals,
        (status = 401, response = responses::Unauthorized),
    ),
    security(("bearer" = []))
)]
#[post("/me/password")]
async fn change_password(
    db: Data<Db>,
    member: Member,
    body: Json<PasswordChange>,
) -> Result<HttpResponse> {
    body.validate()?;
    if !password::verify(&body.current_password, Some(&member.user.password_hash)).await? {
        return Err(ApiError::invalid_field(
            "current_password",
            "wrong_password",
            "the current password is wrong",
        ));
    }
    let new_password = NewPassword::parse("new_password", &body.new_password)
        .map_err(|e| ApiError::Validation(vec![e]))?;
    let hash = password::hash(new_password).await?;
    let txn = db::write_transaction(&db).await?;
    users::set_password(&txn, member.id(), hash).await?;
    sessions::revoke_all(&txn, member.id(), Some(member.session)).await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

/// All the personal data Marcottage holds about the caller, as JSON.
#[utoipa::path(
    tag = "me",
    operation_id = "exportMyData",
    responses(
        (status = 200, description = "The caller's personal data", body = PersonalDataExport),
        (status = 401, response = responses::Unauthorized),
    ),
    security(("bearer" = []))
)]
#[get("/me/export")]
async fn export_me(db: Data<Db>, member: Member) -> Result<HttpResponse> {
    let tokens = RefreshToken::find()
        .filter(refresh_token::Column::UserId.eq(member.id()))
        .all(db.get_ref())
        .await?;
    let mut families: BTreeMap<Uuid, SessionExport> = BTreeMap::new();
    for token in tokens {
        let session = families.entry(token.family_id).or_insert(SessionExport {
            started_at: token.created_at,
            expires_at: token.expires_at,
            revoked: false,
        });
        session.started_at = Ord::min(session.started_at, token.created_at);
        session.expires_at = Ord::max(session.expires_at, token.expires_at);
        session.revoked |= token.revoked_at.is_some();
    }
    let memberships = organisation_member::Entity::find()
        .filter(organisation_member::Column::UserId.eq(member.id()))
        .all(db.get_ref())
        .await?;
    let names: BTreeMap<Uuid, String> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(memberships.iter().map(|m| m.organisation_id)))
        .all(db.get_ref())
        .await?
        .into_iter()
        .map(|row| (row.id, row.name))
        .collect();
    let organisations = memberships
        .into_iter()
        .map(|m| MembershipExport {
            name: names.get(&m.organisation_id).cloned().unwrap_or_default(),
            organisation_id: m.organisation_id,
            role: m.role,
            joined_at: m.joined_at,
        })
        .collect();
    Ok(HttpResponse::Ok()
        .insert_header((
            "Content-Disposition",
            "attachment; filename=\"marcottage-export.json\"",
        ))
        .json(PersonalDataExport {
            profile: OwnProfile::from(&member.user),
            sessions: families.into_values().collect(),
            organisations,
            exported_at: Utc::now(),
        }))
}

/// Deletes the caller's account: personal data is erased and the account anonymised, so that
/// what others built with the member stays intact.
#[utoipa::path(
    tag = "me",
    operation_id = "deleteMe",
    request_body = AccountDeletion,
    responses(
        (status = 204, description = "The account is deleted"),
        responses::BodyRefusals,
        (status = 401, response = responses::Unauthorized),
        (status = 409, response = responses::Conflict),
    ),
    security(("bearer" = []))
)]
#[delete("/me")]
async fn delete_me(
    db: Data<Db>,
    member: Member,
    body: Json<AccountDeletion>,
) -> Result<HttpResponse> {
    body.validate()?;
    if !password::verify(&body.password, Some(&member.user.password_hash)).await? {
        return Err(ApiError::invalid_field(
            "password",
            "wrong_password",
            "the password is wrong",
        ));
    }
    let id = member.id();
    let txn = db::write_transaction(&db).await?;
    if let Some(name) = organisations::left_without_owner(&txn, id).await? {
        return Err(ApiError::Conflict(format!(
            "you are the only owner of “{name}”, which has other members: make one of them an \
             owner (or delete the organisation) first"
        )));
    }
    users::erase(&txn, &member.user).await?;
    changes::record(&txn, ChangeKind::Member, id).await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A member's public profile; never their e-mail address.
#[utoipa::path(
    tag = "users",
    operation_id = "getUser",
    params(("id" = Uuid, Path, description = "The member's id")),
    responses(
        (status = 200, description = "The public profile", body = PublicProfile),
        (status = 404, response = responses::NotFound),
    ),
    security(())
)]
#[get("/users/{id}")]
async fn get_user(db: Data<Db>, id: Path<Uuid>) -> Result<HttpResponse> {
    let user = users::find(db.get_ref(), *id)
        .await?
        .ok_or(ApiError::NotFound("member"))?;
    Ok(HttpResponse::Ok().json(PublicProfile::from(&user)))
}

/// Changes a member's role or suspends them (admins only). Suspension ends their sessions.
#[utoipa::path(
    tag = "admin",
    operation_id = "administerUser",
    params(("id" = Uuid, Path, description = "The member's id")),
    request_body = MemberAdministration,
    responses(
        (status = 200, description = "The member after the change", body = AdministeredMember),
        responses::ItemBodyRefusals,
    ),
    security(("bearer" = []))
)]
#[patch("/admin/users/{id}")]
async fn administer_user(
    db: Data<Db>,
    admin: Member,
    id: Path<Uuid>,
    body: Json<MemberAdministration>,
) -> Result<HttpResponse> {
    admin.require(Role::Admin)?;
    let txn = db::write_transaction(&db).await?;
    let target = users::find(&txn, *id)
        .await?
        .ok_or(ApiError::NotFound("member"))?;
    let mut update = User::update_many()
        .col_expr(
            user::Column::Version,
            Expr::col(user::Column::Version).add(1),
        )
        .col_expr(user::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(user::Column::Id.eq(target.id));
    if let Some(role) = body.role {
        update = update.col_expr(user::Column::Role, Expr::value(role.as_str()));
    }
    if let Some(suspended) = body.suspended {
        update = update.col_expr(user::Column::Suspended, Expr::value(suspended));
        if suspended {
            sessions::revoke_all(&txn, target.id, None).await?;
        }
    }
    update.exec(&txn).await?;
    let target = users::find(&txn, target.id)
        .await?
        .ok_or(ApiError::NotFound("member"))?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(AdministeredMember {
        suspended: target.suspended,
        profile: PublicProfile::from(&target),
    }))
}
