//! Hearth's own component library on tailwind v4: every page builds from these so that focus
//! rings, dark colours, error wiring and pending states are done once and done right.
//! `/ui` (development only) shows each of them in each state.

mod button;
mod display;
mod field;

pub use button::{Button, ButtonVariant};
pub use display::{Avatar, Badge, BadgeTone, Card, EmptyState, Skeleton, Spinner};
pub use field::{Checkbox, Select, TextArea, TextField};
