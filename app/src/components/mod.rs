//! Pieces shared by every page: the design system (`ui`), the frame around each page and its
//! header controls, the page title, icons, the form pieces that go with `crate::forms`, the
//! guard for pages that need a signed-in person, the banner that asks for a verified address, markup rendered once per language and theme
//! (`rendered_once`), and what islands do to the server's markup (`dom`).

pub mod account_controls;
pub mod connection;
pub mod dom;
pub mod form;
pub mod guard;
pub mod icons;
pub mod language;
pub mod layout;
pub mod page_title;
pub mod rendered_once;
pub mod theme_switcher;
pub mod ui;
pub mod verification_banner;
