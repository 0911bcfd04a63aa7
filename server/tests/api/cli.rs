//! The `server` binary as an operator runs it.

use std::{
    net::TcpListener,
    process::{Child, Command, Output, Stdio},
    time::{Duration, Instant},
};

use crate::helpers::{Engine, TestDatabase, service_settings};

crate::on_both_engines!(
    migrate_brings_the_schema_up_to_date,
    sigterm_and_sigint_stop_the_server_cleanly,
    several_runtimes_share_the_address_and_the_data_then_stop_cleanly,
    create_admin_creates_then_promotes_with_a_password_from_stdin,
    the_worker_command_runs_jobs_a_killed_worker_left_then_stops_cleanly,
    seed_demo_fills_a_workspace_the_demo_owner_can_log_in_to,
);

fn server(database_url: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
    let workdir = std::env::temp_dir();
    command
        .env_clear()
        .current_dir(workdir)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

async fn migrate_brings_the_schema_up_to_date(engine: Engine) {
    let database = TestDatabase::create(engine).await;

    for run in ["first", "second"] {
        let output = server(&database.url).arg("migrate").output().unwrap();
        assert!(output.status.success(), "{run} run: {}", describe(&output));
    }

    let db = app::db::Database::connect(&database.url, Default::default())
        .await
        .unwrap();
    assert_eq!(db.schema_version().await.unwrap(), Some(newest_migration()));
    // The accounts tables are there; the unused settings table is gone.
    for (table, exists) in [
        ("users", true),
        ("sessions", true),
        ("instance_settings", false),
    ] {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        let counted = match db.pool() {
            app::db::Pool::Sqlite(pool) => sqlx::query(&sql).execute(pool).await.map(drop),
            app::db::Pool::Postgres(pool) => sqlx::query(&sql).execute(pool).await.map(drop),
        };
        assert_eq!(counted.is_ok(), exists, "{table}: {counted:?}");
    }
    db.close().await;
}

/// The highest version among the migration files.
fn newest_migration() -> i64 {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../migrations/sqlite");
    std::fs::read_dir(folder)
        .unwrap()
        .filter_map(|entry| {
            let name = entry.unwrap().file_name().into_string().unwrap();
            name.split_once('_')?.0.parse::<i64>().ok()
        })
        .max()
        .unwrap()
}

async fn sigterm_and_sigint_stop_the_server_cleanly(engine: Engine) {
    for signal in ["TERM", "INT"] {
        let database = TestDatabase::create(engine).await;
        let port = free_port();
        let child = server(&database.url)
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .spawn()
            .unwrap();
        wait_until_healthy(port, &child).await;

        stop_cleanly(child, signal).await;
    }
}

/// Three runtimes, each with its own pool and socket on one address: every new connection is
/// answered, whichever runtime the kernel hands it to, and what one runtime wrote the others
/// read.
async fn several_runtimes_share_the_address_and_the_data_then_stop_cleanly(engine: Engine) {
    let database = TestDatabase::create(engine).await;
    let port = free_port();
    let child = server(&database.url)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("HEARTH_RUNTIMES", "3")
        // Many log-ins from one address; the limits are shared by the runtimes (one process).
        .env("HEARTH_LIMIT_LOGIN_PER_ADDRESS", "off")
        .env("HEARTH_LIMIT_REGISTRATION_PER_ADDRESS", "off")
        .env("HEARTH_LIMIT_API_PER_ADDRESS", "off")
        .spawn()
        .unwrap();
    wait_until_healthy(port, &child).await;
    let base = format!("http://127.0.0.1:{port}/api/v1");
    let client = crate::http::Client;
    let account = serde_json::json!({
        "email": "runtimes@example.com",
        "password": "copper kettle rain lantern",
        "name": "Runa",
    });
    let registered = client
        .post(format!("{base}/auth/register"))
        .json(&account)
        .send()
        .await
        .unwrap();
    assert_eq!(registered.status().as_u16(), 201);

    // Each request below is a new connection (the test client keeps none alive).
    for attempt in 0..24 {
        let login = client
            .post(format!("{base}/auth/login"))
            .json(&account)
            .send()
            .await
            .unwrap();
        assert_eq!(login.status().as_u16(), 200, "login {attempt}");
        let tokens: serde_json::Value = login.json().await.unwrap();
        let me = client
            .get(format!("{base}/users/me"))
            .bearer_auth(tokens["access_token"].as_str().unwrap())
            .send()
            .await
            .unwrap();
        assert_eq!(me.status().as_u16(), 200, "users/me {attempt}");
        let me: serde_json::Value = me.json().await.unwrap();
        assert_eq!(me["email"], "runtimes@example.com");
    }

    let output = stop_cleanly(child, "TERM").await;
    let log = String::from_utf8_lossy(&output.stdout);
    assert!(
        log.contains("serving on 3 runtime(s)"),
        "{}",
        describe(&output)
    );
    assert!(!log.contains("panicked"), "{}", describe(&output));
}

/// The runtimes' sockets share their address with each other, not with a second server
/// started on the same port by mistake: that one stops and says why.
#[tokio::test]
async fn a_second_server_on_the_same_address_refuses_to_start() {
    let first_database = TestDatabase::create(Engine::Sqlite).await;
    let second_database = TestDatabase::create(Engine::Sqlite).await;
    let port = free_port();
    let address = format!("127.0.0.1:{port}");
    let first = server(&first_database.url)
        .env("LEPTOS_SITE_ADDR", &address)
        .spawn()
        .unwrap();
    wait_until_healthy(port, &first).await;

    let second = server(&second_database.url)
        .env("LEPTOS_SITE_ADDR", &address)
        .spawn()
        .unwrap();
    let second = wait_with_deadline(second, Duration::from_secs(20)).await;

    assert!(!second.status.success(), "{}", describe(&second));
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&second.stdout),
        String::from_utf8_lossy(&second.stderr)
    );
    assert!(
        said.contains(&format!("cannot listen on {address}")),
        "{said}"
    );
    stop_cleanly(first, "TERM").await;
}

