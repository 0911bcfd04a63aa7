//! What the service worker shows for a navigation while the network is gone. It is precached
//! at install, so it must not depend on anything but the app shell.

use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn OfflinePage() -> impl IntoView {
    view! {
        <Title text="You're offline" />
        <section class="flex flex-col items-start gap-4">
            <h1 class="text-3xl font-bold text-stone-900 dark:text-white">"You're offline."</h1>
            <p class="text-stone-700 dark:text-stone-300">
                "Hearth can't reach the network right now. Check your connection, then try again."
            </p>
            <a
                href="/"
                class="rounded-md bg-orange-700 px-4 py-2 font-medium text-white hover:bg-orange-800"
            >
                "Try again"
            </a>
        </section>
    }
}
