//! The application context: what every use case that changes something is given.

use sea_orm::DatabaseConnection;

use crate::DomainResult;
use crate::service::instance;
use crate::service::outbox::{Outbox, Write};
use crate::types::Instance;

/// The database and the outbox, built once per process and shared by its web server,
/// its inboxes and its workers; cloning it clones two handles. Use cases take `&App`
/// rather than a growing list of the parts they happen to use.
#[derive(Clone, Debug)]
pub struct App {
    pub db: DatabaseConnection,
    /// Records what local accounts do, queues it for delivery and tells live events.
    pub outbox: Outbox,
}

impl App {
    pub fn new(db: DatabaseConnection, outbox: Outbox) -> Self {
        Self { db, outbox }
    }

    /// The instance as configured at start-up: its address, and the defaults of the
    /// settings that [`App::settings`] reads as they are now.
    pub fn instance(&self) -> &Instance {
        self.outbox.instance()
    }

    /// The instance with the settings changed at run time applied.
    pub async fn settings(&self) -> DomainResult<Instance> {
        instance::load(&self.db, self.instance()).await
    }

    /// Opens a unit of work (see [`Write`]).
    pub async fn write(&self) -> DomainResult<Write<'_>> {
        Write::begin(&self.db, &self.outbox).await
    }
}
