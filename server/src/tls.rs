//! HTTPS served by Hearth itself, when `HEARTH_TLS_CERT` and `HEARTH_TLS_KEY` name a PEM
//! certificate chain and its private key (rustls, with ring). Behind a reverse proxy that
//! terminates TLS, leave them unset (see `docs/security.md`).
//!
//! Connections are accepted as usual, and each handshake runs in a task of its own, at most
//! [`HANDSHAKE_TIMEOUT`] long: a client that opens a connection and says nothing holds up no one
//! else. Finished handshakes reach the server through a channel, as a [`TlsListener`].

use std::{io, net::SocketAddr, path::Path, sync::Arc, time::Duration};

use tokio::{net::TcpListener, sync::mpsc};
use tokio_rustls::{
    TlsAcceptor,
    rustls::{
        ServerConfig,
        pki_types::{CertificateDer, PrivateKeyDer, pem::PemObject as _},
    },
    server::TlsStream,
};

/// How long a client may take to finish its handshake.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections whose handshake is done and which wait for the server to take them.
const READY_CONNECTIONS: usize = 1024;

/// The certificate and key, read and checked: what the listeners are made with.
#[derive(Clone)]
pub struct Tls(Arc<ServerConfig>);

impl std::fmt::Debug for Tls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Tls(certificate and key loaded)")
    }
}

/// What is wrong with the files, for the configuration error that names the variable.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    #[error("{0}: no certificate could be read from it ({1})")]
    Certificate(String, String),
    #[error("{0}: no private key could be read from it ({1})")]
    Key(String, String),
    #[error("the key does not go with the certificate ({0})")]
    Mismatch(String),
}

impl Tls {
    /// Reads the PEM certificate chain at `cert` and the private key at `key`.
    pub fn load(cert: &Path, key: &Path) -> Result<Self, TlsError> {
        let shown = |path: &Path| path.display().to_string();
        let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(cert)
            .and_then(|certificates| certificates.collect())
            .map_err(|error| TlsError::Certificate(shown(cert), error.to_string()))?;
        if chain.is_empty() {
            return Err(TlsError::Certificate(
                shown(cert),
                "the file is empty".into(),
            ));
        }
        let private_key = PrivateKeyDer::from_pem_file(key)
            .map_err(|error| TlsError::Key(shown(key), error.to_string()))?;
        let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
        let mut config = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|error| TlsError::Mismatch(error.to_string()))?
            .with_no_client_auth()
            .with_single_cert(chain, private_key)
            .map_err(|error| TlsError::Mismatch(error.to_string()))?;
        config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        Ok(Self(Arc::new(config)))
    }

    /// Serves TLS on `tcp`'s connections.
    pub fn listener(&self, tcp: TcpListener) -> io::Result<TlsListener> {
        TlsListener::new(tcp, TlsAcceptor::from(Arc::clone(&self.0)))
    }
}

/// Connections whose TLS handshake has finished, for `axum::serve`.
pub struct TlsListener {
    ready: mpsc::Receiver<(TlsStream<tokio::net::TcpStream>, SocketAddr)>,
    address: SocketAddr,
}

impl TlsListener {
    fn new(tcp: TcpListener, acceptor: TlsAcceptor) -> io::Result<Self> {
        let address = tcp.local_addr()?;
        let (ready, taken) = mpsc::channel(READY_CONNECTIONS);
        tokio::spawn(async move {
            // Ends when the server stops taking connections (the receiver is gone).
            while !ready.is_closed() {
                let (stream, peer) = match tcp.accept().await {
                    Ok(accepted) => accepted,
                    Err(error) => {
                        tracing::warn!(%error, "accepting a connection failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let acceptor = acceptor.clone();
                let ready = ready.clone();
                tokio::spawn(async move {
                    match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await {
                        Ok(Ok(tls)) => {
                            let _ = ready.send((tls, peer)).await;
                        }
                        Ok(Err(error)) => tracing::debug!(%error, %peer, "a TLS handshake failed"),
                        Err(_) => tracing::debug!(%peer, "a TLS handshake took too long"),
                    }
                });
            }
        });
        Ok(Self {
            ready: taken,
            address,
        })
    }
}

impl axum::serve::Listener for TlsListener {
    type Io = TlsStream<tokio::net::TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        match self.ready.recv().await {
            Some(connection) => connection,
            // The accepting task is gone, which it never is while this listener lives.
            None => std::future::pending().await,
        }
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        Ok(self.address)
    }
}
