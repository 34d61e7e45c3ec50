//! Per-key rate limits (GCRA through `governor`), with what the `RateLimit-*` headers need.
//! Limits are per replica: with n replicas a key may make up to n times its rate.

use std::{
    collections::HashMap,
    num::NonZeroU32,
    sync::{Arc, Mutex},
    time::Duration,
};

use governor::{
    Quota, RateLimiter,
    clock::{Clock, DefaultClock},
    middleware::StateInformationMiddleware,
    state::{InMemoryState, NotKeyed},
};
use uuid::Uuid;

type KeyLimiter = RateLimiter<NotKeyed, InMemoryState, DefaultClock, StateInformationMiddleware>;

/// The answer for one request.
#[derive(Debug, Clone, Copy)]
pub enum Verdict {
    Allowed {
        limit: u32,
        remaining: u32,
        /// Seconds until the full allowance is back.
        reset: u64,
    },
    Limited {
        limit: u32,
        retry_after: u64,
    },
}

/// One limiter per key, rebuilt when the key's rate changes.
#[derive(Default)]
pub struct Limiters {
    keys: Mutex<HashMap<Uuid, (u32, Arc<KeyLimiter>)>>,
}

impl Limiters {
    pub fn check(&self, key: Uuid, per_minute: u32) -> Verdict {
        let per_minute = NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN);
        let limiter = {
            let mut keys = self
                .keys
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let entry = keys
                .entry(key)
                .or_insert_with(|| (0, Arc::new(limiter(per_minute))));
            if entry.0 != per_minute.get() {
                *entry = (per_minute.get(), Arc::new(limiter(per_minute)));
            }
            Arc::clone(&entry.1)
        };
        let limit = per_minute.get();
        let period = Duration::from_secs(60) / limit;
        match limiter.check() {
            Ok(snapshot) => {
                let remaining = snapshot.remaining_burst_capacity();
                let used = limit.saturating_sub(remaining);
                Verdict::Allowed {
                    limit,
                    remaining,
                    reset: (period * used).as_secs_f64().ceil() as u64,
                }
            }
            Err(not_until) => Verdict::Limited {
                limit,
                retry_after: not_until
                    .wait_time_from(DefaultClock::default().now())
                    .as_secs_f64()
                    .ceil()
                    .max(1.0) as u64,
            },
        }
    }
}

fn limiter(per_minute: NonZeroU32) -> KeyLimiter {
    RateLimiter::direct(Quota::per_minute(per_minute))
        .with_middleware::<StateInformationMiddleware>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_gets_its_burst_then_waits() {
        let limiters = Limiters::default();
        let key = Uuid::now_v7();
        for expected in (0..3).rev() {
            match limiters.check(key, 3) {
                Verdict::Allowed { remaining, .. } => assert_eq!(remaining, expected),
                Verdict::Limited { .. } => panic!("limited too early"),
            }
        }
        assert!(
            matches!(limiters.check(key, 3), Verdict::Limited { retry_after, .. } if retry_after >= 1)
        );
        // Another key has its own allowance.
        assert!(matches!(
            limiters.check(Uuid::now_v7(), 3),
            Verdict::Allowed { .. }
        ));
    }
}
