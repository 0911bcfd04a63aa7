//! Lists that page by cursor: a page holds its items and, when more follow, an opaque cursor
//! that asks for the next page. A cursor is the sort key of the page's last item (base64url of
//! its JSON), so a page costs one indexed range read however deep it is, and an item added
//! meanwhile neither repeats nor skips one.

use serde::{Deserialize, Serialize};

/// How many items a page has when the caller does not say.
pub const DEFAULT_LIMIT: u32 = 50;
/// The most items one page may have.
pub const MAX_LIMIT: u32 = 100;
/// The name of the cursor parameter, for its problems.
pub const CURSOR: &str = "cursor";
/// The name of the page size parameter, for its problems.
pub const LIMIT: &str = "limit";

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Asks for the next page; `None` on the last.
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            next_cursor: self.next_cursor,
        }
    }
}

#[cfg(feature = "ssr")]
pub use server::{Cursor, page_of};

#[cfg(feature = "ssr")]
mod server {
    use base64::{Engine as _, engine::general_purpose::URL_SAFE_NO_PAD};
    use serde::{Serialize, de::DeserializeOwned};

    use super::{CURSOR, Page};
    use crate::error::{Error, Issue};

    /// Where a page starts: after the item with this sort key (`None`: at the beginning).
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Cursor<K>(pub Option<K>);

    impl<K: Serialize + DeserializeOwned> Cursor<K> {
        /// Reads a cursor a previous page gave; an empty one is the beginning, anything this
        /// server did not make is a problem on `cursor`.
        pub fn parse(text: Option<&str>) -> Result<Self, Error> {
            let Some(text) = text.map(str::trim).filter(|text| !text.is_empty()) else {
                return Ok(Self(None));
            };
            URL_SAFE_NO_PAD
                .decode(text)
                .ok()
                .and_then(|json| serde_json::from_slice(&json).ok())
                .map(|key| Self(Some(key)))
                .ok_or_else(|| Error::invalid(CURSOR, Issue::Unreadable))
        }

        pub fn encode(key: &K) -> String {
            URL_SAFE_NO_PAD.encode(serde_json::to_vec(key).unwrap_or_default())
        }
    }

    /// The page from `rows` read with a limit of `limit + 1`: the extra row, if it came, only
    /// says that another page follows, after the last kept row's `key`.
    pub fn page_of<T, K: Serialize + DeserializeOwned>(
        mut rows: Vec<T>,
        limit: u32,
        key: impl Fn(&T) -> K,
    ) -> Page<T> {
        let limit = limit as usize;
        let next_cursor = if rows.len() > limit {
            rows.truncate(limit);
            rows.last().map(|last| Cursor::<K>::encode(&key(last)))
        } else {
            None
        };
        Page {
            items: rows,
            next_cursor,
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn a_cursor_round_trips_and_nonsense_is_a_problem() {
            let key = ("acme".to_owned(), 7_u32);
            let text = Cursor::encode(&key);
            assert_eq!(Cursor::parse(Some(&text)).ok(), Some(Cursor(Some(key))));
            assert_eq!(
                Cursor::<(String, u32)>::parse(Some("  ")).ok(),
                Some(Cursor(None))
            );
            assert!(Cursor::<(String, u32)>::parse(Some("%%%")).is_err());
            assert!(Cursor::<(String, u32)>::parse(Some("bm90IGpzb24")).is_err());
        }

        #[test]
        fn the_extra_row_only_says_that_more_follow() {
            let page = page_of(vec![1, 2, 3], 2, |n| *n);
            assert_eq!(page.items, vec![1, 2]);
            assert_eq!(page.next_cursor, Some(Cursor::encode(&2)));
            let last = page_of(vec![1, 2], 2, |n| *n);
            assert_eq!(last.next_cursor, None);
        }
    }
}
