//! Counting sign-in, sign-up, reset and two-factor attempts per client address and per
//! account: in this process, or, with `redis.url` set, in Redis, so that every process of
//! the instance spends one budget.

use std::net::IpAddr;
use std::num::NonZeroU32;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use redis::aio::ConnectionManager;
use rookery_domain::service::credentials;

/// Keys the in-process limiter holds before it drops those of past minutes.
const MAX_LOCAL_KEYS: usize = 100_000;
/// How long a minute's counter stays in Redis: past its minute, with room for slow clocks.
const SHARED_KEY_SECONDS: i64 = 120;

/// What sign-up and log-in attempts count against.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AuthKey {
    /// A client address (an IPv6 /64).
    Address(IpAddr),
    /// The username tried, lowercased.
    Account(String),
}

/// Attempts per minute for each client address and each account.
pub struct AuthLimiter {
    per_minute: NonZeroU32,
    local: DefaultKeyedRateLimiter<AuthKey>,
    shared: Option<Shared>,
}

/// Counters in Redis, one per key and minute.
struct Shared {
    connection: ConnectionManager,
    prefix: String,
}

impl AuthLimiter {
    /// A limiter of `per_minute` attempts per key, counted in this process.
    pub fn local(per_minute: u32) -> Self {
        let per_minute = NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN);
        Self {
            per_minute,
            local: RateLimiter::keyed(Quota::per_minute(per_minute)),
            shared: None,
        }
    }

    /// A limiter of `per_minute` attempts per key, counted in the Redis at `url` under
    /// `namespace`. When Redis cannot be reached later, this process counts alone until
    /// it can.
    pub async fn shared(
        per_minute: u32,
        url: &str,
        namespace: &str,
    ) -> Result<Self, redis::RedisError> {
        let client = redis::Client::open(url)?;
        let connection = ConnectionManager::new(client).await?;
        Ok(Self {
            shared: Some(Shared {
                connection,
                prefix: format!("{namespace}:auth"),
            }),
            ..Self::local(per_minute)
        })
    }

    /// Counts an attempt against each of `keys`; false when any of them is over its budget.
    pub async fn allow(&self, keys: &[AuthKey]) -> bool {
        if let Some(shared) = &self.shared {
            match shared.count(keys).await {
                Ok(counts) => {
                    return counts
                        .iter()
                        .all(|count| *count <= i64::from(self.per_minute.get()));
                }
                Err(error) => {
                    tracing::warn!(%error, "Redis unreachable: sign-in attempts are counted in this process alone");
                }
            }
        }
        // Keys of the past minute are enough; forget older ones before they pile up.
        if self.local.len() > MAX_LOCAL_KEYS {
            self.local.retain_recent();
        }
        keys.iter().all(|key| self.local.check_key(key).is_ok())
    }
}

impl Shared {
    /// Adds one to this minute's counter of each key; the counts after.
    async fn count(&self, keys: &[AuthKey]) -> Result<Vec<i64>, redis::RedisError> {
        let minute = chrono::Utc::now().timestamp() / 60;
        let mut pipe = redis::pipe();
        for key in keys {
            let name = match key {
                AuthKey::Address(ip) => format!("{}:{minute}:ip:{ip}", self.prefix),
                // A hash: usernames tried are anyone's text, and no business of Redis's.
                AuthKey::Account(name) => format!(
                    "{}:{minute}:account:{}",
                    self.prefix,
                    credentials::token_hash(name)
                ),
            };
            pipe.incr(&name, 1)
                .expire(&name, SHARED_KEY_SECONDS)
                .ignore();
        }
        let mut connection = self.connection.clone();
        pipe.query_async(&mut connection).await
    }
}
