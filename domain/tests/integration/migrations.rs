//! Migrations go up, down and up again on both backends.

use rookery_domain::db;
use rookery_domain::testing::TestDb;

async fn up_down_up(test: TestDb) {
    db::migrate(&test.db).await.unwrap();
    assert!(
        db::migration_status(&test.db)
            .await
            .unwrap()
            .iter()
            .all(|(_, applied)| *applied)
    );
    db::rollback(&test.db, None).await.unwrap();
    assert!(
        db::migration_status(&test.db)
            .await
            .unwrap()
            .iter()
            .all(|(_, applied)| !applied)
    );
    db::migrate(&test.db).await.unwrap();
    // The schema is whole again: a user can sign up.
    super::support::user(&test.db, "again").await;
}

#[tokio::test]
async fn up_down_up_on_sqlite() {
    up_down_up(TestDb::sqlite_empty().await).await;
}

#[tokio::test]
async fn up_down_up_on_postgres() {
    if let Some(test) = TestDb::postgres_empty().await {
        up_down_up(test).await;
    }
}

/// Statuses posted before the search index existed are found once it is made.
async fn existing_statuses_are_indexed(test: TestDb) {
    use rookery_domain::page::PageRequest;
    use rookery_domain::service::search;
    use rookery_domain::types::Visibility;

    db::migrate(&test.db).await.unwrap();
    let alice = super::support::user(&test.db, "alice").await;
    let posted = super::support::post(
        &test.db,
        &alice,
        "An **Early** heron & a <fish>",
        Visibility::Public,
    )
    .await;
    // Back to before the index, and up again: the migration indexes what is there.
    let applied = db::migration_status(&test.db).await.unwrap();
    let search_migration = applied
        .iter()
        .position(|(name, _)| name.ends_with("_search"))
        .expect("the search migration");
    let since_search = u32::try_from(applied.len() - search_migration).unwrap();
    db::rollback(&test.db, Some(since_search)).await.unwrap();
    let status = db::migration_status(&test.db).await.unwrap();
    assert!(status[search_migration - 1].1, "{}", test.backend);
    assert!(!status[search_migration].1, "{}", test.backend);
    db::migrate(&test.db).await.unwrap();
    let find = |query: &'static str| {
        let db = test.db.clone();
        async move {
            search::statuses(&db, Some(alice.account_id), query, &PageRequest::first(20))
                .await
                .unwrap()
                .items
                .into_iter()
                .map(|(_, status)| status.id)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(find("early HERON").await, [posted.id], "{}", test.backend);
    assert_eq!(find("fish").await, [posted.id], "{}", test.backend);
    assert!(find("strong").await.is_empty(), "{}", test.backend);
    assert!(find("amp").await.is_empty(), "{}", test.backend);
}

#[tokio::test]
async fn existing_statuses_are_indexed_on_sqlite() {
    existing_statuses_are_indexed(TestDb::sqlite_empty().await).await;
}

#[tokio::test]
async fn existing_statuses_are_indexed_on_postgres() {
    if let Some(test) = TestDb::postgres_empty().await {
        existing_statuses_are_indexed(test).await;
    }
}
