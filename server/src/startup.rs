//! Start-up: build the services, bind the listener, and serve until told to stop.
//!
//! The `server` binary serves through [`Server`]: several single-threaded runtimes, one per CPU
//! by default (`HEARTH_RUNTIMES`), each on a thread kept on its CPU, with its own database pool
//! and its own listening socket on the shared address (`SO_REUSEPORT`: the kernel spreads new
//! connections over them). A request then stays on one CPU. On a small virtual machine, waking
//! a thread on the other CPU cost 30 times as much as on the same one, and a query is at least
//! two such wake-ups (sqlx runs each SQLite connection on a thread of its own). What is shared
//! stays shared: the page cache and the password hasher's permits. Integration tests start one
//! [`Application`] on their own runtime.
//!
//! Background jobs run beside the requests on the first runtime (`HEARTH_JOB_WORKERS` at once;
//! 0 leaves them to `server worker`, see [`run_jobs`]). On a stop, requests and jobs drain
//! together: jobs for up to `HEARTH_JOB_DRAIN_SECS`.

use std::{
    future::Future,
    net::SocketAddr,
    sync::{Arc, mpsc},
    thread::JoinHandle,
    time::Duration,
};

use anyhow::Context;
use app::{
    jobs::Runner,
    services::{Services, Settings, job_catalog},
};
use axum::Router;
use tokio::{
    net::{TcpListener, TcpSocket},
    signal::unix::{Signal, SignalKind, signal},
    sync::watch,
};

use crate::{
    config::Config,
    cpus::{self, Cpus},
    http::{self, page_cache::PageCache, pwa::ServiceWorker},
    state::AppState,
};

/// Connections waiting to be accepted, per listening socket.
const LISTEN_BACKLOG: u32 = 1024;

/// A server that is migrated, connected and bound, but not yet serving.
pub struct Application {
    listener: TcpListener,
    address: SocketAddr,
    router: Router,
    services: Services,
    /// How many jobs this application runs at once beside its requests (0: none).
    job_workers: usize,
    /// HTTPS on the listener, when configured.
    tls: Option<crate::tls::Tls>,
    job_drain: Duration,
}

impl Application {
    /// One application on the caller's runtime, as the integration tests start it.
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let services = start_services(&config, &config.services()).await?;
        let listener = TcpListener::bind(config.leptos.site_addr)
            .await
            .with_context(|| cannot_listen(config.leptos.site_addr))?;
        let page_cache = PageCache::new(config.page_cache_bytes);
        let job_workers = config.job_workers;
        Self::assemble(
            Arc::new(config),
            services,
            listener,
            page_cache,
            job_workers,
        )
    }

    /// A [`Server`]'s first runtime: migrates, opens a pool, binds the configured address.
    async fn build_first(
        config: Arc<Config>,
        settings: &Settings,
        page_cache: PageCache,
    ) -> anyhow::Result<Self> {
        let address = config.leptos.site_addr;
        // Sockets that share an address also share it with another server of the same user
        // started on it by mistake (a second `make run`): a plain socket on the address first
        // makes that fail as it did before, with "address in use".
        if address.port() != 0 {
            drop(std::net::TcpListener::bind(address).with_context(|| cannot_listen(address))?);
        }
        let services = start_services(&config, settings).await?;
        let listener = bind_shared(address)?;
        let job_workers = config.job_workers;
        Self::assemble(config, services, listener, page_cache, job_workers)
    }

    /// Another runtime of a [`Server`]: its own pool, its own socket on the first's address.
    async fn build_beside(
        config: Arc<Config>,
        settings: &Settings,
        address: SocketAddr,
        first: &Services,
        page_cache: PageCache,
    ) -> anyhow::Result<Self> {
        let services = first
            .with_own_pool(settings)
            .await
            .with_context(|| format!("connecting to the database at {}", config.database_url))?;
        let listener = bind_shared(address)?;
        Self::assemble(config, services, listener, page_cache, 0)
    }

    fn assemble(
        config: Arc<Config>,
        services: Services,
        listener: TcpListener,
        page_cache: PageCache,
        job_workers: usize,
    ) -> anyhow::Result<Self> {
        let job_drain = config.job_drain;
        let tls = config.tls.clone();
        let address = listener.local_addr()?;
        let mut leptos_options = config.leptos.clone();
        leptos_options.site_addr = address;

        let service_worker = ServiceWorker::new(&leptos_options)
            .context("reading the bundle's file names for the service worker")?;
        let state = AppState {
            services: services.clone(),
            page_cache,
            config,
            leptos_options,
            service_worker,
        };
        Ok(Self {
            listener,
            address,
            router: http::router(state),
            services,
            job_workers,
            job_drain,
            tls,
        })
    }

    /// The address actually bound (useful when the configured port was 0).
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    pub fn services(&self) -> &Services {
        &self.services
    }

    /// Serves (and runs jobs) until `shutdown` completes, then lets in-flight requests and
    /// running jobs finish and closes the database pool.
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let (stop, stopped) = watch::channel(false);
        let stop_jobs = stop.clone();
        let shutdown = async move {
            shutdown.await;
            let _ = stop_jobs.send(true);
        };
        let serving = async move {
            // With each connection's address, for the client's (`http::client_address`).
            let app = self
                .router
                .into_make_service_with_connect_info::<std::net::SocketAddr>();
            let served = match &self.tls {
                None => {
                    axum::serve(self.listener, app)
                        .with_graceful_shutdown(shutdown)
                        .await
                }
                Some(tls) => {
                    use axum::serve::ListenerExt as _;
                    // `tap_io` lends the connection's address to `ConnectInfo` as for TCP.
                    let listener = tls.listener(self.listener)?.tap_io(|_| ());
                    axum::serve(listener, app)
                        .with_graceful_shutdown(shutdown)
                        .await
                }
            };
            let _ = stop.send(true);
            served
        };
        let jobs = run_jobs(
            &self.services,
            self.job_workers,
            self.job_drain,
            stopped_on(stopped),
        );
        let (served, ()) = tokio::join!(serving, jobs);
        served?;
        self.services.stop().await;
        Ok(())
    }
}

