//! Background jobs: queue backends and one handler per task kind (delivery, media, mail,
//! moderation reports). It depends on the domain and federation, never on the server.
//!
//! No job runs yet: this crate holds its place in the dependency order, and
//! `rookery serve --no-workers` has no workers to leave out until it fills.
