//! Matchmaking: who should meet whom, and why. Candidates are found in two stages, as search
//! engines do: the database keeps the complementary, open items that share a sector
//! category, a place or remote work (`candidates`), then every candidate is scored on
//! weighted criteria with its reasons (`score`). `docs/matching.md` explains it for users.

mod candidates;
mod routes;
pub mod score;
mod sides;

pub use routes::{MatchesCache, configure};
