//! `GET /media/:key`: kept pictures, served so that no browser runs them as anything else.

use std::sync::Arc;

use poem::http::{StatusCode, header};
use poem::web::{Data, Path};
use poem::{IntoResponse, Response, handler};
use rookery_domain::service::media;

use crate::state::AppState;

/// Kept files never change (their key is their content's hash).
const CACHE_FOREVER: &str = "public, max-age=31536000, immutable";

#[handler]
pub async fn file(state: Data<&Arc<AppState>>, Path(key): Path<String>) -> Response {
    if !media::is_served_key(&key) {
        return (StatusCode::NOT_FOUND, "no such file").into_response();
    }
    if let Some(public) = &state.media_public_url {
        return Response::builder()
            .status(StatusCode::FOUND)
            .header(
                header::LOCATION,
                format!("{}/{key}", public.trim_end_matches('/')),
            )
            .header(header::CACHE_CONTROL, CACHE_FOREVER)
            .finish();
    }
    match state.media.store.get(&key).await {
        Ok(Some(bytes)) => Response::builder()
            .header(header::CONTENT_TYPE, media::content_type_of(&key))
            .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
            .header(header::CONTENT_SECURITY_POLICY, "default-src 'none'")
            .header(header::CACHE_CONTROL, CACHE_FOREVER)
            .body(bytes),
        Ok(None) => (StatusCode::NOT_FOUND, "no such file").into_response(),
        Err(error) => {
            tracing::error!(%error, key, "reading a media file");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "the media store is unavailable",
            )
                .into_response()
        }
    }
}
