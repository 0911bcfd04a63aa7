//! Password hashing with argon2id at OWASP's parameters (19 MiB, 2 passes, 1 lane).
//!
//! A hash takes tens of milliseconds of CPU and 19 MiB of memory, so it never runs on the async
//! threads: each one goes to tokio's blocking pool, and a semaphore sized to the CPU count lets
//! only that many run at once. A burst of logins then queues for the semaphore instead of
//! starving every other request of threads and memory.
//!
//! Unknown e-mail addresses are checked against a decoy hash made at start-up, so a login for an
//! address that has no account costs the same time as a wrong password.

use std::sync::Arc;

use argon2::{
    Algorithm, Argon2, Params, PasswordHash, PasswordHasher as _, PasswordVerifier as _, Version,
    password_hash::{SaltString, rand_core::OsRng},
};
use tokio::sync::Semaphore;

/// OWASP's recommended argon2id configuration (memory in KiB, iterations, parallelism).
const MEMORY_KIB: u32 = 19_456;
const ITERATIONS: u32 = 2;
const PARALLELISM: u32 = 1;

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("hashing a password failed: {0}")]
    Argon2(String),
    #[error("the password hashing task stopped: {0}")]
    Task(#[from] tokio::task::JoinError),
    #[error("the password hashing queue is closed")]
    Closed,
}

impl From<HashError> for crate::error::Error {
    fn from(error: HashError) -> Self {
        Self::unexpected(&error)
    }
}

/// The outcome of checking a password against a stored hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verified {
    No,
    Yes,
    /// Right, but hashed with other parameters: store this new hash instead.
    YesRehashed(String),
}

#[derive(Clone)]
pub struct PasswordHasher {
    params: Params,
    permits: Arc<Semaphore>,
    decoy: Arc<str>,
}

impl std::fmt::Debug for PasswordHasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PasswordHasher")
            .field("permits", &self.permits.available_permits())
            .finish_non_exhaustive()
    }
}

impl PasswordHasher {
    /// A hasher allowing as many concurrent hashes as the machine has CPUs.
    pub async fn new() -> Result<Self, HashError> {
        let cpus = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        Self::with_concurrency(cpus).await
    }

