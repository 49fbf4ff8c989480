//! `Filter`, its contexts and action, and `FilterResult` (a filter a status matched).

use async_graphql::{Enum, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use rookery_domain::types::{Filter, FilterAction, FilterContext, FilterKeyword, FilterMatch};

use crate::graphql::ids;

/// Where a filter applies.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "FilterContext")]
pub enum FilterContextValue {
    Home,
    Notifications,
    Public,
    Thread,
    Account,
}

impl From<FilterContextValue> for FilterContext {
    fn from(value: FilterContextValue) -> Self {
        match value {
            FilterContextValue::Home => Self::Home,
            FilterContextValue::Notifications => Self::Notifications,
            FilterContextValue::Public => Self::Public,
            FilterContextValue::Thread => Self::Thread,
            FilterContextValue::Account => Self::Account,
        }
    }
}

impl From<FilterContext> for FilterContextValue {
    fn from(value: FilterContext) -> Self {
        match value {
            FilterContext::Home => Self::Home,
            FilterContext::Notifications => Self::Notifications,
            FilterContext::Public => Self::Public,
            FilterContext::Thread => Self::Thread,
            FilterContext::Account => Self::Account,
        }
    }
}

/// What a match does.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "FilterAction")]
pub enum FilterActionValue {
    /// Shown behind a warning naming the filter (`Status.filtered`).
    Warn,
    /// Left out.
    Hide,
}

impl From<FilterActionValue> for FilterAction {
    fn from(value: FilterActionValue) -> Self {
        match value {
            FilterActionValue::Warn => Self::Warn,
            FilterActionValue::Hide => Self::Hide,
        }
    }
}

/// A word or phrase to filter.
#[derive(SimpleObject, InputObject, Clone)]
#[graphql(name = "FilterKeyword", input_name = "FilterKeywordInput")]
pub struct FilterKeywordValue {
    pub keyword: String,
    /// Match whole words only (`cat` does not match `category`).
    #[graphql(default = true)]
    pub whole_word: bool,
}

impl From<FilterKeywordValue> for FilterKeyword {
    fn from(value: FilterKeywordValue) -> Self {
        Self {
            keyword: value.keyword,
            whole_word: value.whole_word,
        }
    }
}

pub struct FilterNode(pub Filter);

/// Words the viewer does not want to see, or wants a warning before.
#[Object(name = "Filter")]
impl FilterNode {
    pub async fn id(&self) -> ID {
        ids::encode(ids::FILTER, self.0.id.0)
    }

    async fn title(&self) -> &str {
        &self.0.title
    }

    async fn contexts(&self) -> Vec<FilterContextValue> {
        self.0.contexts.iter().map(|c| (*c).into()).collect()
    }

    async fn action(&self) -> FilterActionValue {
        match self.0.action {
            FilterAction::Warn => FilterActionValue::Warn,
            FilterAction::Hide => FilterActionValue::Hide,
        }
    }

    async fn keywords(&self) -> Vec<FilterKeywordValue> {
        self.0
            .keywords
            .iter()
            .map(|k| FilterKeywordValue {
                keyword: k.keyword.clone(),
                whole_word: k.whole_word,
            })
            .collect()
    }

    async fn expires_at(&self) -> Option<DateTime<Utc>> {
        self.0.expires_at
    }
}

/// A filter a status matched.
#[derive(SimpleObject)]
#[graphql(name = "FilterResult")]
pub struct FilterResultValue {
    pub filter: FilterNode,
    /// The keywords that matched.
    pub keyword_matches: Vec<String>,
}

impl From<FilterMatch> for FilterResultValue {
    fn from(value: FilterMatch) -> Self {
        Self {
            filter: FilterNode(value.filter),
            keyword_matches: value.keywords,
        }
    }
}
