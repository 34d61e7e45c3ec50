//! Small pieces every request and response body shares.

use serde::{Deserialize, Deserializer, de::DeserializeOwned};

/// For `Option<Option<T>>` PATCH fields: tells a field set to `null` (`Some(None)`, clear it)
/// from an absent one (`None`, leave it). Use with `#[serde(default, deserialize_with)]`.
pub fn present<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}

/// For a text that must say something (a message, a note): spaces alone are refused as too
/// short. An empty text is left to the field's `length` rule, so it is told once.
pub fn written(text: &str) -> Result<(), validator::ValidationError> {
    if !text.is_empty() && text.trim().is_empty() {
        return Err(validator::ValidationError::new("length"));
    }
    Ok(())
}

/// Reads a stored code (`"published"`, `"technical_partnership"`) back into its enum.
pub fn parse_code<T: DeserializeOwned>(value: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(value.to_owned())).ok()
}
