//! Form fields with their label, an optional hint and an error. The error is linked with
//! `aria-describedby` and marks the control `aria-invalid`, so a screen reader reads it with the
//! field; the same markup comes from the server when JavaScript is off.

use leptos::prelude::*;

use crate::components::dom;

const CONTROL: &str = "block w-full rounded-md border bg-white px-3 py-2 text-stone-900 shadow-sm focus:outline-none focus:ring-2 focus:ring-orange-600 dark:bg-stone-900 dark:text-stone-100";

fn border(invalid: bool) -> &'static str {
    if invalid {
        "border-red-600 dark:border-red-400"
    } else {
        "border-stone-300 dark:border-stone-600"
    }
}

fn control_class(invalid: bool) -> String {
    format!("{CONTROL} {}", border(invalid))
}

/// Shows `error` under the field with `id` that the server rendered, or takes it away, with the
/// attributes the field component gives an error: for an island that checks fields it did not
/// render itself (see `pages::accounts::form`), so they need no code in the browser bundle.
pub fn show_error(id: &str, error: Option<&str>) {
    let document = document();
    if let Some(paragraph) = document.get_element_by_id(&format!("{id}-error")) {
        paragraph.set_text_content(error);
        dom::set_hidden(&paragraph, error.is_none());
    }
    if let Some(control) = document.get_element_by_id(id) {
        let invalid = error.is_some();
        let has_hint = document.get_element_by_id(&format!("{id}-hint")).is_some();
        dom::set_state(&control, "aria-invalid", invalid);
        let _ = match described_by(id, has_hint, invalid) {
            Some(ids) => control.set_attribute("aria-describedby", &ids),
            None => control.remove_attribute("aria-describedby"),
        };
        let _ = control.set_attribute("class", &control_class(invalid));
    }
}

fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    let ids: Vec<String> = [(hint, "hint"), (error, "error")]
        .into_iter()
        .filter(|(present, _)| *present)
        .map(|(_, part)| format!("{id}-{part}"))
        .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// The label, hint and error around one control.
#[component]
fn FieldFrame(
    id: &'static str,
    label: TextProp,
    hint: Option<TextProp>,
    error: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="flex flex-col gap-1">
            <label for=id class="text-sm font-medium text-stone-900 dark:text-stone-100">
                {move || label.get()}
            </label>
            {children()}
            {hint.map(|hint| view! {
                <p id=format!("{id}-hint") class="text-sm text-stone-600 dark:text-stone-400">{move || hint.get()}</p>
            })}
            // Always in the page, hidden while there is nothing to say: changing its text and
            // `hidden` costs the browser bundle much less than adding and removing an element.
            <p
                id=format!("{id}-error")
                hidden=move || error.with(Option::is_none)
                class="text-sm font-medium text-red-700 dark:text-red-400"
            >
                {move || error.get().unwrap_or_default()}
            </p>
        </div>
    }
}

#[component]
pub fn TextField(
    id: &'static str,
    #[prop(into)] label: TextProp,
    /// The name the value is posted under; defaults to `id`.
    #[prop(optional)]
    name: Option<&'static str>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional, into)] hint: Option<TextProp>,
    #[prop(optional, into)] error: Signal<Option<String>>,
    #[prop(optional, into)] value: Signal<String>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    // An empty hint is none, so a caller with an optional hint renders one `TextField`.
    let hint = hint.filter(|hint| !hint.get().is_empty());
    let has_hint = hint.is_some();
    // The `value` attribute fills the field as the server renders it. Later changes of `value`
    // go to the property, but not the first: an island hydrates after its page has loaded, and
    // setting the property then would wipe what the person typed in the meantime.
    let input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |applied: Option<()>| {
        let value = value.get();
        if applied.is_some()
            && let Some(input) = input.get_untracked()
        {
            input.set_value(&value);
        }
    });
    view! {
        <FieldFrame id label hint=hint.clone() error>
            <input
                node_ref=input
                id=id
                name=name.unwrap_or(id)
                type=kind
                value=value.get_untracked()
                autocomplete=autocomplete
                required=required
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=move || described_by(id, has_hint, error.with(Option::is_some))
                class=move || control_class(error.with(Option::is_some))
            />
        </FieldFrame>
    }
}

