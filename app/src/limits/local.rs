//! Counters in this process: one `governor` keyed limiter per limit, over a map this module
//! can also remove a key from (governor's own stores cannot be reached once the limiter owns
//! them, and a successful log-in must clear its account's failures).

use std::{
    collections::HashMap,
    num::NonZeroU32,
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

use dashmap::DashMap;
use governor::{
    Quota, RateLimiter,
    clock::{Clock as _, DefaultClock},
    middleware::NoOpMiddleware,
    nanos::Nanos,
    state::{InMemoryState, StateStore, keyed::ShrinkableKeyedStateStore},
};

use super::{HashedKey, Limit, Rate};

/// Every this many checks, keys whose counters are back to full are dropped, so the map holds
/// only clients seen lately, however many came.
const SWEEP_EVERY: u64 = 4096;

pub(super) struct Local {
    limiters: HashMap<Limit, Counter>,
    checks: AtomicU64,
}

struct Counter {
    limiter: RateLimiter<HashedKey, Store, DefaultClock, NoOpMiddleware>,
    store: Store,
}

/// The keys' states, shared between the limiter and this module.
#[derive(Clone, Default)]
struct Store(Arc<DashMap<HashedKey, InMemoryState>>);

impl StateStore for Store {
    type Key = HashedKey;

    fn measure_and_replace<T, F, E>(&self, key: &HashedKey, f: F) -> Result<T, E>
    where
        F: Fn(Option<Nanos>) -> Result<(T, Nanos), E>,
    {
        self.0.measure_and_replace(key, f)
    }
}

impl ShrinkableKeyedStateStore<HashedKey> for Store {
    fn retain_recent(&self, drop_below: Nanos) {
        ShrinkableKeyedStateStore::retain_recent(&*self.0, drop_below);
    }

    fn shrink_to_fit(&self) {
        ShrinkableKeyedStateStore::shrink_to_fit(&*self.0);
    }

    fn len(&self) -> usize {
        self.0.len()
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn quota(rate: Rate) -> Option<Quota> {
    let burst = NonZeroU32::new(rate.count)?;
    let interval = rate.interval().max(Duration::from_nanos(1));
    Some(Quota::with_period(interval)?.allow_burst(burst))
}

impl Local {
    pub(super) fn new(rates: impl Fn(Limit) -> Option<Rate>) -> Self {
        let limiters = Limit::ALL
            .iter()
            .filter_map(|limit| {
                let quota = quota(rates(*limit)?)?;
                let store = Store::default();
                let limiter = RateLimiter::new(quota, store.clone(), DefaultClock::default());
                Some((*limit, Counter { limiter, store }))
            })
            .collect();
        Self {
            limiters,
            checks: AtomicU64::new(0),
        }
    }

    /// `None` if the attempt is allowed (and counted), else how long until it would be.
    pub(super) fn check(&self, limit: Limit, key: &HashedKey) -> Option<Duration> {
        let counter = self.limiters.get(&limit)?;
        if self.checks.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            for counter in self.limiters.values() {
                counter.limiter.retain_recent();
                counter.limiter.shrink_to_fit();
            }
        }
        counter
            .limiter
            .check_key(key)
            .err()
            .map(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
    }

    pub(super) fn forget(&self, limit: Limit, key: &HashedKey) {
        if let Some(counter) = self.limiters.get(&limit) {
            counter.store.0.remove(key);
        }
    }
}
