//! The one module where SQLite and PostgreSQL differ: full-text matching and ranking in SQL.
//! SQLite uses an FTS5 table `<table>_fts` over `search_text`; PostgreSQL a generated
//! `search_vector` column with a GIN index. Terms are already folded to `[a-z0-9]`, so they
//! need no escaping beyond quoting. Placeholders are `$n` for PostgreSQL and `?` for SQLite.

use sea_orm::{
    DbBackend,
    sea_query::{Expr, SimpleExpr},
};

fn fts5_query(terms: &[String]) -> String {
    terms
        .iter()
        .map(|term| format!("\"{term}\"*"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn tsquery(terms: &[String]) -> String {
    terms
        .iter()
        .map(|term| format!("{term}:*"))
        .collect::<Vec<_>>()
        .join(" & ")
}

/// True for the rows of `table` that contain every term (as a word prefix).
pub fn matches(backend: DbBackend, table: &str, terms: &[String]) -> SimpleExpr {
    match backend {
        DbBackend::Postgres => Expr::cust_with_values(
            format!("{table}.search_vector @@ to_tsquery('simple', $1)"),
            [tsquery(terms)],
        ),
        _ => Expr::cust_with_values(
            format!("{table}.rowid IN (SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?)"),
            [fts5_query(terms)],
        ),
    }
}

/// A relevance score, higher is better: one, plus one per term that starts a word of the
/// title. Not bm25() or ts_rank(): they depend on the whole corpus, so scores would shift as
/// rows are added and a cursor walk would repeat or skip rows; and the in-memory index
/// scores the same way, so both read alike.
pub fn relevance(backend: DbBackend, table: &str, terms: &[String]) -> SimpleExpr {
    let in_title: Vec<String> = (1..=terms.len())
        .map(|n| match backend {
            DbBackend::Postgres => {
                format!("(CASE WHEN strpos(' ' || {table}.search_title, ' ' || ${n}) > 0 THEN 1 ELSE 0 END)")
            }
            _ => format!("(instr(' ' || {table}.search_title, ' ' || ?) > 0)"),
        })
        .collect();
    let cast = match backend {
        DbBackend::Postgres => "float8",
        _ => "REAL",
    };
    Expr::cust_with_values(
        format!("CAST(1 + {} AS {cast})", in_title.join(" + ")),
        terms.iter().cloned(),
    )
}
