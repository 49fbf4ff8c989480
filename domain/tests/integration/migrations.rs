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
