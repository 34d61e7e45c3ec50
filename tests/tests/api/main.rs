//! Black-box tests of the Marcottage API, one binary, names that read as sentences.
// A failed expectation in a test helper is a failed test: panicking is the point.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod helpers;

mod accounts;
mod anonymity;
mod contacts;
mod conversations;
mod cooperation;
mod errors;
mod exports;
mod funding;
mod hardening;
mod integrations;
mod interests;
mod introductions;
mod invitations;
mod listings;
mod load;
mod marketplace;
mod matching;
mod notifications;
mod openapi;
mod operations;
mod organisations;
mod profile;
mod saved_searches;
mod sessions;
mod taxonomies;
mod web_app;
mod webhooks;
