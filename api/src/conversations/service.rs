//! Opening conversations, reading them with their unread counts, and writing messages.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, Query as SqlQuery},
};
use serde_json::json;
use uuid::Uuid;

use super::{
    dto::{Conversation, ConversationPage, ConversationQuery},
    people,
};
use crate::{
    db::Db,
    entities::{
        conversation::{self, Entity as ConversationEntity},
        conversation_participant::{self, Entity as Participant},
        message::{self, Entity as MessageEntity},
    },
    error::{ApiError, Result},
    notifications::{self, NotificationKind},
    paging::{NewestFirst, next_cursor},
    search::query::{Cursor, Sort, checked_limit},
};

/// What opened a conversation.
#[derive(Debug, Clone, Copy)]
pub enum Origin {
    Interest(Uuid),
    Introduction(Uuid),
}

/// Opens a conversation between `participants` (each once) and returns its id. Call it in the
/// transaction that accepted the interest or introduction.
pub async fn open<C: ConnectionTrait>(
    db: &C,
    origin: Origin,
    participants: &[Uuid],
) -> Result<Uuid> {
    let now = Utc::now();
    let id = Uuid::now_v7();
    let (interest_id, introduction_id) = match origin {
        Origin::Interest(interest) => (Some(interest), None),
        Origin::Introduction(introduction) => (None, Some(introduction)),
    };
    ConversationEntity::insert(conversation::ActiveModel {
        id: Set(id),
        interest_id: Set(interest_id),
        introduction_id: Set(introduction_id),
        last_activity_at: Set(now),
        created_at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    let mut members = participants.to_vec();
    members.sort();
    members.dedup();
    let rows = members
        .into_iter()
        .map(|user| conversation_participant::ActiveModel {
            conversation_id: Set(id),
            user_id: Set(user),
            last_read_message_id: Set(None),
            last_read_at: Set(None),
            joined_at: Set(now),
        });
    Participant::insert_many(rows)
        .exec_without_returning(db)
        .await?;
    Ok(id)
}

/// The conversations opened by these interests, by interest id.
pub async fn by_interest<C: ConnectionTrait>(
    db: &C,
    interests: Vec<Uuid>,
) -> Result<HashMap<Uuid, Uuid>> {
    if interests.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(Uuid, Option<Uuid>)> = ConversationEntity::find()
        .select_only()
        .columns([conversation::Column::Id, conversation::Column::InterestId])
        .filter(conversation::Column::InterestId.is_in(interests))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, interest)| interest.map(|interest| (interest, id)))
        .collect())
}

/// The conversation opened by an introduction, if any.
pub async fn by_introduction<C: ConnectionTrait>(
    db: &C,
    introduction: Uuid,
) -> Result<Option<Uuid>> {
    Ok(ConversationEntity::find()
        .filter(conversation::Column::IntroductionId.eq(introduction))
        .one(db)
        .await?
        .map(|row| row.id))
}

/// The conversation and the member's place in it; 404 when they are not in it, so that
/// outsiders learn nothing about which conversations exist.
pub async fn joined<C: ConnectionTrait>(
    db: &C,
    member: Uuid,
    id: Uuid,
) -> Result<(conversation::Model, conversation_participant::Model)> {
    let not_found = || ApiError::NotFound("conversation");
    let place = Participant::find_by_id((id, member))
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    let row = ConversationEntity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    Ok((row, place))
}

/// The conversations as `reader` sees them: participants' names and the reader's unread count.
pub async fn views<C: ConnectionTrait>(
    db: &C,
    reader: Uuid,
    rows: &[conversation::Model],
) -> Result<Vec<Conversation>> {
    let ids: Vec<Uuid> = rows.iter().map(|row| row.id).collect();
    let places = if ids.is_empty() {
        Vec::new()
    } else {
        Participant::find()
            .filter(conversation_participant::Column::ConversationId.is_in(ids))
            .order_by_asc(conversation_participant::Column::JoinedAt)
            .all(db)
            .await?
    };
    let names = people::find(db, places.iter().map(|place| place.user_id)).await?;
    let reads: Vec<(Uuid, Option<Uuid>)> = places
        .iter()
        .filter(|place| place.user_id == reader)
        .map(|place| (place.conversation_id, place.last_read_message_id))
        .collect();
    let unread = unread_counts(db, reader, &reads).await?;
    Ok(rows
        .iter()
        .map(|row| Conversation {
            id: row.id,
            participants: places
                .iter()
                .filter(|place| place.conversation_id == row.id)
                .filter_map(|place| names.get(&place.user_id).map(people::Person::name))
                .collect(),
            unread: unread.get(&row.id).copied().unwrap_or(0),
            interest_id: row.interest_id,
            introduction_id: row.introduction_id,
            last_activity_at: row.last_activity_at,
            created_at: row.created_at,
        })
        .collect())
}