/// A file to upload (its form posts `multipart/form-data`). `accept` only helps the browser's
/// picker: the server recognises what it gets by content.
#[component]
pub fn FileField(
    id: &'static str,
    #[prop(into)] label: TextProp,
    #[prop(optional, into)] hint: Option<TextProp>,
    #[prop(optional, into)] error: Signal<Option<String>>,
    #[prop(optional)] accept: Option<&'static str>,
) -> impl IntoView {
    let has_hint = hint.is_some();
    view! {
        <FieldFrame id label hint=hint.clone() error>
            <input
                id=id
                name=id
                type="file"
                required
                accept=accept
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=move || described_by(id, has_hint, error.with(Option::is_some))
                class="text-sm text-stone-900 file:me-3 file:rounded-md file:border file:border-stone-300 file:bg-white file:px-3 file:py-1.5 file:font-medium dark:text-stone-100 dark:file:border-stone-600 dark:file:bg-stone-800 dark:file:text-stone-100"
            />
        </FieldFrame>
    }
}

#[component]
pub fn TextArea(
    id: &'static str,
    #[prop(into)] label: TextProp,
    #[prop(optional, into)] hint: Option<TextProp>,
    #[prop(optional, into)] error: Signal<Option<String>>,
    #[prop(default = 4)] rows: u32,
    /// What the field holds when the page is rendered.
    #[prop(optional, into)]
    value: String,
) -> impl IntoView {
    let has_hint = hint.is_some();
    view! {
        <FieldFrame id label hint=hint.clone() error>
            <textarea
                id=id
                name=id
                rows=rows
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=move || described_by(id, has_hint, error.with(Option::is_some))
                class=move || control_class(error.with(Option::is_some))
            >{value}</textarea>
        </FieldFrame>
    }
}

#[component]
pub fn Select(
    id: &'static str,
    #[prop(into)] label: TextProp,
    /// `(value, text)` pairs.
    options: Vec<(&'static str, &'static str)>,
    #[prop(optional, into)] hint: Option<TextProp>,
    #[prop(optional, into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let has_hint = hint.is_some();
    view! {
        <FieldFrame id label hint=hint.clone() error>
            <select
                id=id
                name=id
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=move || described_by(id, has_hint, error.with(Option::is_some))
                class=move || control_class(error.with(Option::is_some))
            >
                {options
                    .into_iter()
                    .map(|(value, text)| view! { <option value=value>{text}</option> })
                    .collect_view()}
            </select>
        </FieldFrame>
    }
}

/// A checkbox, or with `switch` a toggle switch (`role="switch"`), with its label beside it.
#[component]
pub fn Checkbox(
    id: &'static str,
    #[prop(into)] label: TextProp,
    #[prop(optional, into)] hint: Option<TextProp>,
    #[prop(optional)] switch: bool,
    #[prop(optional)] checked: bool,
) -> impl IntoView {
    let has_hint = hint.is_some();
    let control = if switch {
        "peer h-6 w-11 cursor-pointer appearance-none rounded-full bg-stone-300 transition-colors checked:bg-orange-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-orange-700 dark:bg-stone-600 dark:checked:bg-orange-600 before:block before:size-5 before:translate-x-0.5 before:translate-y-0.5 before:rounded-full before:bg-white before:transition-transform checked:before:translate-x-5.5 rtl:checked:before:-translate-x-5.5"
    } else {
        "size-4 rounded border-stone-400 accent-orange-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-orange-700"
    };
    view! {
        <div class="flex items-start gap-3">
            <input
                id=id
                name=id
                type="checkbox"
                role=switch.then_some("switch")
                checked=checked
                aria-describedby=has_hint.then(|| format!("{id}-hint"))
                class=control
            />
            <div class="flex flex-col">
                <label for=id class="text-sm font-medium text-stone-900 dark:text-stone-100">
                    {move || label.get()}
                </label>
                {hint.map(|hint| view! {
                    <p id=format!("{id}-hint") class="text-sm text-stone-600 dark:text-stone-400">{move || hint.get()}</p>
                })}
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::described_by;

    #[test]
    fn the_description_names_the_hint_and_the_error_that_exist() {
        assert_eq!(described_by("email", false, false), None);
        assert_eq!(
            described_by("email", true, false).as_deref(),
            Some("email-hint")
        );
        assert_eq!(
            described_by("email", true, true).as_deref(),
            Some("email-hint email-error")
        );
        assert_eq!(
            described_by("email", false, true).as_deref(),
            Some("email-error")
        );
    }
}
