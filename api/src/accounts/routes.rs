//! `/api/v1/auth/*`: registration, login, session refresh and logout, e-mail verification and
//! password reset.

use crate::http::body::Json;
use actix_web::{HttpRequest, HttpResponse, post, web::Data};
use utoipa_actix_web::service_config::ServiceConfig;
use validator::Validate;

use super::{
    AccessTokens, Member, Role,
    dto::{
        Accepted, Credentials, PasswordResetConfirmation, PasswordResetRequest, RefreshRequest,
        Registration, TokenPair, TokenRequest,
    },
    email_address::EmailAddress,
    emails,
    password::{self, NewPassword},
    sessions::{self, REFRESH_TOKEN_LIFETIME},
    throttle,
    tokens::ACCESS_TOKEN_LIFETIME,
    users::{self, NewMember, TokenPurpose},
};
use chrono::TimeDelta;

use crate::db::Db;
use crate::{
    config::Config,
    db,
    error::{ApiError, FieldError, Result, responses},
    mail,
    taxonomies::Lang,
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(register)
        .service(login)
        .service(refresh)
        .service(logout)
        .service(logout_all)
        .service(verify_email)
        .service(resend_verification)
        .service(request_password_reset)
        .service(confirm_password_reset);
}

/// Creates an account and sends a verification e-mail.
///
/// The answer is the same whether or not the address already has an account (its owner gets
/// an e-mail instead), so that registration cannot be used to find out who is a member. Log in
/// afterwards to get tokens.
#[utoipa::path(
    tag = "auth",
    operation_id = "register",
    request_body = Registration,
    responses(
        (status = 202, description = "Accepted; a message is on its way to the address", body = Accepted),
        responses::BodyRefusals,
    ),
    security(())
)]
#[post("/auth/register")]
async fn register(
    request: HttpRequest,
    db: Data<Db>,
    config: Data<Config>,
    body: Json<Registration>,
) -> Result<HttpResponse> {
    let body = body.into_inner();
    let mut errors = Vec::new();
    let email = EmailAddress::parse("email", &body.email)
        .map_err(|e| errors.push(e))
        .ok();
    let new_password = NewPassword::parse("password", &body.password)
        .map_err(|e| errors.push(e))
        .ok();
    if body.display_name.trim().is_empty() || body.display_name.chars().count() > 100 {
        errors.push(FieldError::new(
            "display_name",
            "length",
            "use 1 to 100 characters",
        ));
    }
    let (Some(email), Some(new_password), true) = (email, new_password, errors.is_empty()) else {
        return Err(ApiError::Validation(errors));
    };
    let locale = body.locale.unwrap_or(Lang::Fr);
    mail_asked(&db, &config, &request).await?;
    let mail = may_mail(&db, &config, email.as_str()).await?;
    let password_hash = password::hash(new_password).await?;

    let txn = db::write_transaction(&db).await?;
    let member = NewMember {
        email: email.as_str(),
        password_hash,
        display_name: &body.display_name,
        locale,
        role: Role::Member,
    };
    match users::create(&txn, member).await? {
        Some(user) => {
            let token = users::issue_email_token(&txn, user.id, TokenPurpose::VerifyEmail).await?;
            let link = format!("{}/verify-email?token={}", config.public_url, token.value);
            mail::enqueue(&txn, &emails::verification(&user.email, locale, &link)).await?;
        }
        None if !mail => {}
        None => {
            let login_link = format!("{}/login", config.public_url);
            let reset_link = format!("{}/password-reset", config.public_url);
            let message =
                emails::already_registered(email.as_str(), locale, &login_link, &reset_link);
            mail::enqueue(&txn, &message).await?;
        }
    }
    txn.commit().await?;
    Ok(HttpResponse::Accepted().json(Accepted::default()))
}

