//! The media store: object_store on a local directory or an S3-compatible bucket.

use std::sync::Arc;

use futures::StreamExt;
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};
use rookery_domain::ports::{MediaStore, PortFuture, StoreError};

use crate::config::{Config, ConfigError, MediaStoreKind};

/// Media bytes in an object store.
#[derive(Debug, Clone)]
pub struct ObjectMediaStore {
    store: Arc<dyn ObjectStore>,
    /// For a local directory: the directory, absolute. It is made on the first write, so
    /// that a server that never stores media needs no data directory.
    dir: Option<std::path::PathBuf>,
}

fn failed(error: object_store::Error) -> StoreError {
    StoreError(error.to_string())
}

impl ObjectMediaStore {
    /// A store in the local directory `dir`.
    pub fn local(dir: &std::path::Path) -> Result<Self, ConfigError> {
        let dir = std::path::absolute(dir)
            .map_err(|e| ConfigError::new("media.dir", format!("{}: {e}", dir.display())))?;
        Ok(Self {
            store: Arc::new(LocalFileSystem::new()),
            dir: Some(dir),
        })
    }

    /// The store the configuration names.
    pub fn open(config: &Config) -> Result<Self, ConfigError> {
        let store: Arc<dyn ObjectStore> = match config.media.store {
            MediaStoreKind::Local => return Self::local(&config.media_dir()),
            MediaStoreKind::S3 => {
                let s3 = &config.media.s3;
                let mut builder = AmazonS3Builder::new()
                    .with_bucket_name(s3.bucket.clone().unwrap_or_default())
                    .with_region(&s3.region)
                    .with_allow_http(s3.allow_http);
                if let Some(endpoint) = &s3.endpoint {
                    builder = builder.with_endpoint(endpoint);
                }
                if let Some(key) = &s3.access_key_id {
                    builder = builder.with_access_key_id(key);
                }
                if let Some(secret) = &s3.secret_access_key {
                    builder = builder.with_secret_access_key(secret);
                }
                Arc::new(
                    builder
                        .build()
                        .map_err(|e| ConfigError::new("media.s3", e.to_string()))?,
                )
            }
        };
        Ok(Self { store, dir: None })
    }

    /// Where `key` is in the store: under the directory, for a local one.
    fn path(&self, key: &str) -> Result<Path, StoreError> {
        let bad = |e: &dyn std::fmt::Display| StoreError(format!("bad key {key:?}: {e}"));
        let relative = Path::parse(key).map_err(|e| bad(&e))?;
        match &self.dir {
            None => Ok(relative),
            Some(dir) => Path::from_absolute_path(dir.join(relative.as_ref())).map_err(|e| bad(&e)),
        }
    }
}

impl MediaStore for ObjectMediaStore {
    fn put<'a>(&'a self, key: &'a str, bytes: Vec<u8>) -> PortFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            self.store
                .put(&self.path(key)?, PutPayload::from(bytes))
                .await
                .map_err(failed)?;
            Ok(())
        })
    }

    fn get<'a>(&'a self, key: &'a str) -> PortFuture<'a, Result<Option<Vec<u8>>, StoreError>> {
        Box::pin(async move {
            match self.store.get(&self.path(key)?).await {
                Ok(found) => Ok(Some(found.bytes().await.map_err(failed)?.to_vec())),
                Err(object_store::Error::NotFound { .. }) => Ok(None),
                Err(error) => Err(failed(error)),
            }
        })
    }

    fn delete<'a>(&'a self, key: &'a str) -> PortFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            match self.store.delete(&self.path(key)?).await {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
                Err(error) => Err(failed(error)),
            }
        })
    }

    /// Lists every object (under the directory, for a local store) and adds their sizes.
    fn usage(&self) -> PortFuture<'_, Result<u64, StoreError>> {
        Box::pin(async move {
            let prefix = match &self.dir {
                Some(dir) if !dir.exists() => return Ok(0),
                Some(dir) => Some(
                    Path::from_absolute_path(dir)
                        .map_err(|e| StoreError(format!("{}: {e}", dir.display())))?,
                ),
                None => None,
            };
            let mut objects = self.store.list(prefix.as_ref());
            let mut bytes = 0u64;
            while let Some(object) = objects.next().await {
                bytes = bytes.saturating_add(object.map_err(failed)?.size);
            }
            Ok(bytes)
        })
    }
}
