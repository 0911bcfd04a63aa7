//! A banner that says when the browser loses the network and when it is back, so nobody types
//! into a page that cannot save. The server renders it empty and hidden (a page that arrived
//! was online), with both messages in the page's language for the browser to show.

use std::time::Duration;

use leptos::{ev, prelude::*};

use crate::{
    components::{dom, rendered_once},
    i18n::{t_string, use_i18n},
};

/// How long "back online" stays up before the banner goes away.
const BACK_ONLINE_NOTICE: Duration = Duration::from_secs(4);

const OFFLINE_STYLE: &str = "bg-amber-100 px-4 py-2 text-center text-sm font-medium text-amber-950 dark:bg-amber-900 dark:text-amber-50";
const ONLINE_STYLE: &str = "bg-emerald-100 px-4 py-2 text-center text-sm font-medium text-emerald-950 dark:bg-emerald-900 dark:text-emerald-50";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Connection {
    Steady,
    Offline,
    BackOnline,
}

#[component]
pub fn ConnectionBanner() -> impl IntoView {
    rendered_once::per_language_and_theme("connection-banner", connection_banner)
}

fn connection_banner() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ConnectionWatch>
            <div
                role="status"
                aria-live="polite"
                aria-label=t_string!(i18n, connection.label).to_string()
                class="contents"
            >
                <p
                    hidden
                    data-connection=""
                    data-offline=t_string!(i18n, connection.offline).to_string()
                    data-online=t_string!(i18n, connection.online).to_string()
                ></p>
            </div>
        </ConnectionWatch>
    }
}

/// Around the banner the server rendered (empty, hidden, holding both messages): the island
/// fills and shows it when the network goes and comes back, and hides it again after a while.
#[island]
fn ConnectionWatch(children: Children) -> impl IntoView {
    let state = StoredValue::new(Connection::Steady);
    let show = move |connection: Connection| {
        state.set_value(connection);
        let Ok(Some(banner)) = document().query_selector("[data-connection]") else {
            return;
        };
        let (message, class) = match connection {
            Connection::Steady => {
                dom::set_hidden(&banner, true);
                banner.set_text_content(None);
                return;
            }
            Connection::Offline => ("data-offline", OFFLINE_STYLE),
            Connection::BackOnline => ("data-online", ONLINE_STYLE),
        };
        banner.set_text_content(banner.get_attribute(message).as_deref());
        let _ = banner.set_attribute("class", class);
        dom::set_hidden(&banner, false);
    };

    let went_offline = window_event_listener(ev::offline, move |_| show(Connection::Offline));
    // Each return of the network has its own notice: a timer hides only the one it was set for.
    let returns = StoredValue::new(0_u32);
    let came_online = window_event_listener(ev::online, move |_| {
        show(Connection::BackOnline);
        returns.update_value(|count| *count = count.wrapping_add(1));
        let this_return = returns.get_value();
        set_timeout(
            move || {
                if state.get_value() == Connection::BackOnline && returns.get_value() == this_return
                {
                    show(Connection::Steady);
                }
            },
            BACK_ONLINE_NOTICE,
        );
    });
    on_cleanup(move || {
        went_offline.remove();
        came_online.remove();
    });

    view! { <div class="contents">{children()}</div> }
}
