//! The account whose signature a delivery being received carries (its actor, as the
//! inbox checked), for the activity's `verify` and `receive`, which are given only the
//! shared context.

use rookery_domain::types::Account;
use url::Url;

use crate::error::InboxError;

tokio::task_local! {
    /// The account whose signature a delivery being received carries: its actor.
    static SIGNER: Account;
}

/// Runs `applying` (an activity's `verify` and `receive`) as received from `signer`.
pub(crate) async fn as_signed_by<F: Future>(signer: Account, applying: F) -> F::Output {
    SIGNER.scope(signer, applying).await
}

/// The account that signed the delivery being received.
pub(super) fn signer() -> Result<Account, InboxError> {
    SIGNER
        .try_with(Account::clone)
        .map_err(|_| InboxError::Internal("an activity received outside a delivery".into()))
}

/// An activity with no `id` (GoToSocial leaves it out of a `Delete`) answers its actor's.
pub(super) fn id_or_actor<'a>(id: &'a Option<Url>, actor: &'a Url) -> &'a Url {
    id.as_ref().unwrap_or(actor)
}
