//! `/ui`: every component in every state, for the people building Hearth, with `/ui/error` (a
//! page that fails) and `/ui/admin` (a page for administrators only) to see the error page and
//! the guard at work. Only development servers show them; elsewhere the addresses are a 404
//! like any other unknown page. The decision is synchronous (no `Suspense`), so the 404 status
//! is still settable when the page renders.

use leptos::prelude::*;
use leptos_meta::Title;

use super::NotFoundPage;
use crate::accounts::Role;
use crate::components::guard::RequireUser;
use crate::components::ui::{
    Avatar, Badge, BadgeTone, Button, ButtonVariant, Card, Checkbox, Dialog, DropdownMenu,
    EmptyState, MenuItem, Pagination, Select, Skeleton, SortableTable, Spinner, Tab, Tabs,
    TextArea, TextField, ToastTone, show_toast,
};

/// Whether this is a development server (only the server renders these pages).
fn development_server() -> bool {
    #[cfg(feature = "ssr")]
    {
        crate::services::Services::get().is_ok_and(|services| services.development)
    }
    #[cfg(not(feature = "ssr"))]
    {
        false
    }
}

#[component]
pub fn ShowcasePage() -> impl IntoView {
    if development_server() {
        view! { <Showcase /> }.into_any()
    } else {
        view! { <NotFoundPage /> }.into_any()
    }
}

/// `/ui/error`, in development only: a page that always fails, to see the error page.
#[component]
pub fn FailingPage() -> impl IntoView {
    if development_server() {
        view! { {Err::<(), _>(DemonstrationError)} }.into_any()
    } else {
        view! { <NotFoundPage /> }.into_any()
    }
}

/// `/ui/admin`, in development only: a page behind `RequireUser role=Admin`, to see the guard
/// send visitors to log in and show members the 403 page.
#[component]
pub fn AdminOnlyPage() -> impl IntoView {
    if development_server() {
        view! {
            <RequireUser role=Role::Admin>
                <h1 class="text-3xl font-bold text-stone-900 dark:text-white">"Administrators only"</h1>
                <p class="text-stone-700 dark:text-stone-300">"Only an administrator sees this page."</p>
            </RequireUser>
        }
        .into_any()
    } else {
        view! { <NotFoundPage /> }.into_any()
    }
}

#[derive(Debug, Clone, thiserror::Error)]
#[error("/ui/error fails on purpose, to show the error page")]
struct DemonstrationError;

#[component]
fn Section(title: &'static str, children: Children) -> impl IntoView {
    view! {
        <section class="flex flex-col gap-4">
            <h2 class="text-xl font-semibold text-stone-900 dark:text-white">{title}</h2>
            {children()}
        </section>
    }
}

/// The buttons, with one that turns busy when clicked (an island).
#[island(lazy)]
fn Buttons() -> impl IntoView {
    let (pending, set_pending) = signal(false);
    view! {
        <div class="flex flex-wrap items-center gap-3">
            <Button>"Primary"</Button>
            <Button variant=ButtonVariant::Secondary>"Secondary"</Button>
            <Button variant=ButtonVariant::Danger>"Delete"</Button>
            <Button disabled=true>"Disabled"</Button>
            <Button pending=pending on:click=move |_| set_pending.set(true)>
                {move || if pending.get() { "Saving…" } else { "Save (click me)" }}
            </Button>
        </div>
    }
}

#[island(lazy)]
fn Interactive() -> impl IntoView {
    let dialog_open = RwSignal::new(false);
    let toast = move |message: &'static str| {
        Callback::new(move |()| show_toast(ToastTone::Success, message))
    };
    view! {
        <div class="flex flex-wrap items-center gap-3">
            <Button variant=ButtonVariant::Secondary on:click=move |_| dialog_open.set(true)>
                "Open dialog"
            </Button>
            <Dialog open=dialog_open id="demo-dialog" title="Archive this project?">
                <p>"Archived projects leave the sidebar; you can restore them at any time."</p>
                <div class="flex justify-end gap-2">
                    <Button variant=ButtonVariant::Secondary on:click=move |_| dialog_open.set(false)>
                        "Cancel"
                    </Button>
                    <Button on:click=move |_| {
                        dialog_open.set(false);
                        show_toast(ToastTone::Success, "Project archived.");
                    }>"Archive"</Button>
                </div>
            </Dialog>
            <DropdownMenu
                id="demo-menu"
                label="Actions"
                items=vec![
                    MenuItem { label: "Rename", on_select: toast("Renamed.") },
                    MenuItem { label: "Duplicate", on_select: toast("Duplicated.") },
                    MenuItem { label: "Archive", on_select: toast("Archived.") },
                ]
            />
            <Button
                variant=ButtonVariant::Danger
                on:click=move |_| show_toast(ToastTone::Error, "Could not save: the network is down.")
            >
                "Show an error toast"
            </Button>
        </div>
    }
}

