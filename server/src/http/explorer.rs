//! The API explorer on `GET /graphql`: one same-origin page and script, nothing loaded from
//! elsewhere (a full GraphiQL comes with the bundled web client).

use poem::http::StatusCode;
use poem::web::Html;
use poem::{IntoResponse, Response, handler};

/// Whether the explorer is served (`server.graphiql`).
#[derive(Debug, Clone, Copy)]
pub struct Explorer(pub bool);

const PAGE: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rookery API explorer</title>
<script src="/graphql/explorer.js" defer></script></head>
<body><h1>Rookery API explorer</h1>
<p><label>Query<br><textarea id="query" rows="14" cols="80">{ instance { name } }</textarea></label></p>
<p><label>Variables (JSON)<br><textarea id="variables" rows="4" cols="80"></textarea></label></p>
<p><label>Access token <input id="token" type="password" size="60" autocomplete="off"></label></p>
<p><button id="run" type="button">Run</button></p>
<pre id="result"></pre>
<p>The schema is in <code>schema.graphql</code>; live subscriptions are on <code>/graphql/ws</code>.</p>
</body></html>
"#;

const SCRIPT: &str = r#""use strict";
document.getElementById("run").addEventListener("click", async () => {
  const result = document.getElementById("result");
  const headers = { "content-type": "application/json" };
  const token = document.getElementById("token").value.trim();
  if (token) headers.authorization = "Bearer " + token;
  let variables = {};
  const text = document.getElementById("variables").value.trim();
  try {
    if (text) variables = JSON.parse(text);
  } catch (error) {
    result.textContent = "Variables: " + error;
    return;
  }
  const query = document.getElementById("query").value;
  try {
    const response = await fetch("/graphql", {
      method: "POST",
      headers,
      body: JSON.stringify({ query, variables }),
    });
    result.textContent = JSON.stringify(await response.json(), null, 2);
  } catch (error) {
    result.textContent = String(error);
  }
});
"#;

/// The explorer's page, or 404 when it is turned off.
pub fn page(explorer: Explorer) -> Response {
    if !explorer.0 {
        return (
            StatusCode::NOT_FOUND,
            "The explorer is turned off (server.graphiql); send GraphQL requests here.",
        )
            .into_response();
    }
    Html(PAGE).into_response()
}

#[handler]
pub fn script() -> Response {
    SCRIPT
        .with_content_type("text/javascript; charset=utf-8")
        .into_response()
}