/// Logs in with e-mail and password.
///
/// Repeated failures are throttled per account and per client address (429 with
/// `Retry-After`).
#[utoipa::path(
    tag = "auth",
    operation_id = "login",
    request_body = Credentials,
    responses(
        (status = 200, description = "Logged in", body = TokenPair),
        responses::BodyRefusals,
        (status = 401, response = responses::Unauthorized),
        (status = 403, response = responses::Forbidden),
        (status = 429, response = responses::TooManyRequests),
    ),
    security(())
)]
#[post("/auth/login")]
async fn login(
    request: HttpRequest,
    db: Data<Db>,
    tokens: Data<AccessTokens>,
    config: Data<Config>,
    body: Json<Credentials>,
) -> Result<HttpResponse> {
    body.validate()?;
    let email = body.email.trim().to_lowercase();
    let address = client_address(&request, &config);
    // Counted as a failure before the password is checked, taken back if it is right.
    let attempt = throttle::reserve(&db, &login_limits(&config, &email, &address)).await?;
    let user = users::find_by_email(db.get_ref(), &email).await?;
    let valid = password::verify(
        &body.password,
        user.as_ref().map(|u| u.password_hash.as_str()),
    )
    .await?;
    let Some(user) = user.filter(|_| valid) else {
        return Err(ApiError::InvalidCredentials);
    };
    attempt.cancel(&db).await?;
    throttle::forgive(&db, LOGIN_FROM, &login_key(&email, &address)).await?;
    if user.suspended {
        return Err(ApiError::AccountSuspended);
    }
    let session = sessions::start(db.get_ref(), user.id).await?;
    Ok(HttpResponse::Ok().json(token_pair(&tokens, user.id, session)?))
}

/// Exchanges a refresh token for a new pair. A refresh token works once: presenting it again
/// ends its session.
#[utoipa::path(
    tag = "auth",
    operation_id = "refreshSession",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "A new token pair", body = TokenPair),
        responses::BodyRefusals,
        (status = 401, response = responses::Unauthorized),
        (status = 403, response = responses::Forbidden),
    ),
    security(())
)]
#[post("/auth/refresh")]
async fn refresh(
    db: Data<Db>,
    tokens: Data<AccessTokens>,
    body: Json<RefreshRequest>,
) -> Result<HttpResponse> {
    body.validate()?;
    let txn = db::write_transaction(&db).await?;
    let (user_id, session) = match sessions::rotate(&txn, &body.refresh_token).await {
        Ok(rotated) => rotated,
        Err(error) => {
            // Keep the family's revocation when a reused token was detected.
            txn.commit().await?;
            return Err(error);
        }
    };
    let user = users::find(&txn, user_id)
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    if user.suspended {
        return Err(ApiError::AccountSuspended);
    }
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(token_pair(&tokens, user_id, session)?))
}

/// Ends the session the refresh token belongs to.
#[utoipa::path(
    tag = "auth",
    operation_id = "logout",
    request_body = RefreshRequest,
    responses(
        (status = 204, description = "Logged out"),
        responses::BodyRefusals,
    ),
    security(())
)]
#[post("/auth/logout")]
async fn logout(db: Data<Db>, body: Json<RefreshRequest>) -> Result<HttpResponse> {
    body.validate()?;
    sessions::end(db.get_ref(), &body.refresh_token).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Ends every session of the caller, on every device.
#[utoipa::path(
    tag = "auth",
    operation_id = "logoutEverywhere",
    responses(
        (status = 204, description = "All sessions ended"),
        (status = 401, response = responses::Unauthorized),
    ),
    security(("bearer" = []))
)]
#[post("/auth/logout-all")]
async fn logout_all(db: Data<Db>, member: Member) -> Result<HttpResponse> {
    sessions::revoke_all(db.get_ref(), member.id(), None).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Confirms the e-mail address with the token sent at registration.
#[utoipa::path(
    tag = "auth",
    operation_id = "verifyEmail",
    request_body = TokenRequest,
    responses(
        (status = 204, description = "The address is verified"),
        responses::BodyRefusals,
    ),
    security(())
)]
#[post("/auth/verify-email")]
async fn verify_email(db: Data<Db>, body: Json<TokenRequest>) -> Result<HttpResponse> {
    body.validate()?;
    let txn = db::write_transaction(&db).await?;
    let user = users::consume_email_token(&txn, &body.token, TokenPurpose::VerifyEmail)
        .await?
        .ok_or_else(invalid_token)?;
    users::mark_verified(&txn, user).await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Sends the verification e-mail again.
#[utoipa::path(
    tag = "auth",
    operation_id = "resendVerificationEmail",
    responses(
        (status = 202, description = "A new message is on its way", body = Accepted),
        (status = 401, response = responses::Unauthorized),
    ),
    security(("bearer" = []))
)]
#[post("/auth/verify-email/resend")]
async fn resend_verification(
    request: HttpRequest,
    db: Data<Db>,
    config: Data<Config>,
    member: Member,
) -> Result<HttpResponse> {
    mail_asked(&db, &config, &request).await?;
    if member.user.email_verified_at.is_none() && may_mail(&db, &config, &member.user.email).await?
    {
        let txn = db::write_transaction(&db).await?;
        let token = users::issue_email_token(&txn, member.id(), TokenPurpose::VerifyEmail).await?;
        let link = format!("{}/verify-email?token={}", config.public_url, token.value);
        let lang = if member.user.locale == "fr" {
            Lang::Fr
        } else {
            Lang::En
        };
        mail::enqueue(&txn, &emails::verification(&member.user.email, lang, &link)).await?;
        txn.commit().await?;
    }
    Ok(HttpResponse::Accepted().json(Accepted::default()))
}

