//! HTTP routes: GraphQL, health checks and the web client's page.

mod graphql;
mod health;
mod home;

use std::sync::Arc;

use poem::{EndpointExt, Route, get};

use crate::graphql::RookerySchema;
use crate::state::AppState;

/// Everything the HTTP server serves.
pub fn routes(state: Arc<AppState>, schema: RookerySchema, graphiql: bool) -> impl poem::Endpoint {
    let graphql_get = if graphiql {
        get(graphql::graphiql)
    } else {
        get(graphql::graphiql_disabled)
    };
    Route::new()
        .at("/", get(home::page))
        .at("/graphql", graphql_get.post(graphql::execute))
        .at(
            "/graphql/ws",
            get(async_graphql_poem::GraphQLSubscription::new(schema.clone())),
        )
        .at("/health", get(health::health))
        .at("/ready", get(health::ready))
        .data(schema)
        .data(state)
}
