//! Toasts: short messages about the result of an action, announced politely to screen
//! readers and dismissed after a while or by hand.
//!
//! `ToastArea` renders the region on the server, with the message an action left for this page
//! (`crate::flash`) and a hidden prototype toast. In the browser the region's island
//! (`ToastRegion`) dismisses toasts and lets them expire, and [`show_toast`], which any island
//! may call, adds one by copying the prototype: the markup is written once, here, and none of
//! it is code in the browser bundle.

use std::time::Duration;

use leptos::{prelude::*, wasm_bindgen::JsCast, web_sys::Element};

use crate::{
    components::dom,
    i18n::{t_string, use_i18n},
};

const LIFETIME: Duration = Duration::from_secs(6);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToastTone {
    Success,
    Error,
}

const TOAST: &str =
    "pointer-events-auto flex max-w-sm items-start gap-3 rounded-md px-4 py-3 text-sm shadow-lg";

impl ToastTone {
    fn class(self) -> String {
        let colours = match self {
            Self::Success => "bg-emerald-800 text-white",
            Self::Error => "bg-red-800 text-white",
        };
        format!("{TOAST} {colours}")
    }
}

/// One toast; the prototype is hidden and has no message.
#[component]
fn ToastView(
    tone: ToastTone,
    message: String,
    dismiss: String,
    #[prop(optional)] prototype: bool,
) -> impl IntoView {
    view! {
        <div
            class=tone.class()
            hidden=prototype
            data-toast=(!prototype).then_some("")
            data-toast-prototype=prototype.then_some("")
        >
            <p class="flex-1">{message}</p>
            <button type="button" aria-label=dismiss data-dismiss="" class="rounded px-1 hover:bg-white/20">
                "×"
            </button>
        </div>
    }
}

/// Shows a toast on this page, and takes it away after a while. In the browser only.
pub fn show_toast(tone: ToastTone, message: impl Into<String>) {
    let Some(prototype) = document()
        .query_selector("[data-toast-prototype]")
        .ok()
        .flatten()
    else {
        return;
    };
    let Some(toast) = prototype
        .clone_node_with_deep(true)
        .ok()
        .and_then(|node| node.dyn_into::<Element>().ok())
    else {
        return;
    };
    let _ = toast.remove_attribute("data-toast-prototype");
    dom::set_hidden(&toast, false);
    let _ = toast.set_attribute("data-toast", "");
    let _ = toast.set_attribute("class", &tone.class());
    if let Ok(Some(text)) = toast.query_selector("p") {
        text.set_text_content(Some(&message.into()));
    }
    if let Some(region) = prototype.parent_element() {
        let _ = region.append_child(&toast);
        expire(toast);
    }
}

fn expire(toast: Element) {
    set_timeout(move || toast.remove(), LIFETIME);
}

/// The page's content and, after it, the toasts: the one the previous action left, if any.
#[component]
pub fn ToastArea(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    let left = crate::flash::take().map(flash_message);
    #[cfg(not(feature = "ssr"))]
    let left: Option<String> = None;
    let dismiss = t_string!(i18n, ui.dismiss).to_string();
    view! {
        {children()}
        <ToastRegion>
            <div
                role="status"
                aria-live="polite"
                aria-label=t_string!(i18n, ui.notifications).to_string()
                class="pointer-events-none fixed inset-x-4 bottom-4 z-50 flex flex-col items-center gap-2 sm:inset-x-auto sm:end-4 sm:items-end"
            >
                <ToastView tone=ToastTone::Success message=String::new() dismiss=dismiss.clone() prototype=true />
                {left.map(|message| view! { <ToastView tone=ToastTone::Success message dismiss /> })}
            </div>
        </ToastRegion>
    }
}

