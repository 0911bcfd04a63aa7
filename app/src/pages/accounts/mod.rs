//! The account pages: `/login`, `/register`, the protected `/dashboard` and `/settings` (routed
//! under `RequireUser`), `/verify-email`, `/confirm-email` and the password reset pages.
//!
//! The forms of the signed-out pages are `form::AccountForm`, server-rendered inside a small
//! island that checks them: they post to their server functions like plain HTML forms, checked
//! field by field in the browser first (see `form`). The settings' forms are plain forms. The server answers
//! with a redirect, onwards with a greeting (`crate::flash`) or back to the form with the
//! problems, which the page shows in the same places with or without JavaScript.

mod activity;
mod address_links;
mod dashboard;
mod form;
mod leaving;
mod login;
mod password_reset;
mod register;
mod settings;
mod tokens;

pub use address_links::{ConfirmEmailPage, VerifyEmailPage};
pub use dashboard::DashboardPage;
pub use login::LoginPage;
pub use password_reset::{PasswordResetConfirmPage, PasswordResetPage};
pub use register::RegisterPage;
pub use settings::SettingsPage;
pub use tokens::ApiTokensPage;