#[test]
fn a_bad_setting_stops_start_up_and_names_the_variable() {
    let output = server("sqlite::memory:")
        .env("HEARTH_ENV", "production")
        .output()
        .unwrap();

    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("HEARTH_SECRET_KEY"), "stderr: {stderr}");
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn wait_until_healthy(port: u16, child: &Child) {
    let client = crate::http::Client;
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        let response = client
            .get(format!("http://127.0.0.1:{port}/healthz"))
            .send()
            .await;
        if response.is_ok_and(|r| r.status().is_success()) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "server (pid {}) did not become healthy on port {port}",
        child.id()
    );
}

/// Sends the server `SIG<signal>` and expects it to finish its work and exit successfully.
async fn stop_cleanly(child: Child, signal: &str) -> Output {
    let killed = Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status();
    assert!(killed.unwrap().success());
    let output = wait_with_deadline(child, Duration::from_secs(20)).await;
    assert!(
        output.status.success(),
        "SIG{signal}: {}",
        describe(&output)
    );
    output
}

async fn wait_with_deadline(mut child: Child, limit: Duration) -> Output {
    let deadline = Instant::now() + limit;
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("the server did not stop within {limit:?} of the signal");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    child.wait_with_output().unwrap()
}

fn describe(output: &Output) -> String {
    format!(
        "{}\nstdout:\n{}\nstderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

async fn create_admin_creates_then_promotes_with_a_password_from_stdin(engine: Engine) {
    use std::io::Write;

    let database = TestDatabase::create(engine).await;
    let run = |password_on_stdin: &str, extra_env: Option<(&str, &str)>| {
        let mut command = server(&database.url);
        command
            .args([
                "create-admin",
                "--email",
                "Root@Example.com",
                "--name",
                "Rita Root",
            ])
            .stdin(Stdio::piped());
        if let Some((name, value)) = extra_env {
            command.env(name, value);
        }
        let mut child = command.spawn().unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(password_on_stdin.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };

    // A weak password is refused with the reason, and nothing is created.
    let output = run("password\n", None);
    assert!(!output.status.success(), "{}", describe(&output));
    assert!(
        describe(&output).contains("password: Use at least 10 characters."),
        "{}",
        describe(&output)
    );

    let output = run("copper kettle rain lantern\n", None);
    assert!(output.status.success(), "{}", describe(&output));
    assert!(
        describe(&output).contains("created the administrator"),
        "{}",
        describe(&output)
    );

    let services = app::services::Services::start(&service_settings(&database.url))
        .await
        .unwrap();
    let accounts = &services.accounts;
    let (_, earlier_session) = accounts
        .login(
            "root@example.com",
            "copper kettle rain lantern",
            &Default::default(),
        )
        .await
        .unwrap();

    // Again, with the password from the environment: the account exists, so it is promoted
    // (and its password set) rather than duplicated, and its existing sessions end.
    let output = run(
        "",
        Some(("HEARTH_ADMIN_PASSWORD", "lantern copper kettle rain")),
    );
    assert!(output.status.success(), "{}", describe(&output));
    assert!(
        describe(&output).contains("is now an administrator"),
        "{}",
        describe(&output)
    );
    assert!(
        accounts
            .authenticate(&earlier_session.access_token)
            .await
            .is_err()
    );
    assert!(
        accounts
            .refresh(&earlier_session.refresh_token, &Default::default())
            .await
            .is_err()
    );

    let (user, _) = accounts
        .login(
            "root@example.com",
            "lantern copper kettle rain",
            &Default::default(),
        )
        .await
        .unwrap();
    assert_eq!(user.role, app::accounts::Role::Admin);
    assert_eq!(user.name, "Rita Root");
    services.stop().await;
}

/// `server worker`: background jobs without HTTP. A job that a killed worker held (claimed,
/// never ended) runs again once its lease is out, beside the schedules' first jobs; a SIGTERM
/// then stops it cleanly.
async fn the_worker_command_runs_jobs_a_killed_worker_left_then_stops_cleanly(engine: Engine) {
    use app::jobs::{NewJob, QueueSettings};

    let database = TestDatabase::create(engine).await;
    let services = app::services::Services::start(&app::services::Settings {
        jobs: QueueSettings {
            lease: Duration::from_millis(500),
            ..QueueSettings::default()
        },
        ..service_settings(&database.url)
    })
    .await
    .unwrap();
    let left = services
        .jobs
        .enqueue(NewJob::new("accounts.purge-sessions", &serde_json::json!({})).unwrap())
        .await
        .unwrap()
        .unwrap();
    // The worker that claimed it is killed before it ends it.
    let claimed = services.jobs.claim().await.unwrap().unwrap();
    assert_eq!(claimed.id, left);

    let child = server(&database.url).arg("worker").spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let status = services.jobs.status(left).await.unwrap().unwrap();
        if status.state == "done" {
            assert_eq!(status.attempts, 2, "{status:?}");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the left job is still {status:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let output = stop_cleanly(child, "TERM").await;
    let log = String::from_utf8_lossy(&output.stdout);
    assert!(
        log.contains("running background jobs"),
        "{}",
        describe(&output)
    );
    // The schedules' jobs for this hour and this day ran too (the left one purged sessions
    // as well).
    assert!(
        log.matches("ended sessions and spent one-time tokens purged")
            .count()
            >= 2,
        "{}",
        describe(&output)
    );
    assert!(
        log.contains("finished jobs purged"),
        "{}",
        describe(&output)
    );
    services.stop().await;
}

async fn seed_demo_fills_a_workspace_the_demo_owner_can_log_in_to(engine: Engine) {
    let database = TestDatabase::create(engine).await;
    let output = server(&database.url)
        .args(["seed-demo", "--tasks", "60"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", describe(&output));
    assert!(
        describe(&output).contains("Demo Co"),
        "{}",
        describe(&output)
    );

    let services = app::services::Services::start(&service_settings(&database.url))
        .await
        .unwrap();
    let (owner, _) = services
        .accounts
        .login(
            "demo@example.com",
            "copper kettle rain lantern",
            &Default::default(),
        )
        .await
        .unwrap();
    let workspaces = services.workspaces.mine(&owner, None, 10).await.unwrap();
    assert_eq!(workspaces.items.len(), 1);
    assert_eq!(workspaces.items[0].member_count, 5);
    let projects = services
        .projects
        .list(&owner, workspaces.items[0].id, false, None, 10)
        .await
        .unwrap();
    assert_eq!(projects.items.len(), 3);
    let web = &projects.items[0];
    let tasks = services
        .tasks
        .list(&owner, web.id, &Default::default(), None, 100)
        .await
        .unwrap();
    assert_eq!(tasks.items.len(), 20, "60 tasks over three projects");
    assert!(tasks.items.iter().all(|task| !task.assignees.is_empty()));
    assert!(
        tasks
            .items
            .iter()
            .any(|task| task.status == app::tasks::Status::Done),
        "the demo shows work in every state"
    );

    // Again: another workspace; the people stay as they were.
    let output = server(&database.url)
        .args(["seed-demo", "--tasks", "3"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", describe(&output));
    let workspaces = services.workspaces.mine(&owner, None, 10).await.unwrap();
    assert_eq!(workspaces.items.len(), 2);
    services.stop().await;
}
