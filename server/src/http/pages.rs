//! Web pages: the web client's files and page for every path no other route claims, and,
//! for a binary built without the client, plain pages (the front page, profiles, statuses).

use std::sync::Arc;

use poem::http::StatusCode;
use poem::web::{Data, Html, Path};
use poem::{IntoResponse, Response, handler};
use rookery_domain::content::escape;
use rookery_domain::ids::StatusId;
use rookery_domain::page::PageRequest;
use rookery_domain::service::{accounts, timelines, visibility};
use rookery_domain::types::{Account, Status};
use uuid::Uuid;

use crate::state::AppState;

fn document(title: &str, body: &str) -> Html<String> {
    html_page(title, None, body)
}

/// A page; `alternate` is the id of the ActivityPub object it shows, which it links to.
fn html_page(title: &str, alternate: Option<&str>, body: &str) -> Html<String> {
    let link = alternate.map_or_else(String::new, |id| {
        format!(
            "<link rel=\"alternate\" type=\"application/activity+json\" href=\"{}\">",
            escape(id)
        )
    });
    Html(format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title>{link}</head><body>{body}</body></html>\n",
        escape(title)
    ))
}

pub(super) fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        document("Not found", "<h1>Not found</h1>"),
    )
        .into_response()
}

/// `/assets/…`: the web client's hashed files.
#[handler]
pub async fn asset(state: Data<&Arc<AppState>>, Path(path): Path<String>) -> Response {
    state.web_client.asset(&path).await
}

/// `/graphiql`: GraphiQL, bundled with the web client; without a client, a pointer to the
/// plain explorer.
#[handler]
pub async fn graphiql(state: Data<&Arc<AppState>>) -> Response {
    match state.web_client.graphiql().await {
        Some(page) => page,
        None => (
            StatusCode::NOT_FOUND,
            document(
                "GraphiQL",
                "<h1>GraphiQL</h1><p>GraphiQL comes with the web client, which this build \
                 does not have. The plain explorer is at <a href=\"/graphql\">/graphql</a>.</p>",
            ),
        )
            .into_response(),
    }
}

/// `/` and any path no other route claims: the web client answers it (see
/// [`WebClient::answer`](super::web_client::WebClient::answer)); without a client, `/` is
/// the plain front page and other paths are not found.
#[handler]
pub async fn fallback(state: Data<&Arc<AppState>>, Path(path): Path<String>) -> Response {
    match state.web_client.answer(&path).await {
        Some(answer) => answer,
        None if path.is_empty() => front(&state),
        None => not_found(),
    }
}

/// The front page of an instance whose binary has no web client.
fn front(state: &AppState) -> Response {
    let name = escape(&state.app.instance().name);
    document(
        &state.app.instance().name,
        &format!(
            "<h1>{name}</h1>\
             <p>This Rookery server is running. The web client is not part of this build yet.</p>\
             <p>Explore the API in <a href=\"/graphql\">the explorer</a>.</p>"
        ),
    )
    .into_response()
}

fn status_html(author: &Account, status: &Status) -> String {
    // Content is HTML that the renderer has already sanitised.
    let body = if status.content_warning.is_empty() {
        status.content_html.clone()
    } else {
        format!(
            "<details><summary>{}</summary>{}</details>",
            escape(&status.content_warning),
            status.content_html
        )
    };
    format!(
        "<article><p><a href=\"{}\">{}</a> · <a href=\"{}\"><time datetime=\"{}\">{}</time></a></p>{body}</article>",
        escape(&author.url),
        escape(&author.acct()),
        escape(&status.url),
        status.created_at.to_rfc3339(),
        status.created_at.format("%Y-%m-%d %H:%M UTC"),
    )
}

/// `/@username`: the profile and its latest public statuses, or the web client.
#[handler]
pub async fn profile_page(state: Data<&Arc<AppState>>, Path(username): Path<String>) -> Response {
    if let Some(page) = state.web_client.page().await {
        return page;
    }
    let Ok(account) = accounts::local_by_username(&state.app.db, &username).await else {
        return not_found();
    };
    let page = timelines::account(&state.app.db, None, account.id, &PageRequest::first(20)).await;
    let Ok(page) = page else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response();
    };
    let listed: String = page
        .items
        .iter()
        .map(|(_, status)| status_html(&account, status))
        .collect();
    let title = if account.display_name.is_empty() {
        &account.username
    } else {
        &account.display_name
    };
    html_page(
        title,
        Some(&account.actor_id),
        &format!(
            "<h1>{}</h1><p>@{}@{}</p>{}{listed}",
            escape(title),
            escape(&account.username),
            escape(&state.app.instance().domain),
            account.note_html
        ),
    )
    .into_response()
}

/// `/@username/:id`: one public or unlisted status, or the web client.
#[handler]
pub async fn status_page(
    state: Data<&Arc<AppState>>,
    Path((username, id)): Path<(String, String)>,
) -> Response {
    if let Some(page) = state.web_client.page().await {
        return page;
    }
    let Ok(id) = Uuid::parse_str(&id) else {
        return not_found();
    };
    let (Ok(account), Ok(status)) = (
        accounts::local_by_username(&state.app.db, &username).await,
        visibility::get(&state.app.db, None, StatusId(id)).await,
    ) else {
        return not_found();
    };
    if status.account_id != account.id {
        return not_found();
    }
    html_page(
        &account.acct(),
        Some(&status.ap_id),
        &status_html(&account, &status),
    )
    .into_response()
}
