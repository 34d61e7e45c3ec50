//! Matchmaking: who should meet whom, and why. Every open, complementary opportunity is a
//! candidate; `rank` finds the best of them exactly from the opportunities' index, and
//! `score` gives each its score and reasons from weighted criteria. `docs/matching.md`
//! explains it for users.

mod rank;
mod routes;
pub mod score;
mod sides;

pub use rank::{Found, Wanted, best, side_of};
pub use routes::configure;
pub use sides::Context;
