//! Pieces shared by every page: the design system (`ui`), the frame around each page and its
//! header controls, the page title, icons, the form pieces that go with `crate::forms`, and the
//! guard for pages that need a signed-in person.

pub mod account_controls;
pub mod connection;
pub mod form;
pub mod guard;
pub mod icons;
pub mod language;
pub mod layout;
pub mod page_title;
pub mod theme_switcher;
pub mod ui;
