//! `Emoji` objects: custom emoji, as tags of notes and actors and at their own ids.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::actor::Image;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Emoji {
    #[serde(rename = "@context", skip_serializing_if = "Option::is_none")]
    pub context: Option<Value>,
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    /// The shortcode between colons: `:blobcat:`.
    pub name: String,
    pub updated: DateTime<Utc>,
    pub icon: Image,
}
