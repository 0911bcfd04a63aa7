//! The two kinds of token a login yields, and the opaque kind links in letters carry too.
//!
//! - The access token is a JWT signed with HS256 (and only HS256: the algorithm is pinned on
//!   both sides, so a token claiming `none` or another algorithm is refused). It lives at most
//!   15 minutes and names the user, their role and the session family it belongs to.
//! - The refresh token is an `OpaqueToken`: 256 random bits, shown to the client once and stored
//!   only as its SHA-256, so a copy of the database does not let anyone refresh.
//!
//! jsonwebtoken's bundled crypto backends bring RSA, elliptic curves and Ed25519 along, for
//! nothing here: HS256 is HMAC-SHA-256, which `hs256` below provides with the `hmac` crate.

use base64::{Engine as _, engine::general_purpose::URL_SAFE_NO_PAD};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use super::Role;

/// Who the access token is for; `sub` is the user id, `sid` the session family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    pub sub: Uuid,
    pub sid: Uuid,
    pub role: Role,
    pub iat: i64,
    pub exp: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("the access token is not valid: {0}")]
    Invalid(#[from] jsonwebtoken::errors::Error),
    #[error("no randomness available: {0}")]
    Random(String),
}

impl From<TokenError> for crate::error::Error {
    fn from(error: TokenError) -> Self {
        Self::unexpected(&error)
    }
}

/// Signs and checks access tokens with the instance's secret key. Cheap to clone (the services
/// are cloned for every request): the keys and the validation rules are shared.
#[derive(Clone)]
pub struct AccessTokens(std::sync::Arc<Keys>);

struct Keys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    lifetime: Duration,
}

impl std::fmt::Debug for AccessTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccessTokens")
            .field("lifetime", &self.0.lifetime)
            .finish_non_exhaustive()
    }
}

impl AccessTokens {
    /// The longest an access token may live.
    pub const MAX_LIFETIME: Duration = Duration::minutes(15);

    pub fn new(secret: &[u8], lifetime: Duration) -> Self {
        hs256::install();
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 5;
        validation.set_required_spec_claims(&["exp", "sub"]);
        Self(std::sync::Arc::new(Keys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            lifetime: lifetime.min(Self::MAX_LIFETIME),
        }))
    }

    pub fn lifetime(&self) -> Duration {
        self.0.lifetime
    }

    pub fn issue(
        &self,
        user: Uuid,
        family: Uuid,
        role: Role,
        now: OffsetDateTime,
    ) -> Result<String, TokenError> {
        let claims = Claims {
            sub: user,
            sid: family,
            role,
            iat: now.unix_timestamp(),
            exp: (now + self.0.lifetime).unix_timestamp(),
        };
        Ok(jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &self.0.encoding,
        )?)
    }

    pub fn check(&self, token: &str) -> Result<Claims, TokenError> {
        Ok(jsonwebtoken::decode::<Claims>(token, &self.0.decoding, &self.0.validation)?.claims)
    }
}

/// 256 random bits, given out once and stored only as their SHA-256: a refresh token, or the
/// token a link in a letter carries (`one_time`). What the client gets, and what the database
/// keeps.
pub struct OpaqueToken {
    pub secret: String,
    pub hash: Vec<u8>,
}

impl OpaqueToken {
    pub fn generate() -> Result<Self, TokenError> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|error| TokenError::Random(error.to_string()))?;
        let secret = URL_SAFE_NO_PAD.encode(bytes);
        let hash = Self::hash_of(&secret);
        Ok(Self { secret, hash })
    }

    /// The stored form of a token a client presents.
    pub fn hash_of(secret: &str) -> Vec<u8> {
        Sha256::digest(secret.as_bytes()).to_vec()
    }
}

/// The only algorithm Hearth signs with, as jsonwebtoken's crypto provider.
mod hs256 {
    use hmac::{Hmac, Mac};
    use jsonwebtoken::{
        Algorithm, DecodingKey, EncodingKey,
        crypto::{CryptoProvider, JwtSigner, JwtVerifier, KeyUtils},
        errors::{ErrorKind, Result},
        signature::{self, Signer, Verifier},
    };
    use sha2::Sha256;

    static PROVIDER: CryptoProvider = CryptoProvider {
        signer_factory: signer,
        verifier_factory: verifier,
        key_utils: KeyUtils::new_unimplemented(),
    };

    /// Makes this the process's provider (once; later calls change nothing).
    pub(super) fn install() {
        let _already_installed = PROVIDER.install_default();
    }

    struct Hs256(Hmac<Sha256>);

    impl Hs256 {
        fn new(algorithm: &Algorithm, key: &[u8]) -> Result<Self> {
            if *algorithm != Algorithm::HS256 {
                return Err(ErrorKind::InvalidAlgorithm.into());
            }
            Ok(Self(
                Hmac::new_from_slice(key).map_err(|_| ErrorKind::InvalidKeyFormat)?,
            ))
        }

