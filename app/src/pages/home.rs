//! The landing page: what Hearth is, and what it is growing into.

use leptos::prelude::*;
use leptos_meta::Title;

/// The areas of the product, in the order a team meets them.
const ROADMAP: [(&str, &str); 6] = [
    (
        "Workspaces",
        "Invite your team and keep each project's people and files together.",
    ),
    (
        "Projects and tasks",
        "Plan the work, assign it, filter it, and see what is due.",
    ),
    (
        "Comments",
        "Talk a task through where the work is, with live notifications.",
    ),
    (
        "Files",
        "Attach documents and images to the tasks they belong to.",
    ),
    (
        "Everywhere",
        "Any screen size, your language, light or dark, and offline as an installed app.",
    ),
    (
        "Open to other programs",
        "A documented REST API with tokens and webhooks.",
    ),
];

#[component]
pub fn HomePage() -> impl IntoView {
    let (roadmap_open, set_roadmap_open) = signal(false);

    view! {
        <Title text="" />
        <section class="flex flex-col gap-6">
            <h1 class="text-4xl font-bold tracking-tight text-stone-900 sm:text-5xl dark:text-white">
                "Hearth keeps your team's work in one warm place."
            </h1>
            <p class="max-w-2xl text-lg text-stone-700 dark:text-stone-300">
                "Shared workspaces where teams plan projects, track tasks and talk them through — fast on any screen, and still there when the network is not."
            </p>
            <div>
                <button
                    type="button"
                    class="rounded-md bg-orange-700 px-4 py-2 font-medium text-white shadow-sm hover:bg-orange-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-orange-700"
                    aria-expanded=move || roadmap_open.get().to_string()
                    aria-controls="roadmap"
                    on:click=move |_| set_roadmap_open.update(|open| *open = !*open)
                >
                    {move || if roadmap_open.get() { "Hide what's coming" } else { "See what's coming" }}
                </button>
            </div>
            <ul
                id="roadmap"
                aria-label="What's coming"
                class="grid gap-4 sm:grid-cols-2"
                hidden=move || !roadmap_open.get()
            >
                {ROADMAP
                    .iter()
                    .map(|(title, text)| {
                        view! {
                            <li class="rounded-lg border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
                                <h2 class="font-semibold text-stone-900 dark:text-white">{*title}</h2>
                                <p class="mt-1 text-stone-700 dark:text-stone-300">{*text}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
