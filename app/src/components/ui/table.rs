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
    match (a.parse::<f64>(), b.parse::<f64>()) {
        (Ok(a), Ok(b)) => a.total_cmp(&b),
        _ => a.to_lowercase().cmp(&b.to_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use std::cmp::Ordering;

    use super::compare;

    #[test]
    fn numbers_sort_as_numbers_and_text_ignores_case() {
        assert_eq!(compare("9", "10"), Ordering::Less);
        assert_eq!(compare("apple", "Banana"), Ordering::Less);
        assert_eq!(compare("b", "A"), Ordering::Greater);
    }
}
