//! Live events between processes over Redis pub/sub: published to one channel, and read
//! back by every process (this one too) into its own broadcast.

use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;
use redis::AsyncCommands;
use redis::aio::ConnectionManager;
use rookery_domain::ports::{EventBus, LiveEvent, PortFuture};
use rookery_domain::service::live::LocalBus;
use tokio::sync::broadcast;

/// Events of one publish travel in one message, separated by this.
const SEPARATOR: char = ' ';

/// The bus of many processes sharing one Redis.
#[derive(Clone)]
pub struct RedisBus {
    channel: String,
    publisher: ConnectionManager,
    local: LocalBus,
}

impl std::fmt::Debug for RedisBus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisBus")
            .field("channel", &self.channel)
            .finish_non_exhaustive()
    }
}

impl RedisBus {
    /// Connects to `url` and starts listening on `<namespace>:live`; the listener
    /// reconnects by itself when Redis goes away.
    pub async fn connect(url: &str, namespace: &str) -> Result<Arc<Self>, redis::RedisError> {
        let client = redis::Client::open(url)?;
        let publisher = ConnectionManager::new(client.clone()).await?;
        let bus = Arc::new(Self {
            channel: format!("{namespace}:live"),
            publisher,
            local: LocalBus::default(),
        });
        let mut pubsub = client.get_async_pubsub().await?;
        pubsub.subscribe(&bus.channel).await?;
        tokio::spawn(listen(
            client,
            bus.channel.clone(),
            bus.local.clone(),
            pubsub,
        ));
        Ok(bus)
    }
}

/// Hands what arrives on `channel` to `local`, subscribing again after a lost connection.
async fn listen(
    client: redis::Client,
    channel: String,
    local: LocalBus,
    mut pubsub: redis::aio::PubSub,
) {
    loop {
        {
            let mut messages = pubsub.on_message();
            while let Some(message) = messages.next().await {
                let Ok(text) = message.get_payload::<String>() else {
                    continue;
                };
                local.deliver(text.split(SEPARATOR).filter_map(LiveEvent::decode));
            }
        }
        tracing::warn!("the live event channel closed; subscribing again");
        pubsub = loop {
            tokio::time::sleep(Duration::from_secs(1)).await;
            match resubscribe(&client, &channel).await {
                Ok(pubsub) => break pubsub,
                Err(error) => tracing::warn!(%error, "live events: Redis unreachable"),
            }
        };
    }
}

async fn resubscribe(
    client: &redis::Client,
    channel: &str,
) -> Result<redis::aio::PubSub, redis::RedisError> {
    let mut pubsub = client.get_async_pubsub().await?;
    pubsub.subscribe(channel).await?;
    Ok(pubsub)
}

impl EventBus for RedisBus {
    fn publish(&self, events: Vec<LiveEvent>) -> PortFuture<'_, ()> {
        Box::pin(async move {
            let message: Vec<String> = events.iter().map(LiveEvent::encode).collect();
            let message = message.join(&SEPARATOR.to_string());
            let mut publisher = self.publisher.clone();
            let published: Result<u64, _> = publisher.publish(&self.channel, message).await;
            if let Err(error) = published {
                tracing::warn!(%error, "live events not published");
            }
        })
    }

    fn subscribe(&self) -> broadcast::Receiver<LiveEvent> {
        self.local.subscribe()
    }
}
