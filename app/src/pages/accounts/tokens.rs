//! `/settings/tokens`: the signed-in person's personal access tokens (routed under
//! `RequireUser`): the form that makes one, the token just made (shown this once, ready to be
//! copied), and each token's scope, expiry and last use with a button that revokes it.

use leptos::{prelude::*, server_fn::ServerFn as _};
use leptos_router::hooks::use_query_map;

use crate::{
    api_tokens::{
        DEFAULT_LIFETIME, LIFETIMES, Scope, fields,
        server_fns::{CreateApiToken, RevokeApiToken, api_tokens_page},
    },
    components::{
        form::FormNotice,
        page_title::PageTitle,
        ui::{Button, ButtonVariant, Skeleton, TextField},
    },
    forms::Feedback,
    i18n::{t, t_string, use_i18n},
    locale::format_moment,
    pages::projects::{HEADING, INPUT, LABEL, LINK, MUTED, SECTION, SUBHEADING},
};

#[component]
pub fn ApiTokensPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let query = use_query_map().get_untracked();
    let feedback = Feedback::from_query(&query);
    let name_error = feedback
        .issue(fields::NAME)
        .map(|issue| issue.message(locale));
    let typed_name = query.get(fields::NAME).unwrap_or_default();
    let scope_name = move |scope: Scope| match scope {
        Scope::Read => t_string!(i18n, tokens.read).to_string(),
        Scope::ReadWrite => t_string!(i18n, tokens.read_write).to_string(),
    };
    let skeleton = || view! { <div aria-hidden="true"><Skeleton size="h-32 w-full" /></div> };
    view! {
        <PageTitle text=move || t_string!(i18n, tokens.title).to_string() />
        <section class="flex max-w-2xl flex-col gap-8">
            <a href="/settings" class=LINK>{t!(i18n, tokens.back)}</a>
            <h1 class=HEADING>{t!(i18n, tokens.title)}</h1>
            <p class="text-stone-800 dark:text-stone-200">{t!(i18n, tokens.intro)}</p>
            <FormNotice notice=feedback.notice />
            <Suspense fallback=skeleton>
                {Suspend::new(async move {
                    let Ok((tokens, fresh)) = api_tokens_page().await else {
                        return ().into_any();
                    };
                    let fresh = fresh.map(|secret| view! {
                        <div role="status" class="flex flex-col gap-2 rounded-md border border-green-700 bg-green-50 p-4 dark:border-green-500 dark:bg-green-950">
                            <p class="font-medium text-stone-900 dark:text-stone-100">{t!(i18n, tokens.created)}</p>
                            <label for="fresh-token" class=LABEL>{t!(i18n, tokens.your_token)}</label>
                            <input id="fresh-token" type="text" readonly value=secret class=format!("{INPUT} font-mono text-sm") />
                        </div>
                    });
                    let empty = tokens.is_empty();
                    let items = tokens
                        .into_iter()
                        .map(|token| {
                            let expires = token.expires_at.map_or_else(
                                || t_string!(i18n, tokens.never_expires).to_string(),
                                |at| t_string!(i18n, tokens.expires_on, date = format_moment(locale, at)).to_string(),
                            );
                            let used = token.last_used_at.map_or_else(
                                || t_string!(i18n, tokens.never_used).to_string(),
                                |at| t_string!(i18n, tokens.last_used, date = format_moment(locale, at)).to_string(),
                            );
                            view! {
                                <li class="flex flex-wrap items-center justify-between gap-3 border-t border-stone-200 py-3 first:border-t-0 dark:border-stone-800">
                                    <div class="flex min-w-0 flex-col">
                                        <p class="font-medium break-words text-stone-900 dark:text-stone-100">{token.name.clone()}</p>
                                        <p class=MUTED>{format!("{} · {expires} · {used}", scope_name(token.scope))}</p>
                                    </div>
                                    <form method="post" action=RevokeApiToken::url()>
                                        <input type="hidden" name="id" value=token.id.to_string() />
                                        <Button kind="submit" variant=ButtonVariant::Danger>
                                            {t!(i18n, tokens.revoke)}
                                            <span class="sr-only">{format!(" {}", token.name)}</span>
                                        </Button>
                                    </form>
                                </li>
                            }
                        })
                        .collect_view();
                    view! {
                        {fresh}
                        <section aria-labelledby="tokens-heading" class=SECTION>
                            <h2 id="tokens-heading" class=SUBHEADING>{t!(i18n, tokens.yours)}</h2>
                            {empty.then(|| view! { <p class=MUTED>{t!(i18n, tokens.none)}</p> })}
                            <ul aria-labelledby="tokens-heading" class="flex flex-col">{items}</ul>
                        </section>
                    }
                    .into_any()
                })}
            </Suspense>
            <section aria-labelledby="new-token-heading" class=SECTION>
                <h2 id="new-token-heading" class=SUBHEADING>{t!(i18n, tokens.new_token)}</h2>
                <form method="post" action=CreateApiToken::url() class="flex flex-col gap-4">
                    <TextField
                        id=fields::NAME
                        label=t_string!(i18n, tokens.name).to_string()
                        hint=t_string!(i18n, tokens.name_hint).to_string()
                        required=true
                        value=Signal::stored(typed_name)
                        error=Signal::stored(name_error)
                    />
                    <fieldset class="flex flex-col gap-2">
                        <legend class=LABEL>{t!(i18n, tokens.scope)}</legend>
                        {Scope::ALL
                            .into_iter()
                            .map(|scope| view! {
                                <label class="flex items-center gap-2 text-stone-900 dark:text-stone-100">
                                    <input type="radio" name=fields::SCOPE value=scope.as_str() checked=scope == Scope::Read class="size-4 accent-orange-700" />
                                    {scope_name(scope)}
                                </label>
                            })
                            .collect_view()}
                    </fieldset>
                    <div class="flex flex-col gap-1">
                        <label for=fields::EXPIRES_IN_DAYS class=LABEL>{t!(i18n, tokens.expires)}</label>
                        <select id=fields::EXPIRES_IN_DAYS name=fields::EXPIRES_IN_DAYS class=INPUT>
                            {LIFETIMES
                                .into_iter()
                                .map(|days| {
                                    let text = if days == 0 {
                                        t_string!(i18n, tokens.never).to_string()
                                    } else {
                                        t_string!(i18n, tokens.days, count = days).to_string()
                                    };
                                    view! { <option value=days.to_string() selected=days == DEFAULT_LIFETIME>{text}</option> }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <div><Button kind="submit">{t!(i18n, tokens.create)}</Button></div>
                </form>
            </section>
        </section>
    }
}
