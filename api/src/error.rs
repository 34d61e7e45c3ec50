//! The one error type of the API, rendered as RFC 9457 `application/problem+json`.
//!
//! Every failure a handler can meet becomes an [`ApiError`]; each variant maps to one HTTP
//! status and one stable machine [`ErrorCode`] that clients can switch on.

use actix_web::{
    HttpResponse, ResponseError,
    error::{JsonPayloadError, PathError, PayloadError, QueryPayloadError},
    http::{Method, StatusCode, header},
};
use serde::Serialize;
use utoipa::ToSchema;

pub type Result<T, E = ApiError> = std::result::Result<T, E>;

/// Media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// Stable, machine-readable error codes. New codes may be added; existing ones never change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    MalformedJson,
    InvalidQuery,
    UnsupportedMediaType,
    ValidationFailed,
    Unauthenticated,
    InvalidCredentials,
    AccountSuspended,
    EmailNotVerified,
    Forbidden,
    /// An API key was used outside its scopes or its organisation.
    InsufficientScope,
    NotFound,
    MethodNotAllowed,
    Conflict,
    PreconditionFailed,
    PayloadTooLarge,
    RateLimited,
    ServiceUnavailable,
    InternalError,
}

/// One invalid field of a request, as listed in a 422 problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    /// The field's name as it appears in the request (`email`, `items[2].code`, `lang`).
    pub field: String,
    /// A machine code for the rule that failed (`required`, `length`, `unknown_code`, ...).
    pub code: String,
    /// A human-readable explanation.
    pub message: String,
}

impl FieldError {
    pub fn new(
        field: impl Into<String>,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            field: field.into(),
            code: code.into(),
            message: message.into(),
        }
    }
}

