//! The configuration of the defences: whose forwarding headers are believed, the rate limits
//! and where their counters live, which other sites' pages may call the API.

use app::limits::{Limit, LimitSettings, Rate};

use super::ConfigError;
use crate::{
    http::client_address::TrustedProxies,
    tls::{Tls, TlsError},
};
use std::path::Path;

/// `HEARTH_TLS_CERT` and `HEARTH_TLS_KEY`: HTTPS served directly, with both, or not at all.
pub(super) fn tls(var: &impl Fn(&str) -> Option<String>) -> Result<Option<Tls>, ConfigError> {
    match (var("HEARTH_TLS_CERT"), var("HEARTH_TLS_KEY")) {
        (None, None) => Ok(None),
        (Some(_), None) => Err(ConfigError::new(
            "HEARTH_TLS_KEY",
            "must be set with HEARTH_TLS_CERT (the certificate's private key, PEM)",
        )),
        (None, Some(_)) => Err(ConfigError::new(
            "HEARTH_TLS_CERT",
            "must be set with HEARTH_TLS_KEY (the certificate chain, PEM)",
        )),
        (Some(cert), Some(key)) => Tls::load(Path::new(&cert), Path::new(&key))
            .map(Some)
            .map_err(|error| {
                let variable = match error {
                    TlsError::Key(..) => "HEARTH_TLS_KEY",
                    TlsError::Certificate(..) | TlsError::Mismatch(_) => "HEARTH_TLS_CERT",
                };
                ConfigError::new(variable, error.to_string())
            }),
    }
}

/// `TRUSTED_PROXIES`: addresses and networks, comma-separated (none by default).
pub(super) fn trusted_proxies(
    var: &impl Fn(&str) -> Option<String>,
) -> Result<TrustedProxies, ConfigError> {
    match var("TRUSTED_PROXIES") {
        None => Ok(TrustedProxies::default()),
        Some(list) => TrustedProxies::parse(&list)
            .map_err(|problem| ConfigError::new("TRUSTED_PROXIES", problem)),
    }
}

/// `HEARTH_LIMIT_*` (each `N/PERIOD` or `off`), `REDIS_URL` and `HEARTH_REDIS_PREFIX`.
pub(super) fn limits(var: &impl Fn(&str) -> Option<String>) -> Result<LimitSettings, ConfigError> {
    let rates = Limit::ALL
        .iter()
        .map(|limit| {
            let rate = match var(limit.variable()) {
                None => limit.default_rate(),
                Some(text) => Rate::parse(&text)
                    .map_err(|problem| ConfigError::new(limit.variable(), problem))?,
            };
            Ok((*limit, rate))
        })
        .collect::<Result<_, ConfigError>>()?;
    let redis_url = match var("REDIS_URL") {
        None => None,
        Some(url) if url.starts_with("redis://") || url.starts_with("rediss://") => Some(url),
        Some(url) => {
            return Err(ConfigError::new(
                "REDIS_URL",
                format!(
                    "'{}' is not a redis:// address",
                    url.split('@').next_back().unwrap_or_default()
                ),
            ));
        }
    };
    let redis_prefix = var("HEARTH_REDIS_PREFIX").unwrap_or_else(|| "hearth".to_owned());
    if redis_prefix.contains(char::is_whitespace) {
        return Err(ConfigError::new(
            "HEARTH_REDIS_PREFIX",
            "must not contain spaces",
        ));
    }
    Ok(LimitSettings {
        rates,
        redis_url,
        redis_prefix,
    })
}

/// `HEARTH_CORS_ORIGINS`: the origins (`https://app.example.com`, comma-separated) whose pages
/// may call the API from a browser; none by default.
pub(super) fn cors_origins(
    var: &impl Fn(&str) -> Option<String>,
) -> Result<Vec<String>, ConfigError> {
    let Some(list) = var("HEARTH_CORS_ORIGINS") else {
        return Ok(Vec::new());
    };
    list.split(',')
        .map(str::trim)
        .filter(|origin| !origin.is_empty())
        .map(|origin| {
            let rest = origin
                .strip_prefix("https://")
                .or_else(|| origin.strip_prefix("http://"));
            let well_formed = rest.is_some_and(|host| {
                !host.is_empty()
                    && !host.contains(['/', '?', '#', '*'])
                    && !host.contains(char::is_whitespace)
            });
            if well_formed {
                Ok(origin.to_owned())
            } else {
                Err(ConfigError::new(
                    "HEARTH_CORS_ORIGINS",
                    format!("'{origin}' is not an origin like https://app.example.com"),
                ))
            }
        })
        .collect()
}
