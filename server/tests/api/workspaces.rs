//! Workspaces, the tenants: making, renaming and deleting one; inviting people by e-mail and
//! their answers; roles, handing over and leaving; lists by cursor; what happens to a person's
//! workspaces when their account goes; the pages without JavaScript. And the matrix every
//! workspace operation must pass: anonymous callers get 401, members of other workspaces 404,
//! viewers 403 for anything that writes, and for none of them does anything change.

use http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{
    Engine, PASSWORD, TestApp, TestUser, field_errors, location, number, problem,
};

crate::on_both_engines!(
    a_workspace_is_made_listed_renamed_and_deleted_by_its_owner,
    an_invitation_lets_exactly_the_invited_person_join_once,
    roles_change_hands_and_people_leave_as_their_role_allows,
    lists_page_by_cursor_and_bad_paging_is_a_clear_problem,
    a_deleted_account_hands_its_workspaces_on,
    anonymous_outsiders_and_viewers_are_refused_and_nothing_changes,
    the_workspace_pages_work_without_javascript,
);

/// Marks `email`'s address as confirmed, as its link would.
async fn confirm_address(app: &TestApp, email: &str) {
    app.execute_at(
        &format!("UPDATE users SET email_verified_at = $1 WHERE email = '{email}'"),
        app::db::now(),
    )
    .await;
}

/// A workspace named `name` made by `owner` over the API; its id.
async fn workspace(app: &TestApp, owner: &TestUser, name: &str) -> String {
    let made = app
        .call(
            Method::POST,
            "/api/v1/workspaces",
            Some(&owner.access_token),
            Some(json!({ "name": name })),
        )
        .await;
    assert_eq!(made.status(), StatusCode::CREATED);
    let body: Value = made.json().await.unwrap();
    body["id"].as_str().unwrap().to_owned()
}

/// Puts `email`'s account into the workspace with `role`, as an accepted invitation would.
/// Everything the workspace tables hold, as one comparable text.
async fn snapshot(app: &TestApp) -> String {
    let mut parts = Vec::new();
    for sql in [
        "SELECT COUNT(*) FROM workspaces",
        "SELECT COUNT(*) FROM workspace_members",
        "SELECT COUNT(*) FROM workspace_members WHERE role = 'owner'",
        "SELECT COUNT(*) FROM workspace_members WHERE role = 'viewer'",
        "SELECT COUNT(*) FROM workspace_invitations",
        "SELECT COUNT(*) FROM workspace_invitations WHERE answered_at IS NULL",
        "SELECT COUNT(*) FROM jobs",
    ] {
        parts.push(number(&app.services, sql).await.to_string());
    }
    let names: Vec<String> = app::with_pool!(&app.services.db, pool => sqlx::query_scalar(
        "SELECT name FROM workspaces ORDER BY name",
    )
    .fetch_all(pool)
    .await)
    .unwrap();
    parts.extend(names);
    parts.join("|")
}

