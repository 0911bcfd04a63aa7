//! Page links for long lists. Plain links (`?page=N` on `base`), so paging works without
//! JavaScript and every page has an address; the current page is `aria-current="page"`.

use leptos::prelude::*;

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

#[component]
pub fn Pagination(base: &'static str, current: u32, total: u32) -> impl IntoView {
    let link = move |page: u32| format!("{base}?page={page}");
    let arrow = "rounded-md px-3 py-1.5 hover:bg-stone-200 dark:hover:bg-stone-800";
    view! {
        <nav aria-label="Pagination" class="flex items-center gap-1 text-sm">
            {(current > 1).then(|| view! { <a href=link(current - 1) rel="prev" class=arrow>"Previous"</a> })}
            {visible_pages(current, total)
                .into_iter()
                .map(|page| match page {
                    Some(page) if page == current => view! {
                        <a href=link(page) aria-current="page" class="rounded-md bg-orange-700 px-3 py-1.5 font-semibold text-white">
                            {page}
                        </a>
                    }
                    .into_any(),
                    Some(page) => view! {
                        <a href=link(page) class="rounded-md px-3 py-1.5 hover:bg-stone-200 dark:hover:bg-stone-800">
                            {page}
                        </a>
                    }
                    .into_any(),
                    None => view! { <span aria-hidden="true" class="px-1">"…"</span> }.into_any(),
                })
                .collect_view()}
            {(current < total).then(|| view! { <a href=link(current + 1) rel="next" class=arrow>"Next"</a> })}
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
