//! HTTPS served directly with `HEARTH_TLS_CERT` / `HEARTH_TLS_KEY`: a certificate made by
//! Debian's `openssl` for the test, and `curl` as the client (the tests' own client speaks
//! plain HTTP only).

use std::process::Command;

use crate::helpers::{Engine, TempDir, TestApp};

/// A self-signed certificate for `localhost` and its key, in `dir`.
fn certificate(dir: &TempDir) -> (String, String) {
    let cert = dir.path().join("cert.pem");
    let key = dir.path().join("key.pem");
    let made = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
        ])
        .args(["-nodes", "-days", "1", "-subj", "/CN=localhost"])
        .args(["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .expect("openssl is installed (Debian's openssl package)");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    (
        cert.to_str().unwrap().to_owned(),
        key.to_str().unwrap().to_owned(),
    )
}

fn curl(args: &[&str]) -> std::process::Output {
    Command::new("curl")
        .args(["--silent", "--show-error", "--max-time", "10"])
        .args(args)
        .output()
        .expect("curl is installed")
}

#[tokio::test]
async fn with_a_certificate_and_key_the_server_speaks_https_only() {
    let dir = TempDir::new();
    let (cert, key) = certificate(&dir);
    let app = TestApp::spawn_with(
        Engine::Sqlite,
        &[("HEARTH_TLS_CERT", &cert), ("HEARTH_TLS_KEY", &key)],
    )
    .await;
    let https = app.url("/readyz").replace("http://", "https://");

    let answered = tokio::task::spawn_blocking({
        let https = https.clone();
        let cert = cert.clone();
        move || curl(&["--cacert", &cert, "--include", &https])
    })
    .await
    .unwrap();
    let text = String::from_utf8_lossy(&answered.stdout);
    assert!(
        answered.status.success(),
        "{}",
        String::from_utf8_lossy(&answered.stderr)
    );
    assert!(
        text.starts_with("HTTP/2 200") || text.starts_with("HTTP/1.1 200"),
        "{text}"
    );
    assert!(text.contains("\"database\":\"SQLite\""), "{text}");

    // A client that will not trust the certificate is refused by its own side, and plain
    // HTTP gets no answer.
    let untrusted = tokio::task::spawn_blocking({
        let https = https.clone();
        move || curl(&[&https])
    })
    .await
    .unwrap();
    assert!(!untrusted.status.success());
    let plain = tokio::task::spawn_blocking({
        let http = app.url("/readyz");
        move || curl(&[&http])
    })
    .await
    .unwrap();
    assert!(
        !plain.status.success(),
        "plain HTTP is not served on the TLS port"
    );
}

#[test]
fn a_missing_or_unreadable_certificate_or_key_is_named_at_start_up() {
    let dir = TempDir::new();
    let (cert, key) = certificate(&dir);
    let garbage = dir.path().join("garbage.pem");
    std::fs::write(&garbage, "not a certificate").unwrap();
    let garbage = garbage.to_str().unwrap();
    let problem = |vars: &[(&str, &str)]| {
        let vars: std::collections::HashMap<String, String> = vars
            .iter()
            .chain([("LEPTOS_HASH_FILES", "false")].iter())
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        server::config::Config::from_lookup(|name| vars.get(name).cloned())
            .unwrap_err()
            .variable
    };
    assert_eq!(problem(&[("HEARTH_TLS_CERT", &cert)]), "HEARTH_TLS_KEY");
    assert_eq!(problem(&[("HEARTH_TLS_KEY", &key)]), "HEARTH_TLS_CERT");
    assert_eq!(
        problem(&[("HEARTH_TLS_CERT", garbage), ("HEARTH_TLS_KEY", &key)]),
        "HEARTH_TLS_CERT"
    );
    assert_eq!(
        problem(&[("HEARTH_TLS_CERT", &cert), ("HEARTH_TLS_KEY", garbage)]),
        "HEARTH_TLS_KEY"
    );
}
