//! What every handler is given: the database, the queues, the fetcher and what handlers
//! remember between tasks.

use std::sync::Arc;
use std::time::Duration;

use rookery_domain::ports::Mailer;
use rookery_domain::service::App;
use rookery_domain::service::media::MediaServices;
use rookery_federation::context::Federation;
use rookery_federation::fetch::Fetcher;
use rookery_federation::signature_schemes::SignatureSchemes;

use crate::hosts::{HostPolicy, Hosts};
use crate::job_queue::JobQueue;
use crate::prepared::PreparedCache;
use crate::snapshot::HostSnapshot;

/// Everything handlers need.
#[derive(Debug)]
pub struct JobContext {
    /// The database and the outbox, shared with the federation context.
    pub app: App,
    pub fetcher: Fetcher,
    pub queue: JobQueue,
    pub mailer: Arc<dyn Mailer>,
    pub hosts: Hosts,
    /// Activities being delivered, built and keyed once for all their inboxes.
    pub prepared: PreparedCache,
    /// Domain blocks and failing hosts, read every few seconds.
    pub host_snapshot: HostSnapshot,
    /// What resolving remote objects needs, with what inboxes remember between requests
    /// (signers, the block list, tag ids).
    pub federation: Federation,
    /// The signature scheme each inbox host took.
    pub signature_schemes: SignatureSchemes,
    /// Where media is kept, and its limits.
    pub media: MediaServices,
    /// How long copies of remote media are kept.
    pub remote_media_cache: Duration,
}

impl JobContext {
    /// The handlers' context; `federation` is the process's one federation context, whose
    /// application context and fetcher the handlers use too.
    pub fn new(
        queue: JobQueue,
        mailer: Arc<dyn Mailer>,
        media: MediaServices,
        federation: Federation,
    ) -> Self {
        let (app, fetcher) = {
            let context = federation.data();
            (context.app.clone(), context.fetcher.clone())
        };
        Self {
            app,
            fetcher,
            queue,
            mailer,
            hosts: Hosts::new(HostPolicy::default()),
            prepared: PreparedCache::default(),
            host_snapshot: HostSnapshot::default(),
            federation,
            signature_schemes: SignatureSchemes::default(),
            media,
            remote_media_cache: Duration::from_secs(30 * 24 * 3600),
        }
    }
}

impl JobContext {
    /// The queue, as the domain's port.
    pub fn queue_port(&self) -> &dyn rookery_domain::ports::TaskQueue {
        &self.queue
    }
}
