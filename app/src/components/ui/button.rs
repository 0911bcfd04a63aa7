use leptos::prelude::*;

use super::Spinner;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ButtonVariant {
    #[default]
    Primary,
    Secondary,
    Danger,
}

impl ButtonVariant {
    fn classes(self) -> &'static str {
        match self {
            Self::Primary => {
                "bg-orange-700 text-white hover:bg-orange-800 focus-visible:outline-orange-700"
            }
            Self::Secondary => {
                "border border-stone-300 bg-white text-stone-900 hover:bg-stone-100 focus-visible:outline-stone-500 dark:border-stone-600 dark:bg-stone-800 dark:text-stone-100 dark:hover:bg-stone-700"
            }
            Self::Danger => "bg-red-700 text-white hover:bg-red-800 focus-visible:outline-red-700",
        }
    }
}

/// A button. While `pending` it shows a spinner, says so to assistive technology and ignores
/// further clicks, so a form cannot be submitted twice.
#[component]
pub fn Button(
    #[prop(optional)] variant: ButtonVariant,
    /// `button` (the default) or `submit`.
    #[prop(default = "button")]
    kind: &'static str,
    #[prop(optional, into)] pending: Signal<bool>,
    #[prop(optional, into)] disabled: Signal<bool>,
    children: Children,
) -> impl IntoView {
    let inert = move || pending.get() || disabled.get();
    view! {
        <button
            type=kind
            disabled=inert
            aria-busy=move || pending.get().to_string()
            class=format!(
                "group/button inline-flex items-center justify-center gap-2 rounded-md px-4 py-2 font-medium shadow-sm focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-not-allowed disabled:opacity-60 {}",
                variant.classes(),
            )
        >
            // Shown by the stylesheet while the button is busy, so an island that marks a
            // server-rendered button busy (`set_busy`) needs no code of its own for it.
            <span class="hidden group-aria-busy/button:inline-flex">
                <Spinner decorative=true />
            </span>
            {children()}
        </button>
    }
}

/// Marks `button` busy, or not, as `Button` does with its `pending`: for an island around a
/// button the server rendered. A button that was disabled before stays disabled.
pub fn set_busy(button: &leptos::web_sys::Element, busy: bool) {
    const DISABLED_BY_BUSY: &str = "data-busy-disabled";
    if busy && !button.has_attribute("disabled") {
        let _ = button.set_attribute("disabled", "");
        let _ = button.set_attribute(DISABLED_BY_BUSY, "");
    } else if !busy && button.has_attribute(DISABLED_BY_BUSY) {
        let _ = button.remove_attribute("disabled");
        let _ = button.remove_attribute(DISABLED_BY_BUSY);
    }
    crate::components::dom::set_state(button, "aria-busy", busy);
}
