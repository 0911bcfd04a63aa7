//! Hearth's own component library on tailwind v4: every page builds from these so that focus
//! rings, dark colours, error wiring and pending states are done once and done right.
//! `/ui` (development only) shows each of them in each state.

mod button;
mod dialog;
mod disclosure;
mod display;
mod field;
mod menu;
mod pagination;
mod table;
mod tabs;
mod toast;

pub use button::{Button, ButtonVariant, set_busy};
pub use dialog::Dialog;
pub use disclosure::Disclosure;
pub use display::{Avatar, Badge, BadgeTone, Card, EmptyState, Skeleton, Spinner};
pub use field::{Checkbox, FileField, Select, TextArea, TextField, show_error};
pub use menu::{DropdownMenu, MenuItem};
pub use pagination::Pagination;
pub use table::SortableTable;
pub use tabs::{Tab, Tabs};
pub use toast::{ToastArea, ToastTone, show_toast};
