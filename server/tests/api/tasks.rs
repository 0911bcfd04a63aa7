//! Projects and tasks: keys and numbering, lists filtered and paged by cursor, changes guarded
//! by versions (`ETag` / `If-Match`, 412 when stale), relations checked, history kept; the
//! board and the task page without JavaScript; and the matrix: anonymous 401, members of other
//! workspaces 404, viewers 403 for anything that writes, and nothing changes for any of them.

use http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{Engine, TestApp, TestUser, field_errors, location, number, problem};
use crate::http::Response;

crate::on_both_engines!(
    projects_have_unique_keys_and_are_listed_changed_archived_and_deleted,
    tasks_are_numbered_per_project_filtered_and_paged,
    a_stale_change_is_refused_with_412_and_nothing_is_written,
    relations_dates_labels_and_assignees_are_checked,
    outsiders_and_viewers_are_refused_and_nothing_changes,
    the_board_and_the_task_page_work_without_javascript,
    my_tasks_are_mine_open_and_due_soonest_first,
    comments_mention_members_who_are_notified_as_are_new_assignees,
    members_who_asked_for_it_are_told_by_letter_too,
    descriptions_and_comments_show_their_markdown_and_nothing_that_runs,
);

async fn json_of(response: Response, status: StatusCode) -> Value {
    assert_eq!(response.status(), status);
    response.json().await.unwrap()
}

