//! Small pieces every request and response body shares.

use serde::{Deserialize, Deserializer, de::DeserializeOwned};

/// For `Option<Option<T>>` PATCH fields: tells a field set to `null` (`Some(None)`, clear it)
/// from an absent one (`None`, leave it). Use with `#[serde(default, deserialize_with)]`.
pub fn present<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}

/// Reads a stored code (`"published"`, `"technical_partnership"`) back into its enum.
pub fn parse_code<T: DeserializeOwned>(value: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(value.to_owned())).ok()
}
