//! `/graphql` over HTTP (POST, and GET for queries) and `/graphql/ws`, with the bearer
//! token or the session cookie turned into the viewer.

use std::net::IpAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use async_graphql::http::ALL_WEBSOCKET_PROTOCOLS;
use async_graphql::http::MultipartOptions;
use async_graphql::{ParseRequestError, ServerError};
use async_graphql_poem::{GraphQLProtocol, GraphQLResponse};
use futures::{StreamExt, TryStreamExt};
use poem::http::{HeaderMap, HeaderValue, StatusCode, header};
use poem::web::websocket::{WebSocket, WebSocketConfig};
use poem::web::{Data, Json, Query, RemoteAddr};
use poem::{Body, IntoResponse, Response, handler};
use rookery_domain::service::auth;
use rookery_domain::{DomainError, ErrorCode};

use crate::graphql::error::{request_error, with_code};
use crate::graphql::loaders::{Keeping, Loaders};
use serde::Deserialize;

use super::explorer::{self, Explorer};
use super::session::{self, CsrfHeaderMissing};
use super::{client, live_socket};
use crate::graphql::{self, Answer, NotAQuery, RequestContext, Schemas};
use crate::state::AppState;

/// Files one request may carry (a profile's avatar and header).
const MAX_FILES: usize = 2;

/// An answer refusing the whole request, with the domain error's code: such an error is
/// about no place in a document, so it carries no `locations`.
fn error_response(status: StatusCode, error: DomainError) -> Response {
    let error = request_error(error);
    let body = serde_json::json!({ "errors": [error] });
    (status, Json(body)).into_response()
}

/// Why a body is not a GraphQL request, in Rookery's words (a parser's say nothing to a
/// client and may echo the body).
fn malformed(error: &ParseRequestError) -> &'static str {
    match error {
        ParseRequestError::InvalidFilesMap(_) | ParseRequestError::MissingMapPart => {
            "the multipart request's `map` does not name its files"
        }
        ParseRequestError::InvalidMultipart(_)
        | ParseRequestError::MissingOperatorsPart
        | ParseRequestError::NotUpload
        | ParseRequestError::MissingFiles => {
            "the multipart request does not follow the GraphQL upload spec"
        }
        ParseRequestError::UnsupportedBatch => "batch requests are not supported",
        _ => {
            "the body is not a GraphQL request: a JSON object with a `query` string, and \
             optionally `variables` (an object) and `operationName`"
        }
    }
}

/// A GraphQL request: JSON of at most `graphql.max_body_bytes`, or a multipart request
/// whose files (uploads) keep the media limits. A body over its limit is refused with 413
/// as soon as its length is known or the limit is passed, never read whole.
async fn read_request(
    state: &AppState,
    headers: &HeaderMap,
    body: Body,
) -> Result<async_graphql::Request, Response> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let multipart = content_type
        .as_deref()
        .is_some_and(|value| value.starts_with("multipart/"));
    let max_body = state.document_limits.max_body_bytes;
    let limit = if multipart {
        max_body.saturating_add(MAX_FILES.saturating_mul(state.media.limits.max_bytes))
    } else {
        max_body
    };
    let too_large = || {
        error_response(
            StatusCode::PAYLOAD_TOO_LARGE,
            DomainError::validation(
                "request",
                format!("the body is over the limit of {limit} bytes"),
            ),
        )
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return Err(too_large());
    }
    let over = Arc::new(AtomicBool::new(false));
    let options = MultipartOptions::default()
        .max_file_size(state.media.limits.max_bytes)
        .max_num_files(MAX_FILES);
    let received = async_graphql::http::receive_batch_body(
        content_type,
        limited(body, limit, over.clone()),
        options,
    )
    .await
    .and_then(|batch| batch.into_single());
    received.map_err(|error| match error {
        _ if over.load(Ordering::Relaxed) => too_large(),
        ParseRequestError::PayloadTooLarge => error_response(
            StatusCode::PAYLOAD_TOO_LARGE,
            DomainError::MediaTooLarge(format!(
                "a file is over the limit of {} bytes",
                state.media.limits.max_bytes
            )),
        ),
        other => error_response(
            StatusCode::BAD_REQUEST,
            DomainError::validation("request", malformed(&other)),
        ),
    })
}

/// `body` as a reader that fails once more than `limit` bytes arrived, setting `over`.
fn limited(
    body: Body,
    limit: usize,
    over: Arc<AtomicBool>,
) -> impl futures::AsyncRead + Send + Unpin {
    let mut received = 0usize;
    body.into_bytes_stream()
        .map(move |chunk| {
            let chunk = chunk?;
            received = received.saturating_add(chunk.len());
            if received > limit {
                over.store(true, Ordering::Relaxed);
                return Err(std::io::Error::other("the body is over the limit"));
            }
            Ok(chunk)
        })
        .into_async_read()
}

/// `POST /graphql`: any operation, JSON or multipart.
#[handler]
pub async fn execute(
    schemas: Data<&Schemas>,
    state: Data<&Arc<AppState>>,
    headers: &HeaderMap,
    remote: &RemoteAddr,
    body: Body,
) -> Response {
    let request = match read_request(&state, headers, body).await {
        Ok(request) => request,
        Err(response) => return response,
    };
    run(&schemas, &state, headers, remote, request, false).await
}

/// The parameters of `GET /graphql` (GraphQL over HTTP).
#[derive(Deserialize)]
pub struct GetParameters {
    query: Option<String>,
    /// JSON.
    variables: Option<String>,
    #[serde(rename = "operationName")]
    operation_name: Option<String>,
}

