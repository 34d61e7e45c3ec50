//! Access tokens (short JWTs) and the opaque random tokens used for sessions and e-mail links.

use chrono::{TimeDelta, Utc};
use jsonwebtoken::{
    Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, decode_header, encode,
};
use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::config::Config;

pub const ISSUER: &str = "marcottage";
pub const AUDIENCE: &str = "marcottage-api";
pub const ACCESS_TOKEN_LIFETIME: TimeDelta = TimeDelta::minutes(15);
/// Clock skew tolerated between replicas.
const LEEWAY_SECONDS: u64 = 30;

/// The claims of an access token. `sid` names the session (the refresh-token family), so that
/// logging out ends the session's access tokens too.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccessClaims {
    pub iss: String,
    pub aud: String,
    pub sub: Uuid,
    pub exp: i64,
    pub nbf: i64,
    pub iat: i64,
    pub jti: Uuid,
    pub sid: Uuid,
}

struct Key {
    id: String,
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl Key {
    fn new(secret: &SecretString) -> Self {
        let bytes = secret.expose_secret().as_bytes();
        // The key id is derived from the secret, so that it changes with every rotation
        // without revealing anything usable.
        let id = hex::encode(&Sha256::digest(bytes)[..8]);
        Self {
            id,
            encoding: EncodingKey::from_secret(bytes),
            decoding: DecodingKey::from_secret(bytes),
        }
    }
}

/// Signs with the current key; verifies with the current or the previous one (by `kid`).
pub struct AccessTokens {
    current: Key,
    previous: Option<Key>,
    validation: Validation,
}

impl AccessTokens {
    pub fn from_config(config: &Config) -> anyhow::Result<Self> {
        let secret = config
            .jwt_secret
            .as_ref()
            .ok_or_else(|| anyhow::anyhow!("no JWT secret configured"))?;
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "nbf", "iat", "iss", "aud", "sub"]);
        validation.validate_nbf = true;
        validation.leeway = LEEWAY_SECONDS;
        Ok(Self {
            current: Key::new(secret),
            previous: config.jwt_previous_secret.as_ref().map(Key::new),
            validation,
        })
    }

    pub fn issue(&self, user: Uuid, session: Uuid) -> anyhow::Result<String> {
        let now = Utc::now();
        let claims = AccessClaims {
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            sub: user,
            iat: now.timestamp(),
            nbf: now.timestamp(),
            exp: (now + ACCESS_TOKEN_LIFETIME).timestamp(),
            jti: Uuid::now_v7(),
            sid: session,
        };
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some(self.current.id.clone());
        Ok(encode(&header, &claims, &self.current.encoding)?)
    }

    /// The claims of a valid token; `None` for anything forged, expired, early, for another
    /// audience, signed with another algorithm or with an unknown key.
    pub fn verify(&self, token: &str) -> Option<AccessClaims> {
        let header = decode_header(token).ok()?;
        if header.alg != Algorithm::HS256 {
            return None;
        }
        let key = match header.kid.as_deref() {
            Some(id) if id == self.current.id => &self.current,
            Some(id) => self.previous.as_ref().filter(|key| key.id == id)?,
            None => return None,
        };
        decode::<AccessClaims>(token, &key.decoding, &self.validation)
            .ok()
            .map(|data| data.claims)
    }
}

/// A random token for a session or an e-mail link, and the hash that is stored.
pub struct OpaqueToken {
    pub value: String,
    pub hash: String,
}

impl OpaqueToken {
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        let value = hex::encode(bytes);
        Self {
            hash: hash_opaque(&value),
            value,
        }
    }
}

/// What is stored for an opaque token. Plain SHA-256 suffices: the token has 256 random bits.
pub fn hash_opaque(value: &str) -> String {
    hex::encode(Sha256::digest(value.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(secret: &str, previous: Option<&str>) -> AccessTokens {
        let mut config = Config::for_database("sqlite::memory:");
        config.jwt_secret = Some(secret.to_owned().into());
        config.jwt_previous_secret = previous.map(|p| p.to_owned().into());
        AccessTokens::from_config(&config).unwrap()
    }

    const A: &str = "a-secret-of-at-least-thirty-two-characters";
    const B: &str = "another-secret-of-at-least-thirty-two-chars";

    #[test]
    fn a_token_verifies_with_its_own_key_and_after_rotation() {
        let (user, session) = (Uuid::now_v7(), Uuid::now_v7());
        let token = tokens(A, None).issue(user, session).unwrap();
        let claims = tokens(A, None).verify(&token).unwrap();
        assert_eq!((claims.sub, claims.sid), (user, session));
        assert!(
            tokens(B, Some(A)).verify(&token).is_some(),
            "the previous key still verifies"
        );
        assert!(
            tokens(B, None).verify(&token).is_none(),
            "a retired key does not"
        );
    }

    #[test]
    fn opaque_tokens_are_random_and_stored_hashed() {
        let (one, two) = (OpaqueToken::generate(), OpaqueToken::generate());
        assert_ne!(one.value, two.value);
        assert_eq!(one.value.len(), 64);
        assert_eq!(hash_opaque(&one.value), one.hash);
        assert_ne!(one.hash, one.value);
    }
}
