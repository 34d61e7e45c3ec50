//! JSON bodies assembled from parts: fragments the server wrote itself earlier (items kept
//! as JSON by the listing index) are copied as they are, the rest is written by serde.
//! Parsing our own fragments again only to copy them would cost more than the search.

use actix_web::{HttpResponse, http::header::ContentType};
use serde::Serialize;

/// A JSON object being written.
pub struct RawObject {
    bytes: Vec<u8>,
    empty: bool,
}

impl Default for RawObject {
    fn default() -> Self {
        Self::new()
    }
}

impl RawObject {
    pub fn new() -> Self {
        Self {
            bytes: b"{".to_vec(),
            empty: true,
        }
    }

    fn key(&mut self, key: &str) {
        if !self.empty {
            self.bytes.push(b',');
        }
        self.empty = false;
        // Keys are the server's own field names, never input.
        self.bytes.push(b'"');
        self.bytes.extend_from_slice(key.as_bytes());
        self.bytes.extend_from_slice(b"\":");
    }

    /// A member whose value is JSON the server wrote.
    pub fn raw(mut self, key: &str, json: &[u8]) -> Self {
        self.key(key);
        self.bytes.extend_from_slice(json);
        self
    }

    /// A member whose value is an array of JSON the server wrote.
    pub fn raw_array<T: AsRef<[u8]>>(mut self, key: &str, items: &[T]) -> Self {
        self.key(key);
        self.bytes.push(b'[');
        for (index, item) in items.iter().enumerate() {
            if index > 0 {
                self.bytes.push(b',');
            }
            self.bytes.extend_from_slice(item.as_ref());
        }
        self.bytes.push(b']');
        self
    }

    /// A member serde writes.
    pub fn value(mut self, key: &str, value: &impl Serialize) -> Self {
        self.key(key);
        if serde_json::to_writer(&mut self.bytes, value).is_err() {
            self.bytes.extend_from_slice(b"null");
        }
        self
    }

    pub fn finish(mut self) -> Vec<u8> {
        self.bytes.push(b'}');
        self.bytes
    }

    pub fn respond(self) -> HttpResponse {
        HttpResponse::Ok()
            .content_type(ContentType::json())
            .body(self.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_make_one_valid_document() {
        let items = [
            br#"{"id":1}"#.to_vec(),
            br#"{"id":2,"title":"Mangues"}"#.to_vec(),
        ];
        let written = RawObject::new()
            .raw_array("items", &items)
            .value("next_cursor", &None::<String>)
            .value("total", &2)
            .raw("facets", br#"{"country":[]}"#)
            .finish();
        let parsed: serde_json::Value = serde_json::from_slice(&written).unwrap();
        assert_eq!(
            parsed,
            serde_json::json!({"items": [{"id": 1}, {"id": 2, "title": "Mangues"}],
                "next_cursor": null, "total": 2, "facets": {"country": []}})
        );
        assert_eq!(RawObject::new().finish(), b"{}");
    }
}
