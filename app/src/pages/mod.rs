//! One module per routed page.

mod auth;
mod error;
mod home;
mod not_found;
mod offline;
mod showcase;

pub use auth::{AccountControls, DashboardPage, FormOutcome, LoginPage, RegisterPage};
pub use error::{ErrorPage, REQUEST_ID, request_id};
pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use offline::OfflinePage;
pub use showcase::{DevelopmentMode, FailingPage, ShowcasePage};
