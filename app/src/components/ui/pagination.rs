//! Page links for long lists. Plain links (`?page=N` on `base`), so paging works without
//! JavaScript and every page has an address; the current page is `aria-current="page"`.

use leptos::prelude::*;

use crate::i18n::{t, t_string, use_i18n};

/// The page numbers to show: the first, the last, and those near `current`, with `None` where
/// a run of pages is left out.
pub fn visible_pages(current: u32, total: u32) -> Vec<Option<u32>> {
    let mut pages = Vec::new();
    for page in 1..=total {
        let near = page.abs_diff(current) <= 1;
        if page == 1 || page == total || near {
            pages.push(Some(page));
        } else if pages.last() != Some(&None) {
            pages.push(None);
        }
    }
    pages
}

/// Links to the pages of `base`; `keep` is the rest of the query (the list's search and order,
/// already encoded, without `page`), which every link carries.
#[component]
pub fn Pagination(
    base: &'static str,
    current: u32,
    total: u32,
    #[prop(optional, into)] keep: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let prefix: std::sync::Arc<str> = if keep.is_empty() {
        format!("{base}?").into()
    } else {
        format!("{base}?{keep}&").into()
    };
    let link = {
        let prefix = StoredValue::new(prefix);
        move |page: u32| prefix.with_value(|prefix| format!("{prefix}page={page}"))
    };
    let arrow = "rounded-md px-3 py-1.5 hover:bg-stone-200 dark:hover:bg-stone-800";
    let page_link = move |page: u32| {
        let current = (page == current).then_some("page");
        view! {
            <a
                href=link(page)
                aria-current=current
                aria-label=move || t_string!(i18n, ui.page, page).to_string()
                class="rounded-md px-3 py-1.5 hover:bg-stone-200 aria-[current=page]:bg-orange-700 aria-[current=page]:font-semibold aria-[current=page]:text-white dark:hover:bg-stone-800"
            >
                {t!(i18n, ui.number, value = move || page)}
            </a>
        }
    };
    view! {
        <nav
            aria-label=move || t_string!(i18n, ui.pagination).to_string()
            class="flex items-center gap-1 text-sm"
        >
            {(current > 1)
                .then(|| {
                    view! {
                        <a href=link(current - 1) rel="prev" class=arrow>
                            {t!(i18n, ui.previous)}
                        </a>
                    }
                })}
            {visible_pages(current, total)
                .into_iter()
                .map(|page| match page {
                    Some(page) => page_link(page).into_any(),
                    None => view! { <span aria-hidden="true" class="px-1">"…"</span> }.into_any(),
                })
                .collect_view()}
            {(current < total)
                .then(|| {
                    view! {
                        <a href=link(current + 1) rel="next" class=arrow>
                            {t!(i18n, ui.next)}
                        </a>
                    }
                })}
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::visible_pages;

    #[test]
    fn long_runs_of_pages_collapse_around_the_current_one() {
        assert_eq!(visible_pages(1, 1), vec![Some(1)]);
        assert_eq!(visible_pages(2, 3), vec![Some(1), Some(2), Some(3)]);
        assert_eq!(
            visible_pages(5, 10),
            vec![Some(1), None, Some(4), Some(5), Some(6), None, Some(10)]
        );
        assert_eq!(visible_pages(1, 10), vec![Some(1), Some(2), None, Some(10)]);
    }
}