/// `GET /graphql?query=…`: queries only (405 for anything else). Without a query, a
/// browser asking for HTML gets the explorer.
#[handler]
pub async fn execute_get(
    schemas: Data<&Schemas>,
    state: Data<&Arc<AppState>>,
    headers: &HeaderMap,
    remote: &RemoteAddr,
    explorer: Data<&Explorer>,
    Query(parameters): Query<GetParameters>,
) -> Response {
    let Some(query) = parameters.query else {
        if wants_html(headers) {
            return explorer::page(*explorer.0);
        }
        return error_response(
            StatusCode::BAD_REQUEST,
            DomainError::validation("query", "GET /graphql needs ?query="),
        );
    };
    let mut request = async_graphql::Request::new(query);
    if let Some(variables) = parameters.variables.filter(|v| !v.trim().is_empty()) {
        match serde_json::from_str(&variables) {
            Ok(variables) => request = request.variables(variables),
            Err(_) => {
                return error_response(
                    StatusCode::BAD_REQUEST,
                    DomainError::validation("variables", "`variables` is not a JSON object"),
                );
            }
        }
    }
    if let Some(name) = parameters.operation_name {
        request = request.operation_name(name);
    }
    run(&schemas, &state, headers, remote, request, true).await
}

fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .any(|value| value.contains("text/html"))
}

/// An answer refusing the whole request with `code`, for what is no domain error.
fn refused(status: StatusCode, code: ErrorCode, message: &str) -> Response {
    let error = with_code(ServerError::new(message, None), code);
    (status, Json(serde_json::json!({ "errors": [error] }))).into_response()
}

/// Runs `request` as the viewer of its bearer token, or of its session cookie when it
/// carries the CSRF header (a cookie without it is refused with 403 before anything
/// runs); with `queries_only`, refuses mutations and subscriptions with 405.
async fn run(
    schemas: &Schemas,
    state: &Arc<AppState>,
    headers: &HeaderMap,
    remote: &RemoteAddr,
    request: async_graphql::Request,
    queries_only: bool,
) -> Response {
    let credentials = match session::credentials(headers) {
        Ok(credentials) => credentials,
        Err(CsrfHeaderMissing) => {
            return refused(
                StatusCode::FORBIDDEN,
                ErrorCode::CsrfHeaderMissing,
                CsrfHeaderMissing::MESSAGE,
            );
        }
    };
    let viewer = match credentials.token() {
        None => None,
        Some(token) => match auth::authenticate(&state.app.db, token).await {
            Ok(viewer) => Some(viewer),
            Err(error) => return error_response(StatusCode::UNAUTHORIZED, error),
        },
    };
    let context = RequestContext {
        viewer,
        client_ip: client_address(remote, headers, state),
    };
    let viewer_id = viewer.map(|v| v.account_id);
    let request = request.data(context).data(Loaders::new(
        &state.app.db,
        viewer_id,
        state.batch_window,
        Keeping::Request,
    ));
    let response = graphql::execute(
        &schemas.http,
        &schemas.introspection,
        &state.document_limits,
        request,
        viewer.as_ref(),
        queries_only,
    )
    .await;
    match response {
        Ok(Answer::Made(response)) => GraphQLResponse::from(*response).into_response(),
        Ok(Answer::Kept(json)) => Response::builder()
            .content_type("application/json; charset=utf-8")
            .body(json.as_ref().clone()),
        Err(NotAQuery) => {
            let mut response = error_response(
                StatusCode::METHOD_NOT_ALLOWED,
                DomainError::validation("query", "only queries run over GET; POST the others"),
            );
            response
                .headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static("GET, POST"));
            response
        }
    }
}

/// `/graphql/ws`: subscriptions over graphql-transport-ws (or the older graphql-ws). The
/// client signs in with `connection_init`'s payload, `{"authorization": "Bearer …"}`, or
/// with the session cookie, which counts only on an upgrade from the instance's own
/// origin (one from elsewhere is refused with 403); without either it may follow the
/// public streams only. An address holds a limited number of connections (429 past it).
#[handler]
pub async fn subscriptions(
    schemas: Data<&Schemas>,
    state: Data<&Arc<AppState>>,
    protocol: GraphQLProtocol,
    websocket: WebSocket,
    headers: &HeaderMap,
    remote: &RemoteAddr,
) -> Response {
    let session = match session::session_token(headers) {
        Some(token) if session::from_own_origin(headers, &state) => Some(token.to_owned()),
        Some(_) => {
            return refused(
                StatusCode::FORBIDDEN,
                ErrorCode::Forbidden,
                "the session cookie opens live connections from this instance's own pages only",
            );
        }
        None => None,
    };
    let client_ip = client_address(remote, headers, &state);
    let counted = match client_ip {
        None => None,
        Some(ip) => match state
            .live_connections
            .from_address(ip, state.live_limits.max_per_address)
        {
            Some(counted) => Some(counted),
            None => return error_response(StatusCode::TOO_MANY_REQUESTS, DomainError::RateLimited),
        },
    };
    let schema = schemas.live.clone();
    let state = state.clone();
    let frames = WebSocketConfig::default()
        .max_message_size(Some(state.document_limits.max_body_bytes))
        .max_frame_size(Some(state.document_limits.max_body_bytes));
    websocket
        .protocols(ALL_WEBSOCKET_PROTOCOLS)
        .config(frames)
        .on_upgrade(move |socket| {
            live_socket::serve(
                socket, schema, protocol.0, state, client_ip, session, counted,
            )
        })
        .into_response()
}

/// The client's address, from forwarding headers when a trusted proxy sent them.
fn client_address(remote: &RemoteAddr, headers: &HeaderMap, state: &AppState) -> Option<IpAddr> {
    let peer = remote.as_socket_addr().map(|addr| addr.ip());
    client::client_address(peer, headers, &state.trusted_proxies)
}