/// Sends a password-reset link. The answer is the same whether or not the address is known.
#[utoipa::path(
    tag = "auth",
    operation_id = "requestPasswordReset",
    request_body = PasswordResetRequest,
    responses(
        (status = 202, description = "If the address has an account, a link is on its way", body = Accepted),
        responses::BodyRefusals,
    ),
    security(())
)]
#[post("/auth/password-reset")]
async fn request_password_reset(
    request: HttpRequest,
    db: Data<Db>,
    config: Data<Config>,
    body: Json<PasswordResetRequest>,
) -> Result<HttpResponse> {
    body.validate()?;
    let email =
        EmailAddress::parse("email", &body.email).map_err(|e| ApiError::Validation(vec![e]))?;
    mail_asked(&db, &config, &request).await?;
    let mail = may_mail(&db, &config, email.as_str()).await?;
    let txn = db::write_transaction(&db).await?;
    if let Some(user) = users::find_by_email(&txn, email.as_str())
        .await?
        .filter(|_| mail)
    {
        let token = users::issue_email_token(&txn, user.id, TokenPurpose::ResetPassword).await?;
        let link = format!("{}/password-reset?token={}", config.public_url, token.value);
        let lang = if user.locale == "fr" {
            Lang::Fr
        } else {
            Lang::En
        };
        mail::enqueue(&txn, &emails::password_reset(&user.email, lang, &link)).await?;
    }
    txn.commit().await?;
    Ok(HttpResponse::Accepted().json(Accepted::default()))
}

/// Sets a new password with the token from the reset e-mail; every session ends.
#[utoipa::path(
    tag = "auth",
    operation_id = "confirmPasswordReset",
    request_body = PasswordResetConfirmation,
    responses(
        (status = 204, description = "The password is changed; log in again"),
        responses::BodyRefusals,
    ),
    security(())
)]
#[post("/auth/password-reset/confirm")]
async fn confirm_password_reset(
    request: HttpRequest,
    db: Data<Db>,
    config: Data<Config>,
    body: Json<PasswordResetConfirmation>,
) -> Result<HttpResponse> {
    body.validate()?;
    let new_password = NewPassword::parse("password", &body.password)
        .map_err(|e| ApiError::Validation(vec![e]))?;
    // The token first: hashing costs 19 MiB and tens of milliseconds, not to be given away.
    users::peek_email_token(db.get_ref(), &body.token, TokenPurpose::ResetPassword)
        .await?
        .ok_or_else(invalid_token)?;
    let password_hash = password::hash(new_password).await?;
    let txn = db::write_transaction(&db).await?;
    let user = users::consume_email_token(&txn, &body.token, TokenPurpose::ResetPassword)
        .await?
        .ok_or_else(invalid_token)?;
    users::set_password(&txn, user, password_hash).await?;
    sessions::revoke_all(&txn, user, None).await?;
    let email = users::email_of(&txn, user).await?;
    txn.commit().await?;
    // The owner of the address is back in: no lock left over from others' guesses.
    throttle::forgive(&db, LOGIN_ACCOUNT, &email).await?;
    let address = client_address(&request, &config);
    throttle::forgive(&db, LOGIN_FROM, &login_key(&email, &address)).await?;
    Ok(HttpResponse::NoContent().finish())
}

