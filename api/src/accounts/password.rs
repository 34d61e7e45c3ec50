//! Passwords: the rules a new one must meet, and argon2id hashing off the async executor.

use std::{collections::HashSet, sync::LazyLock, time::Duration};

use tokio::sync::{Semaphore, SemaphorePermit};

use argon2::{Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version};
use secrecy::{ExposeSecret, SecretString};

use crate::error::{ApiError, FieldError};

pub const MIN_LENGTH: usize = 8;
pub const MAX_LENGTH: usize = 128;

/// The OWASP SecLists top-100 000 passwords of 8 characters or more, lower-cased
/// (`api/data/common-passwords/README.md`).
static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../data/common-passwords/top-100k-min-8.txt")
        .lines()
        .collect()
});

/// A password that met the rules: length only (NIST SP 800-63B), and not a common one.
pub struct NewPassword(SecretString);

impl NewPassword {
    pub fn parse(field: &str, candidate: &str) -> Result<Self, FieldError> {
        let length = candidate.chars().count();
        if length < MIN_LENGTH {
            return Err(FieldError::new(
                field,
                "too_short",
                format!("use at least {MIN_LENGTH} characters"),
            ));
        }
        if length > MAX_LENGTH {
            return Err(FieldError::new(
                field,
                "too_long",
                format!("use at most {MAX_LENGTH} characters"),
            ));
        }
        if COMMON.contains(candidate.to_lowercase().as_str()) {
            return Err(FieldError::new(
                field,
                "too_common",
                "this password is among the most common ones; choose another",
            ));
        }
        Ok(Self(candidate.to_owned().into()))
    }
}

/// argon2id with m=19456 KiB, t=2, p=1 (the OWASP recommendation).
fn hasher() -> Result<Argon2<'static>, ApiError> {
    let params =
        Params::new(19_456, 2, 1, None).map_err(|e| ApiError::Internal(anyhow::anyhow!(e)))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes computed at once: each takes 19 MiB and tens of milliseconds of a core, so that a
/// burst of logins or registrations would otherwise take the machine from everyone else.
static HASHING: LazyLock<Semaphore> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    Semaphore::new(cores * 2)
});
/// How long a request waits for its turn to hash before 429.
const HASH_PATIENCE: Duration = Duration::from_secs(2);

async fn hashing_turn() -> Result<SemaphorePermit<'static>, ApiError> {
    let busy = || ApiError::RateLimited {
        retry_after_seconds: 1,
    };
    tokio::time::timeout(HASH_PATIENCE, HASHING.acquire())
        .await
        .map_err(|_| busy())?
        .map_err(|_| busy())
}

/// Hashes on the blocking pool: 20-odd ms of CPU must not stall other requests.
pub async fn hash(password: NewPassword) -> Result<String, ApiError> {
    let _turn = hashing_turn().await?;
    tokio::task::spawn_blocking(move || {
        let hash = hasher()?
            .hash_password(password.0.expose_secret().as_bytes())
            .map_err(|e| ApiError::Internal(anyhow::anyhow!(e)))?;
        Ok(hash.to_string())
    })
    .await
    .map_err(|e| ApiError::Internal(e.into()))?
}

/// A valid hash of no password, so that unknown accounts cost as much time as known ones.
static DECOY_HASH: LazyLock<Option<String>> = LazyLock::new(|| {
    let hasher = hasher().ok()?;
    hasher
        .hash_password(b"decoy password that nobody has")
        .ok()
        .map(|h| h.to_string())
});

/// Verifies `candidate` against `stored` (or against a decoy when there is no account).
pub async fn verify(candidate: &str, stored: Option<&str>) -> Result<bool, ApiError> {
    let candidate = SecretString::from(candidate.to_owned());
    let known = stored.is_some();
    let stored = stored
        .map(str::to_owned)
        .or_else(|| DECOY_HASH.clone())
        .unwrap_or_default();
    let _turn = hashing_turn().await?;
    tokio::task::spawn_blocking(move || {
        let Ok(parsed) = PasswordHash::new(&stored) else {
            return Ok(false);
        };
        let matches = hasher()?
            .verify_password(candidate.expose_secret().as_bytes(), &parsed)
            .is_ok();
        Ok(matches && known)
    })
    .await
    .map_err(|e| ApiError::Internal(e.into()))?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_is_the_only_composition_rule() {
        assert!(NewPassword::parse("password", "short").is_err());
        assert!(NewPassword::parse("password", "correct horse battery staple").is_ok());
        assert!(NewPassword::parse("password", &"a".repeat(64)).is_ok());
        assert!(NewPassword::parse("password", &"é".repeat(129)).is_err());
    }

    #[test]
    fn common_passwords_are_refused_whatever_their_case() {
        for common in ["password", "12345678", "Iloveyou1", "QWERTYUIOP"] {
            let error = NewPassword::parse("password", common).err().map(|e| e.code);
            assert_eq!(error.as_deref(), Some("too_common"), "{common}");
        }
    }

    #[tokio::test]
    async fn hashes_are_argon2id_with_the_owasp_parameters_and_verify() {
        let hash = hash(NewPassword::parse("p", "marcottage en Casamance").unwrap())
            .await
            .unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(
            verify("marcottage en Casamance", Some(&hash))
                .await
                .unwrap()
        );
        assert!(
            !verify("marcottage en casamance", Some(&hash))
                .await
                .unwrap()
        );
        assert!(!verify("anything", None).await.unwrap());
    }
}
