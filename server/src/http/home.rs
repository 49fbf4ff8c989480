//! The front page, until the web client is served here.

use std::sync::Arc;

use poem::handler;
use poem::web::{Data, Html};

use crate::state::AppState;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[handler]
pub fn page(state: Data<&Arc<AppState>>) -> Html<String> {
    let name = escape(&state.instance.name);
    Html(format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>{name}</title></head><body>\
         <h1>{name}</h1>\
         <p>This Rookery server is running. The web client is not part of this build yet.</p>\
         <p>Explore the API in <a href=\"/graphql\">GraphiQL</a>.</p>\
         </body></html>\n"
    ))
}
