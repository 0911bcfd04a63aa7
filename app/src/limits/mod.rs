//! Rate limits: how often one client address or one account may do something that costs us
//! (a password hash, a letter) or that an attacker would repeat (guessing a password).
//!
//! Every limit is a [`Rate`], "N per period": N at once at most, then one more each
//! period / N (the generic cell rate algorithm: no fixed windows to burst across). A limit is
//! checked where the work is done, in the service layer, so a page's form and the REST API are
//! limited alike; over it, the caller gets [`Error::TooManyRequests`] with the seconds until
//! the next attempt would be let through (a 429 with `Retry-After`, or the form's message in
//! the person's language).
//!
//! The counters live in this process (the `governor` crate), or in Redis when `REDIS_URL` is
//! set, so that several servers behind one address share them (a small Lua script does the same
//! arithmetic there, atomically; `governor` has no Redis store). Keys are hashed before they are
//! stored: neither addresses nor e-mail addresses sit in the limiter's memory or in Redis. If
//! Redis stops answering, requests are let through and the failure is logged: an outage of the
//! limiter must not become an outage of the site.

mod local;
mod shared;

use std::{fmt, sync::Arc, time::Duration};

use sha2::{Digest as _, Sha256};

use crate::error::Error;

/// What is limited. The name is the limit's configuration key (`HEARTH_LIMIT_<NAME>`, upper
/// case, `-` as `_`) and part of its Redis key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Limit {
    /// Log-in attempts from one client address, right or wrong.
    LoginPerAddress,
    /// Failed log-ins on one account, the first, quick tier: a few mistakes cost nothing.
    LoginFailuresPerAccount,
    /// Failed log-ins on one account, the second, slow tier: a guesser gets a few an hour.
    LoginFailuresPerAccountSlow,
    /// New accounts from one client address.
    RegistrationPerAddress,
    /// Requests that send a letter (reset, verification, address change), per client address...
    MailPerAddress,
    /// ...and per account (or address asked about).
    MailPerAccount,
    /// Password checks of a signed-in person (changing the password or the address, deleting
    /// the account), per account...
    PasswordPerAccount,
    /// ...and password hashing for anyone (those checks, new passwords from a reset link), per
    /// client address.
    PasswordPerAddress,
    /// Every API request, per client address.
    ApiPerAddress,
    /// Invitations to workspaces one person sends (each is a letter to someone else).
    InvitationsPerAccount,
}

impl Limit {
    pub const ALL: [Self; 10] = [
        Self::LoginPerAddress,
        Self::LoginFailuresPerAccount,
        Self::LoginFailuresPerAccountSlow,
        Self::RegistrationPerAddress,
        Self::MailPerAddress,
        Self::MailPerAccount,
        Self::PasswordPerAccount,
        Self::PasswordPerAddress,
        Self::ApiPerAddress,
        Self::InvitationsPerAccount,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::LoginPerAddress => "login-per-address",
            Self::LoginFailuresPerAccount => "login-failures-per-account",
            Self::LoginFailuresPerAccountSlow => "login-failures-per-account-slow",
            Self::RegistrationPerAddress => "registration-per-address",
            Self::MailPerAddress => "mail-per-address",
            Self::MailPerAccount => "mail-per-account",
            Self::PasswordPerAccount => "password-per-account",
            Self::PasswordPerAddress => "password-per-address",
            Self::ApiPerAddress => "api-per-address",
            Self::InvitationsPerAccount => "invitations-per-account",
        }
    }

    /// The variable that sets it: its name in upper case, `-` as `_`, after `HEARTH_LIMIT_`.
    pub fn variable(self) -> &'static str {
        match self {
            Self::LoginPerAddress => "HEARTH_LIMIT_LOGIN_PER_ADDRESS",
            Self::LoginFailuresPerAccount => "HEARTH_LIMIT_LOGIN_FAILURES_PER_ACCOUNT",
            Self::LoginFailuresPerAccountSlow => "HEARTH_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_SLOW",
            Self::RegistrationPerAddress => "HEARTH_LIMIT_REGISTRATION_PER_ADDRESS",
            Self::MailPerAddress => "HEARTH_LIMIT_MAIL_PER_ADDRESS",
            Self::MailPerAccount => "HEARTH_LIMIT_MAIL_PER_ACCOUNT",
            Self::PasswordPerAccount => "HEARTH_LIMIT_PASSWORD_PER_ACCOUNT",
            Self::PasswordPerAddress => "HEARTH_LIMIT_PASSWORD_PER_ADDRESS",
            Self::ApiPerAddress => "HEARTH_LIMIT_API_PER_ADDRESS",
            Self::InvitationsPerAccount => "HEARTH_LIMIT_INVITATIONS_PER_ACCOUNT",
        }
    }

    /// What Hearth allows unless configured otherwise.
    ///
    /// A person who mistypes their password a few times never notices; a guesser on one
    /// account gets 5 tries, then one every 24 seconds up to 20, then one every 3 minutes
    /// (about 500 a day, against passwords the registration rules made hard to guess); one
    /// address gets 10 log-ins a minute over all accounts.
    pub fn default_rate(self) -> Option<Rate> {
        let minute = Duration::from_secs(60);
        let hour = 60 * minute;
        Some(match self {
            Self::LoginPerAddress => Rate::new(10, minute),
            Self::LoginFailuresPerAccount => Rate::new(5, 2 * minute),
            Self::LoginFailuresPerAccountSlow => Rate::new(20, hour),
            Self::RegistrationPerAddress => Rate::new(5, 10 * minute),
            Self::MailPerAddress => Rate::new(10, 10 * minute),
            Self::MailPerAccount => Rate::new(5, hour),
            Self::PasswordPerAccount => Rate::new(5, 5 * minute),
            Self::PasswordPerAddress => Rate::new(20, 10 * minute),
            Self::ApiPerAddress => Rate::new(600, minute),
            Self::InvitationsPerAccount => Rate::new(50, hour),
        })
    }
}