/// Runs the background jobs of the catalog, `workers` at once (none when 0), until `stop`
/// completes, then waits up to `drain` for those running.
pub async fn run_jobs(
    services: &Services,
    workers: usize,
    drain: Duration,
    stop: impl Future<Output = ()>,
) {
    if workers == 0 {
        return;
    }
    Runner {
        queue: services.jobs.clone(),
        context: services.clone(),
        catalog: job_catalog(),
        concurrency: workers,
        drain,
    }
    .run(stop)
    .await;
}

/// Completes once `stopped` says stop (or its sender is gone).
async fn stopped_on(mut stopped: watch::Receiver<bool>) {
    let _ = stopped.wait_for(|stop| *stop).await;
}

async fn start_services(config: &Config, settings: &Settings) -> anyhow::Result<Services> {
    Services::start(settings)
        .await
        .with_context(|| format!("starting with the database at {}", config.database_url))
}

fn cannot_listen(address: SocketAddr) -> String {
    format!("cannot listen on {address} (LEPTOS_SITE_ADDR)")
}

/// A listening socket that other sockets of this process may bind to the same address.
fn bind_shared(address: SocketAddr) -> anyhow::Result<TcpListener> {
    let bind = || {
        let socket = if address.is_ipv4() {
            TcpSocket::new_v4()
        } else {
            TcpSocket::new_v6()
        }?;
        socket.set_reuseaddr(true)?;
        socket.set_reuseport(true)?;
        socket.bind(address)?;
        socket.listen(LISTEN_BACKLOG)
    };
    bind().with_context(|| cannot_listen(address))
}

/// The server the binary runs: an [`Application`] on each of several single-threaded runtimes,
/// one per CPU by default (see the module's documentation).
pub struct Server {
    address: SocketAddr,
    threads: Vec<JoinHandle<anyhow::Result<()>>>,
    stop: watch::Sender<bool>,
}

/// What a runtime reports once it accepts connections (the address it bound and its services,
/// the model for the next runtime's), or why it could not start.
type Started = anyhow::Result<(SocketAddr, Services)>;