/// For each (conversation, last message read), how many later messages others wrote: one
/// grouped query for a whole page of conversations.
async fn unread_counts<C: ConnectionTrait>(
    db: &C,
    reader: Uuid,
    reads: &[(Uuid, Option<Uuid>)],
) -> Result<HashMap<Uuid, u64>> {
    if reads.is_empty() {
        return Ok(HashMap::new());
    }
    let mut unread_somewhere = Condition::any();
    for (conversation, last_read) in reads {
        let mut unread_here =
            Condition::all().add(message::Column::ConversationId.eq(*conversation));
        if let Some(last_read) = last_read {
            unread_here = unread_here.add(message::Column::Id.gt(*last_read));
        }
        unread_somewhere = unread_somewhere.add(unread_here);
    }
    let counts: Vec<(Uuid, i64)> = MessageEntity::find()
        .select_only()
        .column(message::Column::ConversationId)
        .column_as(message::Column::Id.count(), "unread")
        .filter(message::Column::AuthorId.ne(reader))
        .filter(unread_somewhere)
        .group_by(message::Column::ConversationId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(counts
        .into_iter()
        .map(|(conversation, count)| (conversation, count.max(0) as u64))
        .collect())
}

/// Writes a message and tells the other participants, unless they already have unread
/// messages here (one notice per burst: the unread count tells the rest).
pub async fn post<C: ConnectionTrait>(
    db: &C,
    conversation: Uuid,
    author: &people::Person,
    body: String,
) -> Result<message::Model> {
    let now = Utc::now();
    let others = Participant::find()
        .filter(conversation_participant::Column::ConversationId.eq(conversation))
        .filter(conversation_participant::Column::UserId.ne(author.id))
        .all(db)
        .await?;
    let mut quiet = Vec::new();
    for other in &others {
        let reads = [(conversation, other.last_read_message_id)];
        if unread_counts(db, other.user_id, &reads).await?.is_empty() {
            quiet.push(other.user_id);
        }
    }
    let row = message::Model {
        id: Uuid::now_v7(),
        conversation_id: conversation,
        author_id: author.id,
        body,
        created_at: now,
    };
    MessageEntity::insert(message::ActiveModel::from(row.clone()))
        .exec_without_returning(db)
        .await?;
    ConversationEntity::update_many()
        .col_expr(conversation::Column::LastActivityAt, Expr::value(now))
        .filter(conversation::Column::Id.eq(conversation))
        .exec(db)
        .await?;
    let recipients = people::find(db, quiet).await?;
    for recipient in recipients.values() {
        let title = if recipient.reads_french() {
            format!("Nouveau message de {}", author.display_name)
        } else {
            format!("New message from {}", author.display_name)
        };
        let payload = notifications::payload(
            title,
            format!("/conversations/{conversation}"),
            json!({"conversation_id": conversation, "message_id": row.id}),
        );
        notifications::notify(db, recipient.id, NotificationKind::MessageReceived, payload).await?;
    }
    Ok(row)
}

/// Marks messages up to `newest` read for `reader`; never moves the mark back.
pub async fn mark_read<C: ConnectionTrait>(
    db: &C,
    conversation: Uuid,
    reader: Uuid,
    newest: Uuid,
    now: DateTime<Utc>,
) -> Result<()> {
    Participant::update_many()
        .col_expr(
            conversation_participant::Column::LastReadMessageId,
            Expr::value(newest),
        )
        .col_expr(
            conversation_participant::Column::LastReadAt,
            Expr::value(now),
        )
        .filter(conversation_participant::Column::ConversationId.eq(conversation))
        .filter(conversation_participant::Column::UserId.eq(reader))
        .filter(
            Condition::any()
                .add(conversation_participant::Column::LastReadMessageId.is_null())
                .add(conversation_participant::Column::LastReadMessageId.lt(newest)),
        )
        .exec(db)
        .await?;
    Ok(())
}

/// A page of `member`'s conversations, most recent activity first, each with its unread count.
/// Ordered by (last activity, id): a conversation that gets a message during a walk moves to
/// the top, the others keep their place.
pub async fn page_of(db: &Db, member: Uuid, query: &ConversationQuery) -> Result<ConversationPage> {
    let limit = checked_limit(query.limit)?;
    let mine = SqlQuery::select()
        .column(conversation_participant::Column::ConversationId)
        .from(Participant)
        .and_where(conversation_participant::Column::UserId.eq(member))
        .to_owned();
    let mut select = ConversationEntity::find()
        .filter(conversation::Column::Id.in_subquery(mine))
        .order_by_desc(conversation::Column::LastActivityAt)
        .order_by_desc(conversation::Column::Id)
        .limit(limit + 1);
    if let Some(raw) = &query.cursor {
        let cursor = Cursor::decode(raw, Sort::Newest)?;
        let at = cursor
            .key
            .as_deref()
            .and_then(|key| DateTime::parse_from_rfc3339(key).ok())
            .map(|at| at.with_timezone(&Utc))
            .ok_or_else(|| {
                ApiError::invalid_field("cursor", "invalid", "this cursor is not one we gave")
            })?;
        select = select.filter(
            Condition::any()
                .add(conversation::Column::LastActivityAt.lt(at))
                .add(
                    Condition::all()
                        .add(conversation::Column::LastActivityAt.eq(at))
                        .add(conversation::Column::Id.lt(cursor.id)),
                ),
        );
    }
    let mut rows = select.all(db).await?;
    let next_cursor = if rows.len() as u64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|row| {
            Cursor {
                sort: Sort::Newest,
                key: Some(row.last_activity_at.to_rfc3339()),
                id: row.id,
            }
            .encode()
        })
    } else {
        None
    };
    let items = views(db, member, &rows).await?;
    Ok(ConversationPage { items, next_cursor })
}

/// A page of a conversation's messages, newest first, and the cursor of the next one.
pub async fn messages(
    db: &Db,
    conversation: Uuid,
    page: NewestFirst,
) -> Result<(Vec<message::Model>, Option<String>)> {
    let mut select = MessageEntity::find()
        .filter(message::Column::ConversationId.eq(conversation))
        .order_by_desc(message::Column::Id)
        .limit(page.fetch());
    if let Some(before) = page.before {
        select = select.filter(message::Column::Id.lt(before));
    }
    let mut rows = select.all(db).await?;
    let next_cursor = next_cursor(&mut rows, page, |row| row.id);
    Ok((rows, next_cursor))
}
