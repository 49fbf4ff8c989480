//! The GraphQL API: schema, resolvers (translation only) and loaders.

pub mod connection;
pub mod context;
pub mod error;
pub mod ids;
pub mod introspection;
pub mod limits;
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
use async_graphql::parser::types::{ExecutableDocument, OperationType};
use async_graphql::{Schema, ServerError, ServerResult, ValidationResult, Variables};

use crate::state::AppState;
pub use context::RequestContext;
use error::with_code;
use limits::DocumentLimits;
use rookery_domain::ErrorCode;
use rookery_domain::types::Viewer;

pub type RookerySchema = Schema<query::Query, mutation::Mutation, subscription::Subscription>;

/// The API's schema twice over, both with depth and complexity limits.
#[derive(Clone)]
pub struct Schemas {
    /// For requests over HTTP, which [`execute`] checks and codes around the execution.
    /// It has no extension: async-graphql sends every field of every object through the
    /// extensions when there is one, a tenth of the work of a timeline page.
    pub http: RookerySchema,
    /// For live connections, whose operations arrive through the WebSocket protocol: the
    /// scope check and the error codes are extensions there.
    pub live: RookerySchema,
    /// Answers to queries of the schema alone, made once.
    pub introspection: introspection::IntrospectionAnswers,
}

pub fn schemas(state: Arc<AppState>, max_depth: usize, max_complexity: usize) -> Schemas {
    let build = || {
        Schema::build(
            query::Query::default(),
            mutation::Mutation::default(),
            subscription::Subscription,
        )
        .register_output_type::<error::ErrorCodeValue>()
        .data(state.clone())
        .limit_depth(max_depth)
        .limit_complexity(max_complexity)
    };
    Schemas {
        http: build().finish(),
        live: build()
            .extension(scopes::ScopeGuard)
            .extension(ErrorCodes(state.document_limits))
            .finish(),
        introspection: Default::default(),
    }
}

/// Runs one request on the HTTP schema: a query that does not parse, that is over the
/// document limits, or that asks for more than the viewer's token allows, is refused
/// before anything runs; every error comes back with a code, as on live connections.
/// With `queries_only` (GET), any other operation is refused with [`NotAQuery`]. A query
/// of the schema alone is answered once and then from `answers`.
pub async fn execute(
    schema: &RookerySchema,
    answers: &introspection::IntrospectionAnswers,
    limits: &DocumentLimits,
    mut request: async_graphql::Request,
    viewer: Option<&Viewer>,
    queries_only: bool,
) -> Result<Answer, NotAQuery> {
    let operation_name = request.operation_name.clone();
    let document = match parse_within(limits, &mut request) {
        Ok(document) => document,
        Err(error) => {
            return Ok(Answer::Made(Box::new(
                async_graphql::Response::from_errors(vec![error]),
            )));
        }
    };
    if queries_only
        && scopes::chosen(document, operation_name.as_deref())
            .is_some_and(|operation| operation.ty != OperationType::Query)
    {
        return Err(NotAQuery);
    }
    if let Some(viewer) = viewer
        && let Err(error) = scopes::check(viewer, document, operation_name.as_deref())
    {
        return Ok(Answer::Made(Box::new(
            async_graphql::Response::from_errors(vec![error]),
        )));
    }
    let of_the_schema =
        introspection::asks_of_the_schema_alone(document, operation_name.as_deref());
    let kept_as = of_the_schema.then(|| introspection::IntrospectionAnswers::key(&request));
    if let Some(answer) = kept_as.as_deref().and_then(|key| answers.get(key)) {
        metrics::counter!("rookery_graphql_introspection_answers_kept_total").increment(1);
        return Ok(Answer::Kept(answer));
    }
    let mut response = schema.execute(request).await;
    let errors = std::mem::take(&mut response.errors);
    response.errors = errors.into_iter().map(coded).collect();
    if let Some(key) = kept_as
        && response.errors.is_empty()
        && let Ok(json) = serde_json::to_vec(&response)
    {
        let answer = Arc::new(json);
        answers.keep(key, answer.clone());
        return Ok(Answer::Kept(answer));
    }
    Ok(Answer::Made(Box::new(response)))
}

/// What a request over HTTP is answered with.
pub enum Answer {
    /// An answer made for this request.
    Made(Box<async_graphql::Response>),
    /// An answer kept as JSON, the same for everyone.
    Kept(Arc<Vec<u8>>),
}

/// A mutation or subscription sent where only queries run (GET).
#[derive(Debug)]
pub struct NotAQuery;

/// The request's document, parsed only when it is within `limits`, and checked again
/// once parsed.
fn parse_within<'r>(
    limits: &DocumentLimits,
    request: &'r mut async_graphql::Request,
) -> Result<&'r ExecutableDocument, ServerError> {
    limits.check_text(&request.query, &request.variables)?;
    let document = request
        .parsed_query()
        .map_err(|error| with_code(error, ErrorCode::GraphqlParseFailed))?;
    limits.check_document(document)?;
    Ok(document)
}

/// An error resolvers did not code: the query broke a rule of the schema or a limit
/// (the extension on live connections tells the same apart).
fn coded(error: ServerError) -> ServerError {
    if error
        .extensions
        .as_ref()
        .is_some_and(|extensions| extensions.get("code").is_some())
    {
        return error;
    }
    let code = if error.message.contains("recursion depth") {
        ErrorCode::GraphqlParseFailed
    } else {
        validation_code(&error)
    };
    with_code(error, code)
}

/// The code of an error in the document: over a limit; `VALIDATION` for a value that does
/// not fit its argument's type (an input, as the domain's `VALIDATION` errors are); and
/// `GRAPHQL_VALIDATION_FAILED` for a document that breaks a rule of the schema (an unknown
/// field, a missing argument), which is the client's mistake and no user's.
fn validation_code(error: &ServerError) -> ErrorCode {
    if error.message.contains("nested too deep") {
        ErrorCode::QueryTooDeep
    } else if error.message.contains("too complex") {
        ErrorCode::QueryTooComplex
    } else if error.message.starts_with("Invalid value for argument")
        || error.message.starts_with("Failed to parse")
    {
        ErrorCode::Validation
    } else {
        ErrorCode::GraphqlValidationFailed
    }
}

/// The schema in SDL, as committed in `schema.graphql`.
pub fn sdl() -> String {
    Schema::build(
        query::Query::default(),
        mutation::Mutation::default(),
        subscription::Subscription,
    )
    .register_output_type::<error::ErrorCodeValue>()
    .finish()
    .sdl()
}

/// Keeps documents within the limits and gives parse and validation errors a code, as
/// resolver errors have (live connections).
struct ErrorCodes(DocumentLimits);

impl ExtensionFactory for ErrorCodes {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(ErrorCodes(self.0))
    }
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
        self.0.check_text(query, variables)?;
        let document = next
            .run(ctx, query, variables)
            .await
            .map_err(|error| with_code(error, ErrorCode::GraphqlParseFailed))?;
        self.0.check_document(&document)?;
        Ok(document)
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
                    let code = validation_code(&error);
                    with_code(error, code)
                })
                .collect()
        })
    }
}