impl Server {
    /// Migrates, then starts the runtimes one by one, and returns once all of them accept
    /// connections. When one cannot start, those already serving are stopped and its error is
    /// returned.
    pub fn start(config: Config) -> anyhow::Result<Self> {
        let cpus = Cpus::allowed();
        let ids = cpus.ids();
        // By default one per CPU the process may use: Rust's count heeds a container's CPU
        // quota as well as the CPUs it may run on.
        let count = match config.runtimes {
            0 => std::thread::available_parallelism().map_or(ids.len(), usize::from),
            count => count,
        }
        .max(1);
        // DATABASE_MAX_CONNECTIONS is the whole process's; each runtime opens its share (one
        // at least).
        let mut settings = config.services();
        let runtimes = u32::try_from(count).unwrap_or(u32::MAX);
        settings.pool.max_connections = settings.pool.max_connections.div_ceil(runtimes).max(1);
        let config = Arc::new(config);
        let page_cache = PageCache::new(config.page_cache_bytes);
        let (stop, stopped) = watch::channel(false);
        let mut server = Self {
            address: config.leptos.site_addr,
            threads: Vec::with_capacity(count),
            stop,
        };

        // The first runtime migrates and binds the address (port 0 becomes a real one); each
        // other one opens its own pool and binds beside it.
        let mut first: Option<(SocketAddr, Services)> = None;
        for index in 0..count {
            // A channel of its own: if the thread dies before reporting, `recv` says so.
            let (started, report) = mpsc::channel::<Started>();
            let runtime = Runtime {
                // Fewer runtimes than CPUs are not kept anywhere: pinned, they would leave CPUs
                // idle that the blocking pool and the connections' threads could use.
                cpu: (count >= ids.len() && !ids.is_empty()).then(|| ids[index % ids.len()]),
                cpus,
                config: config.clone(),
                settings: settings.clone(),
                page_cache: page_cache.clone(),
                stopped: stopped.clone(),
                started,
            };
            let follow = first.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("hearth-runtime-{index}"))
                .spawn(move || runtime.run(follow));
            let thread = match spawned {
                Ok(thread) => thread,
                Err(error) => return Err(server.abandon(error.into())),
            };
            server.threads.push(thread);
            match report.recv() {
                Ok(Ok((address, services))) => {
                    if first.is_none() {
                        server.address = address;
                        first = Some((address, services));
                    }
                }
                Ok(Err(error)) => return Err(server.abandon(error)),
                Err(_) => {
                    let error = anyhow::anyhow!("a runtime stopped while starting");
                    return Err(server.abandon(error));
                }
            }
        }
        tracing::info!(runtimes = count, "serving on {count} runtime(s)");
        Ok(server)
    }

    /// The address actually bound (useful when the configured port was 0).
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Stops every runtime, waiting for their in-flight requests; the first error wins.
    pub fn stop(self) -> anyhow::Result<()> {
        let _ = self.stop.send(true);
        let mut outcome = Ok(());
        for thread in self.threads {
            let stopped = thread
                .join()
                .unwrap_or_else(|_| Err(anyhow::anyhow!("a runtime's thread panicked")));
            if let Err(error) = stopped
                && outcome.is_ok()
            {
                outcome = Err(error);
            }
        }
        outcome
    }

    fn abandon(self, error: anyhow::Error) -> anyhow::Error {
        if let Err(also) = self.stop() {
            tracing::warn!("{also:#}");
        }
        error
    }
}

/// One runtime's share of the server, moved onto its thread.
struct Runtime {
    cpu: Option<usize>,
    cpus: Cpus,
    config: Arc<Config>,
    settings: Settings,
    page_cache: PageCache,
    stopped: watch::Receiver<bool>,
    started: mpsc::Sender<Started>,
}

impl Runtime {
    /// Runs on the runtime's own thread: builds its application (the first runtime from
    /// nothing, the others following the first's address and services), reports, serves.
    fn run(self, follow: Option<(SocketAddr, Services)>) -> anyhow::Result<()> {
        if let Some(cpu) = self.cpu {
            cpus::pin_current_thread(cpu);
        }
        let cpus = self.cpus;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            // The blocking pool (password hashing) may use every CPU.
            .on_thread_start(move || cpus.release_current_thread())
            .build();
        let runtime = match runtime {
            Ok(runtime) => runtime,
            Err(error) => {
                let _ = self.started.send(Err(error.into()));
                return Ok(());
            }
        };
        runtime.block_on(async move {
            let built = match follow {
                None => {
                    Application::build_first(self.config, &self.settings, self.page_cache).await
                }
                Some((address, first)) => {
                    Application::build_beside(
                        self.config,
                        &self.settings,
                        address,
                        &first,
                        self.page_cache,
                    )
                    .await
                }
            };
            let application = match built {
                Ok(application) => application,
                Err(error) => {
                    let _ = self.started.send(Err(error));
                    return Ok(());
                }
            };
            let _ = self
                .started
                .send(Ok((application.address(), application.services().clone())));
            let mut stopped = self.stopped;
            let stop = async move {
                let _ = stopped.wait_for(|stop| *stop).await;
            };
            application.run_until_stopped(stop).await?;
            Ok(())
        })
    }
}

/// SIGINT (Ctrl-C) and SIGTERM (what container runtimes send), listened for from the moment
/// this is made: one that arrives while the server is still starting waits for it to be up
/// and then stops it cleanly, instead of killing the process half-started.
pub struct StopSignals {
    interrupt: Signal,
    terminate: Signal,
}

impl StopSignals {
    /// Call it inside the Tokio runtime that will wait for them.
    pub fn listen() -> std::io::Result<Self> {
        Ok(Self {
            interrupt: signal(SignalKind::interrupt())?,
            terminate: signal(SignalKind::terminate())?,
        })
    }

    /// Completes on the first of them.
    pub async fn received(mut self) {
        tokio::select! {
            _ = self.interrupt.recv() => tracing::info!("SIGINT received, finishing in-flight requests"),
            _ = self.terminate.recv() => tracing::info!("SIGTERM received, finishing in-flight requests"),
        }
    }
}
