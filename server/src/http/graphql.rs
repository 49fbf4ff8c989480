//! `POST /graphql` (with the bearer token turned into the viewer) and GraphiQL.

use std::sync::Arc;

use async_graphql::ParseRequestError;
use async_graphql::http::ALL_WEBSOCKET_PROTOCOLS;
use async_graphql::http::{GraphiQLSource, MultipartOptions};
use async_graphql_poem::{GraphQLProtocol, GraphQLResponse, GraphQLWebSocket};
use poem::http::{HeaderMap, StatusCode, header};
use poem::web::websocket::WebSocket;
use poem::web::{Data, Html, Json, RemoteAddr};
use poem::{Body, IntoResponse, Response, handler};
use rookery_domain::DomainError;
use rookery_domain::service::auth;
use tokio_util::compat::TokioAsyncReadCompatExt;

use crate::graphql::error::api_error;
use crate::graphql::loaders::{self, Keeping};
use crate::graphql::{self, RequestContext, Schemas};
use crate::state::AppState;

fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    token_of(headers.get(header::AUTHORIZATION)?.to_str().ok()?)
}

/// The token of an `Authorization` value of the bearer scheme.
fn token_of(authorization: &str) -> Option<&str> {
    let (scheme, token) = authorization.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// Files one request may carry (a profile's avatar and header).
const MAX_FILES: usize = 2;

fn error_response(status: StatusCode, error: DomainError) -> Response {
    let error = api_error(error).into_server_error(Default::default());
    let body = serde_json::json!({ "errors": [error] });
    (status, Json(body)).into_response()
}

/// A GraphQL request: JSON, or a multipart request with files (uploads) that keep the
/// media limits while they are received.
async fn read_request(
    state: &AppState,
    headers: &HeaderMap,
    body: Body,
) -> Result<async_graphql::Request, Response> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let options = MultipartOptions::default()
        .max_file_size(state.media.limits.max_bytes)
        .max_num_files(MAX_FILES);
    let received = async_graphql::http::receive_batch_body(
        content_type,
        body.into_async_read().compat(),
        options,
    )
    .await
    .and_then(|batch| batch.into_single());
    received.map_err(|error| match error {
        ParseRequestError::PayloadTooLarge => error_response(
            StatusCode::PAYLOAD_TOO_LARGE,
            DomainError::MediaTooLarge(format!(
                "a file is over the limit of {} bytes",
                state.media.limits.max_bytes
            )),
        ),
        other => error_response(
            StatusCode::BAD_REQUEST,
            DomainError::validation("request", other.to_string()),
        ),
    })
}

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
    let viewer = match bearer_token(headers) {
        None => None,
        Some(token) => match auth::authenticate(&state.db, token).await {
            Ok(viewer) => Some(viewer),
            Err(error) => {
                let error = api_error(error).into_server_error(Default::default());
                let body = serde_json::json!({ "errors": [error] });
                return (StatusCode::UNAUTHORIZED, Json(body)).into_response();
            }
        },
    };
    let context = RequestContext {
        viewer,
        client_ip: remote.as_socket_addr().map(|addr| addr.ip()),
    };
    let mut request = request.data(context);
    let viewer_id = viewer.map(|v| v.account_id);
    loaders::attach(
        &mut request.data,
        &state.db,
        viewer_id,
        state.batch_window,
        Keeping::Request,
    );
    let response = graphql::execute(&schemas.http, request, viewer.as_ref()).await;
    GraphQLResponse::from(response).into_response()
}

#[handler]
pub fn graphiql() -> Html<String> {
    Html(
        GraphiQLSource::build()
            .endpoint("/graphql")
            .subscription_endpoint("/graphql/ws")
            .finish(),
    )
}

#[handler]
pub fn graphiql_disabled() -> (StatusCode, &'static str) {
    (
        StatusCode::NOT_FOUND,
        "GraphiQL is turned off (server.graphiql); POST GraphQL requests here.",
    )
}

/// `/graphql/ws`: subscriptions over graphql-transport-ws (or the older graphql-ws). The
/// client signs in with `connection_init`'s payload, `{"authorization": "Bearer …"}`;
/// without one it may follow the public streams only.
#[handler]
pub async fn subscriptions(
    schemas: Data<&Schemas>,
    state: Data<&Arc<AppState>>,
    protocol: GraphQLProtocol,
    websocket: WebSocket,
) -> impl IntoResponse {
    let schema = schemas.live.clone();
    let state = state.clone();
    websocket
        .protocols(ALL_WEBSOCKET_PROTOCOLS)
        .on_upgrade(move |socket| {
            GraphQLWebSocket::new(socket, schema, protocol)
                .on_connection_init(move |payload| connection_init(state, payload))
                .serve()
        })
}

/// The live connection's viewer (from the payload's bearer token) and its loaders, which
/// keep nothing between events.
async fn connection_init(
    state: Arc<AppState>,
    payload: serde_json::Value,
) -> async_graphql::Result<async_graphql::Data> {
    let authorization = ["authorization", "Authorization"]
        .iter()
        .find_map(|key| payload.get(key).and_then(|v| v.as_str()));
    let viewer = match authorization {
        None => None,
        Some(value) => {
            let token = token_of(value).ok_or_else(|| {
                api_error(DomainError::validation(
                    "authorization",
                    "expected \"Bearer <token>\"",
                ))
            })?;
            Some(
                auth::authenticate(&state.db, token)
                    .await
                    .map_err(api_error)?,
            )
        }
    };
    let mut data = async_graphql::Data::default();
    data.insert(RequestContext {
        viewer,
        client_ip: None,
    });
    let viewer_id = viewer.map(|v| v.account_id);
    loaders::attach(
        &mut data,
        &state.db,
        viewer_id,
        state.batch_window,
        Keeping::Nothing(&state.live_reads),
    );
    Ok(data)
}
