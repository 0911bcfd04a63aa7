//! `server seed-demo`: a demo workspace with people, projects, tasks and comments that look like a team's
//! real work, through the same services the pages and the API use (so every rule holds), for
//! trying Hearth out and for the benchmarks (`--tasks 100000`).
//!
//! The people are `demo@example.com` (the owner) and four teammates at `…@demo.example`, all
//! with the password of `HEARTH_DEMO_PASSWORD` (or "copper kettle rain lantern"). Running it
//! again adds another workspace and leaves the people as they are.

use std::time::Instant;

use anyhow::Context;
use app::{
    accounts::{NewAccount, User},
    projects::NewProject,
    services::Services,
    tasks::{Priority, Status, TaskInput},
    workspaces::WorkspaceRole,
};
use time::{Date, Duration};

/// The password of the demo accounts when `HEARTH_DEMO_PASSWORD` is not set.
pub const DEMO_PASSWORD: &str = "copper kettle rain lantern";

const PEOPLE: [(&str, &str, WorkspaceRole); 5] = [
    ("demo@example.com", "Dana Demo", WorkspaceRole::Owner),
    ("amara@demo.example", "Amara Okafor", WorkspaceRole::Admin),
    ("jonas@demo.example", "Jonas Weber", WorkspaceRole::Member),
    ("lucia@demo.example", "Lucía Romero", WorkspaceRole::Member),
    ("yusuf@demo.example", "Yusuf Haddad", WorkspaceRole::Viewer),
];

const PROJECTS: [(&str, &str, &str); 3] = [
    (
        "Website relaunch",
        "WEB",
        "The new public site: copy, design, analytics and the launch itself.",
    ),
    (
        "Mobile app",
        "APP",
        "The first release of the app for iOS and Android.",
    ),
    (
        "Operations",
        "OPS",
        "Keeping the lights on: certificates, backups, on-call.",
    ),
];

/// Verbs and objects the task titles are made of, so that thousands of tasks still read like
/// work.
const VERBS: [&str; 12] = [
    "Write",
    "Review",
    "Fix",
    "Design",
    "Test",
    "Plan",
    "Update",
    "Measure",
    "Translate",
    "Document",
    "Automate",
    "Ship",
];
const THINGS: [&str; 16] = [
    "the launch copy",
    "the pricing page",
    "the login on Safari",
    "the onboarding emails",
    "the colour palette",
    "the analytics dashboard",
    "the release notes",
    "the backup restore drill",
    "the TLS certificate renewal",
    "the accessibility audit",
    "the search results page",
    "the push notifications",
    "the Arabic translation",
    "the invoice template",
    "the load test",
    "the demo video",
];
/// What the demo's comments say; `{name}` mentions a teammate.
const COMMENTS: [&str; 5] = [
    "I can take this one. @{name}, can you review it once it is up?",
    "Blocked on the design review for now; I will pick it up on Monday.",
    "@{name} the numbers from last week are in the shared sheet.",
    "Done on my side, only the translation is missing.",
    "Let us talk about this in the stand-up, @{name}.",
];
const LABELS: [&str; 6] = ["bug", "design", "copy", "infra", "ux", "research"];

