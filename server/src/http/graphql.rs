//! `POST /graphql` (with the bearer token turned into the viewer) and GraphiQL.

use std::sync::Arc;

use async_graphql::http::GraphiQLSource;
use async_graphql_poem::{GraphQLRequest, GraphQLResponse};
use poem::http::{HeaderMap, StatusCode, header};
use poem::web::{Data, Html, Json, RemoteAddr};
use poem::{IntoResponse, Response, handler};
use rookery_domain::service::auth;

use crate::graphql::error::api_error;
use crate::graphql::{RequestContext, RookerySchema, loaders};
use crate::state::AppState;

fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

#[handler]
pub async fn execute(
    schema: Data<&RookerySchema>,
    state: Data<&Arc<AppState>>,
    headers: &HeaderMap,
    remote: &RemoteAddr,
    request: GraphQLRequest,
) -> Response {
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
    let request = request.0.data(context);
    let viewer_id = viewer.map(|v| v.account_id);
    let request = loaders::attach(request, &state.db, viewer_id, state.batch_window);
    GraphQLResponse::from(schema.execute(request).await).into_response()
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
