//! ActivityPub and discovery routes: they negotiate, then hand over to the federation crate.

use std::collections::BTreeMap;
use std::sync::Arc;

use poem::http::{HeaderMap, StatusCode, header};
use poem::web::{Data, Path, Query, Redirect};
use poem::{Body, Endpoint, IntoResponse, Request, Response, handler};
use rookery_domain::ids::{AccountId, ActivityId, CustomEmojiId, Kind, StatusId};
use rookery_domain::service::outbox as outbox_activities;
use rookery_federation::inbox::{self, InboxError};
use rookery_federation::objects::collections::{self, Collection};
use rookery_federation::objects::{FederationError, actor, emoji, note, stamps};
use rookery_federation::{ACTIVITY_JSON, discovery, wants_activity_json};
use serde::Deserialize;
use serde_json::Value;
use uuid::Uuid;

use crate::state::AppState;

fn json_response(content_type: &str, body: &impl serde::Serialize) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => Response::builder()
            .content_type(content_type)
            .header(header::VARY, "Accept")
            .body(bytes),
        Err(error) => failure(FederationError::Internal(error.to_string())),
    }
}

fn failure(error: FederationError) -> Response {
    let (status, message) = match &error {
        FederationError::NotFound(kind) => (StatusCode::NOT_FOUND, format!("{kind} not found")),
        FederationError::BadRequest(reason) => (StatusCode::BAD_REQUEST, reason.clone()),
        FederationError::Internal(_) | FederationError::Domain(_) => {
            tracing::error!(error = ?error, "serving an ActivityPub document");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error".into())
        }
    };
    (status, message).into_response()
}

fn respond(result: Result<Response, FederationError>) -> Response {
    result.unwrap_or_else(failure)
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .is_some_and(wants_activity_json)
}

#[derive(Deserialize)]
pub struct WebfingerQuery {
    resource: Option<String>,
}

#[handler]
pub async fn webfinger(state: Data<&Arc<AppState>>, query: Query<WebfingerQuery>) -> Response {
    let Some(resource) = &query.resource else {
        return (
            StatusCode::BAD_REQUEST,
            "the resource parameter is required",
        )
            .into_response();
    };
    respond(
        discovery::webfinger(&state.app.db, state.app.instance(), resource)
            .await
            .map(|jrd| json_response(discovery::JRD_JSON, &jrd)),
    )
}

#[handler]
pub fn host_meta(state: Data<&Arc<AppState>>) -> Response {
    Response::builder()
        .content_type(discovery::XRD_XML)
        .body(discovery::host_meta(state.app.instance()))
}

#[handler]
pub fn nodeinfo_links(state: Data<&Arc<AppState>>) -> Response {
    json_response(
        "application/json",
        &discovery::nodeinfo_links(state.app.instance()),
    )
}

#[handler]
pub async fn nodeinfo(state: Data<&Arc<AppState>>, Path(version): Path<String>) -> Response {
    if !discovery::NODEINFO_VERSIONS.contains(&version.as_str()) {
        return (StatusCode::NOT_FOUND, "no such NodeInfo version").into_response();
    }
    let instance =
        match rookery_domain::service::instance::load(&state.app.db, state.app.instance()).await {
            Ok(instance) => instance,
            Err(error) => return failure(error.into()),
        };
    respond(
        discovery::nodeinfo(&state.app.db, &instance, &version)
            .await
            .map(|doc| json_response(&discovery::nodeinfo_content_type(&version), &doc)),
    )
}

/// `/@:username` and `/@:username/:id`, the URLs people paste: ActivityPub clients get the
/// document served at the id (the actor, the note), browsers the page.
pub struct Negotiated<A, P> {
    pub activitypub: A,
    pub page: P,
}

impl<A: Endpoint, P: Endpoint> Endpoint for Negotiated<A, P> {
    type Output = Response;

    async fn call(&self, request: Request) -> poem::Result<Response> {
        Ok(if wants_json(request.headers()) {
            self.activitypub.get_response(request).await
        } else {
            self.page.get_response(request).await
        })
    }
}

