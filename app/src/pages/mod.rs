//! One module per routed page.

mod home;
mod not_found;
mod offline;

pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use offline::OfflinePage;
