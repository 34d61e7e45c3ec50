//! Making, reading and answering introductions.

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait},
};
use serde_json::json;
use uuid::Uuid;

use super::dto::{
    Introduction, IntroductionPage, IntroductionQuery, IntroductionSide, IntroductionStatus,
    NewIntroduction, SideKind, SideRef,
};
use crate::{
    conversations::{self, Origin, people},
    db::Db,
    entities::introduction::{self, Entity as IntroductionEntity},
    error::{ApiError, FieldError, Result},
    http::fields::parse_code,
    interests::{TargetKind, target},
    notifications::{self, NotificationKind},
    paging::{NewestFirst, next_cursor},
};

/// Someone's part in an introduction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    A,
    B,
    /// The facilitator who made it, when not a side.
    Facilitator,
}

/// The member a side stands for, and whether they are hidden behind an anonymous item; or
/// the field error that says why it cannot be one.
async fn owner_of<C: ConnectionTrait>(
    db: &C,
    field: &str,
    side: SideRef,
) -> Result<std::result::Result<(Uuid, bool), FieldError>> {
    let found = match side.kind {
        SideKind::Member => people::find(db, [side.id])
            .await?
            .remove(&side.id)
            .map(|p| (p.id, false)),
        SideKind::Project | SideKind::Opportunity => {
            let kind = if side.kind == SideKind::Project {
                TargetKind::Project
            } else {
                TargetKind::Opportunity
            };
            // Drafts are private: a facilitator introduces what members can see.
            target::find(db, kind, side.id)
                .await?
                .filter(|item| item.public)
                .map(|item| (item.owner_id, item.anonymous))
        }
    };
    Ok(found.ok_or_else(|| {
        FieldError::new(
            format!("{field}.id"),
            "not_found",
            format!("no such {}", side.kind.as_str()),
        )
    }))
}

/// Checks the sides of a new introduction and returns the members they stand for.
pub async fn resolve<C: ConnectionTrait>(
    db: &C,
    facilitator: Uuid,
    new: &NewIntroduction,
) -> Result<(Uuid, Uuid)> {
    let a = owner_of(db, "a", new.a).await?;
    let b = owner_of(db, "b", new.b).await?;
    let ((a, a_hidden), (b, b_hidden)) = match (a, b) {
        (Ok(a), Ok(b)) => (a, b),
        (a, b) => {
            return Err(ApiError::Validation(
                [a.err(), b.err()].into_iter().flatten().collect(),
            ));
        }
    };
    // Refusing "the same member" when a side is an anonymous item would tell the facilitator
    // who is behind it: then the owner simply gets the proposal, and declines it.
    if a == b && !a_hidden && !b_hidden {
        return Err(ApiError::invalid_field(
            "b",
            "same_member",
            "both sides are the same member: introduce someone to someone else",
        ));
    }
    if a == facilitator || b == facilitator {
        return Err(ApiError::invalid_field(
            "a",
            "facilitator_is_side",
            "a facilitator introduces others, not themselves: express interest instead",
        ));
    }
    Ok((a, b))
}

/// Records a new introduction, pending both sides' answers, and tells them.
pub async fn introduce<C: ConnectionTrait>(
    txn: &C,
    facilitator: Uuid,
    new: &NewIntroduction,
    [a, b]: [Uuid; 2],
) -> Result<introduction::Model> {
    let row = pending(facilitator, new, a, b);
    IntroductionEntity::insert(introduction::ActiveModel::from(row.clone()))
        .exec_without_returning(txn)
        .await?;
    announce(txn, &row).await?;
    Ok(row)
}

/// A new pending introduction row.
fn pending(facilitator: Uuid, new: &NewIntroduction, a: Uuid, b: Uuid) -> introduction::Model {
    let now = Utc::now();
    let item = |side: SideRef| (side.kind != SideKind::Member).then_some(side.id);
    let pending = IntroductionStatus::Pending.as_str();
    introduction::Model {
        id: Uuid::now_v7(),
        facilitator_id: facilitator,
        note: new.note.trim().to_owned(),
        status: pending.into(),
        a_kind: new.a.kind.as_str().into(),
        a_item_id: item(new.a),
        a_user_id: a,
        a_answer: pending.into(),
        b_kind: new.b.kind.as_str().into(),
        b_item_id: item(new.b),
        b_user_id: b,
        b_answer: pending.into(),
        created_at: now,
        updated_at: now,
    }
}

/// Tells both sides that a facilitator proposes they meet, without naming either side (one
/// may be an anonymous owner).
async fn announce<C: ConnectionTrait>(db: &C, row: &introduction::Model) -> Result<()> {
    let persons = people::find(db, [row.facilitator_id, row.a_user_id, row.b_user_id]).await?;
    let facilitator = persons
        .get(&row.facilitator_id)
        .map_or("", |person| person.display_name.as_str());
    for side in [row.a_user_id, row.b_user_id] {
        let french = persons.get(&side).is_none_or(people::Person::reads_french);
        let title = if french {
            format!("{facilitator} vous propose une mise en relation")
        } else {
            format!("{facilitator} suggests an introduction")
        };
        let payload = notifications::payload(
            title,
            format!("/introductions/{}", row.id),
            json!({"introduction_id": row.id}),
        );
        notifications::notify(db, side, NotificationKind::IntroductionProposed, payload).await?;
    }
    Ok(())
}

