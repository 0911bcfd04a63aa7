//! The settings' last two sections: "Your data" (download it all) and "Delete my account".

use leptos::{prelude::*, server_fn::ServerFn as _};

use crate::{
    components::{
        form::FormNotice,
        ui::{Button, ButtonVariant, TextField},
    },
    error::Issue,
    i18n::{t, t_string, use_i18n},
    privacy::server_fns::{DeleteAccount, PASSWORD_FIELD},
};

const HEADING: &str = "text-xl font-semibold text-stone-900 dark:text-white";
const MUTED: &str = "text-sm text-stone-600 dark:text-stone-400";

#[component]
pub fn YourData() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="data-heading" class="flex flex-col gap-3">
            <h2 id="data-heading" class=HEADING>{t!(i18n, privacy.data_heading)}</h2>
            <p class=MUTED>{t!(i18n, privacy.data_hint)}</p>
            <form method="post" action="/settings/export">
                <Button kind="submit" variant=ButtonVariant::Secondary>{t!(i18n, privacy.download)}</Button>
            </form>
        </section>
    }
}

/// `password_error`: what the last attempt's password got; `issue`: why the account could not
/// go (the last admin).
#[component]
pub fn DeleteAccountForm(password_error: Option<String>, issue: Option<Issue>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="delete-heading" class="flex flex-col gap-3 rounded-lg border border-red-300 p-4 dark:border-red-900">
            <h2 id="delete-heading" class=HEADING>{t!(i18n, privacy.delete_heading)}</h2>
            <p class=MUTED>{t!(i18n, privacy.delete_hint)}</p>
            <FormNotice notice=None issue />
            <form method="post" action=DeleteAccount::url() class="flex flex-col gap-3">
                <TextField
                    id=PASSWORD_FIELD
                    label=move || t_string!(i18n, privacy.delete_password).to_string()
                    kind="password"
                    autocomplete="current-password"
                    error=password_error
                    required=true
                />
                <div>
                    <Button kind="submit" variant=ButtonVariant::Danger>{t!(i18n, privacy.delete)}</Button>
                </div>
            </form>
        </section>
    }
}
