//! The alert worker: finds what was published since a saved search last looked and tells its
//! owner, in the app and by e-mail as they chose.
//!
//! A due search is claimed, announced and moved on (`seen_until`, `next_run_at`) in one
//! transaction. On PostgreSQL the claim is `FOR UPDATE SKIP LOCKED`, so replicas running the
//! worker take disjoint searches and a search claimed by one is moved on before another can
//! see it: each result is announced once. SQLite has one writer at a time
//! (`db::write_transaction`), which gives the same guarantee.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{LockBehavior, LockType},
};
use serde_json::json;
use uuid::Uuid;

use super::dto::{Channel, SavedSearch, SearchKind};
use crate::db::Db;
use crate::{
    db,
    entities::{
        saved_search::{self, Entity as SavedSearchEntity},
        user::{self, Entity as User},
    },
    error::Result,
    integrations::{self, Event},
    mail::{self, Email},
    notifications::{self, NotificationKind},
    opportunities::listing::Opportunities,
    organisations::queries as organisation_queries,
    projects::listing::Projects,
    search::{database, kind::ListingRequest},
};

const BATCH: u64 = 20;
/// At most this many results are named in one alert; the rest are counted.
const NAMED: u64 = 10;
const POLL_INTERVAL: Duration = Duration::from_secs(30);

/// Runs the worker until the process ends.
pub fn spawn_worker(db: Db, public_url: String) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            match run_once(&db, &public_url, Utc::now()).await {
                Ok(claimed) if claimed == BATCH as usize => {}
                Ok(_) => tokio::time::sleep(POLL_INTERVAL).await,
                Err(error) => {
                    tracing::warn!(%error, "alert worker failed; retrying");
                    tokio::time::sleep(POLL_INTERVAL).await;
                }
            }
        }
    })
}