async fn workspace(app: &TestApp, owner: &TestUser) -> String {
    let made = app
        .call(
            Method::POST,
            "/api/v1/workspaces",
            Some(&owner.access_token),
            Some(json!({ "name": "Acme" })),
        )
        .await;
    json_of(made, StatusCode::CREATED).await["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn project(app: &TestApp, owner: &TestUser, workspace: &str, key: &str) -> String {
    let made = app
        .call(
            Method::POST,
            &format!("/api/v1/workspaces/{workspace}/projects"),
            Some(&owner.access_token),
            Some(json!({ "name": format!("Project {key}"), "key": key })),
        )
        .await;
    json_of(made, StatusCode::CREATED).await["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn task(app: &TestApp, who: &TestUser, project: &str, body: Value) -> Value {
    let made = app
        .call(
            Method::POST,
            &format!("/api/v1/projects/{project}/tasks"),
            Some(&who.access_token),
            Some(body),
        )
        .await;
    json_of(made, StatusCode::CREATED).await
}

async fn projects_have_unique_keys_and_are_listed_changed_archived_and_deleted(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let ann = app.user("ann@example.com").await;
    let token = Some(ann.access_token.as_str());
    let ws = workspace(&app, &ann).await;
    let projects = format!("/api/v1/workspaces/{ws}/projects");

    let made = app
        .call(
            Method::POST,
            &projects,
            token,
            Some(json!({ "name": "Website", "key": " web ", "description": "The public site" })),
        )
        .await;
    let web = json_of(made, StatusCode::CREATED).await;
    assert_eq!(web["key"], "WEB");
    assert_eq!(web["open_tasks"], 0);
    let web_id = web["id"].as_str().unwrap().to_owned();

    let taken = app
        .call(
            Method::POST,
            &projects,
            token,
            Some(json!({ "name": "Other", "key": "Web" })),
        )
        .await;
    let body = problem(taken, StatusCode::CONFLICT).await;
    assert_eq!(field_errors(&body)[0].0, "key");
    let bad = app
        .call(
            Method::POST,
            &projects,
            token,
            Some(json!({ "name": "", "key": "1X" })),
        )
        .await;
    let body = problem(bad, StatusCode::UNPROCESSABLE_ENTITY).await;
    let fields: Vec<String> = field_errors(&body).into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["name", "key"], "every problem at once");

    project(&app, &ann, &ws, "APP").await;
    let list = json_of(
        app.call(Method::GET, &format!("{projects}?limit=1"), token, None)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    assert!(list["next_cursor"].is_string());

    let archived = app
        .call(
            Method::PATCH,
            &format!("/api/v1/projects/{web_id}"),
            token,
            Some(json!({ "archived": true, "name": "Old website" })),
        )
        .await;
    let archived = json_of(archived, StatusCode::OK).await;
    assert_eq!(archived["archived"], true);
    assert_eq!(archived["key"], "WEB", "the key never changes");
    let active = json_of(
        app.call(Method::GET, &projects, token, None).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(active["items"].as_array().unwrap().len(), 1);
    let old = json_of(
        app.call(
            Method::GET,
            &format!("{projects}?archived=true"),
            token,
            None,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(old["items"][0]["name"], "Old website");

    task(&app, &ann, &web_id, json!({ "title": "One" })).await;
    let deleted = app
        .call(
            Method::DELETE,
            &format!("/api/v1/projects/{web_id}"),
            token,
            None,
        )
        .await;
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    assert_eq!(number(&app.services, "SELECT COUNT(*) FROM tasks").await, 0);
    problem(
        app.call(
            Method::GET,
            &format!("/api/v1/projects/{web_id}"),
            token,
            None,
        )
        .await,
        StatusCode::NOT_FOUND,
    )
    .await;
}

async fn tasks_are_numbered_per_project_filtered_and_paged(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let ann = app.user("ann@example.com").await;
    app.user("bo@example.com").await;
    let ws = workspace(&app, &ann).await;
    app.add_member(&ws, "bo@example.com", "member").await;
    let bo = app.user_id("bo@example.com").await.to_string();
    let web = project(&app, &ann, &ws, "WEB").await;
    let app_project = project(&app, &ann, &ws, "APP").await;

    let first = task(
        &app,
        &ann,
        &web,
        json!({
            "title": "Fix  the login",
            "description": "It **fails** on Safari.",
            "status": "in_progress",
            "priority": "high",
            "assignee_ids": [bo],
            "labels": ["bug", "Bug", "login"],
            "start_date": "2026-12-01",
            "due_date": "2026-12-24",
        }),
    )
    .await;
    assert_eq!(first["reference"], "WEB-1");
    assert_eq!(first["title"], "Fix the login");
    assert_eq!(first["labels"], json!(["bug", "login"]));
    assert_eq!(first["assignees"][0]["id"], bo.as_str());
    assert_eq!(first["due_date"], "2026-12-24");
    assert_eq!(first["version"], 1);
    assert_eq!(first["created_by"]["name"], crate::helpers::NAME);
    assert_eq!(
        task(&app, &ann, &app_project, json!({ "title": "Elsewhere" })).await["reference"],
        "APP-1",
        "numbers are per project"
    );
    for n in 2..=6 {
        let body = if n % 2 == 0 {
            json!({ "title": format!("Task {n}"), "labels": ["ux"] })
        } else {
            json!({ "title": format!("Task {n}"), "status": "done" })
        };
        assert_eq!(task(&app, &ann, &web, body).await["number"], n);
    }
    let token = Some(ann.access_token.as_str());
    let list = |query: &str| format!("/api/v1/projects/{web}/tasks?{query}");
    let numbers = |page: &Value| -> Vec<i64> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["number"].as_i64().unwrap())
            .collect()
    };
    let all = json_of(
        app.call(Method::GET, &list(""), token, None).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(numbers(&all), [6, 5, 4, 3, 2, 1], "newest first");
    let done = json_of(
        app.call(Method::GET, &list("status=done"), token, None)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(numbers(&done), [5, 3]);
    let mine = json_of(
        app.call(Method::GET, &list(&format!("assignee={bo}")), token, None)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(numbers(&mine), [1]);
    let ux = json_of(
        app.call(Method::GET, &list("label=ux&status=todo"), token, None)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(numbers(&ux), [6, 4, 2]);

    let mut seen = Vec::new();
    let mut cursor = String::new();
    loop {
        let page = json_of(
            app.call(
                Method::GET,
                &list(&format!("limit=4&cursor={cursor}")),
                token,
                None,
            )
            .await,
            StatusCode::OK,
        )
        .await;
        seen.extend(numbers(&page));
        match page["next_cursor"].as_str() {
            Some(next) => cursor = next.to_owned(),
            None => break,
        }
    }
    assert_eq!(seen, [6, 5, 4, 3, 2, 1]);

    for query in ["status=later", "assignee=someone", "limit=500", "cursor=zz"] {
        let refused = app.call(Method::GET, &list(query), token, None).await;
        problem(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let project_now = json_of(
        app.call(Method::GET, &format!("/api/v1/projects/{web}"), token, None)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(project_now["open_tasks"], 4);
}

async fn a_stale_change_is_refused_with_412_and_nothing_is_written(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let ann = app.user("ann@example.com").await;
    let bo = app.user("bo@example.com").await;
    let ws = workspace(&app, &ann).await;
    app.add_member(&ws, "bo@example.com", "member").await;
    let web = project(&app, &ann, &ws, "WEB").await;
    let made = task(&app, &ann, &web, json!({ "title": "Write the copy" })).await;
    let path = format!("/api/v1/tasks/{}", made["id"].as_str().unwrap());

    // Both read version 1.
    let read = app
        .call(Method::GET, &path, Some(&ann.access_token), None)
        .await;
    assert_eq!(read.headers()["etag"], "\"1\"");

    // Ann writes first.
    let first = app
        .client
        .request(Method::PATCH, app.url(&path))
        .bearer_auth(&ann.access_token)
        .header("if-match", "\"1\"")
        .json(&json!({ "title": "Write the launch copy", "status": "in_progress" }))
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(first.headers()["etag"], "\"2\"");

    // Bo's change, made on version 1, is refused and changes nothing.
    let second = app
        .client
        .request(Method::PATCH, app.url(&path))
        .bearer_auth(&bo.access_token)
        .header("if-match", "\"1\"")
        .json(&json!({ "title": "Bo's title" }))
        .send()
        .await
        .unwrap();
    let body = problem(second, StatusCode::PRECONDITION_FAILED).await;
    assert_eq!(body["type"], "urn:hearth:problem:stale");
    let now = json_of(
        app.call(Method::GET, &path, Some(&bo.access_token), None)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(now["title"], "Write the launch copy");
    assert_eq!(now["version"], 2);
    assert_eq!(now["updated_by"]["name"], crate::helpers::NAME);

    // A header that names no version of ours cannot match either; `*` and no header write.
    for tag in ["\"banana\"", "W/\"1\""] {
        let refused = app
            .client
            .request(Method::PATCH, app.url(&path))
            .bearer_auth(&bo.access_token)
            .header("if-match", tag)
            .json(&json!({ "priority": "low" }))
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), StatusCode::PRECONDITION_FAILED, "{tag}");
    }
    let again = app
        .client
        .request(Method::PATCH, app.url(&path))
        .bearer_auth(&bo.access_token)
        .header("if-match", "W/\"2\"")
        .json(&json!({ "priority": "low", "due_date": "2027-01-15" }))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::OK);
    let cleared = app
        .call(
            Method::PATCH,
            &path,
            Some(&bo.access_token),
            Some(json!({ "due_date": null })),
        )
        .await;
    let cleared = json_of(cleared, StatusCode::OK).await;
    assert_eq!(cleared["due_date"], Value::Null);
    assert_eq!(cleared["priority"], "low", "what is left out stays");

    let history = json_of(
        app.call(
            Method::GET,
            &format!("{path}/history"),
            Some(&ann.access_token),
            None,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let fields: Vec<&str> = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        [
            "created", "title", "status", "priority", "due_date", "due_date"
        ],
        "{history}"
    );
    assert_eq!(history["items"][2]["old_value"], "todo");
    assert_eq!(history["items"][2]["new_value"], "in_progress");
}

async fn relations_dates_labels_and_assignees_are_checked(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let ann = app.user("ann@example.com").await;
    app.user("vic@example.com").await;
    app.user("otto@example.com").await;
    let ws = workspace(&app, &ann).await;
    app.add_member(&ws, "vic@example.com", "viewer").await;
    let vic = app.user_id("vic@example.com").await.to_string();
    let otto = app.user_id("otto@example.com").await.to_string();
    let web = project(&app, &ann, &ws, "WEB").await;
    let other = project(&app, &ann, &ws, "APP").await;
    let parent = task(&app, &ann, &web, json!({ "title": "Launch" })).await;
    let parent_id = parent["id"].as_str().unwrap().to_owned();
    let child = task(
        &app,
        &ann,
        &web,
        json!({ "title": "Copy", "parent_id": parent_id }),
    )
    .await;
    let child_id = child["id"].as_str().unwrap().to_owned();
    assert_eq!(child["parent"]["reference"], "WEB-1");
    let elsewhere = task(&app, &ann, &other, json!({ "title": "Elsewhere" })).await;

    let cases = [
        (
            json!({ "title": "x", "due_date": "2026-01-01", "start_date": "2026-02-01" }),
            "due_date",
        ),
        (
            json!({ "title": "x", "due_date": "2026-02-30" }),
            "due_date",
        ),
        (
            json!({ "title": "x", "labels": ["x".repeat(31)] }),
            "labels",
        ),
        (
            json!({ "title": "x", "assignee_ids": [vic] }),
            "assignee_ids",
        ),
        (
            json!({ "title": "x", "assignee_ids": [otto] }),
            "assignee_ids",
        ),
        (
            json!({ "title": "x", "parent_id": elsewhere["id"] }),
            "parent_id",
        ),
        (
            json!({ "title": "x", "blocked_by_ids": [elsewhere["id"]] }),
            "blocked_by_ids",
        ),
        (json!({ "title": "x", "status": "later" }), "status"),
        (json!({ "title": " " }), "title"),
        (json!({ "description": "no title" }), "title"),
    ];
    let before = number(&app.services, "SELECT COUNT(*) FROM tasks").await;
    for (body, field) in cases {
        let refused = app
            .call(
                Method::POST,
                &format!("/api/v1/projects/{web}/tasks"),
                Some(&ann.access_token),
                Some(body.clone()),
            )
            .await;
        let problem = problem(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
        let fields: Vec<String> = field_errors(&problem).into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, [field], "{body}: {problem}");
    }
    assert_eq!(
        number(&app.services, "SELECT COUNT(*) FROM tasks").await,
        before
    );

    // No loops: a task cannot sit below itself or below its own subtask, nor block itself.
    for body in [
        json!({ "parent_id": parent_id }),
        json!({ "blocked_by_ids": [parent_id] }),
    ] {
        let refused = app
            .call(
                Method::PATCH,
                &format!("/api/v1/tasks/{parent_id}"),
                Some(&ann.access_token),
                Some(body.clone()),
            )
            .await;
        problem(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let looped = app
        .call(
            Method::PATCH,
            &format!("/api/v1/tasks/{parent_id}"),
            Some(&ann.access_token),
            Some(json!({ "parent_id": child_id })),
        )
        .await;
    problem(looped, StatusCode::UNPROCESSABLE_ENTITY).await;

    let blocked = app
        .call(
            Method::PATCH,
            &format!("/api/v1/tasks/{child_id}"),
            Some(&ann.access_token),
            Some(json!({ "blocked_by_ids": [parent_id] })),
        )
        .await;
    let blocked = json_of(blocked, StatusCode::OK).await;
    assert_eq!(blocked["blocked_by"][0]["reference"], "WEB-1");
    let parent_now = json_of(
        app.call(
            Method::GET,
            &format!("/api/v1/tasks/{parent_id}"),
            Some(&ann.access_token),
            None,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(parent_now["subtasks"][0]["reference"], "WEB-2");
    assert_eq!(parent_now["blocks"][0]["reference"], "WEB-2");

    // Deleting the parent leaves the subtask, without a parent.
    let deleted = app
        .call(
            Method::DELETE,
            &format!("/api/v1/tasks/{parent_id}"),
            Some(&ann.access_token),
            None,
        )
        .await;
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    let orphan = json_of(
        app.call(
            Method::GET,
            &format!("/api/v1/tasks/{child_id}"),
            Some(&ann.access_token),
            None,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(orphan["parent"], Value::Null);
    assert_eq!(orphan["blocked_by"], json!([]));
}

/// Everything the project and task tables hold, as one comparable text.
async fn snapshot(app: &TestApp) -> String {
    let mut parts = Vec::new();
    for sql in [
        "SELECT COUNT(*) FROM projects",
        "SELECT COUNT(*) FROM projects WHERE archived_at IS NOT NULL",
        "SELECT COUNT(*) FROM tasks",
        "SELECT COALESCE(MAX(version), 0) FROM tasks",
        "SELECT COUNT(*) FROM task_assignees",
        "SELECT COUNT(*) FROM task_labels",
        "SELECT COUNT(*) FROM task_blocks",
        "SELECT COUNT(*) FROM task_events",
        "SELECT COUNT(*) FROM task_comments",
        "SELECT COUNT(*) FROM notifications",
    ] {
        parts.push(number(&app.services, sql).await.to_string());
    }
    parts.join("|")
}

async fn outsiders_and_viewers_are_refused_and_nothing_changes(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let ann = app.user("ann@example.com").await;
    let viewer = app.user("vic@example.com").await;
    let outsider = app.user("otto@example.com").await;
    let ws = workspace(&app, &ann).await;
    workspace(&app, &outsider).await;
    app.add_member(&ws, "vic@example.com", "viewer").await;
    let web = project(&app, &ann, &ws, "WEB").await;
    let made = task(
        &app,
        &ann,
        &web,
        json!({ "title": "Secret plan", "labels": ["x"] }),
    )
    .await;
    let task_id = made["id"].as_str().unwrap().to_owned();
    let before = snapshot(&app).await;

    let document: Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    let mut operations = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        let filled = if path.starts_with("/projects/{id}") {
            path.replace("{id}", &web)
        } else if path.starts_with("/tasks/{id}") {
            path.replace("{id}", &task_id)
        } else if path == "/workspaces/{id}/projects" {
            path.replace("{id}", &ws)
        } else {
            continue;
        };
        for method in item.as_object().unwrap().keys() {
            if let Ok(method) = method.to_uppercase().parse::<Method>() {
                operations.push((method, format!("/api/v1{filled}")));
            }
        }
    }
    assert!(operations.len() >= 9, "{operations:?}");
    let body = json!({ "name": "Taken", "key": "TAKE", "title": "Taken", "archived": true });
    for (method, path) in operations {
        let what = format!("{method} {path}");
        let send = |token: Option<String>| {
            let (app, method, path, body) = (&app, method.clone(), path.clone(), body.clone());
            async move {
                app.call(method, &path, token.as_deref(), Some(body))
                    .await
                    .status()
            }
        };
        assert_eq!(
            send(None).await,
            StatusCode::UNAUTHORIZED,
            "{what} as anonymous"
        );
        assert_eq!(
            send(Some(outsider.access_token.clone())).await,
            StatusCode::NOT_FOUND,
            "{what} from another workspace"
        );
        let as_viewer = send(Some(viewer.access_token.clone())).await;
        if method == Method::GET {
            assert_eq!(as_viewer, StatusCode::OK, "{what} as a viewer");
        } else {
            assert_eq!(as_viewer, StatusCode::FORBIDDEN, "{what} as a viewer");
        }
        assert_eq!(snapshot(&app).await, before, "{what} changed something");
    }

    // The server functions behind the pages, the same three ways.
    let mut pages = Vec::new();
    for email in ["vic@example.com", "otto@example.com"] {
        let mut browser = app.browser();
        browser.log_in(email).await;
        pages.push(browser.cookies);
    }
    let arguments = format!(
        "id={task_id}&project={web}&workspace={ws}&version=1&title=Taken&name=Taken&key=TAKE\
         &description=x&status=done&priority=low&labels=&start_date=&due_date=&parent=&blocked_by=\
         &member={task_id}&assigned=true&archived=true&body=Hi"
    );
    let reads = [
        "workspace-projects",
        "project-board",
        "project-tasks",
        "task",
    ];
    let writes = [
        "create-project",
        "update-project",
        "archive-project",
        "delete-project",
        "create-task",
        "update-task",
        "move-task",
        "assign-task",
        "delete-task",
        "comment-task",
    ];
    for function in reads.iter().chain(writes.iter()) {
        let path = format!("/fn/{function}");
        // The project's functions take its id as `id`; the task's as `id` too.
        let arguments = if function.contains("project")
            && *function != "create-project"
            && *function != "workspace-projects"
        {
            arguments.replacen(&format!("id={task_id}"), &format!("id={web}"), 1)
        } else if *function == "workspace-projects" {
            arguments.replacen(&format!("id={task_id}"), &format!("id={ws}"), 1)
        } else {
            arguments.clone()
        };
        let viewer_expects = if reads.contains(function) {
            StatusCode::OK
        } else {
            StatusCode::FORBIDDEN
        };
        for (who, cookies, expected) in [
            ("anonymous", String::new(), StatusCode::UNAUTHORIZED),
            ("an outsider", pages[1].clone(), StatusCode::NOT_FOUND),
            ("a viewer", pages[0].clone(), viewer_expects),
        ] {
            let answer = app
                .client
                .post(app.url(&path))
                .header("origin", app.url(""))
                .header("sec-fetch-site", "same-origin")
                .header("accept", "application/json")
                .header("content-type", "application/x-www-form-urlencoded")
                .header("cookie", cookies)
                .body(arguments.clone())
                .send()
                .await
                .unwrap();
            assert_eq!(answer.status(), expected, "{path} as {who}");
            assert_eq!(
                snapshot(&app).await,
                before,
                "{path} as {who} changed something"
            );
        }
    }
}

async fn the_board_and_the_task_page_work_without_javascript(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut ann = app.browser();
    ann.register("Ann Lee", "ann@example.com").await;
    let made = ann.form("/fn/create-workspace", "name=Acme").await;
    let home = location(&made);
    let ws = home.trim_start_matches("/w/").to_owned();

    let refused = ann
        .form(
            "/fn/create-project",
            &format!("workspace={ws}&name=Website&key=w"),
        )
        .await;
    assert!(
        location(&refused).contains("e=key%3Akey-invalid"),
        "{}",
        location(&refused)
    );
    let page = ann.get(&location(&refused)).await.text().await.unwrap();
    assert!(
        page.contains("value=\"Website\""),
        "the typed name comes back"
    );
    let made = ann
        .form(
            "/fn/create-project",
            &format!("workspace={ws}&name=Website&key=web"),
        )
        .await;
    let board = location(&made);
    assert!(board.starts_with("/projects/"), "{board}");
    let project = board.trim_start_matches("/projects/").to_owned();

    let added = ann
        .form(
            "/fn/create-task",
            &format!("project={project}&title=Write+the+copy"),
        )
        .await;
    assert_eq!(location(&added), board);
    let page = ann.get(&board).await.text().await.unwrap();
    assert!(
        page.contains("WEB-1") && page.contains("Write the copy"),
        "{page}"
    );
    let id: String = app::with_pool!(&app.services.db, pool => sqlx::query_scalar::<_, uuid::Uuid>("SELECT id FROM tasks")
        .fetch_one(pool)
        .await)
    .unwrap()
    .to_string();

    // Moved on the board by its button (a form): to "In progress".
    let moved = ann
        .form(
            "/fn/move-task",
            &format!("id={id}&version=1&status=in_progress&project={project}"),
        )
        .await;
    assert_eq!(location(&moved), format!("{board}#task-{id}"));
    let status: String =
        app::with_pool!(&app.services.db, pool => sqlx::query_scalar("SELECT status FROM tasks")
        .fetch_one(pool)
        .await)
        .unwrap();
    assert_eq!(status, "in_progress");

    // The same button on a page opened before the move is stale: back to the board, told so.
    let stale = ann
        .form(
            "/fn/move-task",
            &format!("id={id}&version=1&status=done&project={project}"),
        )
        .await;
    assert_eq!(location(&stale), format!("{board}?notice=stale"));
    let page = ann.get(&location(&stale)).await.text().await.unwrap();
    assert!(page.contains("Someone changed this while you were editing it."));

    // Editing on the task page with an old version keeps the typed text and shows the new one.
    let task_page = format!("/tasks/{id}");
    let page = ann.get(&task_page).await.text().await.unwrap();
    assert!(page.contains("name=\"version\" value=\"2\""), "{page}");
    let edit = |version: u32, title: &str| {
        format!(
            "id={id}&version={version}&title={}&description=Mine&status=in_progress&priority=high\
             &labels=copy&start_date=&due_date=2026-12-24&parent=&blocked_by=",
            app::forms::encode(title)
        )
    };
    let stale = ann
        .form("/fn/update-task", &edit(1, "My better title"))
        .await;
    let back = location(&stale);
    assert!(
        back.contains("notice=stale") && back.contains("title=My%20better%20title"),
        "{back}"
    );
    let page = ann.get(&back).await.text().await.unwrap();
    assert!(
        page.contains("value=\"My better title\""),
        "the typed title is kept"
    );
    assert!(
        page.contains(
            "<h1 class=\"text-3xl font-bold text-stone-900 dark:text-white\">Write the copy</h1>"
        ),
        "the stored title is shown"
    );
    assert!(
        page.contains("name=\"version\" value=\"2\""),
        "the form now carries the new version"
    );
    let saved = ann
        .form("/fn/update-task", &edit(2, "My better title"))
        .await;
    assert_eq!(location(&saved), task_page);
    let page = ann.get(&task_page).await.text().await.unwrap();
    assert!(
        page.contains("My better title") && page.contains("Mine"),
        "{page}"
    );

    let bad_date = ann
        .form(
            "/fn/update-task",
            &edit(3, "x").replace("2026-12-24", "2026-13-45"),
        )
        .await;
    assert!(
        location(&bad_date).contains("e=due_date%3Aunreadable"),
        "{}",
        location(&bad_date)
    );

    let gone = ann.form("/fn/delete-task", &format!("id={id}")).await;
    assert_eq!(location(&gone), board);
    assert_eq!(ann.get(&task_page).await.status(), StatusCode::NOT_FOUND);
}

async fn my_tasks_are_mine_open_and_due_soonest_first(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let ann = app.user("ann@example.com").await;
    let bo = app.user("bo@example.com").await;
    let first = workspace(&app, &ann).await;
    let second = workspace(&app, &ann).await;
    app.add_member(&first, "bo@example.com", "member").await;
    app.add_member(&second, "bo@example.com", "member").await;
    let bo_id = app.user_id("bo@example.com").await.to_string();
    let web = project(&app, &ann, &first, "WEB").await;
    let ops = project(&app, &ann, &second, "OPS").await;
    let mine = |title: &str, due: Option<&str>, status: &str| json!({ "title": title, "assignee_ids": [bo_id], "due_date": due, "status": status });
    task(&app, &ann, &web, mine("No date", None, "todo")).await;
    task(
        &app,
        &ann,
        &web,
        mine("Later", Some("2027-03-01"), "in_progress"),
    )
    .await;
    task(
        &app,
        &ann,
        &ops,
        mine("Soonest", Some("2026-12-20"), "todo"),
    )
    .await;
    task(
        &app,
        &ann,
        &ops,
        mine("Finished", Some("2026-12-01"), "done"),
    )
    .await;
    task(
        &app,
        &ann,
        &ops,
        json!({ "title": "Someone else's", "due_date": "2026-12-02" }),
    )
    .await;

    let mut titles = Vec::new();
    let mut cursor = String::new();
    loop {
        let page = json_of(
            app.call(
                Method::GET,
                &format!("/api/v1/me/tasks?limit=2&cursor={cursor}"),
                Some(&bo.access_token),
                None,
            )
            .await,
            StatusCode::OK,
        )
        .await;
        titles.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["title"].as_str().unwrap().to_owned()),
        );
        match page["next_cursor"].as_str() {
            Some(next) => cursor = next.to_owned(),
            None => break,
        }
    }
    assert_eq!(titles, ["Soonest", "Later", "No date"]);

    // Leaving a workspace takes its tasks off the list (the assignment stays for its members).
    let left = app
        .call(
            Method::DELETE,
            &format!("/api/v1/workspaces/{second}/members/{bo_id}"),
            Some(&bo.access_token),
            None,
        )
        .await;
    assert_eq!(left.status(), StatusCode::NO_CONTENT);
    let page = json_of(
        app.call(
            Method::GET,
            "/api/v1/me/tasks",
            Some(&bo.access_token),
            None,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let titles: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Later", "No date"]);

    let mut browser = app.browser();
    browser.register("Cy", "cy@example.com").await;
    let page = browser.get("/tasks").await.text().await.unwrap();
    assert!(
        page.contains("Nothing is assigned to you right now."),
        "{page}"
    );
}

async fn comments_mention_members_who_are_notified_as_are_new_assignees(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let ann = app.user("ann@example.com").await;
    let bo = app.user("bo@example.com").await;
    let cy = app.user("cy@example.com").await;
    let ws = workspace(&app, &ann).await;
    app.add_member(&ws, "bo@example.com", "member").await;
    app.add_member(&ws, "cy@example.com", "viewer").await;
    let bo_id = app.user_id("bo@example.com").await.to_string();
    let web = project(&app, &ann, &ws, "WEB").await;
    let made = task(
        &app,
        &ann,
        &web,
        json!({ "title": "Launch", "assignee_ids": [bo_id] }),
    )
    .await;
    let comments = format!("/api/v1/tasks/{}/comments", made["id"].as_str().unwrap());
    let notes = |who: &TestUser| {
        let (app, token) = (&app, who.access_token.clone());
        async move {
            json_of(
                app.call(Method::GET, "/api/v1/me/notifications", Some(&token), None)
                    .await,
                StatusCode::OK,
            )
            .await
        }
    };

    let posted = app.call(
        Method::POST,
        &comments,
        Some(&ann.access_token),
        Some(json!({ "body": "@bo please start, and @CY keep an eye on it. Mail me at ann@example.com" })),
    )
    .await;
    let posted = json_of(posted, StatusCode::CREATED).await;
    assert_eq!(posted["author"]["name"], crate::helpers::NAME);

    let for_bo = notes(&bo).await;
    let kinds: Vec<&str> = for_bo["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["mentioned", "assigned"], "{for_bo}");
    assert_eq!(for_bo["unread"], 2);
    assert_eq!(for_bo["items"][0]["task_reference"], "WEB-1");
    let for_cy = notes(&cy).await;
    assert_eq!(
        for_cy["items"].as_array().unwrap().len(),
        1,
        "a viewer may be mentioned"
    );
    assert_eq!(
        notes(&ann).await["items"],
        json!([]),
        "nobody is told of their own words"
    );

    // Read one, then all.
    let first = for_bo["items"][0]["id"].as_str().unwrap().to_owned();
    let read = app
        .call(
            Method::POST,
            "/api/v1/me/notifications/read",
            Some(&bo.access_token),
            Some(json!({ "id": first })),
        )
        .await;
    assert_eq!(read.status(), StatusCode::NO_CONTENT);
    assert_eq!(notes(&bo).await["unread"], 1);
    let others = app
        .call(
            Method::POST,
            "/api/v1/me/notifications/read",
            Some(&cy.access_token),
            Some(json!({ "id": first })),
        )
        .await;
    problem(others, StatusCode::NOT_FOUND).await;
    let all = app
        .call(
            Method::POST,
            "/api/v1/me/notifications/read",
            Some(&bo.access_token),
            Some(json!({})),
        )
        .await;
    assert_eq!(all.status(), StatusCode::NO_CONTENT);
    assert_eq!(notes(&bo).await["unread"], 0);

    // A viewer reads the comments and writes none; an empty comment is refused.
    let list = json_of(
        app.call(Method::GET, &comments, Some(&cy.access_token), None)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    problem(
        app.call(
            Method::POST,
            &comments,
            Some(&cy.access_token),
            Some(json!({ "body": "me too" })),
        )
        .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let empty = app
        .call(
            Method::POST,
            &comments,
            Some(&bo.access_token),
            Some(json!({ "body": "  " })),
        )
        .await;
    let body = problem(empty, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(field_errors(&body)[0].0, "body");

    // Assigning again tells only who is new.
    let path = format!("/api/v1/tasks/{}", made["id"].as_str().unwrap());
    let ann_id = app.user_id("ann@example.com").await.to_string();
    let changed = app
        .call(
            Method::PATCH,
            &path,
            Some(&bo.access_token),
            Some(json!({ "assignee_ids": [bo_id, ann_id] })),
        )
        .await;
    assert_eq!(changed.status(), StatusCode::OK);
    assert_eq!(notes(&ann).await["items"][0]["kind"], "assigned");
    assert_eq!(
        notes(&bo).await["items"].as_array().unwrap().len(),
        2,
        "Bo was assigned before"
    );

    // The page: a comment through the form, the notification opened from its page.
    let mut dee = app.browser();
    dee.register("Dee", "dee@example.com").await;
    app.add_member(&ws, "dee@example.com", "member").await;
    let task_page = format!("/tasks/{}", made["id"].as_str().unwrap());
    let posted = dee
        .form(
            "/fn/comment-task",
            &format!("id={}&body=%40ann+done", made["id"].as_str().unwrap()),
        )
        .await;
    assert_eq!(location(&posted), format!("{task_page}#comments"));
    let page = dee.get(&task_page).await.text().await.unwrap();
    assert!(page.contains("@ann done"), "{page}");
    let refused = dee
        .form(
            "/fn/comment-task",
            &format!("id={}&body=+", made["id"].as_str().unwrap()),
        )
        .await;
    assert!(
        location(&refused).contains("e=body%3Arequired"),
        "{}",
        location(&refused)
    );
    let mut ann_page = app.browser();
    ann_page.log_in("ann@example.com").await;
    let page = ann_page.get("/notifications").await.text().await.unwrap();
    assert!(page.contains("Dee mentioned you on WEB-1 Launch"), "{page}");
    let newest = notes(&ann).await["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let opened = ann_page
        .form("/fn/open-notification", &format!("id={newest}"))
        .await;
    assert_eq!(location(&opened), task_page);
    assert_eq!(notes(&ann).await["items"][0]["read"], true);

    // Someone who leaves the workspace no longer sees what they were told about it.
    let left = app
        .call(
            Method::DELETE,
            &format!("/api/v1/workspaces/{ws}/members/{bo_id}"),
            Some(&bo.access_token),
            None,
        )
        .await;
    assert_eq!(left.status(), StatusCode::NO_CONTENT);
    assert_eq!(notes(&bo).await["items"], json!([]));
}

async fn members_who_asked_for_it_are_told_by_letter_too(engine: Engine) {
    let app = TestApp::with_jobs(engine).await;
    let ann = app.user("ann@example.com").await;
    for email in ["bo@example.com", "cy@example.com", "dee@example.com"] {
        app.user(email).await;
    }
    let ws = workspace(&app, &ann).await;
    for email in ["bo@example.com", "cy@example.com", "dee@example.com"] {
        app.add_member(&ws, email, "member").await;
    }
    // Bo and Dee confirmed their addresses; Cy did not.
    app.execute_at(
        "UPDATE users SET email_verified_at = $1 WHERE email IN ('bo@example.com', 'dee@example.com')",
        time::OffsetDateTime::now_utc(),
    )
    .await;
    // Bo and Cy ask for letters in their settings; Dee does not.
    for email in ["bo@example.com", "cy@example.com"] {
        let mut browser = app.browser();
        browser.log_in(email).await;
        let saved = browser
            .form("/fn/set-notification-settings", "by_email=on")
            .await;
        assert_eq!(saved.status(), StatusCode::FOUND);
        assert_eq!(location(&saved), "/settings#notifications-heading");
        let settings = browser.get("/settings").await.text().await.unwrap();
        let switch = settings.split("id=\"by_email\"").nth(1).unwrap();
        assert!(
            switch[..200].contains("checked"),
            "the switch shows it is on"
        );
    }

    let web = project(&app, &ann, &ws, "WEB").await;
    let made = task(&app, &ann, &web, json!({ "title": "Launch" })).await;
    let id = made["id"].as_str().unwrap();
    let posted = app
        .call(
            Method::POST,
            &format!("/api/v1/tasks/{id}/comments"),
            Some(&ann.access_token),
            Some(json!({ "body": "@bo @cy @dee have a look" })),
        )
        .await;
    assert_eq!(posted.status(), StatusCode::CREATED);
    let bo_id = app.user_id("bo@example.com").await.to_string();
    let assigned = app
        .call(
            Method::PATCH,
            &format!("/api/v1/tasks/{id}"),
            Some(&ann.access_token),
            Some(json!({ "assignee_ids": [bo_id] })),
        )
        .await;
    assert_eq!(assigned.status(), StatusCode::OK);

    let about_tasks = |letters: Vec<app::mail::outbox::Kept>| -> Vec<app::mail::outbox::Kept> {
        letters
            .into_iter()
            .filter(|letter| letter.subject.contains("WEB-1 Launch"))
            .collect()
    };
    let mut letters = about_tasks(app.letters_to("bo@example.com", 3).await);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while letters.len() < 2 && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        letters = about_tasks(app.letters_to_now("bo@example.com"));
    }
    let mut subjects: Vec<&str> = letters
        .iter()
        .map(|letter| letter.subject.as_str())
        .collect();
    subjects.sort_unstable();
    assert_eq!(
        subjects,
        [
            "Ann Lee assigned you WEB-1 Launch",
            "Ann Lee mentioned you on WEB-1 Launch"
        ]
    );
    assert!(
        letters[0].text.contains(&format!("/tasks/{id}")),
        "{}",
        letters[0].text
    );
    assert!(
        letters[0].text.contains("/settings"),
        "says where to stop them"
    );
    // Cy's address is not confirmed; Dee did not ask.
    for email in ["cy@example.com", "dee@example.com"] {
        assert!(about_tasks(app.letters_to_now(email)).is_empty(), "{email}");
    }
    // Turned off, the switch is off.
    let mut bo = app.browser();
    bo.log_in("bo@example.com").await;
    let saved = bo.form("/fn/set-notification-settings", "").await;
    assert_eq!(saved.status(), StatusCode::FOUND);
    assert_eq!(
        number(
            &app.services,
            "SELECT COUNT(*) FROM notification_settings WHERE by_email = TRUE"
        )
        .await,
        1,
        "only Cy's is on"
    );
}

async fn descriptions_and_comments_show_their_markdown_and_nothing_that_runs(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let ann = app.user("ann@example.com").await;
    let ws = workspace(&app, &ann).await;
    let web = project(&app, &ann, &ws, "WEB").await;
    let made = task(
        &app,
        &ann,
        &web,
        json!({
            "title": "Launch",
            "description": "**Copy** first, then:\n\n- [colours](https://example.com/c)\n- <script>alert('d')</script>[x](javascript:alert(1))"
        }),
    )
    .await;
    let id = made["id"].as_str().unwrap();
    assert_eq!(
        made["description"],
        "**Copy** first, then:\n\n- [colours](https://example.com/c)\n- <script>alert('d')</script>[x](javascript:alert(1))",
        "the API keeps the text as written"
    );
    let posted = app
        .call(
            Method::POST,
            &format!("/api/v1/tasks/{id}/comments"),
            Some(&ann.access_token),
            Some(json!({ "body": "Looks _fine_ <img src=x onerror=alert(2)>\nsecond line" })),
        )
        .await;
    assert_eq!(posted.status(), StatusCode::CREATED);

    let mut browser = app.browser();
    browser.log_in("ann@example.com").await;
    let page = browser
        .get(&format!("/tasks/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("<strong>Copy</strong> first, then:"),
        "rendered"
    );
    assert!(page.contains(
        r#"<a href="https://example.com/c" rel="noopener noreferrer nofollow">colours</a>"#
    ));
    assert!(page.contains("Looks <em>fine</em>"));
    assert!(page.contains("<br>"), "a typed line break stays one");
    // What is shown (the edit form's text area holds the text as written, escaped).
    let shown: Vec<&str> = page
        .split("class=\"markdown ")
        .skip(1)
        .map(|rest| rest.split("</div>").next().unwrap())
        .collect();
    assert_eq!(shown.len(), 2, "the description and the comment");
    assert!(
        shown[0].contains("&lt;script&gt;"),
        "typed HTML shows as text"
    );
    for bad in ["<script", "<img", "href=\"javascript"] {
        assert!(
            shown.iter().all(|html| !html.contains(bad)),
            "{bad} reached the page: {shown:?}"
        );
    }
}
