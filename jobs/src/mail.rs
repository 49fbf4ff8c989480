//! The mailers: SMTP through lettre when a server is configured, else one `.eml` file per
//! message in the data directory, so that a single-machine operator can still read them.

use std::path::PathBuf;

use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use rookery_domain::ports::{MailError, Mailer, PortFuture};
use rookery_domain::types::Mail;

use crate::JobsError;

/// The mailer the configuration asks for: SMTP at `smtp_url` (`smtp://user:pass@host:587`,
/// `smtps://…`; add `?tls=required` for STARTTLS), or files in `dir`.
pub fn mailer(
    smtp_url: Option<&str>,
    from: &str,
    dir: PathBuf,
) -> Result<std::sync::Arc<dyn Mailer>, JobsError> {
    let from: Mailbox = from
        .parse()
        .map_err(|e| JobsError::Mail(format!("mail.from {from:?}: {e}")))?;
    Ok(match smtp_url {
        Some(url) => {
            let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                .map_err(|e| JobsError::Mail(format!("mail.smtp_url: {e}")))?
                .build();
            std::sync::Arc::new(SmtpMailer { transport, from })
        }
        None => std::sync::Arc::new(DirectoryMailer { dir, from }),
    })
}

/// The message as sent: plain text, with its id as the Message-ID.
fn message(from: &Mailbox, mail: &Mail) -> Result<Message, MailError> {
    let to: Mailbox = mail
        .to
        .parse()
        .map_err(|e| MailError::Permanent(format!("address {:?}: {e}", mail.to)))?;
    let domain = from.email.domain().to_owned();
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(&mail.subject)
        .message_id(Some(format!("<{}@{domain}>", mail.id)))
        .date(mail.created_at.into())
        .header(ContentType::TEXT_PLAIN)
        .body(mail.body.clone())
        .map_err(|e| MailError::Permanent(e.to_string()))
}

/// Sends over SMTP.
#[derive(Clone)]
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for SmtpMailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The transport holds the credentials: not shown.
        f.debug_struct("SmtpMailer")
            .field("from", &self.from.to_string())
            .finish()
    }
}

impl Mailer for SmtpMailer {
    fn send<'a>(&'a self, mail: &'a Mail) -> PortFuture<'a, Result<(), MailError>> {
        Box::pin(async move {
            let message = message(&self.from, mail)?;
            self.transport.send(message).await.map(|_| ()).map_err(|e| {
                if e.is_permanent() {
                    MailError::Permanent(e.to_string())
                } else {
                    MailError::Transient(e.to_string())
                }
            })
        })
    }
}

/// Writes each message to `<dir>/<id>.eml`.
#[derive(Debug, Clone)]
pub struct DirectoryMailer {
    dir: PathBuf,
    from: Mailbox,
}

impl Mailer for DirectoryMailer {
    fn send<'a>(&'a self, mail: &'a Mail) -> PortFuture<'a, Result<(), MailError>> {
        Box::pin(async move {
            let formatted = message(&self.from, mail)?.formatted();
            let transient = |e: std::io::Error| {
                MailError::Transient(format!("writing to {}: {e}", self.dir.display()))
            };
            tokio::fs::create_dir_all(&self.dir)
                .await
                .map_err(transient)?;
            // Written whole, then renamed: a reader never sees half a message.
            let partial = self.dir.join(format!(".{}.eml.partial", mail.id));
            tokio::fs::write(&partial, formatted)
                .await
                .map_err(transient)?;
            tokio::fs::rename(&partial, self.dir.join(format!("{}.eml", mail.id)))
                .await
                .map_err(transient)
        })
    }
}