fn invalid_token() -> ApiError {
    ApiError::invalid_field(
        "token",
        "invalid_token",
        "this link is invalid, used or expired; ask for a new one",
    )
}

fn token_pair(
    tokens: &AccessTokens,
    user: uuid::Uuid,
    session: sessions::Issued,
) -> Result<TokenPair> {
    Ok(TokenPair {
        access_token: tokens
            .issue(user, session.family)
            .map_err(ApiError::Internal)?,
        token_type: "Bearer".into(),
        expires_in: ACCESS_TOKEN_LIFETIME.num_seconds(),
        refresh_token: session.token.value,
        refresh_expires_in: REFRESH_TOKEN_LIFETIME.num_seconds(),
    })
}

/// Failed logins of one account from one address.
const LOGIN_FROM: &str = "login_from";
/// Failed logins from one address, whatever the account.
const LOGIN_ADDRESS: &str = "login_address";
/// Failed logins of one account, whatever the address: a lock at a much higher count, so
/// that guessing from many addresses stops too, without letting anyone lock the owner out
/// with a handful of tries (they can always reset the password by e-mail).
const LOGIN_ACCOUNT: &str = "login_account";
const LOGIN_WINDOW: TimeDelta = TimeDelta::minutes(15);

fn login_key(email: &str, address: &str) -> String {
    format!("{email} {address}")
}

fn login_limits(config: &Config, email: &str, address: &str) -> [throttle::Limit; 3] {
    [
        throttle::Limit::new(
            LOGIN_FROM,
            login_key(email, address),
            config.login_failures_per_account,
            LOGIN_WINDOW,
        ),
        throttle::Limit::new(
            LOGIN_ADDRESS,
            address,
            config.login_failures_per_address,
            LOGIN_WINDOW,
        ),
        throttle::Limit::new(
            LOGIN_ACCOUNT,
            email,
            config.login_failures_account_lock,
            LOGIN_WINDOW,
        ),
    ]
}

/// E-mails asked for from one client address in an hour, whoever they go to.
const MAIL_FROM: &str = "mail_from";
/// E-mails sent to one address in an hour, whoever asks: nobody can bomb a mailbox.
const MAIL_TO: &str = "mail_to";
const MAIL_WINDOW: TimeDelta = TimeDelta::hours(1);

/// Counts a request that sends mail against its client's address (429 past the limit).
async fn mail_asked(db: &Db, config: &Config, request: &HttpRequest) -> Result<()> {
    let address = client_address(request, config);
    let limit = throttle::Limit::new(
        MAIL_FROM,
        address,
        config.mails_per_address_per_hour,
        MAIL_WINDOW,
    );
    // Kept: each request counts, whether it sends or not.
    drop(throttle::reserve(db, &[limit]).await?);
    Ok(())
}

/// Whether `recipient` may get one more e-mail of ours this hour. The answer to the request
/// stays the same either way, so that it tells nothing about the address. Other features that
/// mail an address someone else typed (organisation invitations) share this limit.
pub(crate) async fn may_mail(db: &Db, config: &Config, recipient: &str) -> Result<bool> {
    let limit = throttle::Limit::new(
        MAIL_TO,
        recipient,
        config.mails_per_recipient_per_hour,
        MAIL_WINDOW,
    );
    match throttle::reserve(db, &[limit]).await {
        Ok(_) => Ok(true),
        Err(ApiError::RateLimited { .. }) => Ok(false),
        Err(error) => Err(error),
    }
}

fn client_address(request: &HttpRequest, config: &Config) -> String {
    crate::http::client::address(request, &config.trusted_proxies)
}
