//! The instance's rules: an ordered list administrators keep, read at sign-up and cited by
//! reports of a violation.

use std::collections::HashSet;

use sea_orm::ConnectionTrait;

use crate::ids::RuleId;
use crate::service::{App, audit};
use crate::store;
use crate::types::{InstanceRule, Permission, Viewer};
use crate::{DomainError, DomainResult};

/// The most rules an instance keeps.
pub const MAX_RULES: usize = 50;
/// The most characters of a rule's line.
pub const MAX_TEXT_CHARS: usize = 500;
/// The most characters of a rule's explanation.
pub const MAX_HINT_CHARS: usize = 2000;

/// A rule as an administrator writes it: an existing one keeps its id.
#[derive(Debug, Clone)]
pub struct RuleInput {
    pub id: Option<RuleId>,
    pub text: String,
    pub hint: String,
}

/// The instance's rules, in order.
pub async fn list(db: &impl ConnectionTrait) -> DomainResult<Vec<InstanceRule>> {
    Ok(store::instance_settings::rules(db).await?)
}

/// Replaces the instance's rules with `input`, in its order (administrators only). A rule
/// given with an id keeps it, so that reports citing it still do; one left out is gone.
pub async fn set(
    app: &App,
    viewer: &Viewer,
    input: Vec<RuleInput>,
) -> DomainResult<Vec<InstanceRule>> {
    viewer.require(Permission::ManageRules)?;
    if input.len() > MAX_RULES {
        return Err(DomainError::validation(
            "rules",
            format!("at most {MAX_RULES} rules"),
        ));
    }
    let before = list(&app.db).await?;
    let current: HashSet<RuleId> = before.iter().map(|rule| rule.id).collect();
    let mut seen = HashSet::new();
    let mut rules = Vec::with_capacity(input.len());
    for (index, rule) in input.into_iter().enumerate() {
        let number = index + 1;
        let text = rule.text.trim().to_owned();
        let hint = rule.hint.trim().to_owned();
        if text.is_empty() || text.chars().count() > MAX_TEXT_CHARS {
            return Err(DomainError::validation(
                "rules",
                format!("rule {number} needs a text of 1 to {MAX_TEXT_CHARS} characters"),
            ));
        }
        if hint.chars().count() > MAX_HINT_CHARS {
            return Err(DomainError::validation(
                "rules",
                format!("rule {number}'s explanation is over {MAX_HINT_CHARS} characters"),
            ));
        }
        let id = match rule.id {
            Some(id) if current.contains(&id) => id,
            Some(_) => {
                return Err(DomainError::validation(
                    "rules",
                    format!("rule {number} names a rule this instance does not have"),
                ));
            }
            None => RuleId::new(),
        };
        if !seen.insert(id) {
            return Err(DomainError::validation(
                "rules",
                format!("rule {number} is given twice"),
            ));
        }
        rules.push(InstanceRule { id, text, hint });
    }
    let txn = app.write().await?;
    store::instance_settings::set_rules(&txn, &rules).await?;
    audit::record(
        &txn,
        Some(viewer),
        "rules.update",
        None,
        audit::change(describe(&before), describe(&rules)),
    )
    .await?;
    txn.commit().await?;
    Ok(rules)
}

fn describe(rules: &[InstanceRule]) -> serde_json::Value {
    rules
        .iter()
        .map(|rule| serde_json::json!({ "text": rule.text, "hint": rule.hint }))
        .collect()
}

/// `cited` without repeats, once each is one of the instance's rules and the report is of a
/// violation; VALIDATION otherwise.
pub async fn cited(
    db: &impl ConnectionTrait,
    violation: bool,
    mut cited: Vec<RuleId>,
) -> DomainResult<Vec<RuleId>> {
    cited.sort();
    cited.dedup();
    if cited.is_empty() {
        return Ok(cited);
    }
    if !violation {
        return Err(DomainError::validation(
            "ruleIds",
            "only a report of a rule violation cites rules",
        ));
    }
    let rules: HashSet<RuleId> = list(db).await?.iter().map(|rule| rule.id).collect();
    if cited.iter().any(|id| !rules.contains(id)) {
        return Err(DomainError::validation(
            "ruleIds",
            "every rule must be one of this instance's",
        ));
    }
    Ok(cited)
}
