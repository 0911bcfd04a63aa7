//! Counters in Redis, shared by every server that uses it: the same cell-rate arithmetic as
//! `governor`'s, run atomically inside Redis by a Lua script, keyed
//! `<prefix>:limit:<limit>:<hashed key>`, each expiring when it is back to full.

use std::{collections::HashMap, time::Duration};

use redis::{
    Client, Script,
    aio::{ConnectionManager, ConnectionManagerConfig},
};

use super::{HashedKey, Limit, Rate};

/// A request waits at most this long for Redis before it is let through without it.
const RESPONSE_TIMEOUT: Duration = Duration::from_millis(500);

/// The cell rate algorithm over one key. Times are microseconds by Redis's own clock, so
/// servers whose clocks disagree still count alike.
///
/// KEYS[1]: the counter; ARGV[1]: the interval between attempts; ARGV[2]: the burst.
/// Returns 0 if the attempt is allowed (and counts it), else the wait until it would be.
const GCRA: &str = r"
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local due = tonumber(redis.call('GET', KEYS[1]) or now)
if due < now then due = now end
local next_due = due + interval
local wait = next_due - now - interval * burst
if wait > 0 then return wait end
redis.call('SET', KEYS[1], next_due, 'PX', math.ceil((next_due - now) / 1000))
return 0
";

pub(super) struct Shared {
    connection: ConnectionManager,
    script: Script,
    prefix: String,
    rates: HashMap<Limit, Rate>,
}

impl Shared {
    pub(super) async fn connect(
        url: &str,
        prefix: &str,
        rates: impl Fn(Limit) -> Option<Rate>,
    ) -> Result<Self, redis::RedisError> {
        let client = Client::open(url)?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Duration::from_secs(5))
            .set_response_timeout(RESPONSE_TIMEOUT);
        let connection = ConnectionManager::new_with_config(client, config).await?;
        Ok(Self {
            connection,
            script: Script::new(GCRA),
            prefix: prefix.to_owned(),
            rates: Limit::ALL
                .iter()
                .filter_map(|limit| Some((*limit, rates(*limit)?)))
                .collect(),
        })
    }

    fn key(&self, limit: Limit, key: &HashedKey) -> String {
        let hex: String = key.iter().map(|byte| format!("{byte:02x}")).collect();
        format!("{}:limit:{}:{hex}", self.prefix, limit.name())
    }

    pub(super) async fn check(&self, limit: Limit, key: &HashedKey) -> Option<Duration> {
        let rate = self.rates.get(&limit)?;
        let interval = u64::try_from(rate.interval().as_micros())
            .unwrap_or(u64::MAX)
            .max(1);
        let mut connection = self.connection.clone();
        let answer: Result<u64, _> = self
            .script
            .key(self.key(limit, key))
            .arg(interval)
            .arg(rate.count)
            .invoke_async(&mut connection)
            .await;
        match answer {
            Ok(0) => None,
            Ok(wait) => Some(Duration::from_micros(wait)),
            Err(error) => {
                tracing::warn!(
                    %error,
                    limit = limit.name(),
                    "the rate limits' Redis did not answer; the request goes through unlimited"
                );
                None
            }
        }
    }

    pub(super) async fn forget(&self, limit: Limit, key: &HashedKey) {
        let mut connection = self.connection.clone();
        let removed: Result<(), _> = redis::cmd("DEL")
            .arg(self.key(limit, key))
            .query_async(&mut connection)
            .await;
        if let Err(error) = removed {
            tracing::warn!(%error, limit = limit.name(), "could not clear a rate limit in Redis");
        }
    }
}
