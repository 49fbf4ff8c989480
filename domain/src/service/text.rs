//! Rendering user text (statuses, bios) with mentions resolved to known accounts.

use std::collections::HashMap;

use sea_orm::ConnectionTrait;

use crate::DomainResult;
use crate::content::{self, LinkTargets, Mention};
use crate::ids::AccountId;
use crate::store;
use crate::types::{Account, Instance};

/// Rendered HTML and what it links to.
#[derive(Debug, Clone)]
pub struct RenderedText {
    pub html: String,
    /// Known accounts the text mentions, in order, without duplicates.
    pub mentions: Vec<Account>,
    /// Lowercased hashtags, without `#`.
    pub hashtags: Vec<String>,
}

impl RenderedText {
    /// The accounts mentioned, but `author` (one is not told of one's own mention).
    pub fn mentioned_except(&self, author: AccountId) -> Vec<AccountId> {
        self.mentions
            .iter()
            .map(|account| account.id)
            .filter(|id| *id != author)
            .collect()
    }
}

struct Targets<'a> {
    instance: &'a Instance,
    accounts: HashMap<String, Account>,
}

fn mention_key(instance: &Instance, mention: &Mention) -> String {
    let domain = mention
        .domain
        .as_deref()
        .filter(|domain| !instance.is_local_domain(domain));
    store::accounts::handle_key(&mention.username, domain)
}

impl LinkTargets for Targets<'_> {
    fn mention_url(&self, mention: &Mention) -> Option<String> {
        self.accounts
            .get(&mention_key(self.instance, mention))
            .map(|account| account.url.clone())
    }

    fn hashtag_url(&self, hashtag: &str) -> String {
        self.instance.url(&format!("/tags/{hashtag}"))
    }
}

/// Renders Markdown `source`, linking mentions of accounts this instance knows.
pub async fn render(
    db: &impl ConnectionTrait,
    instance: &Instance,
    source: &str,
) -> DomainResult<RenderedText> {
    let extracted = content::extract(source);
    let keys: Vec<String> = extracted
        .mentions
        .iter()
        .map(|mention| mention_key(instance, mention))
        .collect();
    let accounts = known_by_handle(db, &keys).await?;
    let mentions = keys
        .iter()
        .filter_map(|key| accounts.get(key).cloned())
        .collect();
    let html = content::render(source, &Targets { instance, accounts });
    Ok(RenderedText {
        html,
        mentions,
        hashtags: extracted.hashtags,
    })
}

/// The accounts this instance knows among the handle keys `keys`, by key.
async fn known_by_handle(
    db: &impl ConnectionTrait,
    keys: &[String],
) -> DomainResult<HashMap<String, Account>> {
    if keys.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(store::accounts::by_handles(db, keys)
        .await?
        .into_iter()
        .map(|account| {
            let key = store::accounts::handle_key(&account.username, account.domain.as_deref());
            (key, account)
        })
        .collect())
}

/// Renders a profile field's value (plain text) as HTML, linking its URLs (with
/// `rel="me"`), its hashtags and its mentions of accounts this instance knows.
pub async fn render_field(
    db: &impl ConnectionTrait,
    instance: &Instance,
    value: &str,
) -> DomainResult<String> {
    let keys: Vec<String> = content::field_mentions(value)
        .iter()
        .map(|mention| mention_key(instance, mention))
        .collect();
    let accounts = known_by_handle(db, &keys).await?;
    Ok(content::field_html(value, &Targets { instance, accounts }))
}
