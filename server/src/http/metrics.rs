//! `/metrics`: Prometheus text for a scraper holding `server.metrics_token`; off without it.

use std::sync::{Arc, OnceLock};

use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use poem::http::StatusCode;
use poem::web::Data;
use poem::{IntoResponse, Request, Response, handler};
use sha2::{Digest, Sha256};

use crate::state::AppState;

/// The process's metrics recorder, installed on first use.
pub fn recorder() -> Option<&'static PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| PrometheusBuilder::new().install_recorder().ok())
        .as_ref()
}

/// Compares digests, so that the time taken says nothing about the token.
fn same_token(given: &str, expected: &str) -> bool {
    Sha256::digest(given.as_bytes()) == Sha256::digest(expected.as_bytes())
}

#[handler]
pub async fn scrape(request: &Request, state: Data<&Arc<AppState>>) -> Response {
    let Some(expected) = &state.metrics_token else {
        return (
            StatusCode::NOT_FOUND,
            "metrics are off: set server.metrics_token to serve them",
        )
            .into_response();
    };
    let given = request
        .headers()
        .get("authorization")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "));
    if !given.is_some_and(|given| same_token(given, expected)) {
        return (StatusCode::UNAUTHORIZED, "a bearer token is required").into_response();
    }
    let Some(handle) = recorder() else {
        return (StatusCode::SERVICE_UNAVAILABLE, "no metrics recorder").into_response();
    };
    match state.app.outbox.queue().stats().await {
        Ok(queues) => {
            for queue in queues {
                let name = queue.name;
                metrics::gauge!("rookery_queue_pending", "queue" => name.clone())
                    .set(queue.pending as f64);
                metrics::gauge!("rookery_queue_running", "queue" => name.clone())
                    .set(queue.running as f64);
                metrics::gauge!("rookery_queue_failed", "queue" => name).set(queue.failed as f64);
            }
        }
        Err(error) => tracing::warn!(%error, "reading queue counts for /metrics"),
    }
    handle
        .render()
        .with_content_type("text/plain; version=0.0.4")
        .into_response()
}