/// What a flash says, in the page's language, to the person now signed in (or not).
#[cfg(feature = "ssr")]
fn flash_message(flash: crate::flash::Flash) -> String {
    use crate::flash::Flash;
    let i18n = use_i18n();
    let (name, email) = crate::accounts::session::Auth::use_context()
        .0
        .with_untracked(|user| {
            user.as_ref()
                .map(|user| (user.name.clone(), user.email.clone()))
        })
        .unwrap_or_default();
    match flash {
        Flash::Welcome => t_string!(i18n, dashboard.welcome, name).to_string(),
        Flash::WelcomeBack => t_string!(i18n, auth.welcome_back, name).to_string(),
        Flash::LoggedOut => t_string!(i18n, auth.logged_out).to_string(),
        Flash::VerificationSent => t_string!(i18n, verify.sent, email).to_string(),
        Flash::EmailVerified => t_string!(i18n, verify.done).to_string(),
        Flash::PasswordReset => t_string!(i18n, reset.done).to_string(),
        Flash::SessionEnded => t_string!(i18n, settings.ended).to_string(),
        Flash::OtherSessionsEnded => t_string!(i18n, settings.others_ended).to_string(),
        Flash::NameSaved => t_string!(i18n, settings.name_saved).to_string(),
        Flash::PasswordChanged => t_string!(i18n, settings.password_changed).to_string(),
        Flash::EmailLinkSent => t_string!(i18n, settings.email_link_sent).to_string(),
        Flash::EmailChanged => t_string!(i18n, settings.email_changed).to_string(),
        Flash::AvatarSaved => t_string!(i18n, settings.avatar_saved).to_string(),
        Flash::AvatarRemoved => t_string!(i18n, settings.avatar_removed).to_string(),
        Flash::AccountSaved => t_string!(i18n, admin.account_saved).to_string(),
        Flash::LinkSentToThem => t_string!(i18n, admin.link_sent).to_string(),
        Flash::WorkspaceCreated => t_string!(i18n, workspaces.created).to_string(),
        Flash::WorkspaceSaved => t_string!(i18n, workspaces.saved).to_string(),
        Flash::WorkspaceDeleted => t_string!(i18n, workspaces.deleted).to_string(),
        Flash::InvitationSent => t_string!(i18n, workspaces.invitation_sent).to_string(),
        Flash::InvitationRevoked => t_string!(i18n, workspaces.invitation_revoked).to_string(),
        Flash::InvitationAccepted => t_string!(i18n, workspaces.joined).to_string(),
        Flash::InvitationDeclined => t_string!(i18n, workspaces.declined).to_string(),
        Flash::MemberSaved => t_string!(i18n, workspaces.member_saved).to_string(),
        Flash::MemberRemoved => t_string!(i18n, workspaces.member_removed).to_string(),
        Flash::OwnershipTransferred => t_string!(i18n, workspaces.transferred).to_string(),
        Flash::LeftWorkspace => t_string!(i18n, workspaces.left).to_string(),
        Flash::ProjectCreated => t_string!(i18n, tasks.project_created).to_string(),
        Flash::ProjectSaved => t_string!(i18n, tasks.project_saved).to_string(),
        Flash::ProjectDeleted => t_string!(i18n, tasks.project_deleted).to_string(),
        Flash::TaskCreated => t_string!(i18n, tasks.task_created).to_string(),
        Flash::TaskSaved => t_string!(i18n, tasks.task_saved).to_string(),
        Flash::TaskMoved => t_string!(i18n, tasks.task_moved).to_string(),
        Flash::TaskDeleted => t_string!(i18n, tasks.task_deleted).to_string(),
        Flash::CommentAdded => t_string!(i18n, tasks.comment_added).to_string(),
        Flash::AttachmentAdded => t_string!(i18n, attachments.added).to_string(),
        Flash::AttachmentDeleted => t_string!(i18n, attachments.deleted).to_string(),
        Flash::ApiTokenRevoked => t_string!(i18n, tokens.revoked).to_string(),
        Flash::NotificationsSaved => t_string!(i18n, notifications.by_email_saved).to_string(),
    }
}

/// Around the region the server rendered: a toast's button dismisses it, and the toasts the
/// server rendered expire like the ones shown later.
#[island]
fn ToastRegion(children: Children) -> impl IntoView {
    Effect::new(move |_| {
        dom::elements(document().query_selector_all("[data-toast]")).for_each(expire);
    });
    let on_click = move |event: leptos::ev::MouseEvent| {
        if let Some(toast) = dom::closest(&event, "[data-dismiss]")
            .and_then(|button| button.closest("[data-toast]").ok().flatten())
        {
            toast.remove();
        }
    };
    view! {
        <div class="contents" on:click=on_click>
            {children()}
        </div>
    }
}
