//! Answers to queries that ask of the schema alone, kept once made: the schema does not
//! change while the process runs, and `__schema` is the largest answer a query may ask for.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use async_graphql::parser::types::{ExecutableDocument, OperationType, Selection};

/// Distinct documents kept; past it the memory starts afresh.
const KEPT: usize = 32;

/// Answers (JSON) by document, operation name and variables; shared by clones.
#[derive(Clone, Default)]
pub struct IntrospectionAnswers(Arc<Mutex<HashMap<String, Arc<Vec<u8>>>>>);

impl IntrospectionAnswers {
    /// What an answer is kept by: the document, the operation chosen and the variables.
    pub fn key(request: &async_graphql::Request) -> String {
        let variables = serde_json::to_string(&request.variables).unwrap_or_default();
        let operation = request.operation_name.as_deref().unwrap_or_default();
        format!("{operation}\n{variables}\n{}", request.query)
    }

    pub fn get(&self, key: &str) -> Option<Arc<Vec<u8>>> {
        self.lock().get(key).cloned()
    }

    pub fn keep(&self, key: String, answer: Arc<Vec<u8>>) {
        let mut kept = self.lock();
        if kept.len() >= KEPT {
            kept.clear();
        }
        kept.insert(key, answer);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<Vec<u8>>>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Whether the operation to run is a query whose every root field is `__schema`,
/// `__type` or `__typename`, so that its answer is the same for everyone, always.
pub fn asks_of_the_schema_alone(document: &ExecutableDocument, operation: Option<&str>) -> bool {
    let Some(operation) = super::scopes::chosen(document, operation) else {
        return false;
    };
    let selections = &operation.selection_set.node.items;
    operation.ty == OperationType::Query
        && !selections.is_empty()
        && selections.iter().all(|selection| match &selection.node {
            Selection::Field(field) => {
                let name = field.node.name.node.as_str();
                matches!(name, "__schema" | "__type" | "__typename")
            }
            _ => false,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alone(query: &str) -> bool {
        let document = async_graphql::parser::parse_query(query).unwrap();
        asks_of_the_schema_alone(&document, None)
    }

    #[test]
    fn only_queries_of_the_schema_alone_are_kept() {
        assert!(alone("{ __schema { types { name } } }"));
        assert!(alone(
            "query { a: __type(name: \"Status\") { name } __typename }"
        ));
        assert!(!alone("{ __schema { types { name } } instance { title } }"));
        assert!(!alone("{ ...on Query { __schema { types { name } } } }"));
        assert!(!alone("mutation { __typename }"));
    }

    #[test]
    fn answers_are_kept_by_document_operation_and_variables() {
        let answers = IntrospectionAnswers::default();
        let request = async_graphql::Request::new("{ __typename }");
        let key = IntrospectionAnswers::key(&request);
        assert!(answers.get(&key).is_none());
        answers.keep(key.clone(), Arc::new(b"{}".to_vec()));
        assert_eq!(answers.get(&key).as_deref(), Some(&b"{}".to_vec()));
        let other = async_graphql::Request::new("{ __typename }").operation_name("Other");
        assert!(answers.get(&IntrospectionAnswers::key(&other)).is_none());
        for n in 0..KEPT {
            answers.keep(format!("{n}"), Arc::new(Vec::new()));
        }
        assert!(answers.lock().len() <= KEPT);
    }
}
