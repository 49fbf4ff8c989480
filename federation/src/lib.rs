//! Everything ActivityPub: protocol types, actors and objects over domain types, inbox
//! verification and outgoing delivery. It depends on the domain and never on the server's
//! HTTP or GraphQL layers.
//!
//! Federation is not built yet: this crate holds its place in the dependency order
//! (`domain ← federation ← jobs ← server`), and no route or job calls into it.