/// "`count` per `period`": at most `count` at once, then one more every `period / count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub count: u32,
    pub period: Duration,
}

impl Rate {
    pub const fn new(count: u32, period: Duration) -> Self {
        Self { count, period }
    }

    /// How long one attempt takes to earn back.
    pub fn interval(self) -> Duration {
        self.period / self.count.max(1)
    }

    /// Reads `N/PERIOD` (`10/1m`, `5/30s`, `20/1h`, `100/1d`), or `off` for no limit.
    pub fn parse(text: &str) -> Result<Option<Self>, String> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("off") {
            return Ok(None);
        }
        let wrong = || format!("'{text}' is not 'off' or a rate like 10/1m (per s, m, h or d)");
        let (count, period) = text.split_once('/').ok_or_else(wrong)?;
        let count: u32 = count.trim().parse().map_err(|_| wrong())?;
        let period = period.trim();
        let split = period.len().saturating_sub(1);
        let (amount, unit) = period.split_at(split);
        let amount: u64 = if amount.is_empty() {
            1
        } else {
            amount.parse().map_err(|_| wrong())?
        };
        let seconds = match unit {
            "s" => 1,
            "m" => 60,
            "h" => 3600,
            "d" => 86_400,
            _ => return Err(wrong()),
        };
        if count == 0 || amount == 0 {
            return Err(format!(
                "'{text}' allows nothing; use a positive rate or 'off'"
            ));
        }
        Ok(Some(Self::new(
            count,
            Duration::from_secs(amount * seconds),
        )))
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}s", self.count, self.period.as_secs())
    }
}

/// What the limiter is built from.
#[derive(Clone)]
pub struct LimitSettings {
    /// Each limit's rate; `None` turns it off.
    pub rates: Vec<(Limit, Option<Rate>)>,
    /// Redis, for counters shared by several servers.
    pub redis_url: Option<String>,
    /// What the Redis keys start with, so deployments can share one Redis.
    pub redis_prefix: String,
}

impl Default for LimitSettings {
    fn default() -> Self {
        Self {
            rates: Limit::ALL
                .iter()
                .map(|limit| (*limit, limit.default_rate()))
                .collect(),
            redis_url: None,
            redis_prefix: "hearth".to_owned(),
        }
    }
}

/// Names the Redis server without its password.
impl fmt::Debug for LimitSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redis = self
            .redis_url
            .as_deref()
            .map(|url| url.rsplit('@').next().unwrap_or_default());
        f.debug_struct("LimitSettings")
            .field("rates", &self.rates)
            .field("redis", &redis)
            .field("redis_prefix", &self.redis_prefix)
            .finish()
    }
}

impl LimitSettings {
    fn rate(&self, limit: Limit) -> Option<Rate> {
        self.rates
            .iter()
            .find(|(each, _)| *each == limit)
            .map_or_else(|| limit.default_rate(), |(_, rate)| *rate)
    }
}

#[derive(Debug, thiserror::Error)]
#[error("connecting to Redis for the rate limits: {0}")]
pub struct LimiterError(#[from] redis::RedisError);

/// A key as the counters hold it: the first 16 bytes of its SHA-256.
type HashedKey = [u8; 16];

fn hashed(limit: Limit, key: &str) -> HashedKey {
    let digest = Sha256::new()
        .chain_update(limit.name())
        .chain_update([0])
        .chain_update(key.as_bytes())
        .finalize();
    let mut hashed = [0; 16];
    hashed.copy_from_slice(&digest[..16]);
    hashed
}

/// The rate limiter; cloning shares it. One per process (or per Redis).
#[derive(Clone)]
pub struct Limiter {
    counters: Arc<Counters>,
}

enum Counters {
    Local(local::Local),
    Shared(shared::Shared),
}

impl fmt::Debug for Limiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match *self.counters {
            Counters::Local(_) => "in process",
            Counters::Shared(_) => "in Redis",
        };
        f.debug_struct("Limiter").field("counters", &kind).finish()
    }
}