/// An RFC 9457 problem document.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI reference naming the kind of problem (`urn:marcottage:problem:<code>`).
    #[serde(rename = "type")]
    pub problem_type: String,
    /// A short summary of the kind of problem.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// An explanation of this occurrence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    pub code: ErrorCode,
    /// The invalid fields, for `validation_failed`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("the request body is not valid JSON: {0}")]
    MalformedJson(String),
    #[error("the query string is invalid: {0}")]
    InvalidQuery(String),
    #[error("the request body must be application/json")]
    UnsupportedMediaType,
    #[error("the request has invalid fields")]
    Validation(Vec<FieldError>),
    #[error("authentication is required")]
    Unauthenticated,
    #[error("the e-mail or the password is wrong")]
    InvalidCredentials,
    #[error("this account is suspended")]
    AccountSuspended,
    #[error(
        "confirm your e-mail address first: open the link we sent you, or ask for a new one \
         with POST /api/v1/auth/verify-email/resend"
    )]
    EmailNotVerified,
    #[error("you may not do this")]
    Forbidden,
    #[error("{0}")]
    InsufficientScope(String),
    #[error("no such {0}")]
    NotFound(&'static str),
    #[error("this method is not allowed here")]
    MethodNotAllowed { allow: Vec<Method> },
    #[error("{0}")]
    Conflict(String),
    #[error("the resource has changed since you read it")]
    PreconditionFailed,
    #[error("the request body is larger than the limit of {limit} bytes")]
    PayloadTooLarge { limit: usize },
    #[error("too many requests; retry in {retry_after_seconds} seconds")]
    RateLimited { retry_after_seconds: u64 },
    #[error("the service is unavailable: {0}")]
    ServiceUnavailable(&'static str),
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

impl ApiError {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::MalformedJson(_) => ErrorCode::MalformedJson,
            Self::InvalidQuery(_) => ErrorCode::InvalidQuery,
            Self::UnsupportedMediaType => ErrorCode::UnsupportedMediaType,
            Self::Validation(_) => ErrorCode::ValidationFailed,
            Self::Unauthenticated => ErrorCode::Unauthenticated,
            Self::InvalidCredentials => ErrorCode::InvalidCredentials,
            Self::AccountSuspended => ErrorCode::AccountSuspended,
            Self::EmailNotVerified => ErrorCode::EmailNotVerified,
            Self::Forbidden => ErrorCode::Forbidden,
            Self::InsufficientScope(_) => ErrorCode::InsufficientScope,
            Self::NotFound(_) => ErrorCode::NotFound,
            Self::MethodNotAllowed { .. } => ErrorCode::MethodNotAllowed,
            Self::Conflict(_) => ErrorCode::Conflict,
            Self::PreconditionFailed => ErrorCode::PreconditionFailed,
            Self::PayloadTooLarge { .. } => ErrorCode::PayloadTooLarge,
            Self::RateLimited { .. } => ErrorCode::RateLimited,
            Self::ServiceUnavailable(_) => ErrorCode::ServiceUnavailable,
            Self::Internal(_) => ErrorCode::InternalError,
        }
    }

    /// The field errors of a `validate()` result, to be joined with further checks.
    pub fn field_errors_of(
        result: std::result::Result<(), validator::ValidationErrors>,
    ) -> Vec<FieldError> {
        match result {
            Ok(()) => Vec::new(),
            Err(errors) => field_errors(&errors, ""),
        }
    }

    /// `value` when no field was found wrong, else every field error at once (422).
    pub fn valid<T>(errors: Vec<FieldError>, value: T) -> Result<T> {
        if errors.is_empty() {
            Ok(value)
        } else {
            Err(Self::Validation(errors))
        }
    }

    /// A single-field validation error.
    pub fn invalid_field(field: &str, code: &str, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, code, message)])
    }

    fn problem(&self) -> Problem {
        let status = self.status_code();
        let code = self.code();
        // A 500 says nothing about its cause: that goes to the log only.
        let detail = match self {
            Self::Internal(_) => None,
            other => Some(other.to_string()),
        };
        let mut errors = match self {
            Self::Validation(errors) => errors.clone(),
            _ => Vec::new(),
        };
        // A stable order, whatever order the checks ran in.
        errors.sort_by(|a, b| a.field.cmp(&b.field));
        let code_name = serde_json::to_value(code)
            .ok()
            .and_then(|value| value.as_str().map(str::to_owned))
            .unwrap_or_default();
        Problem {
            problem_type: format!("urn:marcottage:problem:{code_name}"),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail,
            code,
            errors,
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::MalformedJson(_) | Self::InvalidQuery(_) => StatusCode::BAD_REQUEST,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Unauthenticated | Self::InvalidCredentials => StatusCode::UNAUTHORIZED,
            Self::Forbidden
            | Self::InsufficientScope(_)
            | Self::AccountSuspended
            | Self::EmailNotVerified => StatusCode::FORBIDDEN,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::PreconditionFailed => StatusCode::PRECONDITION_FAILED,
            Self::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Self::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::ServiceUnavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let Self::Internal(cause) = self {
            tracing::error!(error = ?cause, "request failed");
        }
        let mut response = HttpResponse::build(self.status_code());
        response.insert_header((header::CONTENT_TYPE, PROBLEM_JSON));
        match self {
            Self::MethodNotAllowed { allow } => {
                let allow = allow
                    .iter()
                    .map(Method::as_str)
                    .collect::<Vec<_>>()
                    .join(", ");
                response.insert_header((header::ALLOW, allow));
            }
            Self::RateLimited {
                retry_after_seconds,
            } => {
                response.insert_header((header::RETRY_AFTER, retry_after_seconds.to_string()));
            }
            // Saturation passes in a moment: come back in a second.
            Self::ServiceUnavailable(_) => {
                response.insert_header((header::RETRY_AFTER, "1"));
            }
            Self::Unauthenticated => {
                response
                    .insert_header((header::WWW_AUTHENTICATE, r#"Bearer error="invalid_token""#));
            }
            _ => {}
        }
        response.body(serde_json::to_string(&self.problem()).unwrap_or_default())
    }
}

impl From<sea_orm::DbErr> for ApiError {
    /// A database too busy to answer in time is load, not a fault: 503, not 500.
    fn from(error: sea_orm::DbErr) -> Self {
        match &error {
            sea_orm::DbErr::ConnectionAcquire(_) => Self::ServiceUnavailable("database busy"),
            // SQLite's writer lock still held by another connection after the busy timeout.
            other if other.to_string().contains("database is locked") => {
                Self::ServiceUnavailable("database busy")
            }
            _ => Self::Internal(error.into()),
        }
    }
}

impl From<validator::ValidationErrors> for ApiError {
    fn from(errors: validator::ValidationErrors) -> Self {
        Self::Validation(field_errors(&errors, ""))
    }
}

/// Flattens validator's nested errors into `field`, `parent.field` and `list[3].field` paths.
fn field_errors(errors: &validator::ValidationErrors, prefix: &str) -> Vec<FieldError> {
    use validator::ValidationErrorsKind as Kind;
    let mut flat = Vec::new();
    for (field, kind) in errors.errors() {
        let path = if prefix.is_empty() {
            field.to_string()
        } else {
            format!("{prefix}.{field}")
        };
        match kind {
            Kind::Field(list) => flat.extend(list.iter().map(|error| {
                let message = error
                    .message
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_else(|| format!("{path} is invalid ({})", error.code));
                FieldError::new(&path, error.code.as_ref(), message)
            })),
            Kind::Struct(inner) => flat.extend(field_errors(inner, &path)),
            Kind::List(items) => {
                for (index, inner) in items {
                    flat.extend(field_errors(inner, &format!("{path}[{index}]")));
                }
            }
        }
    }
    flat
}

impl From<JsonPayloadError> for ApiError {
    fn from(error: JsonPayloadError) -> Self {
        match error {
            JsonPayloadError::OverflowKnownLength { limit, .. }
            | JsonPayloadError::Overflow { limit } => Self::PayloadTooLarge { limit },
            JsonPayloadError::ContentType => Self::UnsupportedMediaType,
            JsonPayloadError::Deserialize(error) if error.is_data() => {
                // The JSON parsed, but a field has the wrong type or is missing.
                Self::invalid_field("body", "invalid_type", error.to_string())
            }
            JsonPayloadError::Deserialize(error) => Self::MalformedJson(error.to_string()),
            JsonPayloadError::Payload(PayloadError::Overflow) => Self::PayloadTooLarge { limit: 0 },
            other => Self::MalformedJson(other.to_string()),
        }
    }
}

impl From<QueryPayloadError> for ApiError {
    fn from(error: QueryPayloadError) -> Self {
        Self::InvalidQuery(error.to_string())
    }
}

/// A path segment that does not parse (an unknown taxonomy, a malformed id) names nothing.
impl From<PathError> for ApiError {
    fn from(_: PathError) -> Self {
        Self::NotFound("resource")
    }
}

/// Reusable OpenAPI responses, so that every operation can list the errors it gives.
pub mod responses {
    use std::collections::BTreeMap;

    use super::Problem;
    use utoipa::{
        IntoResponses, ToResponse,
        openapi::{Ref, RefOr, response::Response},
    };

    macro_rules! problem_responses {
        ($($name:ident => $description:literal),* $(,)?) => {$(
            #[derive(ToResponse)]
            #[response(description = $description, content_type = "application/problem+json")]
            #[allow(dead_code)]
            pub struct $name(Problem);
        )*};
    }

    problem_responses! {
        BadRequest => "The request is malformed (bad JSON, query or path).",
        Unauthorized => "Authentication is missing or invalid.",
        Forbidden => "The caller may not do this (`forbidden`), or must first confirm their e-mail address (`email_not_verified`: publishing, interests, messages, introductions).",
        NotFound => "No such resource.",
        MethodNotAllowed => "The method is not allowed on this path; see the `Allow` header.",
        Conflict => "The request conflicts with the current state.",
        PreconditionFailed => "The `If-Match` version is stale.",
        PayloadTooLarge => "The request body is over the size limit.",
        UnsupportedMediaType => "The request body is not JSON.",
        UnprocessableEntity => "Some fields are invalid; see `errors`.",
        TooManyRequests => "Too many requests; see the `Retry-After` header.",
        ServiceUnavailable => "The service or one of its dependencies is unavailable.",
    }

    /// Refusals that come together, named once so that an operation's annotation lists only
    /// its success and the refusals that are its own (`409`, `412`...). Each member refers to
    /// the response component above, so the spec is the same as with one line per status.
    macro_rules! refusal_sets {
        ($($(#[$doc:meta])* $set:ident => [$($status:literal $name:ident),* $(,)?];)*) => {$(
            $(#[$doc])*
            pub struct $set;

            impl IntoResponses for $set {
                fn responses() -> BTreeMap<String, RefOr<Response>> {
                    [$(($status, stringify!($name))),*]
                        .into_iter()
                        .map(|(status, name): (u16, &str)| {
                            (status.to_string(), RefOr::Ref(Ref::from_response_name(name)))
                        })
                        .collect()
                }
            }
        )*};
    }

    refusal_sets! {
        /// A JSON body: malformed, too large, not JSON, or with invalid fields.
        BodyRefusals => [400 BadRequest, 413 PayloadTooLarge, 415 UnsupportedMediaType, 422 UnprocessableEntity];
        /// Someone's item acted on by a signed-in caller: no session, not allowed, not there.
        ItemRefusals => [401 Unauthorized, 403 Forbidden, 404 NotFound];
        /// A JSON body sent to someone's item: the body's refusals and the item's.
        ItemBodyRefusals => [
            400 BadRequest, 401 Unauthorized, 403 Forbidden, 404 NotFound, 413 PayloadTooLarge,
            415 UnsupportedMediaType, 422 UnprocessableEntity,
        ];
        /// An answer to something sent to the caller: as for an item, or already answered.
        AnswerRefusals => [401 Unauthorized, 403 Forbidden, 404 NotFound, 409 Conflict];
        /// A query string: malformed, or with invalid parameters.
        QueryRefusals => [400 BadRequest, 422 UnprocessableEntity];
        /// A member's new item: no session, or an `Idempotency-Key` reused with another body.
        CreateRefusals => [401 Unauthorized, 409 Conflict];
        /// A new item published for an organisation: as above, or an organisation the member
        /// may not act for, or an e-mail address not yet confirmed.
        CreateForRefusals => [401 Unauthorized, 403 Forbidden, 409 Conflict];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use validator::Validate;

    #[test]
    fn internal_errors_hide_their_cause() {
        let error = ApiError::Internal(anyhow::anyhow!("password=hunter2 at db.internal"));
        let body = serde_json::to_string(&error.problem()).unwrap_or_default();
        assert!(!body.contains("hunter2"));
        assert!(body.contains("\"code\":\"internal_error\""));
    }

    #[test]
    fn validation_problems_list_nested_fields() {
        #[derive(Validate)]
        struct Inner {
            #[validate(length(min = 2))]
            code: String,
        }
        #[derive(Validate)]
        struct Outer {
            #[validate(length(max = 3))]
            name: String,
            #[validate(nested)]
            items: Vec<Inner>,
        }
        let outer = Outer {
            name: "long name".into(),
            items: vec![Inner { code: "x".into() }],
        };
        let Err(errors) = outer.validate() else {
            panic!("expected validation errors");
        };
        let problem = ApiError::from(errors).problem();
        let fields: Vec<_> = problem.errors.into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["items[0].code", "name"]);
    }

    #[test]
    fn type_uris_name_the_code() {
        let problem = ApiError::PreconditionFailed.problem();
        assert_eq!(
            problem.problem_type,
            "urn:marcottage:problem:precondition_failed"
        );
        assert_eq!(problem.status, 412);
    }
}
