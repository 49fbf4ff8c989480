//! The interaction policies received notes publish (`interactionPolicy`), as audiences.

use rookery_domain::types::{Account, Audience, InteractionPolicy};
use serde_json::Value;

use crate::documents::is_public;
use crate::protocol::incoming::{Object, id_of};

/// The ids a policy list names (a single id or an array of them).
fn named(value: Option<&Value>) -> Vec<&str> {
    match value {
        Some(Value::Array(items)) => items.iter().filter_map(id_of).collect(),
        Some(one) => id_of(one).into_iter().collect(),
        None => Vec::new(),
    }
}

/// The interaction policy a received object publishes (`interactionPolicy`, in
/// GoToSocial's and Mastodon's words, old and new), as audiences; None when it publishes
/// none. The public means anyone; the author's followers collection, its followers;
/// anything else (the author, single accounts), nobody else: the accounts a status
/// mentions may reply to it anyway. A sub-policy left out means anyone for replies and
/// boosts, nobody for quotes (quotes are opt-in). Asking for a quote by hand is built
/// (`QuoteRequest`), so `manualApproval` counts for quotes; replies and boosts approved by
/// hand (GoToSocial's reply and announce requests) are not built here, so for them it
/// counts as not allowed.
pub fn remote_policy(object: &Object, author: &Account) -> Option<InteractionPolicy> {
    let followers = author.followers();
    policy_of(object, &followers)
}

/// [`remote_policy`], the author's followers collection being `followers`.
fn policy_of(object: &Object, followers: &str) -> Option<InteractionPolicy> {
    let policy = object.interaction_policy.as_ref()?.as_object()?;
    if policy.is_empty() {
        return None;
    }
    let audience = |name: &str, by_hand_counts: bool, default: Audience| {
        let Some(sub) = policy
            .get(name)
            .filter(|v| v.as_object().is_some_and(|o| !o.is_empty()))
        else {
            return default;
        };
        let mut approved = named(sub.get("automaticApproval"));
        approved.extend(named(sub.get("always")));
        if by_hand_counts {
            approved.extend(named(sub.get("manualApproval")));
            approved.extend(named(sub.get("approvalRequired")));
        }
        if approved.iter().any(|a| is_public(a)) {
            Audience::Anyone
        } else if approved.contains(&followers) {
            Audience::Followers
        } else {
            Audience::Nobody
        }
    };
    Some(InteractionPolicy {
        can_quote: audience("canQuote", true, Audience::Nobody),
        can_reply: audience("canReply", false, Audience::Anyone),
        can_boost: audience("canAnnounce", false, Audience::Anyone),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FOLLOWERS: &str = "https://g.example/users/zork/followers";

    fn object(policy: Value) -> Object {
        serde_json::from_value(serde_json::json!({
            "id": "https://g.example/users/zork/statuses/1",
            "type": "Note",
            "interactionPolicy": policy,
        }))
        .unwrap()
    }

    #[test]
    fn policies_read_as_audiences() {
        let none = object(Value::Null);
        assert_eq!(policy_of(&none, FOLLOWERS), None);
        // GoToSocial's older words, a single id, and approval by hand.
        let policy = policy_of(
            &object(serde_json::json!({
                "canReply": {
                    "always": ["https://g.example/users/zork", "https://g.example/users/hodor"],
                    "approvalRequired": "https://www.w3.org/ns/activitystreams#Public"
                },
                "canAnnounce": { "always": "https://g.example/users/zork/followers" },
                "canQuote": { "manualApproval": ["as:Public"] }
            })),
            FOLLOWERS,
        )
        .unwrap();
        assert_eq!(policy.can_reply, Audience::Nobody);
        assert_eq!(policy.can_boost, Audience::Followers);
        assert_eq!(policy.can_quote, Audience::Anyone);
        // Mastodon's: canQuote only; replies and boosts stay open, quotes by the author.
        let policy = policy_of(
            &object(serde_json::json!({
                "canQuote": { "automaticApproval": ["https://g.example/users/zork"] }
            })),
            FOLLOWERS,
        )
        .unwrap();
        assert_eq!(
            policy,
            InteractionPolicy {
                can_quote: Audience::Nobody,
                ..InteractionPolicy::OPEN
            }
        );
    }
}
