//! The one module where SQLite and PostgreSQL differ: full-text matching and ranking.
//! SQLite uses an FTS5 table `<table>_fts` over `search_text`; PostgreSQL a generated
//! `search_vector` column with a GIN index. Terms are already folded to `[a-z0-9]`, so they
//! need no escaping beyond quoting. Placeholders are `$1` for PostgreSQL and `?` for SQLite.

use sea_orm::{
    DbBackend,
    sea_query::{Expr, SimpleExpr},
};

/// A table with a full-text index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Indexed {
    Projects,
    Opportunities,
}

impl Indexed {
    fn table(self) -> &'static str {
        match self {
            Self::Projects => "projects",
            Self::Opportunities => "opportunities",
        }
    }
}

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

/// True for the rows that contain every term (as a word prefix).
pub fn matches(backend: DbBackend, indexed: Indexed, terms: &[String]) -> SimpleExpr {
    let table = indexed.table();
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

/// A relevance score, higher is better. Only meaningful on matching rows.
pub fn relevance(backend: DbBackend, indexed: Indexed, terms: &[String]) -> SimpleExpr {
    let table = indexed.table();
    match backend {
        DbBackend::Postgres => Expr::cust_with_values(
            format!("ts_rank({table}.search_vector, to_tsquery('simple', $1))::float8"),
            [tsquery(terms)],
        ),
        // Not bm25(): it depends on the whole corpus, so scores shift as rows are added and a
        // cursor walk would repeat or skip rows. The number of terms found in the title is
        // stable, and every matching row already contains all the terms somewhere.
        _ => {
            let in_title =
                vec![format!("(instr(' ' || {table}.search_title, ' ' || ?) > 0)"); terms.len()]
                    .join(" + ");
            Expr::cust_with_values(
                format!("CAST(1 + {in_title} AS REAL)"),
                terms.iter().cloned(),
            )
        }
    }
}
