//! `/health` (the process answers) and `/ready` (and its database does too).

use std::sync::Arc;

use poem::handler;
use poem::http::StatusCode;
use poem::web::Data;
use rookery_domain::db;

use crate::state::AppState;

#[handler]
pub fn health() -> &'static str {
    "ok"
}

#[handler]
pub async fn ready(state: Data<&Arc<AppState>>) -> (StatusCode, &'static str) {
    if db::ping(&state.app.db).await {
        (StatusCode::OK, "ready")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
    }
}
