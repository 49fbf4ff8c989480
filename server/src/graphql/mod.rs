//! The GraphQL API: schema, resolvers (translation only) and loaders.

pub mod connection;
pub mod context;
pub mod error;
pub mod ids;
pub mod loaders;
pub mod mutation;
pub mod query;
pub mod scopes;
pub mod subscription;
pub mod types;

use std::sync::Arc;

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextParseQuery, NextValidation,
};
use async_graphql::parser::types::ExecutableDocument;
use async_graphql::{Schema, ServerError, ServerResult, ValidationResult, Variables};

use crate::state::AppState;
pub use context::RequestContext;

pub type RookerySchema = Schema<query::Query, mutation::Mutation, subscription::Subscription>;

/// The schema, with depth and complexity limits.
pub fn schema(state: Arc<AppState>, max_depth: usize, max_complexity: usize) -> RookerySchema {
    Schema::build(
        query::Query::default(),
        mutation::Mutation::default(),
        subscription::Subscription,
    )
    .data(state)
    .limit_depth(max_depth)
    .limit_complexity(max_complexity)
    .extension(scopes::ScopeGuard)
    .extension(ErrorCodes)
    .finish()
}

/// The schema in SDL, as committed in `schema.graphql`.
pub fn sdl() -> String {
    Schema::build(
        query::Query::default(),
        mutation::Mutation::default(),
        subscription::Subscription,
    )
    .finish()
    .sdl()
}

/// Gives parse and validation errors a code, as resolver errors have.
struct ErrorCodes;

impl ExtensionFactory for ErrorCodes {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(ErrorCodes)
    }
}

fn with_code(mut error: ServerError, code: &str) -> ServerError {
    let mut extensions = error.extensions.take().unwrap_or_default();
    extensions.set("code", code);
    error.extensions = Some(extensions);
    error
}

#[async_trait::async_trait]
impl Extension for ErrorCodes {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        next.run(ctx, query, variables)
            .await
            .map_err(|error| with_code(error, "GRAPHQL_PARSE_FAILED"))
    }

    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        next.run(ctx).await.map_err(|errors| {
            errors
                .into_iter()
                .map(|error| {
                    let code = if error.message.contains("nested too deep") {
                        "QUERY_TOO_DEEP"
                    } else if error.message.contains("too complex") {
                        "QUERY_TOO_COMPLEX"
                    } else {
                        "VALIDATION"
                    };
                    with_code(error, code)
                })
                .collect()
        })
    }
}
