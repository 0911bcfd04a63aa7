//! One module per routed page.

mod home;
mod not_found;
mod offline;
mod showcase;

pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use offline::OfflinePage;
pub use showcase::{DevelopmentMode, ShowcasePage};
