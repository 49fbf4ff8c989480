//! Token scopes, enforced once for the whole API before anything runs.
//!
//! Every top-level field of the operation asked for needs a scope of the viewer's token:
//! queries and subscriptions `read`, mutations `write`, follow-type mutations `follow`
//! (which `write` allows too) and administration `admin` (the role is checked besides, by
//! the domain). A token lacking one gets INSUFFICIENT_SCOPE for the whole request, so
//! nothing changes. Requests without a token are left to the resolvers. An appeal token
//! (no scope) reaches only [`APPEAL_FIELDS`]; anything else is ACCOUNT_DISABLED.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextParseQuery, NextPrepareRequest,
};
use async_graphql::parser::types::{
    DocumentOperations, ExecutableDocument, OperationDefinition, OperationType, Selection,
    SelectionSet,
};
use async_graphql::{Pos, Positioned, Request, ServerError, ServerResult, Variables};
use rookery_domain::DomainError;
use rookery_domain::types::{Scope, Viewer};

use super::RequestContext;
use super::error::api_error;

/// Queries for administrators and moderators.
const ADMIN_QUERIES: &[&str] = &["jobQueues", "failedDeliveries", "reports", "report"];
/// Mutations for administrators and moderators.
pub const ADMIN_MUTATIONS: &[&str] = &[
    "retryFailedJobs",
    "resolveReport",
    "setInstanceRules",
    "updateInstance",
    "setInstanceThumbnail",
    "createCustomEmoji",
    "deleteCustomEmoji",
    "moderateAccount",
    "liftAccountAction",
    "assignReport",
    "addReportNote",
    "addAccountNote",
    "createRole",
    "updateRole",
    "deleteRole",
    "assignRole",
    "setDomainBlock",
    "removeDomainBlock",
    "importDomainBlocks",
    "approveAccount",
    "rejectAccount",
    "approveAppeal",
    "rejectAppeal",
    "createAnnouncement",
    "updateAnnouncement",
    "deleteAnnouncement",
    "createInvite",
    "revokeInvite",
    "addEmailDomainBlock",
    "removeEmailDomainBlock",
    "addIpBlock",
    "removeIpBlock",
    "setFederationMode",
    "addDomainAllow",
    "removeDomainAllow",
];
/// Mutations a `follow` token may make: follows, blocks, mutes and follow requests.
const FOLLOW_MUTATIONS: &[&str] = &[
    "follow",
    "unfollow",
    "block",
    "unblock",
    "mute",
    "unmute",
    "blockDomain",
    "unblockDomain",
    "acceptFollowRequest",
    "rejectFollowRequest",
    "followTag",
    "unfollowTag",
];
/// Mutations made without a viewer.
const ANONYMOUS_MUTATIONS: &[&str] = &[
    "register",
    "login",
    "completeLogin",
    "loginToAppeal",
    "requestPasswordReset",
    "resetPassword",
    "confirmEmail",
    "claimInstance",
];
/// All an appeal token (no scope) reaches: a disabled or suspended person reads their
/// strikes, appeals them and signs out.
const APPEAL_FIELDS: &[&str] = &["strikes", "appealStrike", "logout", "instance"];

/// The scope a top-level field needs, if any.
pub fn required_scope(operation: OperationType, field: &str) -> Option<Scope> {
    if field.starts_with("__") {
        return None;
    }
    match operation {
        OperationType::Query if ADMIN_QUERIES.contains(&field) => Some(Scope::Admin),
        OperationType::Query | OperationType::Subscription => Some(Scope::Read),
        OperationType::Mutation if ANONYMOUS_MUTATIONS.contains(&field) => None,
        OperationType::Mutation if ADMIN_MUTATIONS.contains(&field) => Some(Scope::Admin),
        OperationType::Mutation if FOLLOW_MUTATIONS.contains(&field) => Some(Scope::Follow),
        OperationType::Mutation => Some(Scope::Write),
    }
}

/// Refuses operations whose token lacks a scope. It must be registered before the
/// extension that gives parse errors their code, so that its own code stays.
pub struct ScopeGuard;

impl ExtensionFactory for ScopeGuard {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(ScopeCheck::default())
    }
}

/// One request's check; remembers the operation name the request chose.
#[derive(Default)]
struct ScopeCheck {
    operation_name: Mutex<Option<String>>,
}

#[async_trait::async_trait]
impl Extension for ScopeCheck {
    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        if let Ok(mut name) = self.operation_name.lock() {
            name.clone_from(&request.operation_name);
        }
        next.run(ctx, request).await
    }

    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let document = next.run(ctx, query, variables).await?;
        let viewer = ctx
            .data_opt::<RequestContext>()
            .and_then(|request| request.viewer.as_ref());
        if let Some(viewer) = viewer {
            let name = self
                .operation_name
                .lock()
                .map(|name| name.clone())
                .unwrap_or_default();
            check(viewer, &document, name.as_deref())?;
        }
        Ok(document)
    }
}