/// `/users/:username`: the actor for ActivityPub clients, the profile page for browsers.
/// With authorized fetch, only the instance actor is served unsigned: others verify our
/// signatures with its key.
#[handler]
pub async fn actor_document(
    state: Data<&Arc<AppState>>,
    request: &Request,
    Path(username): Path<String>,
) -> Response {
    let found =
        rookery_domain::service::accounts::local_by_username(&state.app.db, &username).await;
    match found {
        Ok(account) if wants_json(request.headers()) => {
            if !account.is_instance_actor()
                && let Err(refused) = requester(&state, request, true).await
            {
                return refused;
            }
            let document = actor::document(&state.app.db, state.app.instance(), &account).await;
            respond(document.map(|document| json_response(ACTIVITY_JSON, &document)))
        }
        Ok(account) => Redirect::see_other(account.url).into_response(),
        Err(error) => failure(error.into()),
    }
}

/// Who signed a GET, if anyone; a bad signature or a blocked signer is refused, and so is
/// an unsigned GET when authorized fetch (secure mode) is on. Without it, documents
/// anyone may read (`for_anyone`) ignore signatures, as Mastodon's do.
async fn requester(
    state: &AppState,
    request: &Request,
    for_anyone: bool,
) -> Result<Option<AccountId>, Response> {
    if for_anyone && !state.authorized_fetch {
        return Ok(None);
    }
    let headers = header_map(request);
    if !headers.contains_key("signature") {
        if state.authorized_fetch {
            let reason = "this server answers signed requests only (authorized fetch)";
            return Err((StatusCode::UNAUTHORIZED, reason).into_response());
        }
        return Ok(None);
    }
    match inbox::verify_get(&state.federation(), &path_and_query(request), &headers).await {
        Ok(signer) => Ok(Some(signer.id)),
        Err(error @ InboxError::Throttled(_)) => Err(throttled(&error)),
        Err(error) => {
            tracing::debug!(error = %error, "a signed GET was refused");
            let status = match error {
                InboxError::Forbidden(_) => StatusCode::FORBIDDEN,
                _ => StatusCode::UNAUTHORIZED,
            };
            Err((status, error.public_reason()).into_response())
        }
    }
}

fn header_map(request: &Request) -> BTreeMap<String, String> {
    request
        .headers()
        .iter()
        .filter_map(|(name, value)| {
            Some((name.as_str().to_owned(), value.to_str().ok()?.to_owned()))
        })
        .collect()
}

fn path_and_query(request: &Request) -> String {
    request.uri().path_and_query().map_or_else(
        || request.uri().path().to_owned(),
        |p| p.as_str().to_owned(),
    )
}

/// `/users/:username/statuses/:id`: the note, or its web page. A signed request gets what
/// its signer may see (followers-only and direct notes included).
#[handler]
pub async fn note_document(
    state: Data<&Arc<AppState>>,
    request: &Request,
    Path((username, id)): Path<(String, String)>,
) -> Response {
    let Ok(id) = Uuid::parse_str(&id) else {
        return (StatusCode::NOT_FOUND, "status not found").into_response();
    };
    let wants_json = wants_json(request.headers());
    let viewer = if wants_json {
        match requester(&state, request, false).await {
            Ok(viewer) => viewer,
            Err(refused) => return refused,
        }
    } else {
        None
    };
    let result = note::note_for(
        &state.app.db,
        state.app.instance(),
        &username,
        StatusId(id),
        viewer,
    )
    .await;
    respond(result.map(|note| {
        if wants_json {
            json_response(ACTIVITY_JSON, &note)
        } else {
            Redirect::see_other(note.url).into_response()
        }
    }))
}

/// `/emojis/:id`: one of this server's custom emoji, as an `Emoji` (public, as its
/// picture is).
#[handler]
pub async fn emoji_document(state: Data<&Arc<AppState>>, Path(id): Path<String>) -> Response {
    let Ok(id) = Uuid::parse_str(&id) else {
        return failure(FederationError::NotFound(Kind::CustomEmoji));
    };
    let result = emoji::document(&state.app.db, state.app.instance(), CustomEmojiId(id)).await;
    respond(result.map(|document| json_response(ACTIVITY_JSON, &document)))
}