    pub async fn with_concurrency(concurrency: usize) -> Result<Self, HashError> {
        let params = Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None)
            .map_err(|error| HashError::Argon2(error.to_string()))?;
        let mut hasher = Self {
            params,
            permits: Arc::new(Semaphore::new(concurrency.max(1))),
            decoy: Arc::from(""),
        };
        let mut decoy_password = [0u8; 24];
        getrandom::fill(&mut decoy_password)
            .map_err(|error| HashError::Argon2(error.to_string()))?;
        let decoy_password = base64::Engine::encode(
            &base64::engine::general_purpose::STANDARD_NO_PAD,
            decoy_password,
        );
        hasher.decoy = hasher.hash(decoy_password).await?.into();
        Ok(hasher)
    }

    fn argon2(params: Params) -> Argon2<'static> {
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
    }

    /// Runs `work` on the blocking pool once a permit is free. The permit travels with the
    /// work, not with the request: a client that hangs up (or a timeout) drops the request's
    /// future, but the hash already started runs to the end and holds its permit until then,
    /// so abandoned requests cannot pile up hashes beyond the limit.
    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, HashError> {
        let permit = Arc::clone(&self.permits)
            .acquire_owned()
            .await
            .map_err(|_| HashError::Closed)?;
        Ok(tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work()
        })
        .await?)
    }

    /// A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) for a new password.
    pub async fn hash(&self, password: String) -> Result<String, HashError> {
        let params = self.params.clone();
        self.run(move || {
            let salt = SaltString::generate(&mut OsRng);
            Self::argon2(params)
                .hash_password(password.as_bytes(), &salt)
                .map(|hash| hash.to_string())
                .map_err(|error| HashError::Argon2(error.to_string()))
        })
        .await?
    }

    /// Checks `password` against `stored`, or against the decoy when there is no account, so
    /// both cases take the same time. A hash that cannot be parsed never matches.
    pub async fn verify(
        &self,
        stored: Option<&str>,
        password: String,
    ) -> Result<Verified, HashError> {
        let is_real = stored.is_some();
        let stored = stored.unwrap_or(&self.decoy).to_owned();
        let params = self.params.clone();
        self.run(move || {
            let Ok(parsed) = PasswordHash::new(&stored) else {
                return Ok(Verified::No);
            };
            let matches = Self::argon2(params.clone())
                .verify_password(password.as_bytes(), &parsed)
                .is_ok();
            if !(matches && is_real) {
                return Ok(Verified::No);
            }
            if Self::is_current(&parsed, &params) {
                return Ok(Verified::Yes);
            }
            let salt = SaltString::generate(&mut OsRng);
            Self::argon2(params)
                .hash_password(password.as_bytes(), &salt)
                .map(|hash| Verified::YesRehashed(hash.to_string()))
                .map_err(|error| HashError::Argon2(error.to_string()))
        })
        .await?
    }

    fn is_current(hash: &PasswordHash<'_>, params: &Params) -> bool {
        let Ok(used) = Params::try_from(hash) else {
            return false;
        };
        hash.algorithm == Algorithm::Argon2id.ident()
            && hash.version == Some(Version::V0x13.into())
            && used.m_cost() == params.m_cost()
            && used.t_cost() == params.t_cost()
            && used.p_cost() == params.p_cost()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let hasher = PasswordHasher::with_concurrency(2).await.unwrap();
        let hash = hasher.hash("copper kettle rain".to_owned()).await.unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );

        let right = hasher
            .verify(Some(&hash), "copper kettle rain".to_owned())
            .await;
        let wrong = hasher
            .verify(Some(&hash), "copper kettle snow".to_owned())
            .await;
        assert_eq!(right.unwrap(), Verified::Yes);
        assert_eq!(wrong.unwrap(), Verified::No);
    }

    #[tokio::test]
    async fn an_abandoned_hash_keeps_its_permit_until_it_finishes() {
        let hasher = PasswordHasher::with_concurrency(1).await.unwrap();
        let abandoned = {
            let hasher = hasher.clone();
            tokio::spawn(async move { hasher.hash("copper kettle rain".to_owned()).await })
        };
        // Let it start, then drop the request as a client hanging up would.
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        abandoned.abort();
        assert_eq!(
            hasher.permits.available_permits(),
            0,
            "the running hash still holds the permit"
        );
        // The permit comes back once that hash is done.
        let again = hasher.hash("copper kettle snow".to_owned()).await;
        assert!(again.is_ok());
        assert_eq!(hasher.permits.available_permits(), 1);
    }

    #[tokio::test]
    async fn no_account_never_verifies_and_garbage_never_matches() {
        let hasher = PasswordHasher::with_concurrency(1).await.unwrap();
        assert_eq!(
            hasher.verify(None, String::new()).await.unwrap(),
            Verified::No
        );
        let garbage = hasher.verify(Some("not a hash"), "x".to_owned()).await;
        assert_eq!(garbage.unwrap(), Verified::No);
    }

    #[tokio::test]
    async fn hashes_with_old_parameters_are_upgraded_on_a_right_password() {
        let hasher = PasswordHasher::with_concurrency(1).await.unwrap();
        let weak = Params::new(8 * 1024, 1, 1, None).unwrap();
        let salt = SaltString::generate(&mut OsRng);
        let old = PasswordHasher::argon2(weak)
            .hash_password(b"copper kettle rain", &salt)
            .unwrap()
            .to_string();

        let Verified::YesRehashed(new) = hasher
            .verify(Some(&old), "copper kettle rain".to_owned())
            .await
            .unwrap()
        else {
            panic!("expected a rehash");
        };
        assert!(new.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{new}");
        let wrong = hasher.verify(Some(&old), "wrong".to_owned()).await.unwrap();
        assert_eq!(wrong, Verified::No);
    }
}