#[component]
fn Showcase() -> impl IntoView {
    view! {
        <Title text="Components" />
        <div class="flex flex-col gap-10">
            <h1 class="text-3xl font-bold text-stone-900 dark:text-white">"Components"</h1>
            <Section title="Buttons">
                <Buttons />
            </Section>
            <Section title="Fields">
                <div class="grid gap-6 sm:grid-cols-2">
                    <TextField id="demo-name" label="Name" hint="As your team will see it." />
                    <TextField
                        id="demo-email"
                        label="E-mail"
                        kind="email"
                        value="not-an-address".to_owned()
                        error=Some("Enter an e-mail address like name@example.com.".to_owned())
                    />
                    <TextArea id="demo-notes" label="Notes" hint="Markdown is welcome." />
                    <Select
                        id="demo-role"
                        label="Role"
                        options=vec![("member", "Member"), ("admin", "Administrator")]
                    />
                    <Checkbox id="demo-terms" label="I accept the terms" />
                    <Checkbox
                        id="demo-digest"
                        label="Weekly digest"
                        hint="A summary every Monday."
                        switch=true
                        checked=true
                    />
                </div>
            </Section>
            <Section title="Display">
                <div class="flex flex-wrap items-center gap-3">
                    <Badge>"Draft"</Badge>
                    <Badge tone=BadgeTone::Success>"Done"</Badge>
                    <Badge tone=BadgeTone::Warning>"Due soon"</Badge>
                    <Badge tone=BadgeTone::Danger>"Overdue"</Badge>
                    <Avatar name="Ada Lovelace".to_owned() />
                    <Spinner />
                </div>
                <Card>
                    <p class="font-medium">"A card"</p>
                    <p class="text-sm text-stone-600 dark:text-stone-400">"Groups related content."</p>
                </Card>
                <Card>
                    <div class="flex flex-col gap-2">
                        <Skeleton size="h-4 w-1/3" />
                        <Skeleton />
                        <Skeleton size="h-4 w-2/3" />
                    </div>
                </Card>
                <EmptyState title="No tasks yet">"Tasks you create will show up here."</EmptyState>
            </Section>
            <Section title="Overlays and feedback">
                <Interactive />
            </Section>
            <Section title="Navigation and data">
                <TabsAndTable />
                <Pagination base="/ui" current=5 total=10 />
            </Section>
        </div>
    }
}

/// Tabs and a sortable table (an island).
#[island(lazy)]
fn TabsAndTable() -> impl IntoView {
    view! {
        <Tabs
            label="Project"
            tabs=vec![
                Tab {
                    id: "demo-overview",
                    label: "Overview",
                    content: ViewFn::from(|| view! { <p>"Everything about the project at a glance."</p> }),
                },
                Tab {
                    id: "demo-activity",
                    label: "Activity",
                    content: ViewFn::from(|| view! { <p>"Who changed what, and when."</p> }),
                },
                Tab {
                    id: "demo-settings",
                    label: "Settings",
                    content: ViewFn::from(|| view! { <p>"Name, members and notifications."</p> }),
                },
            ]
        />
        <SortableTable
            caption="Tasks"
            columns=vec!["Task", "Owner", "Points"]
            rows=vec![
                vec!["Write the release notes".into(), "Ada".into(), "3".into()],
                vec!["Fix the login redirect".into(), "Grace".into(), "8".into()],
                vec!["Design the dashboard".into(), "Barbara".into(), "13".into()],
            ]
        />
    }
}
