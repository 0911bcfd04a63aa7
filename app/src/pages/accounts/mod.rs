//! The account pages: `/login`, `/register` and the protected `/dashboard` (routed under
//! `RequireUser`).
//!
//! The forms work twice over (see `crate::forms`). With JavaScript they post through
//! `ActionForm`: fields are checked when they lose focus (with the same parsers the server
//! runs), the button shows it is busy and cannot be pressed again, errors appear next to their
//! fields, and success navigates without a reload. Without JavaScript the browser posts the form
//! itself and the server answers with a redirect, onwards or back to the form with the errors.

mod dashboard;
mod login;
mod register;

pub use dashboard::DashboardPage;
pub use login::LoginPage;
pub use register::RegisterPage;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::{
    accounts::{
        SignedIn,
        rules::{self, fields},
        session::Auth,
    },
    components::{
        form::FieldCheck,
        ui::{TextField, ToastTone, use_toasts},
    },
    error::Error,
    forms::FormFeedback,
    i18n::{t_string, use_i18n},
};

/// The e-mail field of both forms, checked when it loses focus with the parser the server
/// runs, and filled with what was typed before a no-JavaScript round trip.
#[component]
fn EmailField(feedback: FormFeedback, typed: String) -> impl IntoView {
    let i18n = use_i18n();
    let on_blur = RwSignal::new(None);
    view! {
        <FieldCheck state=on_blur check=|value: &str| rules::parse_email(value).err()>
            <TextField
                id=fields::EMAIL
                kind="email"
                label=move || t_string!(i18n, auth.email).to_string()
                autocomplete="email"
                required=true
                value=Signal::stored(typed)
                error=feedback.field(fields::EMAIL, on_blur)
            />
        </FieldCheck>
    }
}

/// Follows a successful login or registration: remembers the user, greets them, and goes where
/// they were going.
fn follow_success(answer: Signal<Option<Result<SignedIn, Error>>>, new_account: bool) {
    let i18n = use_i18n();
    let auth = Auth::use_context();
    let toasts = use_toasts();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(SignedIn { user, next })) = answer.get() {
            let name = user.name.clone();
            let greeting = if new_account {
                t_string!(i18n, dashboard.welcome, name).to_string()
            } else {
                t_string!(i18n, auth.welcome_back, name).to_string()
            };
            auth.0.set(Some(user));
            toasts.show(ToastTone::Success, greeting);
            navigate(&next, Default::default());
        }
    });
}
