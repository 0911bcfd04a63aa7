//! E-mail, delivered by the `mail.send` job: into the outbox folder without SMTP, and over SMTP
//! to the real sink `make test` starts (aiosmtpd, writing what it receives to a Maildir).

use std::{path::Path, time::Duration};

use app::{
    jobs::{QueueSettings, Runner},
    mail::{self, Action, Content, Envelope, Letter, MailSettings, Recipient},
    services::{Services, Settings, job_catalog},
};

use crate::helpers::{Engine, TestApp, TestDatabase, service_settings};

crate::on_both_engines!(
    without_smtp_a_letter_is_written_to_the_outbox_by_a_job,
    with_smtp_the_sink_receives_the_letter,
    a_letter_to_something_that_is_not_an_address_is_refused_before_it_is_queued,
);

/// A letter in French, in the layout every letter has.
fn letter(to: &str) -> Letter {
    mail::compose(
        Recipient {
            email: to,
            name: "Zoé",
            locale: app::i18n::Locale::fr,
        },
        "http://localhost:3000",
        &Content {
            subject: "Bienvenue sur Hearth".to_owned(),
            paragraphs: vec!["Votre espace est prêt.".to_owned()],
            action: Some(Action {
                label: "Ouvrir Hearth".to_owned(),
                url: "http://localhost:3000/dashboard".to_owned(),
            }),
        },
    )
}

async fn services_with(database: &TestDatabase, mail: MailSettings) -> Services {
    Services::start(&Settings {
        mail,
        // A failed delivery is tried again within the test's time.
        jobs: QueueSettings {
            backoff: Duration::from_millis(200),
            poll: Duration::from_millis(50),
            ..QueueSettings::default()
        },
        ..service_settings(&database.url)
    })
    .await
    .unwrap()
}

