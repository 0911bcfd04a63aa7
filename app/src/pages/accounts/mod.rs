//! The account pages: `/login`, `/register`, the protected `/dashboard` and `/settings` (routed
//! under `RequireUser`), `/verify-email` and the password reset pages.
//!
//! The forms are `form::AccountForm`, server-rendered inside a small island that checks them:
//! they post to their server functions like plain
//! HTML forms, checked field by field in the browser first (see `form`). The server answers
//! with a redirect, onwards with a greeting (`crate::flash`) or back to the form with the
//! problems, which the page shows in the same places with or without JavaScript.

mod dashboard;
mod form;
mod login;
mod password_reset;
mod register;
mod settings;
mod verify_email;

pub use dashboard::DashboardPage;
pub use login::LoginPage;
pub use password_reset::{PasswordResetConfirmPage, PasswordResetPage};
pub use register::RegisterPage;
pub use settings::SettingsPage;
pub use verify_email::VerifyEmailPage;
