//! A task's attachments, as its page shows them: each file (an image with its small picture)
//! to download, a button to delete it, and the upload form. The form posts to the server's own
//! upload route and works without JavaScript; where JavaScript runs, [`UploadProgress`] sends
//! it in the background and shows how far it has got.

use leptos::{prelude::*, server_fn::ServerFn as _};

use crate::{
    attachments::{
        FILE_FIELD, download_path,
        server_fns::{DeleteAttachment, task_attachments, upload_path},
        size_text, thumbnail_path,
    },
    components::{
        dom,
        ui::{Button, ButtonVariant, FileField, Skeleton, set_busy, show_error},
    },
    i18n::{t, t_string, use_i18n},
    locale::format_moment,
    pages::projects::{LINK, MUTED, SECTION, SUBHEADING},
    tasks::server_fns::task_path,
};

#[component]
pub fn TaskAttachments(
    task: String,
    /// Where the list starts (the `files` query).
    cursor: Option<String>,
    /// The upload's problem, when the form came back with one.
    error: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let skeleton = || view! { <div aria-hidden="true"><Skeleton size="h-16 w-full" /></div> };
    view! {
        <section id="attachments" aria-labelledby="attachments-heading" class=SECTION>
            <h2 id="attachments-heading" class=SUBHEADING>{t!(i18n, attachments.heading)}</h2>
            <Suspense fallback=skeleton>
                {Suspend::new(async move {
                    let Ok((page, limits, room)) = task_attachments(task.clone(), cursor.clone()).await else {
                        return ().into_any();
                    };
                    let writable = room.is_some();
                    let empty = page.items.is_empty();
                    let items = page
                        .items
                        .into_iter()
                        .map(|file| {
                            let by = file
                                .uploaded_by
                                .as_ref()
                                .map(|person| person.name.clone())
                                .unwrap_or_else(|| t_string!(i18n, activity.deleted_person).to_string());
                            let meta = t_string!(
                                i18n,
                                attachments.uploaded_by,
                                size = size_text(file.size),
                                name = by,
                                date = format_moment(locale, file.created_at)
                            )
                            .to_string();
                            let picture = file.has_thumbnail.then(|| view! {
                                <img src=thumbnail_path(file.id) alt="" width="64" height="64" loading="lazy" class="size-16 shrink-0 rounded object-cover" />
                            });
                            let hidden_name = format!(" {}", file.name);
                            let delete = writable.then(|| view! {
                                <form method="post" action=DeleteAttachment::url()>
                                    <input type="hidden" name="task" value=task.clone() />
                                    <input type="hidden" name="id" value=file.id.to_string() />
                                    <Button kind="submit" variant=ButtonVariant::Secondary>
                                        {t!(i18n, attachments.delete)}
                                        <span class="sr-only">{hidden_name}</span>
                                    </Button>
                                </form>
                            });
                            view! {
                                <li class="flex flex-wrap items-center gap-3 border-t border-stone-200 py-2 first:border-t-0 dark:border-stone-800">
                                    {picture}
                                    <div class="flex min-w-0 flex-1 flex-col">
                                        <a href=download_path(file.id) download=file.name.clone() class=format!("{LINK} break-all")>{file.name.clone()}</a>
                                        <p class=MUTED>{meta}</p>
                                    </div>
                                    {delete}
                                </li>
                            }
                        })
                        .collect_view();
                    let more = page.next_cursor.map(|next| view! {
                        <a href=format!("{}?files={}#attachments", task_path(&task), crate::forms::encode(&next)) class=LINK>
                            {t!(i18n, attachments.more)}
                        </a>
                    });
                    let form = room.map(|room| {
                        let hint = t_string!(
                            i18n,
                            attachments.hint,
                            size = size_text(limits.max_bytes),
                            left = size_text(room)
                        )
                        .to_string();
                        view! {
                            <UploadProgress>
                                <form
                                    method="post"
                                    action=upload_path(&task)
                                    enctype="multipart/form-data"
                                    data-max=limits.max_bytes.min(room).to_string()
                                    data-too-large=if room < limits.max_bytes {
                                        crate::error::Issue::QuotaExceeded.message(locale)
                                    } else {
                                        crate::error::Issue::FileTooLarge.message(locale)
                                    }
                                    data-failed=t_string!(i18n, attachments.failed).to_string()
                                    class="flex flex-col gap-3"
                                >
                                    <FileField
                                        id=FILE_FIELD
                                        label=t_string!(i18n, attachments.file).to_string()
                                        hint=hint
                                        error=Signal::stored(error.clone())
                                    />
                                    <progress
                                        hidden
                                        max="100"
                                        value="0"
                                        aria-label=t_string!(i18n, attachments.uploading).to_string()
                                        class="h-2 w-full accent-amber-700"
                                    ></progress>
                                    <div><Button kind="submit">{t!(i18n, attachments.upload)}</Button></div>
                                </form>
                            </UploadProgress>
                        }
                    });
                    view! {
                        {empty.then(|| view! { <p class=MUTED>{t!(i18n, attachments.none)}</p> })}
                        <ul aria-labelledby="attachments-heading" class="flex flex-col">{items}</ul>
                        {more}
                        {form}
                    }
                    .into_any()
                })}
            </Suspense>
        </section>
    }
}

