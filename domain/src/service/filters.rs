//! Keyword filters: an account's words to hide or warn about, per context, and matching
//! statuses against them.

use std::sync::Arc;

use chrono::{Duration, Utc};
use regex::Regex;
use sea_orm::ConnectionTrait;

use crate::ids::{AccountId, FilterId, Kind};
use crate::store;
use crate::types::{
    Filter, FilterAction, FilterContext, FilterKeyword, FilterMatch, Status, Viewer,
};
use crate::{DomainError, DomainResult};

const MAX_TITLE_CHARS: usize = 200;
const MAX_KEYWORDS: usize = 50;
const MAX_KEYWORD_CHARS: usize = 100;
/// The latest a filter may end (ten years from now).
const MAX_EXPIRES_IN_SECONDS: i64 = 10 * 365 * 24 * 3600;

/// A filter as its owner writes it.
#[derive(Debug, Clone)]
pub struct FilterInput {
    pub title: String,
    pub contexts: Vec<FilterContext>,
    pub action: FilterAction,
    pub keywords: Vec<FilterKeyword>,
    /// Ends the filter this many seconds from now (at least one, at most ten years); None
    /// keeps it.
    pub expires_in_seconds: Option<i64>,
}

fn checked(input: FilterInput) -> DomainResult<FilterInput> {
    let title = input.title.trim().to_owned();
    if title.is_empty() || title.chars().count() > MAX_TITLE_CHARS {
        return Err(DomainError::validation(
            "title",
            format!("1 to {MAX_TITLE_CHARS} characters"),
        ));
    }
    let mut contexts = Vec::new();
    for context in input.contexts {
        if !contexts.contains(&context) {
            contexts.push(context);
        }
    }
    if contexts.is_empty() {
        return Err(DomainError::validation("contexts", "at least one context"));
    }
    let keywords: Vec<FilterKeyword> = input
        .keywords
        .into_iter()
        .map(|k| FilterKeyword {
            keyword: k.keyword.trim().to_owned(),
            whole_word: k.whole_word,
        })
        .collect();
    if keywords.is_empty()
        || keywords.len() > MAX_KEYWORDS
        || keywords
            .iter()
            .any(|k| k.keyword.is_empty() || k.keyword.chars().count() > MAX_KEYWORD_CHARS)
    {
        return Err(DomainError::validation(
            "keywords",
            format!("1 to {MAX_KEYWORDS} keywords of 1 to {MAX_KEYWORD_CHARS} characters"),
        ));
    }
    if input
        .expires_in_seconds
        .is_some_and(|seconds| !(1..=MAX_EXPIRES_IN_SECONDS).contains(&seconds))
    {
        return Err(DomainError::validation(
            "expiresInSeconds",
            format!("1 to {MAX_EXPIRES_IN_SECONDS} seconds"),
        ));
    }
    Ok(FilterInput {
        title,
        contexts,
        keywords,
        ..input
    })
}

fn expiry(seconds: Option<i64>) -> Option<chrono::DateTime<Utc>> {
    seconds.map(|s| Utc::now() + Duration::seconds(s))
}

pub async fn create(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    input: FilterInput,
) -> DomainResult<Filter> {
    let input = checked(input)?;
    let filter = Filter {
        id: FilterId::new(),
        account_id: viewer.account_id,
        title: input.title,
        contexts: input.contexts,
        action: input.action,
        keywords: input.keywords,
        expires_at: expiry(input.expires_in_seconds),
        created_at: Utc::now(),
    };
    store::filters::insert(db, &filter).await?;
    Ok(filter)
}

/// One of the viewer's filters; another's is NOT_FOUND.
pub async fn get(db: &impl ConnectionTrait, viewer: &Viewer, id: FilterId) -> DomainResult<Filter> {
    store::filters::by_id(db, id)
        .await?
        .filter(|f| f.account_id == viewer.account_id)
        .ok_or(DomainError::NotFound(Kind::Filter))
}

/// Replaces one of the viewer's filters.
pub async fn update(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: FilterId,
    input: FilterInput,
) -> DomainResult<Filter> {
    let existing = get(db, viewer, id).await?;
    let input = checked(input)?;
    let filter = Filter {
        title: input.title,
        contexts: input.contexts,
        action: input.action,
        keywords: input.keywords,
        expires_at: expiry(input.expires_in_seconds),
        ..existing
    };
    store::filters::update(db, &filter).await?;
    Ok(filter)
}

pub async fn delete(db: &impl ConnectionTrait, viewer: &Viewer, id: FilterId) -> DomainResult<()> {
    get(db, viewer, id).await?;
    Ok(store::filters::delete(db, id).await?)
}

/// The viewer's filters, expired ones included, oldest first.
pub async fn list(db: &impl ConnectionTrait, viewer: &Viewer) -> DomainResult<Vec<Filter>> {
    Ok(store::filters::of(db, viewer.account_id, None).await?)
}