/// The introduction and the member's part in it; 404 for outsiders.
pub async fn joined<C: ConnectionTrait>(
    db: &C,
    member: Uuid,
    id: Uuid,
) -> Result<(introduction::Model, Part)> {
    let not_found = || ApiError::NotFound("introduction");
    let row = IntroductionEntity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    let part = if row.a_user_id == member {
        Part::A
    } else if row.b_user_id == member {
        Part::B
    } else if row.facilitator_id == member {
        Part::Facilitator
    } else {
        return Err(not_found());
    };
    Ok((row, part))
}

fn status(stored: &str) -> IntroductionStatus {
    parse_code(stored).unwrap_or(IntroductionStatus::Declined)
}

/// Records one side's answer; when both accepted, the introduction is accepted and a
/// conversation opens between both sides and the facilitator. Returns the conversation, if
/// this answer opened it. Conditions sit in the updates, so racing answers settle once.
pub async fn answer<C: ConnectionTrait>(
    db: &C,
    row: &introduction::Model,
    part: Part,
    answer: IntroductionStatus,
) -> Result<Option<Uuid>> {
    let column = match part {
        Part::A => introduction::Column::AAnswer,
        Part::B => introduction::Column::BAnswer,
        Part::Facilitator => return Err(ApiError::Forbidden),
    };
    let pending = IntroductionStatus::Pending.as_str();
    let now = Utc::now();
    let updated = IntroductionEntity::update_many()
        .col_expr(column, Expr::value(answer.as_str()))
        .col_expr(introduction::Column::UpdatedAt, Expr::value(now))
        .filter(introduction::Column::Id.eq(row.id))
        .filter(introduction::Column::Status.eq(pending))
        .filter(column.eq(pending))
        .exec(db)
        .await?;
    if updated.rows_affected != 1 {
        return Err(ApiError::Conflict(
            "this introduction is no longer waiting for your answer".into(),
        ));
    }
    let both_accepted = introduction::Column::AAnswer
        .eq(IntroductionStatus::Accepted.as_str())
        .and(introduction::Column::BAnswer.eq(IntroductionStatus::Accepted.as_str()));
    let settled_as = match answer {
        IntroductionStatus::Accepted => IntroductionStatus::Accepted,
        _ => IntroductionStatus::Declined,
    };
    let mut settle = IntroductionEntity::update_many()
        .col_expr(
            introduction::Column::Status,
            Expr::value(settled_as.as_str()),
        )
        .filter(introduction::Column::Id.eq(row.id))
        .filter(introduction::Column::Status.eq(pending));
    if settled_as == IntroductionStatus::Accepted {
        settle = settle.filter(both_accepted);
    }
    let settled = settle.exec(db).await?.rows_affected == 1;
    if !(settled && settled_as == IntroductionStatus::Accepted) {
        return Ok(None);
    }
    let conversation = conversations::open(
        db,
        Origin::Introduction(row.id),
        &[row.a_user_id, row.b_user_id, row.facilitator_id],
    )
    .await?;
    Ok(Some(conversation))
}

/// Tells the facilitator and the other side how a side answered.
pub async fn tell_answer<C: ConnectionTrait>(
    db: &C,
    row: &introduction::Model,
    part: Part,
    answer: IntroductionStatus,
    conversation: Option<Uuid>,
) -> Result<()> {
    let other = if part == Part::A {
        row.b_user_id
    } else {
        row.a_user_id
    };
    let persons = people::find(db, [row.facilitator_id, other]).await?;
    for person in persons.values() {
        let title = match (answer, conversation.is_some(), person.reads_french()) {
            (_, true, true) => {
                "Mise en relation acceptée des deux côtés : la conversation est ouverte"
            }
            (_, true, false) => "Introduction accepted by both sides: the conversation is open",
            (IntroductionStatus::Accepted, false, true) => {
                "Une mise en relation a été acceptée d'un côté"
            }
            (IntroductionStatus::Accepted, false, false) => {
                "An introduction was accepted by one side"
            }
            (_, false, true) => "Une mise en relation a été déclinée",
            (_, false, false) => "An introduction was declined",
        };
        let link = match conversation {
            Some(conversation) => format!("/conversations/{conversation}"),
            None => format!("/introductions/{}", row.id),
        };
        let mut data = json!({"introduction_id": row.id, "status": answer.as_str()});
        if let Some(conversation) = conversation {
            data["conversation_id"] = json!(conversation);
        }
        let payload = notifications::payload(title, link, data);
        notifications::notify(
            db,
            person.id,
            NotificationKind::IntroductionAnswered,
            payload,
        )
        .await?;
    }
    Ok(())
}

