//! `/register`.

use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_query_map};

use super::{EmailField, follow_success};
use crate::{
    accounts::{
        rules::{self, fields},
        server_fns::{Register, check_password},
        session::safe_next,
    },
    components::{
        form::{FieldCheck, FormNotice},
        page_title::PageTitle,
        ui::{Button, TextField},
    },
    forms::{FormFeedback, encode},
    i18n::{t, t_string, use_i18n},
};

#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<Register>::new();
    let answer = Signal::derive(move || action.value().get());
    follow_success(answer, true);

    let feedback = FormFeedback::new(answer);
    let query = use_query_map().get_untracked();
    let typed_name = query.get("name").unwrap_or_default();
    let typed_email = query.get("email").unwrap_or_default();
    let next = safe_next(query.get("next").as_deref());
    let name_blur = RwSignal::new(None);
    let password_blur = RwSignal::new(None);
    // The strength estimate needs the server (see `accounts::rules`): ask it as soon as the
    // password field is left, with the other fields' values, the way submitting would.
    let check_strength = Callback::new(move |password: String| {
        let value_of = |id: &str| {
            use leptos::wasm_bindgen::JsCast;
            document()
                .get_element_by_id(id)
                .and_then(|input| input.dyn_into::<leptos::web_sys::HtmlInputElement>().ok())
                .map(|input| input.value())
                .unwrap_or_default()
        };
        let (email, name) = (value_of(fields::EMAIL), value_of(fields::NAME));
        leptos::task::spawn_local(async move {
            if let Ok(issue) = check_password(password, email, name).await {
                password_blur.set(issue);
            }
        });
    });
    let login_link = format!("/login?next={}", encode(&next));

    view! {
        <PageTitle text=move || t_string!(i18n, auth.register_title).to_string() />
        <section class="mx-auto flex w-full max-w-md flex-col gap-6">
            <h1 class="text-3xl font-bold text-stone-900 dark:text-white">{t!(i18n, auth.register_heading)}</h1>
            <FormNotice notice=feedback.notice() />
            <ActionForm action attr:class="flex flex-col gap-4" attr:novalidate=true>
                <input type="hidden" name="next" value=next />
                <FieldCheck state=name_blur check=|value: &str| rules::parse_name(value).err()>
                    <TextField
                        id=fields::NAME
                        label=move || t_string!(i18n, auth.name).to_string()
                        autocomplete="name"
                        required=true
                        value=Signal::stored(typed_name)
                        error=feedback.field(fields::NAME, name_blur)
                    />
                </FieldCheck>
                <EmailField feedback typed=typed_email />
                <FieldCheck
                    state=password_blur
                    check=|value: &str| rules::check_password_length(value).err()
                    then=check_strength
                >
                    <TextField
                        id=fields::PASSWORD
                        kind="password"
                        label=move || t_string!(i18n, auth.password).to_string()
                        hint=move || t_string!(i18n, auth.password_hint).to_string()
                        autocomplete="new-password"
                        required=true
                        error=feedback.field(fields::PASSWORD, password_blur)
                    />
                </FieldCheck>
                <Button kind="submit" pending=action.pending()>
                    {t!(i18n, auth.register_submit)}
                </Button>
            </ActionForm>
            <p class="text-sm text-stone-700 dark:text-stone-300">
                {t!(i18n, auth.have_account)}" "
                <A href=login_link attr:class="font-medium text-orange-800 underline dark:text-orange-300">
                    {t!(i18n, auth.log_in_instead)}
                </A>
            </p>
        </section>
    }
    .into_any()
}