/// Makes the demo: the people, a workspace, three projects and `tasks` tasks spread over them.
pub async fn seed(services: &Services, tasks: u32) -> anyhow::Result<()> {
    let password =
        std::env::var("HEARTH_DEMO_PASSWORD").unwrap_or_else(|_| DEMO_PASSWORD.to_owned());
    let mut people: Vec<(User, WorkspaceRole)> = Vec::new();
    for (email, name, role) in PEOPLE {
        let user = services
            .accounts
            .create_confirmed(NewAccount {
                email: email.to_owned(),
                password: password.clone(),
                name: name.to_owned(),
                ..NewAccount::default()
            })
            .await
            .map_err(|error| anyhow::anyhow!("making the account {email}: {error}"))?;
        people.push((user, role));
    }
    let owner = people[0].0.clone();
    let workspace = services
        .workspaces
        .create(&owner, "Demo Co")
        .await
        .map_err(|error| anyhow::anyhow!("making the workspace: {error}"))?;
    for (user, role) in people.iter().skip(1) {
        services
            .workspaces
            .add_member(workspace.id, user.id, *role)
            .await
            .map_err(|error| anyhow::anyhow!("adding {}: {error}", user.email))?;
    }
    let mut projects = Vec::new();
    for (name, key, description) in PROJECTS {
        let project = services
            .projects
            .create(
                &owner,
                workspace.id,
                &NewProject {
                    name: name.to_owned(),
                    key: key.to_owned(),
                    description: description.to_owned(),
                },
            )
            .await
            .map_err(|error| anyhow::anyhow!("making the project {key}: {error}"))?;
        projects.push(project);
    }
    let writers: Vec<&User> = people
        .iter()
        .filter(|(_, role)| role.can_write())
        .map(|(user, _)| user)
        .collect();
    let today = time::OffsetDateTime::now_utc().date();
    let started = Instant::now();
    for n in 0..tasks {
        let i = n as usize;
        let project = &projects[i % projects.len()];
        let author = writers[i % writers.len()];
        let input = task(i, today, &writers);
        let made = services
            .tasks
            .create(author, project.id, &input)
            .await
            .map_err(|error| anyhow::anyhow!("making task {n}: {error}"))?;
        if i % 4 == 1 {
            let commenter = writers[(i + 1) % writers.len()];
            let mention = writers[(i + 2) % writers.len()];
            let body = COMMENTS[i % COMMENTS.len()].replace("{name}", &mention.name);
            services
                .tasks
                .comment(commenter, made.summary.id, &body)
                .await
                .map_err(|error| anyhow::anyhow!("commenting on task {n}: {error}"))?;
        }
        if n > 0 && n % 10_000 == 0 {
            tracing::info!(
                made = n,
                per_second = f64::from(n) / started.elapsed().as_secs_f64(),
                "making demo tasks"
            );
        }
    }
    tracing::info!(
        workspace = %workspace.id,
        tasks,
        seconds = started.elapsed().as_secs_f64(),
        "the demo workspace \"Demo Co\" is ready: log in as demo@example.com"
    );
    Ok(())
}

/// The `i`th demo task: a title from the verbs and things, a status, a priority, an assignee
/// or two, labels and a due date spread over the weeks around `today`, all derived from `i`
/// so that every run makes the same tasks.
fn task(i: usize, today: Date, writers: &[&User]) -> TaskInput {
    let title = format!(
        "{} {}",
        VERBS[i % VERBS.len()],
        THINGS[(i / VERBS.len()) % THINGS.len()]
    );
    let status = Status::ALL[(i * 7 / 3) % Status::ALL.len()];
    let priority = Priority::ALL[(i * 5) % Priority::ALL.len()];
    let mut assignees = vec![writers[(i * 3) % writers.len()].id];
    if i.is_multiple_of(4) {
        assignees.push(writers[(i * 3 + 1) % writers.len()].id);
    }
    // By `i / 3`, so that every project (`i % 3`) has tasks with each label and without one.
    let labels = if (i / 3).is_multiple_of(3) {
        Vec::new()
    } else {
        vec![LABELS[(i / 3) % LABELS.len()].to_owned()]
    };
    let due = (!i.is_multiple_of(5)).then(|| today + Duration::days((i % 60) as i64 - 14));
    TaskInput {
        title: Some(title),
        description: Some(format!(
            "Part of the demo. Ask {} if anything is unclear.",
            writers[i % writers.len()].name
        )),
        status: Some(status),
        priority: Some(priority),
        assignee_ids: Some(assignees),
        labels: Some(labels),
        due_date: Some(due),
        ..TaskInput::default()
    }
}

/// `server seed-demo`, from the command line.
pub async fn run(services: &Services, tasks: u32) -> anyhow::Result<()> {
    seed(services, tasks)
        .await
        .context("filling the demo workspace")
}
