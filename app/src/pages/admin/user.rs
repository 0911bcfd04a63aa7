//! `/admin/users/:id`: one account, with what an admin can do to it (role, access, a new
//! verification link) and its latest security events.

use leptos::{prelude::*, server_fn::ServerFn as _};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{HEADING, INPUT, LABEL, LINK, MUTED, role_name};
use crate::{
    accounts::Role,
    admin::server_fns::{AdminResendVerification, SetDisabled, SetRole, admin_account},
    audit::action_label,
    components::{
        form::FormNotice,
        page_title::PageTitle,
        ui::{Badge, BadgeTone, Button, ButtonVariant, Skeleton},
    },
    forms::Feedback,
    i18n::{t, t_string, use_i18n},
    locale::{format_date, format_moment},
};

const SECTION: &str = "flex flex-col gap-3 border-t border-stone-200 pt-6 dark:border-stone-800";
const SUBHEADING: &str = "text-xl font-semibold text-stone-900 dark:text-white";

#[component]
pub fn AdminUserPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let id = use_params_map()
        .get_untracked()
        .get("id")
        .unwrap_or_default();
    let feedback = Feedback::from_query(&use_query_map().get_untracked());
    let date =
        move |at: time::OffsetDateTime| format_date(locale, at.year(), at.month().into(), at.day());
    let skeleton = || view! { <div aria-hidden="true"><Skeleton size="h-64 w-full" /></div> };

    view! {
        <section class="flex max-w-3xl flex-col gap-6">
            <a href="/admin/users" class=LINK>{t!(i18n, admin.back_to_list)}</a>
            <Suspense fallback=skeleton>
                {Suspend::new({
                    let feedback = feedback.clone();
                    let id = id.clone();
                    async move {
                        let found = admin_account(id.clone()).await;
                        let (account, history) = match found {
                            Ok(found) => found,
                            Err(crate::error::Error::NotFound) => {
                                #[cfg(feature = "ssr")]
                                if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                                    response.set_status(http::StatusCode::NOT_FOUND);
                                }
                                return view! {
                                    <PageTitle text=move || t_string!(i18n, not_found.title).to_string() />
                                    <h1 class=HEADING>{t!(i18n, admin.no_such_account)}</h1>
                                }
                                .into_any();
                            }
                            Err(_) => {
                                return view! {
                                    <p role="alert" class="text-sm text-red-700 dark:text-red-400">{t!(i18n, admin.load_failed)}</p>
                                }
                                .into_any();
                            }
                        };
                        let issue = feedback.issue("role").or_else(|| feedback.issue("disabled"));
                        let disabled = account.disabled_at;
                        let verified = account.email_verified_at.is_some();
                        let title = account.name.clone();
                        let role_options = [Role::Member, Role::Admin]
                            .into_iter()
                            .map(|role| view! {
                                <option value=role.as_str() selected=role == account.role>{role_name(locale, role)}</option>
                            })
                            .collect_view();
                        let events = history
                            .into_iter()
                            .map(|entry| {
                                let by = entry
                                    .actor
                                    .as_ref()
                                    .filter(|actor| Some(actor.id) != entry.subject.as_ref().map(|subject| subject.id))
                                    .map(|actor| actor.name.clone().unwrap_or_else(|| t_string!(i18n, activity.deleted_person).to_string()));
                                view! {
                                    <li class="flex flex-col gap-0.5 border-t border-stone-200 py-2 text-sm first:border-t-0 dark:border-stone-800">
                                        <p class="font-medium text-stone-900 dark:text-stone-100">
                                            {action_label(locale, &entry.action)}
                                            {by.map(|by| format!(" · {}", t_string!(i18n, activity.by, name = by)))}
                                        </p>
                                        <p class=MUTED>{format_moment(locale, entry.occurred_at)}{(!entry.ip.is_empty()).then(|| format!(" · {}", entry.ip))}</p>
                                    </li>
                                }
                            })
                            .collect_view();
                        view! {
                            <PageTitle text=move || title.clone() />
                            <div class="flex flex-col gap-2">
                                <h1 class=HEADING>{account.name.clone()}</h1>
                                <p class="text-stone-800 dark:text-stone-200">{account.email.clone()}</p>
                                <p class="flex flex-wrap gap-2">
                                    <Badge>{role_name(locale, account.role)}</Badge>
                                    {if verified {
                                        view! { <Badge tone=BadgeTone::Success>{t_string!(i18n, admin.verified).to_string()}</Badge> }.into_any()
                                    } else {
                                        view! { <Badge tone=BadgeTone::Warning>{t_string!(i18n, admin.unverified).to_string()}</Badge> }.into_any()
                                    }}
                                    {disabled.map(|at| view! {
                                        <Badge tone=BadgeTone::Danger>{t_string!(i18n, admin.disabled_since, date = date(at)).to_string()}</Badge>
                                    })}
                                </p>
                                <p class=MUTED>
                                    {t_string!(i18n, admin.joined, date = date(account.created_at)).to_string()}
                                    " · "
                                    {match account.last_active_at {
                                        Some(at) => t_string!(i18n, admin.last_active, date = date(at)).to_string(),
                                        None => t_string!(i18n, admin.never_active).to_string(),
                                    }}
                                </p>
                            </div>
                            <FormNotice notice=feedback.notice issue />

                            <section aria-labelledby="role-heading" class=SECTION>
                                <h2 id="role-heading" class=SUBHEADING>{t!(i18n, admin.role_heading)}</h2>
                                <form method="post" action=SetRole::url() class="flex flex-wrap items-end gap-3">
                                    <input type="hidden" name="id" value=account.id.to_string() />
                                    <div class="flex flex-col gap-1">
                                        <label for="role" class=LABEL>{t!(i18n, admin.col_role)}</label>
                                        <select id="role" name="role" class=INPUT>{role_options}</select>
                                    </div>
                                    <Button kind="submit" variant=ButtonVariant::Secondary>{t!(i18n, admin.save_role)}</Button>
                                </form>
                            </section>

                            <section aria-labelledby="access-heading" class=SECTION>
                                <h2 id="access-heading" class=SUBHEADING>{t!(i18n, admin.access_heading)}</h2>
                                <p class=MUTED>{t!(i18n, admin.disable_hint)}</p>
                                <form method="post" action=SetDisabled::url()>
                                    <input type="hidden" name="id" value=account.id.to_string() />
                                    <input type="hidden" name="disabled" value=disabled.is_none().to_string() />
                                    {if disabled.is_none() {
                                        view! { <Button kind="submit" variant=ButtonVariant::Danger>{t!(i18n, admin.disable)}</Button> }.into_any()
                                    } else {
                                        view! { <Button kind="submit" variant=ButtonVariant::Secondary>{t!(i18n, admin.enable)}</Button> }.into_any()
                                    }}
                                </form>
                                {(!verified).then(|| view! {
                                    <form method="post" action=AdminResendVerification::url()>
                                        <input type="hidden" name="id" value=account.id.to_string() />
                                        <Button kind="submit" variant=ButtonVariant::Secondary>{t!(i18n, admin.resend)}</Button>
                                    </form>
                                })}
                            </section>

                            <section aria-labelledby="history-heading" class=SECTION>
                                <h2 id="history-heading" class=SUBHEADING>{t!(i18n, admin.history)}</h2>
                                <ol aria-labelledby="history-heading" class="flex flex-col">{events}</ol>
                                <a href=format!("/admin/audit?person={}", account.id) class=LINK>{t!(i18n, admin.view_audit)}</a>
                            </section>
                        }
                        .into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}
