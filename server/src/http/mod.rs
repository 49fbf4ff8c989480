//! HTTP routes: GraphQL, the web client and its session, ActivityPub and discovery,
//! health checks, plain web pages and feeds; HTML answers and the client's files carry the
//! browser security headers.

mod activitypub;
mod bearer;
pub mod client;
mod explorer;
mod feeds;
mod graphql;
mod headers;
mod health;
pub mod live_limits;
pub mod live_socket;
mod media;
pub mod metrics;
mod pages;
pub mod session;
pub mod web_client;

use std::sync::Arc;

use poem::http::{Method, header};
use poem::middleware::Cors;
use poem::{EndpointExt, Route, get, post};

use crate::graphql::Schemas;
use crate::state::AppState;
use explorer::Explorer;

/// Everything the HTTP server serves.
pub fn routes(state: Arc<AppState>, schemas: Schemas, graphiql: bool) -> impl poem::Endpoint {
    let https = state.app.instance().base_url.scheme() == "https";
    let security = headers::SecurityHeaders::new(state.media_public_url.as_deref(), https);
    let mut route = Route::new()
        .at("/assets/*path", get(pages::asset))
        .at("/*path", get(pages::fallback))
        .at(
            "/auth/session",
            post(session::sign_in).delete(session::sign_out),
        )
        // Feeds before pages: a username never holds a dot, so `/@alice.rss` is a feed.
        .at("/@:username<[A-Za-z0-9_]+>.rss", get(feeds::account_rss))
        .at("/@:username<[A-Za-z0-9_]+>.atom", get(feeds::account_atom))
        .at("/tags/:tag<[^/.]+>.rss", get(feeds::hashtag_rss))
        .at("/tags/:tag<[^/.]+>.atom", get(feeds::hashtag_atom))
        .at(
            "/@:username",
            get(activitypub::Negotiated {
                activitypub: activitypub::actor_document,
                page: pages::profile_page,
            }),
        )
        .at(
            "/@:username/:id",
            get(activitypub::Negotiated {
                activitypub: activitypub::note_document,
                page: pages::status_page,
            }),
        )
        .at("/.well-known/webfinger", get(activitypub::webfinger))
        .at("/.well-known/host-meta", get(activitypub::host_meta))
        .at("/.well-known/nodeinfo", get(activitypub::nodeinfo_links))
        .at("/nodeinfo/:version", get(activitypub::nodeinfo))
        .at("/users/:username", get(activitypub::actor_document))
        .at(
            "/users/:username/statuses/:id",
            get(activitypub::note_document),
        )
        .at(
            "/users/:username/statuses/:id/replies",
            get(activitypub::replies),
        )
        .at(
            "/users/:username/statuses/:id/activity",
            get(activitypub::status_activity),
        )
        .at("/contexts/:id", get(activitypub::thread_context))
        .at("/emojis/:id", get(activitypub::emoji_document))
        .at("/inbox", post(activitypub::shared_inbox))
        .at("/activities/:id", get(activitypub::activity))
        .at("/users/:username/inbox", post(activitypub::personal_inbox))
        .at("/users/:username/outbox", get(activitypub::outbox))
        .at(
            "/users/:username/collections/featured",
            get(activitypub::featured),
        )
        .at("/users/:username/followers", get(activitypub::followers))
        .at(
            "/users/:username/quote_authorizations/:id",
            get(activitypub::quote_authorization),
        )
        .at("/users/:username/following", get(activitypub::following))
        .at(
            "/graphql",
            get(graphql::execute_get)
                .post(graphql::execute)
                .with_if(!state.cors_origins.is_empty(), cors(&state)),
        )
        .at("/graphql/ws", get(graphql::subscriptions))
        .at("/media/:key", get(media::file))
        .at("/health", get(health::health))
        .at("/ready", get(health::ready))
        .at("/metrics", get(metrics::scrape));
    if graphiql {
        route = route
            .at("/graphql/explorer.js", get(explorer::script))
            .at("/graphiql", get(pages::graphiql));
    }
    route
        .data(schemas)
        .data(state)
        .data(Explorer(graphiql))
        .after(move |response| {
            let security = security.clone();
            async move { response.map(|r| security.apply(r)) }
        })
}

/// Lets the configured web clients elsewhere, and this instance's own pages, call
/// `/graphql` with bearer tokens. Credentials are never allowed and the CSRF header is not
/// among the allowed ones, so no page elsewhere can send a request the session cookie
/// authenticates.
fn cors(state: &AppState) -> Cors {
    let own = state.app.instance().base_url.origin().ascii_serialization();
    Cors::new()
        .allow_origins(
            state
                .cors_origins
                .iter()
                .map(String::as_str)
                .chain([own.as_str()]),
        )
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE])
        .max_age(86_400)
}