        fn mac(&self, message: &[u8]) -> Hmac<Sha256> {
            let mut mac = self.0.clone();
            mac.update(message);
            mac
        }
    }

    fn signer(algorithm: &Algorithm, key: &EncodingKey) -> Result<Box<dyn JwtSigner>> {
        Ok(Box::new(Hs256::new(algorithm, key.as_bytes())?))
    }

    fn verifier(algorithm: &Algorithm, key: &DecodingKey) -> Result<Box<dyn JwtVerifier>> {
        Ok(Box::new(Hs256::new(algorithm, key.try_get_as_bytes()?)?))
    }

    impl Signer<Vec<u8>> for Hs256 {
        fn try_sign(&self, message: &[u8]) -> std::result::Result<Vec<u8>, signature::Error> {
            Ok(self.mac(message).finalize().into_bytes().to_vec())
        }
    }

    impl JwtSigner for Hs256 {
        fn algorithm(&self) -> Algorithm {
            Algorithm::HS256
        }
    }

    impl Verifier<Vec<u8>> for Hs256 {
        fn verify(
            &self,
            message: &[u8],
            signature: &Vec<u8>,
        ) -> std::result::Result<(), signature::Error> {
            // `verify_slice` compares in constant time.
            self.mac(message)
                .verify_slice(signature)
                .map_err(|_| signature::Error::new())
        }
    }

    impl JwtVerifier for Hs256 {
        fn algorithm(&self) -> Algorithm {
            Algorithm::HS256
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens() -> AccessTokens {
        AccessTokens::new(b"a test secret that is long enough", Duration::minutes(15))
    }

    #[test]
    fn an_access_token_round_trips() {
        let (user, family) = (Uuid::new_v4(), Uuid::new_v4());
        let now = OffsetDateTime::now_utc();
        let token = tokens().issue(user, family, Role::Admin, now).unwrap();
        let claims = tokens().check(&token).unwrap();
        assert_eq!(
            (claims.sub, claims.sid, claims.role),
            (user, family, Role::Admin)
        );
        assert_eq!(claims.exp - claims.iat, 15 * 60);
    }

    #[test]
    fn lifetimes_are_capped_at_fifteen_minutes() {
        let tokens = AccessTokens::new(b"secret", Duration::hours(2));
        assert_eq!(tokens.lifetime(), Duration::minutes(15));
    }

    #[test]
    fn expired_forged_and_unsigned_tokens_are_refused() {
        let (user, family) = (Uuid::new_v4(), Uuid::new_v4());
        let an_hour_ago = OffsetDateTime::now_utc() - Duration::hours(1);
        let expired = tokens()
            .issue(user, family, Role::Member, an_hour_ago)
            .unwrap();
        assert!(tokens().check(&expired).is_err());

        let other_key = AccessTokens::new(b"another secret entirely", Duration::minutes(15));
        let forged = other_key
            .issue(user, family, Role::Admin, OffsetDateTime::now_utc())
            .unwrap();
        assert!(tokens().check(&forged).is_err());

        // The same claims with `alg: none` and no signature.
        let body = forged.split('.').nth(1).unwrap();
        let unsigned = format!(
            "{}.{body}.",
            URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#)
        );
        assert!(tokens().check(&unsigned).is_err());
        assert!(tokens().check("not.a.token").is_err());

        // Signed with the right key but another HMAC: the algorithm is pinned.
        let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"HS512","typ":"JWT"}"#);
        let hs512 = format!("{header}.{body}.{}", URL_SAFE_NO_PAD.encode([0u8; 64]));
        assert!(tokens().check(&hs512).is_err());
    }

    #[test]
    fn the_signature_is_hmac_sha256_of_header_and_claims() {
        use hmac::{Hmac, Mac};
        let secret = b"a test secret that is long enough";
        let token = AccessTokens::new(secret, Duration::minutes(15))
            .issue(
                Uuid::nil(),
                Uuid::nil(),
                Role::Member,
                OffsetDateTime::UNIX_EPOCH,
            )
            .unwrap();
        let (signed, signature) = token.rsplit_once('.').unwrap();
        let mut mac = Hmac::<Sha256>::new_from_slice(secret).unwrap();
        mac.update(signed.as_bytes());
        assert_eq!(
            URL_SAFE_NO_PAD.decode(signature).unwrap(),
            mac.finalize().into_bytes().to_vec()
        );
    }

    #[test]
    fn refresh_tokens_are_random_and_stored_hashed() {
        let a = OpaqueToken::generate().unwrap();
        let b = OpaqueToken::generate().unwrap();
        assert_ne!(a.secret, b.secret);
        assert_eq!(a.secret.len(), 43); // 32 bytes in unpadded base64url
        assert_eq!(a.hash, OpaqueToken::hash_of(&a.secret));
        assert_ne!(a.hash, a.secret.as_bytes());
    }
}