/// `/users/:username/statuses/:id/replies`: the replies to a note that the signer (if
/// any) may see.
#[handler]
pub async fn replies(
    state: Data<&Arc<AppState>>,
    request: &Request,
    Path((username, id)): Path<(String, String)>,
) -> Response {
    let Ok(id) = Uuid::parse_str(&id) else {
        return (StatusCode::NOT_FOUND, "status not found").into_response();
    };
    let viewer = match requester(&state, request, false).await {
        Ok(viewer) => viewer,
        Err(refused) => return refused,
    };
    let result = collections::replies(&state.app.db, &username, StatusId(id), viewer).await;
    respond(result.map(|doc: Value| json_response(ACTIVITY_JSON, &doc)))
}

/// `/users/:username/quote_authorizations/:id`: the stamp by which the account allows
/// the quote post `id`, while it is in force. It names two ids and shows nothing else,
/// so anyone may read it (signed readers only in secure mode).
#[handler]
pub async fn quote_authorization(
    state: Data<&Arc<AppState>>,
    request: &Request,
    Path((username, id)): Path<(String, String)>,
) -> Response {
    if let Err(refused) = requester(&state, request, true).await {
        return refused;
    }
    let Ok(id) = Uuid::parse_str(&id) else {
        return failure(FederationError::NotFound(Kind::Status));
    };
    let result = stamps::stamp(&state.app.db, state.app.instance(), &username, StatusId(id)).await;
    respond(result.map(|doc| json_response(ACTIVITY_JSON, &doc)))
}

#[derive(Deserialize)]
pub struct PageQuery {
    page: Option<String>,
    max_id: Option<String>,
}

async fn collection(
    state: &AppState,
    request: &Request,
    username: &str,
    which: Collection,
    query: &PageQuery,
) -> Response {
    // An outbox holds what its signer may see; the other collections are the same for all.
    let viewer = match requester(state, request, which != Collection::Outbox).await {
        Ok(viewer) => viewer,
        Err(refused) => return refused,
    };
    let page = match (&query.page, &query.max_id) {
        (None, _) => None,
        (Some(_), None) => Some(None),
        (Some(_), Some(max_id)) => match Uuid::parse_str(max_id) {
            Ok(max_id) => Some(Some(max_id)),
            Err(_) => return (StatusCode::BAD_REQUEST, "max_id is not an id").into_response(),
        },
    };
    let result = collections::collection(
        &state.app.db,
        state.app.instance(),
        username,
        which,
        viewer,
        page,
    )
    .await;
    respond(result.map(|doc: Value| json_response(ACTIVITY_JSON, &doc)))
}

/// `/activities/:id`: an activity this server sent, as its signer (if any) may read it.
#[handler]
pub async fn activity(
    state: Data<&Arc<AppState>>,
    request: &Request,
    Path(id): Path<String>,
) -> Response {
    let viewer = match requester(&state, request, false).await {
        Ok(viewer) => viewer,
        Err(refused) => return refused,
    };
    let Ok(id) = Uuid::parse_str(&id) else {
        return failure(FederationError::NotFound(Kind::Activity));
    };
    match outbox_activities::body_for(&state.app.db, viewer, ActivityId(id)).await {
        Ok(Some(body)) => Response::builder()
            .content_type(ACTIVITY_JSON)
            .header(header::VARY, "Accept")
            .body(body),
        Ok(None) => failure(FederationError::NotFound(Kind::Activity)),
        Err(error) => failure(FederationError::from(error)),
    }
}

/// `/users/:username/statuses/:id/activity`: the `Create` of a note (or the `Announce`
/// of a boost), the id it is delivered and listed in the outbox by; a signed request gets
/// what its signer may see, as for the note.
#[handler]
pub async fn status_activity(
    state: Data<&Arc<AppState>>,
    request: &Request,
    Path((username, id)): Path<(String, String)>,
) -> Response {
    let viewer = match requester(&state, request, false).await {
        Ok(viewer) => viewer,
        Err(refused) => return refused,
    };
    let Ok(id) = Uuid::parse_str(&id) else {
        return failure(FederationError::NotFound(Kind::Status));
    };
    let result = note::activity_for(
        &state.app.db,
        state.app.instance(),
        &username,
        StatusId(id),
        viewer,
    )
    .await;
    respond(result.map(|doc| json_response(ACTIVITY_JSON, &doc)))
}