/// Claims the searches due at `now`, announces what is new and moves them on; returns how
/// many were claimed.
pub async fn run_once(db: &Db, public_url: &str, now: DateTime<Utc>) -> Result<usize> {
    let txn = db::write_transaction(db).await?;
    let mut due = SavedSearchEntity::find()
        .filter(saved_search::Column::NextRunAt.lte(now))
        .order_by_asc(saved_search::Column::NextRunAt)
        .limit(BATCH);
    if db.get_database_backend() == DbBackend::Postgres {
        due = due.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let claimed = due.all(&txn).await?;
    for search in &claimed {
        announce(&txn, search, public_url, now).await?;
    }
    txn.commit().await?;
    Ok(claimed.len())
}

/// One new result, as an alert names it.
struct Found {
    id: Uuid,
    title: String,
    path: String,
}

async fn new_results<C: ConnectionTrait>(
    db: &C,
    search: &saved_search::Model,
    now: DateTime<Utc>,
) -> Result<Vec<Found>> {
    let criteria = &search.criteria;
    let span = (search.seen_until, now);
    let owner = search.owner_id;
    let (found, base) = match search.kind {
        SearchKind::Opportunities => (
            match criteria.opportunity_query().criteria() {
                Ok(criteria) => {
                    database::created_between::<Opportunities, C>(db, &criteria, span, owner, NAMED)
                        .await?
                }
                Err(error) => return Ok(unreadable(search, &error)),
            },
            "/opportunities",
        ),
        SearchKind::Projects => (
            match criteria.project_query().criteria() {
                Ok(criteria) => {
                    database::created_between::<Projects, C>(db, &criteria, span, owner, NAMED)
                        .await?
                }
                Err(error) => return Ok(unreadable(search, &error)),
            },
            "/projects",
        ),
    };
    Ok(found
        .into_iter()
        .map(|(id, title)| Found {
            id,
            title,
            path: format!("{base}/{id}"),
        })
        .collect())
}

/// Criteria that no longer pass the checks (a code withdrawn since) find nothing, loudly.
fn unreadable(search: &saved_search::Model, error: &crate::error::ApiError) -> Vec<Found> {
    tracing::warn!(saved_search = %search.id, %error, "saved search criteria no longer valid");
    Vec::new()
}

async fn announce<C: ConnectionTrait>(
    db: &C,
    search: &saved_search::Model,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let found = new_results(db, search, now).await?;
    let saved = SavedSearch::from(search);
    if !found.is_empty()
        && let Some(owner) = User::find_by_id(search.owner_id).one(db).await?
        && !owner.suspended
    {
        if saved.channels.contains(&Channel::InApp) {
            notify_in_app(db, &owner, search, &found).await?;
        }
        if saved.channels.contains(&Channel::Email) {
            mail::enqueue(db, &alert_email(&owner, search, &found, public_url)).await?;
        }
        announce_to_webhooks(db, search, &found).await?;
    }
    let frequency = saved.frequency;
    let mut moved: saved_search::ActiveModel = search.clone().into();
    moved.seen_until = Set(now);
    moved.next_run_at = Set(now + frequency.interval().max(min_interval()));
    SavedSearchEntity::update(moved).exec(db).await?;
    Ok(())
}

/// `match.found` for the webhooks of the organisations the search's owner acts for, whatever
/// the search's own channels (those are the member's; webhooks are the organisation's).
async fn announce_to_webhooks<C: ConnectionTrait>(
    db: &C,
    search: &saved_search::Model,
    found: &[Found],
) -> Result<()> {
    let organisations = organisation_queries::organisations_of(db, search.owner_id).await?;
    if organisations.is_empty() {
        return Ok(());
    }
    let items = found
        .iter()
        .map(|item| json!({"id": item.id, "title": item.title, "link": item.path}))
        .collect();
    integrations::emit(db, Event::match_found(search, organisations, items)).await
}

/// Even "instant" searches wait for the next poll.
fn min_interval() -> chrono::TimeDelta {
    chrono::TimeDelta::from_std(POLL_INTERVAL).unwrap_or_default()
}

fn french(owner: &user::Model) -> bool {
    owner.locale == "fr"
}

fn heading(owner: &user::Model, search: &saved_search::Model, count: usize) -> String {
    match (french(owner), count) {
        (true, 1) => format!("Un nouveau résultat pour « {} »", search.name),
        (true, n) => format!("{n} nouveaux résultats pour « {} »", search.name),
        (false, 1) => format!("A new result for “{}”", search.name),
        (false, n) => format!("{n} new results for “{}”", search.name),
    }
}

async fn notify_in_app<C: ConnectionTrait>(
    db: &C,
    owner: &user::Model,
    search: &saved_search::Model,
    found: &[Found],
) -> Result<()> {
    let link = match found {
        [only] => only.path.clone(),
        _ => "/saved-searches".to_owned(),
    };
    let items: Vec<_> = found
        .iter()
        .map(|item| json!({"title": item.title, "link": item.path}))
        .collect();
    let payload = notifications::payload(
        heading(owner, search, found.len()),
        link,
        json!({"saved_search_id": search.id, "count": found.len(), "items": items}),
    );
    notifications::notify(db, owner.id, NotificationKind::SavedSearchHit, payload).await?;
    Ok(())
}

fn alert_email(
    owner: &user::Model,
    search: &saved_search::Model,
    found: &[Found],
    public_url: &str,
) -> Email {
    let base = public_url.trim_end_matches('/');
    let list: String = found
        .iter()
        .map(|item| format!("- {}\n  {base}{}\n", item.title, item.path))
        .collect();
    let page = format!("{base}/unsubscribe/{}", search.unsubscribe_token);
    let body = if french(owner) {
        format!(
            "Bonjour {},\n\nNouveautés pour votre recherche « {} » :\n\n{list}\nPour ne plus recevoir ces e-mails, un clic suffit (sans vous connecter) :\n{page}\n",
            owner.display_name, search.name
        )
    } else {
        format!(
            "Hello {},\n\nNew for your search “{}”:\n\n{list}\nTo stop these e-mails, one click is enough (no login needed):\n{page}\n",
            owner.display_name, search.name
        )
    };
    Email {
        to: owner.email.clone(),
        subject: heading(owner, search, found.len()),
        body,
        unsubscribe: Some(format!(
            "{base}/api/v1/unsubscribe/{}",
            search.unsubscribe_token
        )),
    }
}
