//! `/login`.

use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_query_map};

use super::{EmailField, follow_success};
use crate::{
    accounts::{rules::fields, server_fns::LogIn, session::safe_next},
    components::{
        form::{FieldCheck, FormNotice},
        page_title::PageTitle,
        ui::{Button, TextField},
    },
    error::Issue,
    forms::{FormFeedback, encode},
    i18n::{t, t_string, use_i18n},
};

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<LogIn>::new();
    let answer = Signal::derive(move || action.value().get());
    follow_success(answer, false);

    let feedback = FormFeedback::new(answer);
    let query = use_query_map().get_untracked();
    let typed_email = query.get("email").unwrap_or_default();
    let next = safe_next(query.get("next").as_deref());
    let password_blur = RwSignal::new(None);
    let register_link = format!("/register?next={}", encode(&next));

    view! {
        <PageTitle text=move || t_string!(i18n, auth.login_title).to_string() />
        <section class="mx-auto flex w-full max-w-md flex-col gap-6">
            <h1 class="text-3xl font-bold text-stone-900 dark:text-white">{t!(i18n, auth.login_heading)}</h1>
            <FormNotice notice=feedback.notice() />
            <ActionForm action attr:class="flex flex-col gap-4" attr:novalidate=true>
                <input type="hidden" name="next" value=next />
                <EmailField feedback typed=typed_email />
                <FieldCheck state=password_blur check=|value: &str| value.is_empty().then_some(Issue::Required)>
                    <TextField
                        id=fields::PASSWORD
                        kind="password"
                        label=move || t_string!(i18n, auth.password).to_string()
                        autocomplete="current-password"
                        required=true
                        error=feedback.field(fields::PASSWORD, password_blur)
                    />
                </FieldCheck>
                <Button kind="submit" pending=action.pending()>
                    {t!(i18n, auth.login_submit)}
                </Button>
            </ActionForm>
            <p class="text-sm text-stone-700 dark:text-stone-300">
                {t!(i18n, auth.no_account)}" "
                <A href=register_link attr:class="font-medium text-orange-800 underline dark:text-orange-300">
                    {t!(i18n, auth.create_one)}
                </A>
            </p>
        </section>
    }
    .into_any()
}