/// `/contexts/:id`: a thread, as the signer (if any) may see it.
#[handler]
pub async fn thread_context(
    state: Data<&Arc<AppState>>,
    request: &Request,
    Path(id): Path<String>,
) -> Response {
    let viewer = match requester(&state, request, false).await {
        Ok(viewer) => viewer,
        Err(refused) => return refused,
    };
    let Ok(id) = Uuid::parse_str(&id) else {
        return failure(FederationError::NotFound(Kind::Status));
    };
    let result =
        collections::thread_context(&state.app.db, state.app.instance(), StatusId(id), viewer)
            .await;
    respond(result.map(|doc| json_response(ACTIVITY_JSON, &doc)))
}

/// `/users/:username/collections/featured`: the pinned statuses.
#[handler]
pub async fn featured(
    state: Data<&Arc<AppState>>,
    request: &Request,
    Path(username): Path<String>,
) -> Response {
    if let Err(refused) = requester(&state, request, true).await {
        return refused;
    }
    let result = collections::featured(&state.app.db, state.app.instance(), &username).await;
    respond(result.map(|doc: Value| json_response(ACTIVITY_JSON, &doc)))
}

#[handler]
pub async fn outbox(
    state: Data<&Arc<AppState>>,
    request: &Request,
    Path(username): Path<String>,
    query: Query<PageQuery>,
) -> Response {
    collection(&state, request, &username, Collection::Outbox, &query).await
}

#[handler]
pub async fn followers(
    state: Data<&Arc<AppState>>,
    request: &Request,
    Path(username): Path<String>,
    query: Query<PageQuery>,
) -> Response {
    collection(&state, request, &username, Collection::Followers, &query).await
}

#[handler]
pub async fn following(
    state: Data<&Arc<AppState>>,
    request: &Request,
    Path(username): Path<String>,
    query: Query<PageQuery>,
) -> Response {
    collection(&state, request, &username, Collection::Following, &query).await
}

/// The most an inbox reads of a request body.
const MAX_INBOX_BODY: usize = 1024 * 1024;

async fn receive(state: &AppState, request: &Request, body: Body) -> Response {
    let Ok(body) = body.into_bytes_limit(MAX_INBOX_BODY).await else {
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            "the body is over 1 MiB, or unreadable",
        )
            .into_response();
    };
    let headers = header_map(request);
    let target = path_and_query(request);
    match inbox::receive(&state.federation(), &target, &headers, &body).await {
        Ok(()) => StatusCode::ACCEPTED.into_response(),
        Err(error) => {
            let status = match &error {
                InboxError::Malformed(_) => StatusCode::BAD_REQUEST,
                InboxError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
                InboxError::Forbidden(_) => StatusCode::FORBIDDEN,
                InboxError::Throttled(_) => return throttled(&error),
                InboxError::Internal(_) => {
                    tracing::error!(error = %error, "inbox");
                    return (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response();
                }
            };
            tracing::debug!(error = %error, "inbox refused a delivery");
            (status, error.public_reason()).into_response()
        }
    }
}

/// 429 with a minute to wait: what a sender retries, unlike a refusal.
fn throttled(error: &InboxError) -> Response {
    tracing::debug!(error = %error, "signed request throttled");
    Response::builder()
        .status(StatusCode::TOO_MANY_REQUESTS)
        .header(header::RETRY_AFTER, "60")
        .body(error.public_reason())
}

/// `POST /inbox`: the shared inbox.
#[handler]
pub async fn shared_inbox(state: Data<&Arc<AppState>>, request: &Request, body: Body) -> Response {
    receive(&state, request, body).await
}

/// `POST /users/:username/inbox`.
#[handler]
pub async fn personal_inbox(
    state: Data<&Arc<AppState>>,
    Path(username): Path<String>,
    request: &Request,
    body: Body,
) -> Response {
    if rookery_domain::service::accounts::local_by_username(&state.app.db, &username)
        .await
        .is_err()
    {
        return (StatusCode::NOT_FOUND, "no such account").into_response();
    }
    receive(&state, request, body).await
}
