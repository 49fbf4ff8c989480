//! The mail servers of email domains, looked up in DNS for email domain blocks.

use std::net::SocketAddr;
use std::time::Duration;

use hickory_resolver::config::{NameServerConfigGroup, ResolverConfig, ResolverOpts};
use hickory_resolver::name_server::TokioConnectionProvider;
use hickory_resolver::{Resolver, TokioResolver};
use rookery_domain::ports::{MailServers, PortFuture};

use crate::config::ConfigError;

/// How long one look-up may take; past it the sign-up goes on without it.
const TIMEOUT: Duration = Duration::from_secs(3);

/// MX look-ups through a DNS resolver.
pub struct DnsMailServers {
    resolver: TokioResolver,
}

impl DnsMailServers {
    /// Asks `server` (`HOST:PORT`), or the system's name servers (`/etc/resolv.conf`).
    pub fn new(server: Option<&str>) -> Result<Self, ConfigError> {
        let builder = match server {
            Some(server) => {
                let address: SocketAddr = server.parse().map_err(|error| {
                    ConfigError::new("mail.dns_server", format!("{server:?}: {error}"))
                })?;
                let servers =
                    NameServerConfigGroup::from_ips_clear(&[address.ip()], address.port(), true);
                Resolver::builder_with_config(
                    ResolverConfig::from_parts(None, Vec::new(), servers),
                    TokioConnectionProvider::default(),
                )
            }
            None => Resolver::builder_tokio().map_err(|error| {
                ConfigError::new(
                    "mail.dns_server",
                    format!("the system's resolvers: {error}"),
                )
            })?,
        };
        let mut options = ResolverOpts::default();
        options.timeout = TIMEOUT;
        options.attempts = 1;
        Ok(Self {
            resolver: builder.with_options(options).build(),
        })
    }
}

impl MailServers for DnsMailServers {
    fn of<'a>(&'a self, domain: &'a str) -> PortFuture<'a, Vec<String>> {
        Box::pin(async move {
            // The final dot: the name as given, never under a search domain.
            match self.resolver.mx_lookup(format!("{domain}.")).await {
                Ok(found) => found
                    .iter()
                    .map(|mx| {
                        let host = mx.exchange().to_ascii();
                        host.trim_end_matches('.').to_lowercase()
                    })
                    .filter(|host| !host.is_empty())
                    .collect(),
                Err(error) => {
                    tracing::info!(%error, domain, "looking up an email domain's mail servers");
                    Vec::new()
                }
            }
        })
    }
}