impl Limiter {
    /// The limiter `settings` describe; with a Redis URL, connected to it.
    pub async fn new(settings: &LimitSettings) -> Result<Self, LimiterError> {
        let rates = |limit| settings.rate(limit);
        let counters = match &settings.redis_url {
            Some(url) => {
                Counters::Shared(shared::Shared::connect(url, &settings.redis_prefix, rates).await?)
            }
            None => Counters::Local(local::Local::new(rates)),
        };
        Ok(Self {
            counters: Arc::new(counters),
        })
    }

    /// Counts one attempt at `limit` for `key` (a client address, an account's id or e-mail
    /// address); refuses it with `TooManyRequests` when over the limit (and then counts
    /// nothing).
    pub async fn check(&self, limit: Limit, key: &str) -> Result<(), Error> {
        let key = hashed(limit, key);
        let wait = match &*self.counters {
            Counters::Local(local) => local.check(limit, &key),
            Counters::Shared(shared) => shared.check(limit, &key).await,
        };
        match wait {
            None => Ok(()),
            Some(wait) => Err(Error::TooManyRequests {
                retry_after: retry_after(wait),
            }),
        }
    }

    /// Checks several limits for one attempt: all must allow it.
    pub async fn check_all(&self, checks: &[(Limit, &str)]) -> Result<(), Error> {
        for (limit, key) in checks {
            self.check(*limit, key).await?;
        }
        Ok(())
    }

    /// Forgets what `key` has used of `limit` (a log-in that succeeded clears its account's
    /// failures; so does a password reset, which lets the owner back in however hard someone
    /// else is guessing).
    pub async fn forget(&self, limit: Limit, key: &str) {
        let key = hashed(limit, key);
        match &*self.counters {
            Counters::Local(local) => local.forget(limit, &key),
            Counters::Shared(shared) => shared.forget(limit, &key).await,
        }
    }
}

/// Whole seconds to wait, rounded up, at least one.
fn retry_after(wait: Duration) -> u32 {
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    u32::try_from(seconds.max(1)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_read_as_written_and_wrong_ones_name_the_form() {
        assert_eq!(
            Rate::parse("10/1m"),
            Ok(Some(Rate::new(10, Duration::from_secs(60))))
        );
        assert_eq!(
            Rate::parse(" 5/30s "),
            Ok(Some(Rate::new(5, Duration::from_secs(30))))
        );
        assert_eq!(
            Rate::parse("100/d"),
            Ok(Some(Rate::new(100, Duration::from_secs(86_400))))
        );
        assert_eq!(Rate::parse("OFF"), Ok(None));
        for wrong in ["", "10", "10/", "10/1w", "x/1m", "0/1m", "10/0s", "-1/1m"] {
            assert!(Rate::parse(wrong).is_err(), "{wrong}");
        }
        assert_eq!(
            Rate::new(10, Duration::from_secs(60)).interval(),
            Duration::from_secs(6)
        );
    }

    #[test]
    fn each_variable_is_its_name_in_upper_case() {
        for limit in Limit::ALL {
            let expected = format!(
                "HEARTH_LIMIT_{}",
                limit.name().to_uppercase().replace('-', "_")
            );
            assert_eq!(limit.variable(), expected);
        }
    }

    #[test]
    fn waits_round_up_to_whole_seconds() {
        assert_eq!(retry_after(Duration::from_millis(1)), 1);
        assert_eq!(retry_after(Duration::from_millis(5_001)), 6);
        assert_eq!(retry_after(Duration::from_secs(24)), 24);
    }

    #[tokio::test]
    async fn a_burst_is_let_through_then_refused_until_the_next_attempt_is_earned() {
        let settings = LimitSettings {
            rates: vec![(Limit::LoginPerAddress, Rate::parse("3/30s").unwrap())],
            ..Default::default()
        };
        let limiter = Limiter::new(&settings).await.unwrap();
        for _ in 0..3 {
            limiter
                .check(Limit::LoginPerAddress, "192.0.2.1")
                .await
                .unwrap();
        }
        let refused = limiter.check(Limit::LoginPerAddress, "192.0.2.1").await;
        let Err(Error::TooManyRequests { retry_after }) = refused else {
            panic!("{refused:?}");
        };
        assert!((9..=10).contains(&retry_after), "{retry_after}");
        // Another key, and another limit for the same key, are counted apart.
        limiter
            .check(Limit::LoginPerAddress, "192.0.2.2")
            .await
            .unwrap();
        limiter
            .check(Limit::RegistrationPerAddress, "192.0.2.1")
            .await
            .unwrap();
        // Forgetting gives the whole burst back.
        limiter.forget(Limit::LoginPerAddress, "192.0.2.1").await;
        for _ in 0..3 {
            limiter
                .check(Limit::LoginPerAddress, "192.0.2.1")
                .await
                .unwrap();
        }
    }

    #[tokio::test]
    async fn a_limit_turned_off_lets_everything_through() {
        let settings = LimitSettings {
            rates: vec![(Limit::ApiPerAddress, None)],
            ..Default::default()
        };
        let limiter = Limiter::new(&settings).await.unwrap();
        for _ in 0..10_000 {
            limiter
                .check(Limit::ApiPerAddress, "192.0.2.1")
                .await
                .unwrap();
        }
    }
}
