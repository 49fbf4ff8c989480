//! What one GraphQL document may hold, checked before it is parsed and right after.

use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{ServerError, Value, Variables};
use rookery_domain::ErrorCode;

use super::error::with_code;

/// The deepest nesting of `{`, `[` and `(` a document may have, selection sets, lists,
/// input objects and argument lists together; the parser recurses once per level.
pub const MAX_NESTING: usize = 64;

/// What one item of a list that is not a connection weighs in a query's complexity is
/// what its selection weighs, times the items the list may hold: its bound when it has
/// one, else what a long one holds.
pub const THREAD_ITEMS: usize = 100;
/// Versions of one status.
pub const EDIT_ITEMS: usize = 20;
/// An account's pins.
pub const PIN_ITEMS: usize = rookery_domain::service::pins::MAX_PINS as usize;
/// Accounts on a list.
pub const LIST_MEMBER_ITEMS: usize = 50;

/// The fields that may ask other servers for what they name, one per document.
const REMOTE_LOOKUPS: [&str; 3] = ["resolveAccount", "resolveObject", "search"];

/// The limits of one request, its document and its variables.
#[derive(Debug, Clone, Copy)]
pub struct DocumentLimits {
    /// The most bytes of a JSON request body.
    pub max_body_bytes: usize,
    /// The most bytes of query text.
    pub max_document_bytes: usize,
    /// The most field selections in the whole document, fragments included.
    pub max_fields: usize,
    /// The most aliased fields plus root fields.
    pub max_aliases: usize,
}

impl Default for DocumentLimits {
    fn default() -> Self {
        Self {
            max_body_bytes: 1024 * 1024,
            max_document_bytes: 64 * 1024,
            max_fields: 1000,
            max_aliases: 100,
        }
    }
}

/// Why a document was refused before it was parsed.
fn parse_failure(message: String) -> ServerError {
    with_code(
        ServerError::new(message, None),
        ErrorCode::GraphqlParseFailed,
    )
}

/// Why a parsed document was refused.
fn too_complex(message: String) -> ServerError {
    with_code(ServerError::new(message, None), ErrorCode::QueryTooComplex)
}

impl DocumentLimits {
    /// Refuses a document the parser should never see: too long, or nested deeper than
    /// [`MAX_NESTING`] (in its text or in its variables).
    pub fn check_text(&self, query: &str, variables: &Variables) -> Result<(), ServerError> {
        if query.len() > self.max_document_bytes {
            return Err(parse_failure(format!(
                "the document has {} bytes, more than the limit of {}",
                query.len(),
                self.max_document_bytes
            )));
        }
        if nesting(query) > MAX_NESTING {
            return Err(parse_failure(format!(
                "the document is nested more than {MAX_NESTING} levels deep"
            )));
        }
        if variables
            .values()
            .any(|value| value_depth(value) > MAX_NESTING)
        {
            return Err(parse_failure(format!(
                "a variable is nested more than {MAX_NESTING} levels deep"
            )));
        }
        Ok(())
    }

    /// Refuses a parsed document with too many fields, aliases or schema introspections.
    pub fn check_document(&self, document: &ExecutableDocument) -> Result<(), ServerError> {
        let mut count = Count::default();
        for (_, operation) in document.operations.iter() {
            count.root_fields += root_fields(&operation.node.selection_set.node);
            count.selection_set(&operation.node.selection_set.node);
        }
        for fragment in document.fragments.values() {
            count.selection_set(&fragment.node.selection_set.node);
        }
        if count.fields > self.max_fields {
            return Err(too_complex(format!(
                "the document selects {} fields, more than the limit of {}",
                count.fields, self.max_fields
            )));
        }
        if count.aliases + count.root_fields > self.max_aliases {
            return Err(too_complex(format!(
                "the document has {} aliased and root fields, more than the limit of {}",
                count.aliases + count.root_fields,
                self.max_aliases
            )));
        }
        if count.schemas > 1 {
            return Err(too_complex(
                "a document may ask for __schema once".to_owned(),
            ));
        }
        if count.lookups > 1 {
            return Err(too_complex(format!(
                "a document may ask for one of {} once",
                REMOTE_LOOKUPS.join(", ")
            )));
        }
        Ok(())
    }
}

