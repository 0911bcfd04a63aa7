//! The header's account controls: log in and register, or the person's name and log out.

use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_navigate};

use crate::{
    accounts::{server_fns::LogOut, session::Auth},
    components::ui::{ToastTone, use_toasts},
    i18n::{t, t_string, use_i18n},
};

#[component]
pub fn AccountControls() -> impl IntoView {
    let i18n = use_i18n();
    let auth = Auth::use_context();
    let action = ServerAction::<LogOut>::new();
    let toasts = use_toasts();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(())) = action.value().get() {
            auth.0.set(None);
            toasts.show(
                ToastTone::Success,
                t_string!(i18n, auth.logged_out).to_string(),
            );
            navigate("/", Default::default());
        }
    });
    let link = "rounded-md px-3 py-1.5 text-sm font-medium text-stone-700 hover:bg-stone-100 hover:text-stone-900 dark:text-stone-300 dark:hover:bg-stone-800 dark:hover:text-white";

    move || match auth.0.get() {
        None => view! {
            <div class="flex flex-wrap items-center gap-1">
                <A href="/login" attr:class=link>{t!(i18n, nav.login)}</A>
                <A href="/register" attr:class=link>{t!(i18n, nav.register)}</A>
            </div>
        }
        .into_any(),
        Some(user) => {
            let name = user.name.clone();
            view! {
                <ActionForm action attr:class="flex flex-wrap items-center gap-2">
                    <span class="text-sm text-stone-600 dark:text-stone-400">
                        {move || t_string!(i18n, nav.signed_in_as, name = name.clone()).to_string()}
                    </span>
                    <button type="submit" class=link>{t!(i18n, nav.logout)}</button>
                </ActionForm>
            }
            .into_any()
        }
    }
}