/// A filter with its keywords made into patterns.
#[derive(Debug)]
struct Compiled {
    filter: Filter,
    /// Each keyword and its pattern.
    patterns: Vec<(String, Regex)>,
}

impl Compiled {
    fn new(filter: Filter) -> Self {
        let patterns = filter
            .keywords
            .iter()
            .filter_map(|k| {
                let escaped = regex::escape(&k.keyword);
                let pattern = if k.whole_word {
                    format!(r"(?i)\b{escaped}\b")
                } else {
                    format!("(?i){escaped}")
                };
                Some((k.keyword.clone(), Regex::new(&pattern).ok()?))
            })
            .collect();
        Self { filter, patterns }
    }
}

/// The filters of one viewer in one context, ready to match statuses.
#[derive(Debug, Clone, Default)]
pub struct ActiveFilters(Arc<Vec<Compiled>>);

/// The viewer's unexpired filters for `context`; none for anonymous viewers.
pub async fn active(
    db: &impl ConnectionTrait,
    viewer: Option<AccountId>,
    context: FilterContext,
) -> DomainResult<ActiveFilters> {
    let Some(viewer) = viewer else {
        return Ok(ActiveFilters::default());
    };
    let filters = store::filters::of(db, viewer, Some(Utc::now())).await?;
    let compiled = filters
        .into_iter()
        .filter(|f| f.contexts.contains(&context))
        .map(Compiled::new)
        .collect();
    Ok(ActiveFilters(Arc::new(compiled)))
}

/// What a reader sees of a status: its warning and text, without markup.
fn readable_text(status: &Status) -> String {
    crate::content::searchable_text(&status.content_warning, &status.content_html)
}

impl ActiveFilters {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The filters `status` matches, with the keywords that matched.
    pub fn matches(&self, status: &Status) -> Vec<FilterMatch> {
        if self.0.is_empty() {
            return Vec::new();
        }
        let text = readable_text(status);
        self.0
            .iter()
            .filter_map(|Compiled { filter, patterns }| {
                let keywords: Vec<String> = patterns
                    .iter()
                    .filter(|(_, pattern)| pattern.is_match(&text))
                    .map(|(keyword, _)| keyword.clone())
                    .collect();
                (!keywords.is_empty()).then(|| FilterMatch {
                    filter: filter.clone(),
                    keywords,
                })
            })
            .collect()
    }

    /// Whether a filter that hides matches `status`.
    pub fn hides(&self, status: &Status) -> bool {
        self.matches(status)
            .iter()
            .any(|m| m.filter.action == FilterAction::Hide)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::StatusId;
    use crate::types::Visibility;

    fn status(html: &str, warning: &str) -> Status {
        let id = StatusId::new();
        Status {
            id,
            ap_id: String::new(),
            url: String::new(),
            account_id: AccountId::new(),
            local: true,
            source: String::new(),
            content_html: html.into(),
            content_warning: warning.into(),
            sensitive: false,
            visibility: Visibility::Public,
            language: None,
            in_reply_to_id: None,
            in_reply_to_account_id: None,
            in_reply_to_ap_id: None,
            reblog_of_id: None,
            thread_id: id,
            created_at: Utc::now(),
            edited_at: None,
            deleted_at: None,
            archived_at: None,
        }
    }

    fn filters(keywords: &[(&str, bool)], action: FilterAction) -> ActiveFilters {
        let filter = Filter {
            id: FilterId::new(),
            account_id: AccountId::new(),
            title: "t".into(),
            contexts: vec![FilterContext::Home],
            action,
            keywords: keywords
                .iter()
                .map(|(k, w)| FilterKeyword {
                    keyword: (*k).into(),
                    whole_word: *w,
                })
                .collect(),
            expires_at: None,
            created_at: Utc::now(),
        };
        ActiveFilters(Arc::new(vec![Compiled::new(filter)]))
    }

    #[test]
    fn whole_words_case_and_markup() {
        let cats = filters(&[("cat", true)], FilterAction::Hide);
        assert!(cats.hides(&status("<p>A <strong>Cat</strong> sat</p>", "")));
        assert!(!cats.hides(&status("<p>a category</p>", "")));
        assert!(cats.hides(&status("<p>nothing here</p>", "cat pictures")));
        let part = filters(&[("cat", false)], FilterAction::Warn);
        let matched = part.matches(&status("<p>a category</p>", ""));
        assert_eq!(matched[0].keywords, ["cat"]);
        assert!(!part.hides(&status("<p>a category</p>", "")));
        // Markup is not text: a keyword in an attribute does not match.
        let links = filters(&[("href", true)], FilterAction::Hide);
        assert!(!links.hides(&status("<a href=\"x\">link</a>", "")));
        let amp = filters(&[("R&D", false)], FilterAction::Hide);
        assert!(amp.hides(&status("<p>R&amp;D news</p>", "")));
    }
}