/// The deepest nesting of brackets, braces and parentheses outside strings and comments.
fn nesting(query: &str) -> usize {
    let bytes = query.as_bytes();
    let (mut depth, mut deepest, mut at) = (0usize, 0usize, 0usize);
    while at < bytes.len() {
        match bytes[at] {
            b'#' => {
                while at < bytes.len() && bytes[at] != b'\n' && bytes[at] != b'\r' {
                    at += 1;
                }
            }
            b'"' if bytes[at..].starts_with(b"\"\"\"") => {
                at += 3;
                while at < bytes.len() && !bytes[at..].starts_with(b"\"\"\"") {
                    at += if bytes[at..].starts_with(b"\\\"\"\"") {
                        4
                    } else {
                        1
                    };
                }
                at += 2;
            }
            b'"' => {
                at += 1;
                while at < bytes.len() && bytes[at] != b'"' && bytes[at] != b'\n' {
                    at += if bytes[at] == b'\\' { 2 } else { 1 };
                }
            }
            b'{' | b'[' | b'(' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b'}' | b']' | b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        at += 1;
    }
    deepest
}

/// How deep lists and objects nest in `value`, without recursion.
fn value_depth(value: &Value) -> usize {
    let mut deepest = 0;
    let mut pending = vec![(value, 1usize)];
    while let Some((value, depth)) = pending.pop() {
        deepest = deepest.max(depth);
        match value {
            Value::List(items) => pending.extend(items.iter().map(|item| (item, depth + 1))),
            Value::Object(fields) => pending.extend(fields.values().map(|item| (item, depth + 1))),
            _ => {}
        }
    }
    deepest
}

fn root_fields(set: &SelectionSet) -> usize {
    set.items
        .iter()
        .map(|item| match &item.node {
            Selection::Field(_) => 1,
            Selection::InlineFragment(inline) => root_fields(&inline.node.selection_set.node),
            Selection::FragmentSpread(_) => 0,
        })
        .sum()
}

#[derive(Default)]
struct Count {
    fields: usize,
    aliases: usize,
    root_fields: usize,
    schemas: usize,
    lookups: usize,
}

impl Count {
    /// Counts the selections of `set`; the parser has bounded its depth.
    fn selection_set(&mut self, set: &SelectionSet) {
        for item in &set.items {
            match &item.node {
                Selection::Field(field) => {
                    let field = &field.node;
                    self.fields += 1;
                    self.aliases += usize::from(field.alias.is_some());
                    let name = field.name.node.as_str();
                    self.schemas += usize::from(name == "__schema");
                    self.lookups += usize::from(REMOTE_LOOKUPS.contains(&name));
                    self.selection_set(&field.selection_set.node);
                }
                Selection::InlineFragment(inline) => {
                    self.selection_set(&inline.node.selection_set.node)
                }
                Selection::FragmentSpread(_) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_counts_outside_strings_and_comments() {
        assert_eq!(nesting("{ a(b: [[1]]) { c } }"), 4);
        assert_eq!(nesting("{ a(b: \"[[[[{{\") }"), 2);
        assert_eq!(nesting("{ a(b: \"\\\"[[[\") }"), 2);
        assert_eq!(nesting("{ a(b: \"\"\"[[[ \\\"\"\" [[\"\"\") }"), 2);
        assert_eq!(nesting("# [[[[\n{ a }"), 1);
        assert_eq!(nesting(&"[".repeat(100_000)), 100_000);
    }

    #[test]
    fn deep_variables_are_measured_without_recursion() {
        let mut value = Value::Null;
        for _ in 0..1000 {
            value = Value::List(vec![value]);
        }
        assert_eq!(value_depth(&value), 1001);
    }
}