/// The operation a request runs; None when it names none that exists (which fails later).
pub(crate) fn chosen<'a>(
    document: &'a ExecutableDocument,
    name: Option<&str>,
) -> Option<&'a OperationDefinition> {
    match (&document.operations, name) {
        (DocumentOperations::Single(operation), _) => Some(&operation.node),
        (DocumentOperations::Multiple(operations), Some(name)) => operations
            .iter()
            .find(|(found, _)| found.as_str() == name)
            .map(|(_, operation)| &operation.node),
        (DocumentOperations::Multiple(operations), None) if operations.len() == 1 => {
            operations.values().next().map(|operation| &operation.node)
        }
        (DocumentOperations::Multiple(_), None) => None,
    }
}

/// Refuses the first top-level field whose scope the viewer's token lacks.
pub fn check(
    viewer: &Viewer,
    document: &ExecutableDocument,
    operation_name: Option<&str>,
) -> Result<(), ServerError> {
    let Some(operation) = chosen(document, operation_name) else {
        return Ok(());
    };
    let mut fields = Vec::new();
    top_level_fields(
        document,
        &operation.selection_set.node,
        &mut HashSet::new(),
        &mut fields,
    );
    for (field, pos) in fields {
        if viewer.appeals_only() {
            if field.starts_with("__") || APPEAL_FIELDS.contains(&field) {
                continue;
            }
            return Err(api_error(DomainError::AccountDisabled).into_server_error(pos));
        }
        if let Some(scope) = required_scope(operation.ty, field)
            && !viewer.has_scope(scope)
        {
            return Err(api_error(DomainError::InsufficientScope(scope)).into_server_error(pos));
        }
    }
    Ok(())
}

/// The names of the fields a selection set selects, through fragments.
fn top_level_fields<'a>(
    document: &'a ExecutableDocument,
    selection_set: &'a SelectionSet,
    seen_fragments: &mut HashSet<&'a str>,
    fields: &mut Vec<(&'a str, Pos)>,
) {
    for selection in &selection_set.items {
        match &selection.node {
            Selection::Field(Positioned { node, pos }) => {
                fields.push((node.name.node.as_str(), *pos));
            }
            Selection::InlineFragment(fragment) => {
                top_level_fields(
                    document,
                    &fragment.node.selection_set.node,
                    seen_fragments,
                    fields,
                );
            }
            Selection::FragmentSpread(spread) => {
                let name = spread.node.fragment_name.node.as_str();
                if seen_fragments.insert(name)
                    && let Some(fragment) = document.fragments.get(name)
                {
                    top_level_fields(
                        document,
                        &fragment.node.selection_set.node,
                        seen_fragments,
                        fields,
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rookery_domain::ids::{AccountId, TokenId, UserId};
    use rookery_domain::types::{Rank, Scopes};

    fn viewer(scopes: &str) -> Viewer {
        Viewer {
            account_id: AccountId::new(),
            user_id: UserId::new(),
            role: Rank::user(),
            token_id: TokenId::new(),
            scopes: Scopes::parse(scopes),
            email_confirmed: true,
            second_factor_missing: false,
        }
    }

    fn allowed(scopes: &str, query: &str, name: Option<&str>) -> bool {
        let document = async_graphql::parser::parse_query(query).unwrap();
        check(&viewer(scopes), &document, name).is_ok()
    }

    #[test]
    fn each_operation_needs_its_scope() {
        assert!(allowed("read", "{ viewer { id } }", None));
        assert!(!allowed("write", "{ viewer { id } }", None));
        assert!(allowed("write", "{ __typename }", None));
        assert!(!allowed("read", "mutation { createStatus { id } }", None));
        assert!(allowed("write", "mutation { createStatus { id } }", None));
        assert!(allowed("follow", "mutation { follow { id } }", None));
        assert!(allowed("write", "mutation { mute { id } }", None));
        assert!(!allowed("follow", "mutation { favourite { id } }", None));
        assert!(!allowed("read", "{ reports { id } }", None));
        assert!(allowed("read admin", "{ reports { id } }", None));
        assert!(!allowed("write", "mutation { resolveReport { id } }", None));
        assert!(allowed("read", "subscription { events { id } }", None));
        assert!(!allowed("write", "subscription { events { id } }", None));
    }

    #[test]
    fn fragments_and_named_operations_are_seen_through() {
        let query = "mutation M { ...F } fragment F on Mutation { ... on Mutation { createStatus { id } } }";
        assert!(!allowed("read follow", query, None));
        let both = "query Q { viewer { id } } mutation M { createStatus { id } }";
        assert!(allowed("read", both, Some("Q")));
        assert!(!allowed("read", both, Some("M")));
        let cycle = "query { ...A } fragment A on Query { ...A viewer { id } }";
        assert!(!allowed("write", cycle, None));
    }
}
