//! `/w/:id`: one workspace, as its members see it.

use leptos::prelude::*;

use super::{HEADING, LINK, MUTED, Part, WorkspaceBar, role_name, unavailable, workspace_id};
use crate::{
    components::{page_title::PageTitle, ui::Skeleton},
    i18n::{t, t_string, use_i18n},
    locale::format_date,
    workspaces::server_fns::{get_workspace, my_workspaces, workspace_path},
};

#[component]
pub fn WorkspacePage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let id = workspace_id();
    let date =
        move |at: time::OffsetDateTime| format_date(locale, at.year(), at.month().into(), at.day());
    let skeleton = || view! { <div aria-hidden="true"><Skeleton size="h-40 w-full" /></div> };

    view! {
        <section class="flex flex-col gap-6">
            <Suspense fallback=skeleton>
                {Suspend::new(async move {
                    let found = match get_workspace(id.clone()).await {
                        Ok(found) => found,
                        Err(error) => return unavailable(&error),
                    };
                    let others = my_workspaces(None).await.map(|(page, _)| page.items).unwrap_or_default();
                    let title = found.name.clone();
                    let people = workspace_path(&id, "people");
                    view! {
                        <PageTitle text=move || title.clone() />
                        <WorkspaceBar workspace=found.clone() others current=Part::Home />
                        <div class="flex flex-col gap-2">
                            <h1 class=HEADING>{found.name.clone()}</h1>
                            <p class=MUTED>
                                {t_string!(i18n, workspaces.your_role, role = role_name(locale, found.role)).to_string()}
                                " · "
                                {t_string!(i18n, workspaces.member_count, count = found.member_count).to_string()}
                                " · "
                                {t_string!(i18n, workspaces.created_on, date = date(found.created_at)).to_string()}
                            </p>
                        </div>
                        <p class="max-w-prose text-stone-800 dark:text-stone-200">
                            {if found.role.can_manage() {
                                t_string!(i18n, workspaces.home_manage).to_string()
                            } else {
                                t_string!(i18n, workspaces.home_member).to_string()
                            }}
                        </p>
                        <p><a href=people class=LINK>{t!(i18n, workspaces.see_people)}</a></p>
                    }
                    .into_any()
                })}
            </Suspense>
        </section>
    }
}
