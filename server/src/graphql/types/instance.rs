//! `Instance`: what clients show about this server and the limits they must respect.

use async_graphql::{Enum, SimpleObject};
use rookery_domain::types::{Instance, RegistrationMode};

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "RegistrationMode")]
pub enum RegistrationModeValue {
    Open,
    /// Sign-ups wait for a moderator's approval.
    Approval,
    Closed,
}

#[derive(SimpleObject)]
#[graphql(name = "Instance")]
pub struct InstanceValue {
    pub name: String,
    pub description: String,
    /// Host and optional port.
    pub domain: String,
    pub url: String,
    pub registration_mode: RegistrationModeValue,
    /// The most characters a status (with its content warning) may have, counted as
    /// Mastodon counts them: as readers see them (grapheme clusters, so that an emoji of a
    /// family or an accented letter is one), every URL as `charactersReservedPerUrl`, and a
    /// remote mention `@user@host` as `@user`. Text of only invisible characters is empty.
    pub max_status_chars: u64,
    /// How many characters any URL counts for in a status's length.
    pub characters_reserved_per_url: u64,
    /// The most attachments a status may carry.
    pub max_media_attachments: u64,
    /// The most items one connection page may hold.
    pub max_page_size: u64,
    pub version: String,
}

impl From<Instance> for InstanceValue {
    fn from(instance: Instance) -> Self {
        Self {
            url: instance.base_url.to_string(),
            name: instance.name,
            description: instance.description,
            domain: instance.domain,
            registration_mode: match instance.registration_mode {
                RegistrationMode::Open => RegistrationModeValue::Open,
                RegistrationMode::Approval => RegistrationModeValue::Approval,
                RegistrationMode::Closed => RegistrationModeValue::Closed,
            },
            max_status_chars: instance.max_status_chars as u64,
            characters_reserved_per_url: rookery_domain::content::CHARACTERS_RESERVED_PER_URL
                as u64,
            max_media_attachments: instance.max_media_attachments as u64,
            max_page_size: rookery_domain::page::MAX_PAGE_SIZE,
            version: env!("CARGO_PKG_VERSION").to_owned(),
        }
    }
}