/// Runs the server's jobs until `done` finds what it waits for (ten seconds at most).
async fn run_jobs_until<T>(services: &Services, mut done: impl FnMut() -> Option<T>) -> T {
    let runner = Runner {
        queue: services.jobs.clone(),
        context: services.clone(),
        catalog: job_catalog(),
        concurrency: 2,
        drain: Duration::from_secs(5),
    };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(runner.run(async move {
        let _ = stopped.await;
    }));
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let found = loop {
        if let Some(found) = done() {
            break found;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the letter did not arrive"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let _ = stop.send(());
    running.await.unwrap();
    found
}

/// The letters in `folder` (and its `new/`, as a Maildir keeps them) that are to `to`.
fn letters_to(folder: &Path, to: &str) -> Vec<String> {
    let mut found = Vec::new();
    for dir in [folder.to_path_buf(), folder.join("new")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            if text.lines().any(|line| line == format!("To: {to}")) {
                found.push(text);
            }
        }
    }
    found
}

fn assert_is_the_letter(raw: &str, to: &str) {
    assert!(raw.contains(&format!("To: {to}")), "{raw}");
    assert!(raw.contains("From: Hearth <hearth@example.com>"), "{raw}");
    assert!(raw.contains("Subject: Bienvenue sur Hearth"), "{raw}");
    assert!(
        raw.lines().any(|line| line.starts_with("Message-ID: <")),
        "{raw}"
    );
    assert!(raw.contains("multipart/alternative"), "{raw}");
    assert!(
        raw.contains("Content-Type: text/plain; charset=utf-8"),
        "{raw}"
    );
    assert!(
        raw.contains("Content-Type: text/html; charset=utf-8"),
        "{raw}"
    );
    // Quoted-printable: "Bonjour Zoé," and the button's address.
    assert!(raw.contains("Bonjour Zo=C3=A9,"), "{raw}");
    assert!(raw.contains("http://localhost:3000/dashboard"), "{raw}");
}

async fn without_smtp_a_letter_is_written_to_the_outbox_by_a_job(engine: Engine) {
    let database = TestDatabase::create(engine).await;
    let outbox = std::env::temp_dir().join(format!("hearth-outbox-{}", uuid::Uuid::new_v4()));
    let services = services_with(
        &database,
        MailSettings {
            outbox: outbox.clone(),
            ..service_settings(&database.url).mail
        },
    )
    .await;
    let to = "ann@example.com";

    mail::send(&services.jobs, &letter(to)).await.unwrap();
    assert!(
        letters_to(&outbox, to).is_empty(),
        "the letter was written inside the request, not by the job"
    );
    let letters = run_jobs_until(&services, || {
        let letters = letters_to(&outbox, to);
        (!letters.is_empty()).then_some(letters)
    })
    .await;

    assert_eq!(letters.len(), 1);
    assert_is_the_letter(&letters[0], to);
    services.stop().await;
    let _ = std::fs::remove_dir_all(outbox);
}

async fn with_smtp_the_sink_receives_the_letter(engine: Engine) {
    let (smtp_url, maildir) = smtp_sink();
    let database = TestDatabase::create(engine).await;
    let services = services_with(
        &database,
        MailSettings {
            smtp_url: Some(smtp_url),
            ..service_settings(&database.url).mail
        },
    )
    .await;
    // An address of its own, to find its letter among the other tests'.
    let to = format!("{}@example.com", uuid::Uuid::new_v4().simple());

    mail::send(&services.jobs, &letter(&to)).await.unwrap();
    let letters = run_jobs_until(&services, || {
        let letters = letters_to(Path::new(&maildir), &to);
        (!letters.is_empty()).then_some(letters)
    })
    .await;

    assert_eq!(letters.len(), 1);
    assert_is_the_letter(&letters[0], &to);
    services.stop().await;
}

async fn a_letter_to_something_that_is_not_an_address_is_refused_before_it_is_queued(
    engine: Engine,
) {
    let database = TestDatabase::create(engine).await;
    let services = services_with(&database, service_settings(&database.url).mail).await;

    let refused = mail::send(&services.jobs, &letter("ann at example dot com")).await;

    assert!(
        matches!(refused, Err(mail::MailError::Address { .. })),
        "{refused:?}"
    );
    assert!(
        services.jobs.claim().await.unwrap().is_none(),
        "a job was queued"
    );
    services.stop().await;
}

/// The SMTP sink `make test` starts: its URL and the Maildir it writes to.
fn smtp_sink() -> (String, String) {
    let variable = |name: &str| {
        std::env::var(name).unwrap_or_else(|_| {
            panic!(
                "{name} is not set: run the suite with `make test`, which starts an SMTP sink \
                 (python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c aiosmtpd.handlers.Mailbox DIR) \
                 and sets HEARTH_TEST_SMTP_URL and HEARTH_TEST_MAILDIR"
            )
        })
    };
    (
        variable("HEARTH_TEST_SMTP_URL"),
        variable("HEARTH_TEST_MAILDIR"),
    )
}

/// On a development server, `/dev/mailbox` lists the letters in the outbox and shows each one
/// (a production server has no such page: `pages.rs`).
#[tokio::test]
async fn the_development_mailbox_lists_and_shows_the_outbox_letters() {
    let app = TestApp::start().await;
    let id = uuid::Uuid::new_v4();
    app.services
        .mail
        .deliver(&Envelope {
            id,
            letter: letter("zoe@example.com"),
        })
        .await
        .unwrap();

    let list = app.get("/dev/mailbox").await;
    assert_eq!(list.status(), 200);
    let list = list.text().await.unwrap();
    assert!(
        list.contains("<td class=\"py-2 pe-4 align-top break-all\">zoe@example.com</td>"),
        "{list}"
    );
    let start = list.find("href=\"/dev/mailbox/").unwrap() + "href=\"".len();
    let href = &list[start..start + list[start..].find('"').unwrap()];
    assert!(href.ends_with(&id.simple().to_string()), "{href}");
    assert!(list.contains(">Bienvenue sur Hearth</a>"), "{list}");

    let page = app.get(href).await;
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    assert!(
        page.contains("<title>Bienvenue sur Hearth · Hearth</title>"),
        "{page}"
    );
    assert!(page.contains("Bonjour Zoé,"), "{page}");
    assert!(page.contains("sandbox=\"\""), "{page}");
    // The letter's HTML, as an attribute's value (escaped), for the sandboxed frame.
    assert!(
        page.contains("srcdoc=\"&lt;!DOCTYPE html&gt;&lt;html lang=&quot;fr&quot;"),
        "{page}"
    );

    for missing in [
        "/dev/mailbox/1-0123456789abcdef0123456789abcdef",
        "/dev/mailbox/..%2F..%2Fetc%2Fpasswd",
    ] {
        assert_eq!(app.get(missing).await.status(), 404, "{missing}");
    }
}

/// A development server that sends over SMTP has no outbox: its mailbox page says where the
/// letters went instead, and no letter page exists.
#[tokio::test]
async fn with_smtp_the_development_mailbox_says_the_letters_go_out() {
    let (smtp_url, _) = smtp_sink();
    let app = TestApp::spawn_with(Engine::Sqlite, &[("SMTP_URL", &smtp_url)]).await;
    let page = app.get("/dev/mailbox").await;
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    assert!(
        page.contains("This development server sends its letters over SMTP"),
        "{page}"
    );
    assert!(!page.contains("<table"), "{page}");
    let letter = "/dev/mailbox/1-0123456789abcdef0123456789abcdef";
    assert_eq!(app.get(letter).await.status(), 404);
}
