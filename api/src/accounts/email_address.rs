use validator::ValidateEmail;

use crate::error::FieldError;

/// An e-mail address, trimmed and lower-cased so that one person has one account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let normalised = raw.trim().to_lowercase();
        if normalised.len() > 254 || !normalised.validate_email() {
            return Err(FieldError::new(
                field,
                "email",
                "enter a valid e-mail address",
            ));
        }
        Ok(Self(normalised))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_normalised() {
        let email = EmailAddress::parse("email", "  Awa.Diop@Example.SN ").unwrap();
        assert_eq!(email.as_str(), "awa.diop@example.sn");
    }

    #[test]
    fn invalid_addresses_are_refused() {
        for bad in ["", "awa", "awa@", "@example.sn", "a b@example.sn"] {
            assert!(EmailAddress::parse("email", bad).is_err(), "{bad}");
        }
    }
}
