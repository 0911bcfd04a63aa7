//! A data table whose column headers sort it: the header is a button, `aria-sort` says the
//! current order, and pressing it again reverses the order.

use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Ascending,
    Descending,
}

#[component]
pub fn SortableTable(
    caption: &'static str,
    columns: Vec<&'static str>,
    rows: Vec<Vec<String>>,
) -> impl IntoView {
    let sort = RwSignal::new(None::<(usize, Direction)>);
    let sorted_rows = move || {
        let mut rows = rows.clone();
        if let Some((column, direction)) = sort.get() {
            rows.sort_by(|a, b| {
                let order = compare(&a[column], &b[column]);
                if direction == Direction::Ascending {
                    order
                } else {
                    order.reverse()
                }
            });
        }
        rows
    };
    let headers = columns
        .into_iter()
        .enumerate()
        .map(|(index, name)| {
            let state = move || sort.get().filter(|(column, _)| *column == index).map(|(_, d)| d);
            let press = move |_| {
                sort.set(Some(match state() {
                    Some(Direction::Ascending) => (index, Direction::Descending),
                    _ => (index, Direction::Ascending),
                }))
            };
            view! {
                <th
                    scope="col"
                    aria-sort=move || match state() {
                        Some(Direction::Ascending) => "ascending",
                        Some(Direction::Descending) => "descending",
                        None => "none",
                    }
                    class="border-b border-stone-200 px-3 py-2 text-start dark:border-stone-700"
                >
                    <button
                        type="button"
                        on:click=press
                        class="inline-flex items-center gap-1 font-semibold hover:text-orange-800 dark:hover:text-orange-300"
                    >
                        {name}
                        <span aria-hidden="true" class="text-xs">
                            {move || match state() {
                                Some(Direction::Ascending) => "▲",
                                Some(Direction::Descending) => "▼",
                                None => "↕",
                            }}
                        </span>
                    </button>
                </th>
            }
        })
        .collect_view();

    view! {
        <div class="overflow-x-auto">
            <table class="w-full border-collapse text-sm">
                <caption class="pb-2 text-start text-stone-600 dark:text-stone-400">{caption}</caption>
                <thead>
                    <tr>{headers}</tr>
                </thead>
                <tbody>
                    {move || {
                        sorted_rows()
                            .into_iter()
                            .map(|row| {
                                view! {
                                    <tr class="odd:bg-stone-100/60 dark:odd:bg-stone-800/40">
                                        {row
                                            .into_iter()
                                            .map(|cell| view! { <td class="px-3 py-2">{cell}</td> })
                                            .collect_view()}
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
}

/// Numbers compare as numbers, everything else as case-insensitive text.
fn compare(a: &str, b: &str) -> std::cmp::Ordering {
    match (Decimal::parse(a), Decimal::parse(b)) {
        (Some(a), Some(b)) => a.cmp(&b),
        _ => compare_text(a, b),
    }
}

/// Text in the reader's collation (the browser's `localeCompare`: case and accents come after
/// the letters themselves), so the bundle needs no Unicode case tables; the server, which only
/// sorts in tests, lower-cases.
fn compare_text(a: &str, b: &str) -> std::cmp::Ordering {
    #[cfg(feature = "hydrate")]
    {
        use leptos::web_sys::js_sys::{Array, JsString, Object};
        JsString::from(a)
            .locale_compare(b, &Array::new(), &Object::new())
            .cmp(&0)
    }
    #[cfg(not(feature = "hydrate"))]
    a.to_lowercase().cmp(&b.to_lowercase())
}

/// A decimal number as written ("-12.50"), compared digit by digit. Parsing it as `f64` would
/// bring the float parser into the browser bundle for a comparison that needs none of it.
struct Decimal<'a> {
    negative: bool,
    /// Without leading zeros.
    whole: &'a str,
    /// Without trailing zeros.
    fraction: &'a str,
}

impl<'a> Decimal<'a> {
    fn parse(text: &'a str) -> Option<Self> {
        let text = text.trim();
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
        if whole.is_empty() && fraction.is_empty() || !all_digits(whole) || !all_digits(fraction) {
            return None;
        }
        let whole = whole.trim_start_matches('0');
        let fraction = fraction.trim_end_matches('0');
        // Minus zero is zero.
        let negative = negative && !(whole.is_empty() && fraction.is_empty());
        Some(Self {
            negative,
            whole,
            fraction,
        })
    }

    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let magnitude = self
            .whole
            .len()
            .cmp(&other.whole.len())
            .then_with(|| self.whole.cmp(other.whole))
            .then_with(|| self.fraction.cmp(other.fraction));
        match (self.negative, other.negative) {
            (false, false) => magnitude,
            (true, true) => magnitude.reverse(),
            (true, false) => std::cmp::Ordering::Less,
            (false, true) => std::cmp::Ordering::Greater,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::cmp::Ordering;

    use super::compare;

    #[test]
    fn numbers_sort_as_numbers_and_text_ignores_case() {
        assert_eq!(compare("9", "10"), Ordering::Less);
        assert_eq!(compare("2.5", "10"), Ordering::Less);
        assert_eq!(compare("2.50", "2.5"), Ordering::Equal);
        assert_eq!(compare("0.75", "0.8"), Ordering::Less);
        assert_eq!(compare("007", "7.0"), Ordering::Equal);
        assert_eq!(compare("-3", "2"), Ordering::Less);
        assert_eq!(compare("-10", "-9"), Ordering::Less);
        assert_eq!(compare("-0", "0"), Ordering::Equal);
        assert_eq!(
            compare("1.5.2", "1"),
            Ordering::Greater,
            "not a number: compared as text"
        );
        assert_eq!(compare("apple", "Banana"), Ordering::Less);
        assert_eq!(compare("b", "A"), Ordering::Greater);
    }
}