async fn a_workspace_is_made_listed_renamed_and_deleted_by_its_owner(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let ann = app.user("ann@example.com").await;
    let token = Some(ann.access_token.as_str());

    let made = app
        .call(
            Method::POST,
            "/api/v1/workspaces",
            token,
            Some(json!({ "name": "  Acme \t Web  " })),
        )
        .await;
    assert_eq!(made.status(), StatusCode::CREATED);
    let at = location(&made);
    let body: Value = made.json().await.unwrap();
    let id = body["id"].as_str().unwrap().to_owned();
    assert_eq!(at, format!("/api/v1/workspaces/{id}"));
    assert_eq!(body["name"], "Acme Web", "white space is tidied");
    assert_eq!(body["role"], "owner");
    assert_eq!(body["member_count"], 1);

    for (name, field_message) in [("", "required"), (&*"x".repeat(101), "at most")] {
        let refused = app
            .call(
                Method::POST,
                "/api/v1/workspaces",
                token,
                Some(json!({ "name": name })),
            )
            .await;
        let body = problem(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
        let errors = field_errors(&body);
        assert_eq!(errors.len(), 1, "{body}");
        assert_eq!(errors[0].0, "name");
        assert!(errors[0].1.contains(field_message), "{errors:?}");
    }

    let read: Value = app
        .call(Method::GET, &at, token, None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(read["name"], "Acme Web");

    let renamed = app
        .call(Method::PATCH, &at, token, Some(json!({ "name": "Acme" })))
        .await;
    assert_eq!(renamed.status(), StatusCode::OK);
    let list: Value = app
        .call(Method::GET, "/api/v1/workspaces", token, None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"].as_array().unwrap().len(), 1, "{list}");
    assert_eq!(list["items"][0]["name"], "Acme");
    assert_eq!(list["next_cursor"], Value::Null);

    let deleted = app.call(Method::DELETE, &at, token, None).await;
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    problem(
        app.call(Method::GET, &at, token, None).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(
        number(&app.services, "SELECT COUNT(*) FROM workspace_members").await,
        0,
        "its memberships went with it"
    );
    problem(
        app.call(Method::GET, "/api/v1/workspaces/not-an-id", token, None)
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
}

async fn an_invitation_lets_exactly_the_invited_person_join_once(engine: Engine) {
    let app = TestApp::with_jobs(engine).await;
    let ann = app.user("ann@example.com").await;
    let id = workspace(&app, &ann, "Acme").await;
    let invitations = format!("/api/v1/workspaces/{id}/invitations");
    let token = Some(ann.access_token.as_str());

    // Only someone who confirmed their own address may invite.
    let unconfirmed = app
        .call(
            Method::POST,
            &invitations,
            token,
            Some(json!({ "email": "bo@example.com" })),
        )
        .await;
    let body = problem(unconfirmed, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(
        field_errors(&body)[0].1.contains("Confirm your own"),
        "{body}"
    );
    confirm_address(&app, "ann@example.com").await;

    for (body, field) in [
        (json!({ "email": "not an address" }), "email"),
        (
            json!({ "email": "bo@example.com", "role": "owner" }),
            "role",
        ),
        (json!({ "email": "ann@example.com" }), "email"),
    ] {
        let refused = app
            .call(Method::POST, &invitations, token, Some(body.clone()))
            .await;
        let status = refused.status();
        assert!(
            status == StatusCode::UNPROCESSABLE_ENTITY || status == StatusCode::CONFLICT,
            "{body}: {status}"
        );
        let body = problem(refused, status).await;
        assert_eq!(field_errors(&body)[0].0, field, "{body}");
    }

    // Inviting twice renews the invitation: one open invitation, and only the newer link works.
    for _ in 0..2 {
        let sent = app
            .call(
                Method::POST,
                &invitations,
                token,
                Some(json!({ "email": "Bo@Example.com", "role": "viewer" })),
            )
            .await;
        assert_eq!(sent.status(), StatusCode::CREATED);
        let sent: Value = sent.json().await.unwrap();
        assert_eq!(sent["email"], "bo@example.com");
        assert_eq!(sent["role"], "viewer");
        assert_eq!(sent["invited_by"], crate::helpers::NAME);
    }
    let open: Value = app
        .call(Method::GET, &invitations, token, None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(open["items"].as_array().unwrap().len(), 1, "{open}");
    let letters = app.letters_to("bo@example.com", 2).await;
    assert!(
        letters[1].subject.contains("Acme"),
        "{}",
        letters[1].subject
    );
    let old_link = TestApp::token_in(&letters[0], "/invitation");
    let link = TestApp::token_in(&letters[1], "/invitation");
    assert_ne!(old_link, link);

    // The page shows the invitation to anyone holding the link, and asks them to log in.
    let anonymous = app.browser();
    let page = anonymous
        .get(&format!("/invitation?token={link}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Acme") && page.contains("bo@example.com"),
        "{page}"
    );
    let page = anonymous
        .get(&format!("/invitation?token={old_link}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("This link is not valid"),
        "the renewed link replaced it"
    );

    // Someone else's account cannot answer it.
    let mut cy = app.browser();
    cy.register("Cy", "cy@example.com").await;
    let answered = cy
        .form(
            "/fn/answer-invitation",
            &format!("token={link}&answer=accept"),
        )
        .await;
    assert_eq!(answered.status(), StatusCode::FOUND);
    assert!(
        location(&answered).contains("e=token%3Ainvitation-for-someone-else"),
        "{}",
        location(&answered)
    );

    // Bo registers with the invited address and accepts: a viewer of Acme.
    let mut bo = app.browser();
    bo.register("Bo", "bo@example.com").await;
    let answered = bo
        .form(
            "/fn/answer-invitation",
            &format!("token={link}&answer=accept"),
        )
        .await;
    assert_eq!(answered.status(), StatusCode::FOUND);
    assert_eq!(location(&answered), format!("/w/{id}"));
    let members: Value = app
        .call(
            Method::GET,
            &format!("/api/v1/workspaces/{id}/members"),
            token,
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    let roles: Vec<(&str, &str)> = members["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["email"].as_str().unwrap(), m["role"].as_str().unwrap()))
        .collect();
    assert_eq!(
        roles,
        [("ann@example.com", "owner"), ("bo@example.com", "viewer")]
    );

    // The link works once.
    let again = bo
        .form(
            "/fn/answer-invitation",
            &format!("token={link}&answer=decline"),
        )
        .await;
    assert!(
        location(&again).contains("e=token%3Alink-used"),
        "{}",
        location(&again)
    );
    // Bo is a member now: inviting the address again is a conflict.
    let member_again = app
        .call(
            Method::POST,
            &invitations,
            token,
            Some(json!({ "email": "bo@example.com" })),
        )
        .await;
    problem(member_again, StatusCode::CONFLICT).await;

    // An invitation can be withdrawn; its link then stops working, and the person's own list
    // (once their address is confirmed) no longer shows it.
    let dee = app.user("dee@example.com").await;
    let sent: Value = app
        .call(
            Method::POST,
            &invitations,
            token,
            Some(json!({ "email": "dee@example.com" })),
        )
        .await
        .json()
        .await
        .unwrap();
    let mine = |who: &TestUser| {
        let token = who.access_token.clone();
        let app = &app;
        async move {
            let list: Value = app
                .call(Method::GET, "/api/v1/me/invitations", Some(&token), None)
                .await
                .json()
                .await
                .unwrap();
            list["items"].as_array().unwrap().len()
        }
    };
    assert_eq!(mine(&dee).await, 0, "not before the address is confirmed");
    confirm_address(&app, "dee@example.com").await;
    assert_eq!(mine(&dee).await, 1);
    let revoked = app
        .call(
            Method::DELETE,
            &format!("{invitations}/{}", sent["id"].as_str().unwrap()),
            token,
            None,
        )
        .await;
    assert_eq!(revoked.status(), StatusCode::NO_CONTENT);
    assert_eq!(mine(&dee).await, 0);
    let answer = app
        .call(
            Method::POST,
            &format!("/api/v1/me/invitations/{}", sent["id"].as_str().unwrap()),
            Some(&dee.access_token),
            Some(json!({ "answer": "accept" })),
        )
        .await;
    problem(answer, StatusCode::NOT_FOUND).await;

    // Invited again, Dee accepts from her list.
    let sent: Value = app
        .call(
            Method::POST,
            &invitations,
            token,
            Some(json!({ "email": "dee@example.com", "role": "admin" })),
        )
        .await
        .json()
        .await
        .unwrap();
    let accepted: Value = app
        .call(
            Method::POST,
            &format!("/api/v1/me/invitations/{}", sent["id"].as_str().unwrap()),
            Some(&dee.access_token),
            Some(json!({ "answer": "accept" })),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(accepted["workspace_id"], id.as_str());
    let as_dee: Value = app
        .call(
            Method::GET,
            &format!("/api/v1/workspaces/{id}"),
            Some(&dee.access_token),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(as_dee["role"], "admin");
    assert_eq!(as_dee["member_count"], 3);
}

async fn roles_change_hands_and_people_leave_as_their_role_allows(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let ann = app.user("ann@example.com").await;
    let bo = app.user("bo@example.com").await;
    let cy = app.user("cy@example.com").await;
    let id = workspace(&app, &ann, "Acme").await;
    app.add_member(&id, "bo@example.com", "admin").await;
    app.add_member(&id, "cy@example.com", "member").await;
    let ann_id = app.user_id("ann@example.com").await;
    let bo_id = app.user_id("bo@example.com").await;
    let cy_id = app.user_id("cy@example.com").await;
    let member = |user| format!("/api/v1/workspaces/{id}/members/{user}");

    // An admin changes a member's role; a member may not; nobody changes the owner's.
    let changed = app
        .call(
            Method::PATCH,
            &member(cy_id),
            Some(&bo.access_token),
            Some(json!({ "role": "viewer" })),
        )
        .await;
    assert_eq!(changed.status(), StatusCode::OK);
    let body: Value = changed.json().await.unwrap();
    assert_eq!(body["role"], "viewer");
    let refused = app
        .call(
            Method::PATCH,
            &member(bo_id),
            Some(&cy.access_token),
            Some(json!({ "role": "viewer" })),
        )
        .await;
    problem(refused, StatusCode::FORBIDDEN).await;
    let owner = app
        .call(
            Method::PATCH,
            &member(ann_id),
            Some(&bo.access_token),
            Some(json!({ "role": "member" })),
        )
        .await;
    problem(owner, StatusCode::UNPROCESSABLE_ENTITY).await;
    let removed_owner = app
        .call(
            Method::DELETE,
            &member(ann_id),
            Some(&bo.access_token),
            None,
        )
        .await;
    problem(removed_owner, StatusCode::UNPROCESSABLE_ENTITY).await;

    // Only the owner hands the workspace over, and only to a member.
    let transfer = format!("/api/v1/workspaces/{id}/transfer");
    problem(
        app.call(
            Method::POST,
            &transfer,
            Some(&bo.access_token),
            Some(json!({ "new_owner": bo_id })),
        )
        .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let stranger = app.user("dee@example.com").await;
    let dee_id = app.user_id("dee@example.com").await;
    let not_member = app
        .call(
            Method::POST,
            &transfer,
            Some(&ann.access_token),
            Some(json!({ "new_owner": dee_id })),
        )
        .await;
    let body = problem(not_member, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(field_errors(&body)[0].0, "new_owner");
    let handed = app
        .call(
            Method::POST,
            &transfer,
            Some(&ann.access_token),
            Some(json!({ "new_owner": bo_id })),
        )
        .await;
    assert_eq!(handed.status(), StatusCode::OK);
    let body: Value = handed.json().await.unwrap();
    assert_eq!(body["role"], "admin", "the old owner stays as an admin");
    assert_eq!(
        number(
            &app.services,
            "SELECT COUNT(*) FROM workspace_members WHERE role = 'owner'"
        )
        .await,
        1
    );

    // The new owner cannot leave; anyone else can.
    let stuck = app
        .call(Method::DELETE, &member(bo_id), Some(&bo.access_token), None)
        .await;
    let body = problem(stuck, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(
        field_errors(&body)[0].1.contains("Hand the workspace"),
        "{body}"
    );
    let left = app
        .call(Method::DELETE, &member(cy_id), Some(&cy.access_token), None)
        .await;
    assert_eq!(left.status(), StatusCode::NO_CONTENT);
    problem(
        app.call(
            Method::GET,
            &format!("/api/v1/workspaces/{id}"),
            Some(&cy.access_token),
            None,
        )
        .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    // An admin removes someone; the removed person is out at once.
    let removed = app
        .call(
            Method::DELETE,
            &member(ann_id),
            Some(&bo.access_token),
            None,
        )
        .await;
    assert_eq!(removed.status(), StatusCode::NO_CONTENT);
    let list: Value = app
        .call(
            Method::GET,
            "/api/v1/workspaces",
            Some(&ann.access_token),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"], json!([]));
    drop(stranger);
}

async fn lists_page_by_cursor_and_bad_paging_is_a_clear_problem(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let ann = app.user("ann@example.com").await;
    let token = Some(ann.access_token.as_str());
    for name in ["beta", "Alpha", "gamma", "alpha"] {
        workspace(&app, &ann, name).await;
    }
    let mut seen = Vec::new();
    let mut cursor = String::new();
    loop {
        let page: Value = app
            .call(
                Method::GET,
                &format!("/api/v1/workspaces?limit=3&cursor={cursor}"),
                token,
                None,
            )
            .await
            .json()
            .await
            .unwrap();
        let items = page["items"].as_array().unwrap();
        assert!(items.len() <= 3);
        seen.extend(items.iter().map(|w| w["name"].as_str().unwrap().to_owned()));
        match page["next_cursor"].as_str() {
            Some(next) => cursor = next.to_owned(),
            None => break,
        }
    }
    assert_eq!(seen.len(), 4, "{seen:?}");
    let lower: Vec<String> = seen.iter().map(|n| n.to_lowercase()).collect();
    assert_eq!(lower, ["alpha", "alpha", "beta", "gamma"]);

    for (query, field) in [
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=ten", "limit"),
        ("cursor=%22%27%3B--", "cursor"),
        ("cursor=bm90IGpzb24", "cursor"),
    ] {
        let refused = app
            .call(
                Method::GET,
                &format!("/api/v1/workspaces?{query}"),
                token,
                None,
            )
            .await;
        let body = problem(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(field_errors(&body)[0].0, field, "{query}: {body}");
    }
}

async fn a_deleted_account_hands_its_workspaces_on(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let ann = app.user("ann@example.com").await;
    app.user("bo@example.com").await;
    app.user("cy@example.com").await;
    let shared = workspace(&app, &ann, "Shared").await;
    workspace(&app, &ann, "Alone").await;
    app.add_member(&shared, "cy@example.com", "member").await;
    app.add_member(&shared, "bo@example.com", "admin").await;

    let export = app
        .call(
            Method::GET,
            "/api/v1/users/me/export",
            Some(&ann.access_token),
            None,
        )
        .await;
    let export: Value = export.json().await.unwrap();
    assert_eq!(
        export["workspaces"]["memberships"]
            .as_array()
            .unwrap()
            .len(),
        2,
        "{export}"
    );

    let deleted = app
        .call(
            Method::DELETE,
            "/api/v1/users/me",
            Some(&ann.access_token),
            Some(json!({ "password": PASSWORD })),
        )
        .await;
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        snapshot(&app).await.split('|').next(),
        Some("1"),
        "Alone is gone"
    );
    let bo_id = app.user_id("bo@example.com").await;
    let owner: uuid::Uuid = app::with_pool!(&app.services.db, pool => sqlx::query_scalar(
        "SELECT user_id FROM workspace_members WHERE role = 'owner'",
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    assert_eq!(
        owner, bo_id,
        "the admin, before the member, takes Shared over"
    );
}

/// The REST operations of the document that concern one workspace, with its id filled in and
/// a body that would change something if it were accepted.
async fn workspace_operations(
    app: &TestApp,
    id: &str,
    someone: &str,
) -> Vec<(Method, String, Value)> {
    let document: Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    let mut operations = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        if !path.starts_with("/workspaces/{id}") {
            continue;
        }
        for method in item.as_object().unwrap().keys() {
            let Ok(method) = method.to_uppercase().parse::<Method>() else {
                continue;
            };
            let path = format!("/api/v1{path}")
                .replace("{id}", id)
                .replace("{user_id}", someone)
                .replace("{invitation_id}", someone);
            let body = json!({
                "name": "Taken over",
                "email": "mallory@example.com",
                "role": "admin",
                "new_owner": someone,
            });
            operations.push((method, path, body));
        }
    }
    assert!(operations.len() >= 10, "{operations:?}");
    operations
}

async fn anonymous_outsiders_and_viewers_are_refused_and_nothing_changes(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let ann = app.user("ann@example.com").await;
    let viewer = app.user("vic@example.com").await;
    let outsider = app.user("otto@example.com").await;
    confirm_address(&app, "vic@example.com").await;
    confirm_address(&app, "otto@example.com").await;
    let id = workspace(&app, &ann, "Acme").await;
    workspace(&app, &outsider, "Elsewhere").await;
    app.add_member(&id, "vic@example.com", "viewer").await;
    let someone = app.user_id("ann@example.com").await.to_string();
    let before = snapshot(&app).await;

    for (method, path, body) in workspace_operations(&app, &id, &someone).await {
        let what = format!("{method} {path}");
        let writes = method != Method::GET;
        let anonymous = app
            .call(method.clone(), &path, None, Some(body.clone()))
            .await;
        assert_eq!(
            anonymous.status(),
            StatusCode::UNAUTHORIZED,
            "{what} as anonymous"
        );
        let outside = app
            .call(
                method.clone(),
                &path,
                Some(&outsider.access_token),
                Some(body.clone()),
            )
            .await;
        assert_eq!(
            outside.status(),
            StatusCode::NOT_FOUND,
            "{what} from another workspace"
        );
        let as_viewer = app
            .call(
                method.clone(),
                &path,
                Some(&viewer.access_token),
                Some(body.clone()),
            )
            .await;
        // A viewer reads the workspace and its members, and nothing else.
        if writes || path.ends_with("/invitations") {
            assert_eq!(
                as_viewer.status(),
                StatusCode::FORBIDDEN,
                "{what} as a viewer"
            );
        } else {
            assert!(
                as_viewer.status().is_success(),
                "{what} as a viewer: {}",
                as_viewer.status()
            );
        }
        assert_eq!(snapshot(&app).await, before, "{what} changed something");
    }

    // The server functions behind the pages, the same three ways.
    let mut viewer_page = app.browser();
    let mut outsider_page = app.browser();
    for (browser, email) in [
        (&mut viewer_page, "vic@example.com"),
        (&mut outsider_page, "otto@example.com"),
    ] {
        browser.log_in(email).await;
    }
    let arguments = format!(
        "id={id}&name=Taken+over&confirmation=Acme&email=mallory%40example.com&role=admin\
         &member={someone}&new_owner={someone}&invitation={someone}&cursor="
    );
    let functions = [
        "workspace",
        "workspace-team",
        "rename-workspace",
        "delete-workspace",
        "invite-member",
        "revoke-invitation",
        "set-member-role",
        "remove-member",
        "transfer-workspace",
    ];
    for function in functions {
        let path = format!("/fn/{function}");
        let writes = !matches!(function, "workspace" | "workspace-team");
        for (who, cookies, expected) in [
            ("anonymous", String::new(), StatusCode::UNAUTHORIZED),
            (
                "an outsider",
                outsider_page.cookies.clone(),
                StatusCode::NOT_FOUND,
            ),
            (
                "a viewer",
                viewer_page.cookies.clone(),
                if writes {
                    StatusCode::FORBIDDEN
                } else {
                    StatusCode::OK
                },
            ),
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

async fn the_workspace_pages_work_without_javascript(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut ann = app.browser();
    ann.register("Ann Lee", "ann@example.com").await;

    let empty = ann.get("/workspaces").await;
    assert_eq!(empty.status(), StatusCode::OK);
    let page = empty.text().await.unwrap();
    assert!(page.contains("not in any workspace yet"), "{page}");

    let refused = ann.form("/fn/create-workspace", "name=+++").await;
    assert_eq!(refused.status(), StatusCode::FOUND);
    let back = location(&refused);
    assert!(
        back.starts_with("/workspaces?") && back.contains("e=name%3Arequired"),
        "{back}"
    );
    let page = ann.get(&back).await.text().await.unwrap();
    assert!(
        page.contains("This field is required."),
        "the message sits by the field"
    );

    let made = ann.form("/fn/create-workspace", "name=Acme+Web").await;
    assert_eq!(made.status(), StatusCode::FOUND);
    let home = location(&made);
    assert!(home.starts_with("/w/"), "{home}");
    let page = ann.get(&home).await.text().await.unwrap();
    assert!(
        page.contains("Acme Web") && page.contains("Owner"),
        "{page}"
    );
    let id = home.trim_start_matches("/w/").to_owned();

    let people = ann
        .get(&format!("{home}/people"))
        .await
        .text()
        .await
        .unwrap();
    assert!(people.contains("ann@example.com") && people.contains("Invite someone"));

    let renamed = ann
        .form("/fn/rename-workspace", &format!("id={id}&name=Acme"))
        .await;
    assert_eq!(location(&renamed), format!("/w/{id}/settings"));
    let settings = ann.get(&location(&renamed)).await.text().await.unwrap();
    assert!(settings.contains("value=\"Acme\""), "{settings}");

    let wrong = ann
        .form(
            "/fn/delete-workspace",
            &format!("id={id}&confirmation=Acme+Web"),
        )
        .await;
    assert!(location(&wrong).contains("e=confirmation%3Aconfirmation-mismatch"));
    let page = ann.get(&location(&wrong)).await.text().await.unwrap();
    assert!(page.contains("Type the name exactly as shown"), "{page}");
    assert_eq!(
        number(&app.services, "SELECT COUNT(*) FROM workspaces").await,
        1
    );
    let gone = ann
        .form(
            "/fn/delete-workspace",
            &format!("id={id}&confirmation=Acme"),
        )
        .await;
    assert_eq!(location(&gone), "/workspaces");
    assert_eq!(
        number(&app.services, "SELECT COUNT(*) FROM workspaces").await,
        0
    );

    let missing = ann.get(&home).await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let anonymous = app.browser().get("/workspaces").await;
    assert_eq!(anonymous.status(), StatusCode::FOUND, "to log in first");
}
