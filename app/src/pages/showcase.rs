//! `/ui`: every component in every state, for the people building Hearth. Only development
//! servers show it; elsewhere the address is a 404 like any other unknown page.

use leptos::prelude::*;
use leptos_meta::Title;

use super::NotFoundPage;
use crate::components::ui::{
    Avatar, Badge, BadgeTone, Button, ButtonVariant, Card, Checkbox, EmptyState, Select, Skeleton,
    Spinner, TextArea, TextField,
};

/// Set by the server on each request; `true` only in development.
#[derive(Debug, Clone, Copy)]
pub struct DevelopmentMode(pub bool);

#[server(prefix = "/fn", endpoint = "ui-showcase-enabled")]
pub async fn showcase_enabled() -> Result<bool, ServerFnError> {
    Ok(use_context::<DevelopmentMode>().is_some_and(|mode| mode.0))
}

#[component]
pub fn ShowcasePage() -> impl IntoView {
    let enabled = Resource::new(|| (), |_| showcase_enabled());
    view! {
        <Suspense fallback=|| view! { <Spinner /> }>
            {move || Suspend::new(async move {
                if enabled.await.unwrap_or(false) {
                    view! { <Showcase /> }.into_any()
                } else {
                    view! { <NotFoundPage /> }.into_any()
                }
            })}
        </Suspense>
    }
}

#[component]
fn Section(title: &'static str, children: Children) -> impl IntoView {
    view! {
        <section class="flex flex-col gap-4">
            <h2 class="text-xl font-semibold text-stone-900 dark:text-white">{title}</h2>
            {children()}
        </section>
    }
}

#[component]
fn Showcase() -> impl IntoView {
    let (pending, set_pending) = signal(false);
    view! {
        <Title text="Components" />
        <div class="flex flex-col gap-10">
            <h1 class="text-3xl font-bold text-stone-900 dark:text-white">"Components"</h1>
            <Section title="Buttons">
                <div class="flex flex-wrap items-center gap-3">
                    <Button>"Primary"</Button>
                    <Button variant=ButtonVariant::Secondary>"Secondary"</Button>
                    <Button variant=ButtonVariant::Danger>"Delete"</Button>
                    <Button disabled=true>"Disabled"</Button>
                    <Button pending=pending on:click=move |_| set_pending.set(true)>
                        {move || if pending.get() { "Saving…" } else { "Save (click me)" }}
                    </Button>
                </div>
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
        </div>
    }
}
