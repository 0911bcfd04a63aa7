//! A banner that says when the browser loses the network and when it is back, so nobody types
//! into a page that cannot save. The server never renders it: a page that arrived was online.

use std::time::Duration;

use leptos::{ev, prelude::*};

use crate::i18n::{t_string, use_i18n};

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
    let i18n = use_i18n();
    view! {
        <ConnectionStatus
            label=t_string!(i18n, connection.label).to_string()
            offline=t_string!(i18n, connection.offline).to_string()
            online=t_string!(i18n, connection.online).to_string()
        />
    }
}

#[island]
fn ConnectionStatus(label: String, offline: String, online: String) -> impl IntoView {
    let (connection, set_connection) = signal(Connection::Steady);

    let went_offline = window_event_listener(ev::offline, move |_| {
        set_connection.set(Connection::Offline)
    });
    let came_online = window_event_listener(ev::online, move |_| {
        set_connection.set(Connection::BackOnline);
        set_timeout(
            move || {
                if connection.get_untracked() == Connection::BackOnline {
                    set_connection.set(Connection::Steady);
                }
            },
            BACK_ONLINE_NOTICE,
        );
    });
    on_cleanup(move || {
        went_offline.remove();
        came_online.remove();
    });

    // One paragraph whose text, colours and `hidden` follow the connection: changing
    // attributes and text keeps this island much smaller in the browser bundle than swapping
    // elements would.
    view! {
        <div role="status" aria-live="polite" aria-label=label class="contents">
            <p
                hidden=move || connection.get() == Connection::Steady
                class=move || match connection.get() {
                    Connection::Offline => OFFLINE_STYLE,
                    _ => ONLINE_STYLE,
                }
            >
                {move || match connection.get() {
                    Connection::Steady => String::new(),
                    Connection::Offline => offline.clone(),
                    Connection::BackOnline => online.clone(),
                }}
            </p>
        </div>
    }
}