/// Around the upload form: checks the chosen file's size before anything is sent, then sends
/// the form in the background with the progress bar filling, and goes where the server says
/// when it is done (the task, with its new file, or the form with the problem). Without
/// JavaScript the form posts as any form does. Lazy: only task pages load its code.
#[island(lazy)]
fn UploadProgress(children: Children) -> impl IntoView {
    use leptos::{
        wasm_bindgen::{JsCast, closure::Closure},
        web_sys::{
            FormData, HtmlFormElement, HtmlInputElement, HtmlProgressElement, ProgressEvent,
            XmlHttpRequest, js_sys,
        },
    };

    let on_submit = move |event: leptos::web_sys::SubmitEvent| {
        let Some(form) =
            dom::closest(&event, "form").and_then(|form| form.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        let file = document()
            .get_element_by_id(FILE_FIELD)
            .and_then(|input| input.dyn_into::<HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0));
        let Some(file) = file else {
            return;
        };
        let attribute = |name: &str| form.get_attribute(name).unwrap_or_default();
        // A whole number: Rust's float parser would weigh more than this island.
        let max: u64 = attribute("data-max").parse().unwrap_or(u64::MAX);
        if file.size() > max as f64 {
            event.prevent_default();
            show_error(FILE_FIELD, Some(&attribute("data-too-large")));
            return;
        }
        let (Ok(request), Ok(body)) = (XmlHttpRequest::new(), FormData::new_with_form(&form))
        else {
            return;
        };
        event.prevent_default();
        show_error(FILE_FIELD, None);
        let button = form.query_selector("button[type=submit]").ok().flatten();
        let progress = form
            .query_selector("progress")
            .ok()
            .flatten()
            .and_then(|bar| bar.dyn_into::<HtmlProgressElement>().ok());
        if let Some(button) = &button {
            set_busy(button, true);
        }
        if let Some(bar) = &progress {
            bar.set_value(0.0);
            dom::set_hidden(bar, false);
        }
        let failed = attribute("data-failed");
        let give_up = {
            let (button, progress) = (button.clone(), progress.clone());
            move || {
                show_error(FILE_FIELD, Some(&failed));
                if let Some(button) = &button {
                    set_busy(button, false);
                }
                if let Some(bar) = &progress {
                    dom::set_hidden(bar, true);
                }
            }
        };
        let on_progress = {
            let progress = progress.clone();
            Closure::<dyn FnMut(ProgressEvent)>::new(move |event: ProgressEvent| {
                if let Some(bar) = &progress
                    && event.length_computable()
                    && event.total() > 0.0
                {
                    bar.set_value(event.loaded() / event.total() * 100.0);
                }
            })
        };
        let on_done = {
            let request = request.clone();
            let give_up = give_up.clone();
            Closure::<dyn FnMut()>::new(move || {
                let location = request
                    .response_text()
                    .ok()
                    .flatten()
                    .filter(|_| request.status().is_ok_and(|status| status == 200))
                    .and_then(|text| js_sys::JSON::parse(&text).ok())
                    .and_then(|json| js_sys::Reflect::get(&json, &"location".into()).ok())
                    .and_then(|location| location.as_string());
                let Some(location) = location else {
                    give_up();
                    return;
                };
                // Back to this very page (to its list of files): only the fragment differs,
                // which the browser would merely scroll to, so the page is loaded again.
                let here = window().location();
                let (path, fragment) = location.split_once('#').unwrap_or((&location, ""));
                let this_page = here
                    .pathname()
                    .and_then(|pathname| Ok(pathname + &here.search()?))
                    .is_ok_and(|current| current == path);
                if this_page {
                    let _ = here.set_hash(fragment);
                    let _ = here.reload();
                } else {
                    let _ = here.assign(&location);
                }
            })
        };
        let on_error = Closure::<dyn FnMut()>::new(give_up);
        let sent = request
            .open_with_async("POST", &form.action(), true)
            .and_then(|()| request.set_request_header("Hearth-Upload", "progress"))
            .and_then(|()| {
                if let Ok(upload) = request.upload() {
                    upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
                }
                request.set_onload(Some(on_done.as_ref().unchecked_ref()));
                request.set_onerror(Some(on_error.as_ref().unchecked_ref()));
                request.send_with_opt_form_data(Some(&body))
            });
        // The request holds the handlers until it ends; they run at most a few times.
        on_progress.forget();
        on_done.forget();
        on_error.forget();
        if sent.is_err() {
            let _ = form.submit();
        }
    };
    view! { <div class="contents" on:submit=on_submit>{children()}</div> }
}
