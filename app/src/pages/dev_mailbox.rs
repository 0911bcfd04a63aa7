//! `/dev/mailbox` and `/dev/mailbox/{letter}`, on development servers that write letters to
//! their outbox (no `SMTP_URL`): every letter "sent", newest first, and each one as its
//! recipient would see it (the HTML in a sandboxed frame, which runs no script, and the plain
//! text). A development server that sends over SMTP says so at `/dev/mailbox` (the letters are
//! in whatever receives them). In production these addresses are a 404 like any unknown page.
//! Like `/ui`, a page for the people building Hearth, so in English only.

use leptos::prelude::*;
#[cfg(feature = "ssr")]
use leptos_router::hooks::use_params_map;

use super::NotFoundPage;

#[component]
pub fn MailboxPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    match server::delivery() {
        Some(Some(folder)) => return server::mailbox(&folder).into_any(),
        Some(None) => return server::sent_over_smtp().into_any(),
        None => {}
    }
    view! { <NotFoundPage /> }.into_any()
}

#[component]
pub fn LetterPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(Some(folder)) = server::delivery() {
        let id = use_params_map().with_untracked(|params| params.get("letter").unwrap_or_default());
        if let Some(letter) = crate::mail::outbox::letter(&folder, &id) {
            return server::letter(letter).into_any();
        }
    }
    view! { <NotFoundPage /> }.into_any()
}

#[cfg(feature = "ssr")]
mod server {
    use std::path::{Path, PathBuf};

    use leptos::prelude::*;

    use crate::{components::page_title::PageTitle, mail::outbox, services::Services};

    const HEADING: &str = "text-3xl font-bold text-stone-900 dark:text-white";
    const SUBHEADING: &str = "text-xl font-semibold text-stone-900 dark:text-white";
    const LINK: &str = "text-orange-800 underline hover:text-orange-900 dark:text-orange-300";
    const MUTED: &str = "text-stone-700 dark:text-stone-300";

    /// On a development server, where its letters go: `Some(outbox)`, or `None` over SMTP.
    pub fn delivery() -> Option<Option<PathBuf>> {
        let services = Services::get().ok()?;
        if !services.development {
            return None;
        }
        Some(services.mail.outbox().map(Path::to_path_buf))
    }

    pub fn sent_over_smtp() -> impl IntoView {
        view! {
            <PageTitle text=|| "Mailbox".to_owned() />
            <section class="flex flex-col gap-6">
                <h1 class=HEADING>"Mailbox"</h1>
                <p class=MUTED>
                    "This development server sends its letters over SMTP (SMTP_URL is set), so "
                    "there is no outbox to show: look for them where that server delivers. Without "
                    "SMTP_URL they are written to HEARTH_OUTBOX_DIR and listed here."
                </p>
            </section>
        }
    }

    pub fn mailbox(folder: &Path) -> impl IntoView {
        let letters = outbox::letters(folder);
        let empty = letters.is_empty();
        let rows = letters
            .into_iter()
            .map(|letter| {
                view! {
                    <tr class="border-t border-stone-200 dark:border-stone-800">
                        <td class="py-2 pe-4 align-top">
                            <a href=format!("/dev/mailbox/{}", letter.id) class=LINK>
                                {letter.subject}
                            </a>
                        </td>
                        <td class="py-2 pe-4 align-top break-all">{letter.to}</td>
                        <td class="py-2 align-top whitespace-nowrap">{letter.date}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <PageTitle text=|| "Mailbox".to_owned() />
            <section class="flex flex-col gap-6">
                <h1 class=HEADING>"Mailbox"</h1>
                <p class=MUTED>
                    "The letters this development server wrote to "
                    <code class="break-all">{folder.display().to_string()}</code>
                    " instead of sending them (set SMTP_URL to send them), newest first."
                </p>
                {empty.then(|| view! { <p class=MUTED>"No letters yet."</p> })}
                <div class="overflow-x-auto" hidden=empty>
                    <table class="w-full text-start text-sm text-stone-800 dark:text-stone-200">
                        <caption class="sr-only">"Letters, newest first"</caption>
                        <thead>
                            <tr>
                                <th scope="col" class="py-2 pe-4 text-start font-semibold">"Subject"</th>
                                <th scope="col" class="py-2 pe-4 text-start font-semibold">"To"</th>
                                <th scope="col" class="py-2 text-start font-semibold">"Sent"</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </section>
        }
    }

    pub fn letter(letter: outbox::Kept) -> impl IntoView {
        let title = letter.subject.clone();
        view! {
            <PageTitle text=move || title.clone() />
            <section class="flex flex-col gap-4">
                <a href="/dev/mailbox" class=LINK>"Back to the mailbox"</a>
                <h1 class=HEADING>{letter.subject}</h1>
                <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm text-stone-800 dark:text-stone-200">
                    <dt class="font-semibold">"From"</dt>
                    <dd class="break-all">{letter.from}</dd>
                    <dt class="font-semibold">"To"</dt>
                    <dd class="break-all">{letter.to}</dd>
                    <dt class="font-semibold">"Sent"</dt>
                    <dd>{letter.date}</dd>
                </dl>
                <h2 class=SUBHEADING>"As HTML"</h2>
                <iframe
                    title="The letter as HTML"
                    sandbox=""
                    srcdoc=letter.html
                    class="h-96 w-full rounded-md border border-stone-300 bg-white dark:border-stone-700"
                ></iframe>
                <h2 class=SUBHEADING>"As plain text"</h2>
                <pre class="whitespace-pre-wrap break-words rounded-md border border-stone-300 bg-white p-4 text-sm text-stone-900 dark:border-stone-700 dark:bg-stone-900 dark:text-stone-100">
                    {letter.text}
                </pre>
            </section>
        }
    }
}
