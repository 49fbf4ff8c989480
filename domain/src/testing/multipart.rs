//! GraphQL multipart requests (the upload spec) for tests that send files.

use serde_json::{Map, Value, json};

const BOUNDARY: &str = "rookery-test-boundary-7d1e";

/// The content type and body of a request for `query`, each file in `files` going to the
/// variable it names.
pub fn graphql_upload(
    query: &str,
    variables: Value,
    files: &[(&str, Vec<u8>)],
) -> (String, Vec<u8>) {
    let part = |name: &str, extra: &str| {
        format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"{extra}\r\n\r\n")
    };
    let map: Map<String, Value> = files
        .iter()
        .enumerate()
        .map(|(i, (variable, _))| (i.to_string(), json!([format!("variables.{variable}")])))
        .collect();
    let mut body = part("operations", "").into_bytes();
    body.extend(
        json!({ "query": query, "variables": variables })
            .to_string()
            .bytes(),
    );
    body.extend(b"\r\n");
    body.extend(part("map", "").bytes());
    body.extend(Value::Object(map).to_string().bytes());
    body.extend(b"\r\n");
    for (i, (_, bytes)) in files.iter().enumerate() {
        body.extend(part(&i.to_string(), "; filename=\"upload\"").bytes());
        body.extend(bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{BOUNDARY}--\r\n").bytes());
    (format!("multipart/form-data; boundary={BOUNDARY}"), body)
}
