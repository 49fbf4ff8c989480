//! The instance: its address and the settings that shape what users may do.

use url::Url;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegistrationMode {
    Open,
    /// Anyone may sign up; a moderator approves before they can log in.
    Approval,
    Closed,
}

impl RegistrationMode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Approval => "approval",
            Self::Closed => "closed",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::Open, Self::Approval, Self::Closed]
            .into_iter()
            .find(|mode| mode.as_str() == value)
    }
}

/// What the domain needs to know about the instance it runs as.
#[derive(Debug, Clone, PartialEq)]
pub struct Instance {
    /// Host and optional port, e.g. `social.example` or `localhost:8080`.
    pub domain: String,
    /// `https://social.example/` (or `http://` in development).
    pub base_url: Url,
    pub name: String,
    pub description: String,
    pub registration_mode: RegistrationMode,
    pub max_status_chars: usize,
    /// The most attachments a status may carry.
    pub max_media_attachments: usize,
    /// Whether a new account must follow a link mailed to it before it posts, follows or
    /// messages.
    pub require_email_confirmation: bool,
}

impl Instance {
    /// An absolute URL on this instance for `path` (which starts with `/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url.as_str().trim_end_matches('/'), path)
    }

    /// Whether `domain` (as written in a handle) names this instance.
    pub fn is_local_domain(&self, domain: &str) -> bool {
        domain.eq_ignore_ascii_case(&self.domain)
    }
}

/// What administrators tell of the instance beyond its name and description, for `/about`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstanceAbout {
    /// Plain text, paragraphs split by blank lines; may be empty.
    pub long_description: String,
    /// Where to reach the administrators; empty when not given.
    pub contact_email: String,
    /// The local account to write to about the instance.
    pub contact_account: Option<crate::ids::AccountId>,
    /// A BCP 47 language tag: what signed-out readers and new accounts start with.
    pub default_locale: String,
    /// How many days the addresses people sign up and sign in from are kept.
    pub ip_retention_days: u32,
    /// Whether people whose role grants any moderation or administration permission must
    /// have two-factor sign-in on to use it.
    pub require_staff_two_factor: bool,
}

impl Default for InstanceAbout {
    fn default() -> Self {
        Self {
            long_description: String::new(),
            contact_email: String::new(),
            contact_account: None,
            default_locale: "en".to_owned(),
            ip_retention_days: 90,
            require_staff_two_factor: false,
        }
    }
}

/// The instance's picture as kept: on its about page and in link previews.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InstanceThumbnail {
    pub key: String,
    pub width: u32,
    pub height: u32,
    pub blurhash: String,
}