/// The introductions as `reader` sees them. An anonymous opportunity's owner is named only to
/// themself until both sides accepted.
pub async fn views<C: ConnectionTrait>(
    db: &C,
    reader: Uuid,
    rows: &[introduction::Model],
) -> Result<Vec<Introduction>> {
    let named = Named::load(db, rows).await?;
    let mut views = Vec::with_capacity(rows.len());
    for row in rows {
        let accepted = status(&row.status) == IntroductionStatus::Accepted;
        let conversation = if accepted {
            conversations::service::by_introduction(db, row.id).await?
        } else {
            None
        };
        let facilitator = named
            .persons
            .get(&row.facilitator_id)
            .map(people::Person::name)
            .ok_or_else(|| {
                ApiError::Internal(anyhow::anyhow!("no facilitator {}", row.facilitator_id))
            })?;
        let side =
            |kind, item, user, answer| named.side((reader, accepted), kind, item, user, answer);
        views.push(Introduction {
            id: row.id,
            facilitator,
            note: row.note.clone(),
            status: status(&row.status),
            a: side(&row.a_kind, row.a_item_id, row.a_user_id, &row.a_answer),
            b: side(&row.b_kind, row.b_item_id, row.b_user_id, &row.b_answer),
            conversation_id: conversation,
            created_at: row.created_at,
        });
    }
    Ok(views)
}

/// A side's kind as stored (a member when unreadable).
fn side_kind(stored: &str) -> SideKind {
    parse_code(stored).unwrap_or(SideKind::Member)
}

/// What the sides of some introductions name, read at once: the anonymous opportunities among
/// their items, the items' titles, and the people (facilitators and both sides' members).
struct Named {
    anonymous: HashSet<Uuid>,
    titles: HashMap<Uuid, String>,
    persons: HashMap<Uuid, people::Person>,
}

impl Named {
    async fn load<C: ConnectionTrait>(db: &C, rows: &[introduction::Model]) -> Result<Self> {
        let items: Vec<(TargetKind, Uuid)> = rows
            .iter()
            .flat_map(|row| {
                [
                    (side_kind(&row.a_kind), row.a_item_id),
                    (side_kind(&row.b_kind), row.b_item_id),
                ]
            })
            .filter_map(|(kind, item)| {
                let kind = match kind {
                    SideKind::Member => return None,
                    SideKind::Project => TargetKind::Project,
                    SideKind::Opportunity => TargetKind::Opportunity,
                };
                item.map(|item| (kind, item))
            })
            .collect();
        let opportunities = items
            .iter()
            .filter(|(kind, _)| *kind == TargetKind::Opportunity)
            .map(|(_, id)| *id)
            .collect();
        let people = rows
            .iter()
            .flat_map(|row| [row.facilitator_id, row.a_user_id, row.b_user_id]);
        Ok(Self {
            anonymous: target::anonymous_opportunities(db, opportunities).await?,
            titles: target::titles(db, items).await?,
            persons: people::find(db, people).await?,
        })
    }

    /// One side as `reader` sees it: its member hidden behind an anonymous item until the
    /// introduction is accepted, unless the reader is that member.
    fn side(
        &self,
        (reader, accepted): (Uuid, bool),
        kind: &str,
        item: Option<Uuid>,
        user: Uuid,
        answer: &str,
    ) -> IntroductionSide {
        let hidden =
            item.is_some_and(|item| self.anonymous.contains(&item)) && !accepted && user != reader;
        IntroductionSide {
            kind: side_kind(kind),
            item_id: item,
            title: item.and_then(|item| self.titles.get(&item).cloned()),
            member: if hidden {
                None
            } else {
                self.persons.get(&user).map(people::Person::name)
            },
            answer: status(answer),
        }
    }
}

/// A page of the introductions `member` made or is a side of, newest first.
pub async fn page_of(db: &Db, member: Uuid, query: &IntroductionQuery) -> Result<IntroductionPage> {
    let page = NewestFirst::parse(query.limit, query.cursor.as_deref())?;
    let mut select = IntroductionEntity::find()
        .filter(
            Condition::any()
                .add(introduction::Column::FacilitatorId.eq(member))
                .add(introduction::Column::AUserId.eq(member))
                .add(introduction::Column::BUserId.eq(member)),
        )
        .order_by_desc(introduction::Column::Id)
        .limit(page.fetch());
    if let Some(before) = page.before {
        select = select.filter(introduction::Column::Id.lt(before));
    }
    let mut rows = select.all(db).await?;
    let next_cursor = next_cursor(&mut rows, page, |row| row.id);
    let items = views(db, member, &rows).await?;
    Ok(IntroductionPage { items, next_cursor })
}

pub async fn find<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<introduction::Model> {
    IntroductionEntity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("introduction"))
}
