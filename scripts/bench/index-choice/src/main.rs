//! A tantivy prototype of the opportunity search (design (a) of docs/search.md), and its
//! measurements. See README.md and RESULTS.md beside this file.
//!
//!   tantivy-bench build  --db DB --scale N --dir DIR [--sort-index] [--threads T] [--budget-mb M]
//!                        [--no-merge] [--docstore-block BYTES]
//!   tantivy-bench bench  --dir DIR [--mix filter,words,first,deep] [--secs S] [--label L]
//!                        [--prefix range|regex] [--collector custom|stock] [--open fast|term]
//!                        [--expiry collector|query] [--ram --db DB --scale N [--sort-index]]
//!   tantivy-bench verify --dir DIR --db DB [same query options]  (answers against SQL, 100 000 rows)
//!   tantivy-bench nrt    --dir DIR --db DB [--secs 60] [--rate 2] [--idle] [--writer-budget-mb 50]

use std::collections::HashMap;
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering as AtomicOrdering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use rusqlite::types::ValueRef;
use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue};
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::columnar::{Cardinality, Column, ColumnValues, StrColumn};
use tantivy::directory::MmapDirectory;
use tantivy::query::{
    BooleanQuery, ConstScoreQuery, InvertedIndexRangeQuery, Occur, Query, RangeQuery, RegexQuery,
    TermQuery,
};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::tokenizer::{TextAnalyzer, WhitespaceTokenizer};
use tantivy::{
    DocAddress, DocId, Index, IndexReader, IndexWriter, Order, ReloadPolicy, Score,
    SegmentOrdinal, SegmentReader, TantivyDocument, Term,
};

type R<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

// ---------------------------------------------------------------------------------------------
// Schema

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    id_hi: Field,
    id_lo: Field,
    expires_ms: Field,
    /// expires_ms when the status is 'open', else i64::MIN: 'open and not expired' is
    /// `open_until > now`, one fast-field check instead of a term query on status.
    open_until: Field,
    status: Field,
    direction: Field,
    category: Field,
    country: Field,
    remote: Field,
    organisation_kind: Field,
    sector_code: Field,
    sector_category: Field,
    text: Field,
    title_tokens: Field,
    // stored only: what the API returns
    title: Field,
    description: Field,
    city: Field,
    project_id: Field,
    skills: Field,
    starts_on: Field,
    duration_months: Field,
    expires_at: Field,
    anonymous: Field,
    owner_id: Field,
    organisation_id: Field,
    version: Field,
    created_at: Field,
    updated_at: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let words = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("ws")
            .set_index_option(IndexRecordOption::Basic),
    );
    let f = Fields {
        id: b.add_bytes_field("id", STORED | INDEXED),
        id_hi: b.add_u64_field("id_hi", FAST),
        id_lo: b.add_u64_field("id_lo", FAST),
        expires_ms: b.add_i64_field("expires_ms", FAST),
        open_until: b.add_i64_field("open_until", FAST),
        status: b.add_text_field("status", STRING | STORED),
        direction: b.add_text_field("direction", STRING | STORED),
        category: b.add_text_field("category", STRING | FAST | STORED),
        country: b.add_text_field("country", STRING | FAST | STORED),
        remote: b.add_bool_field("remote", INDEXED | STORED),
        organisation_kind: b.add_text_field("organisation_kind", STRING),
        sector_code: b.add_text_field("sector_code", STRING | STORED),
        sector_category: b.add_text_field("sector_category", STRING | FAST),
        text: b.add_text_field("text", words.clone()),
        title_tokens: b.add_text_field("title_tokens", words),
        title: b.add_text_field("title", STORED),
        description: b.add_text_field("description", STORED),
        city: b.add_text_field("city", STORED),
        project_id: b.add_bytes_field("project_id", STORED),
        skills: b.add_text_field("skills", STORED),
        starts_on: b.add_text_field("starts_on", STORED),
        duration_months: b.add_i64_field("duration_months", STORED),
        expires_at: b.add_text_field("expires_at", STORED),
        anonymous: b.add_bool_field("anonymous", STORED),
        owner_id: b.add_bytes_field("owner_id", STORED),
        organisation_id: b.add_bytes_field("organisation_id", STORED),
        version: b.add_i64_field("version", STORED),
        created_at: b.add_text_field("created_at", STORED),
        updated_at: b.add_text_field("updated_at", STORED),
    };
    (b.build(), f)
}

fn fields_of(schema: &Schema) -> Fields {
    let g = |n: &str| schema.get_field(n).expect("field");
    Fields {
        id: g("id"),
        id_hi: g("id_hi"),
        id_lo: g("id_lo"),
        expires_ms: g("expires_ms"),
        open_until: g("open_until"),
        status: g("status"),
        direction: g("direction"),
        category: g("category"),
        country: g("country"),
        remote: g("remote"),
        organisation_kind: g("organisation_kind"),
        sector_code: g("sector_code"),
        sector_category: g("sector_category"),
        text: g("text"),
        title_tokens: g("title_tokens"),
        title: g("title"),
        description: g("description"),
        city: g("city"),
        project_id: g("project_id"),
        skills: g("skills"),
        starts_on: g("starts_on"),
        duration_months: g("duration_months"),
        expires_at: g("expires_at"),
        anonymous: g("anonymous"),
        owner_id: g("owner_id"),
        organisation_id: g("organisation_id"),
        version: g("version"),
        created_at: g("created_at"),
        updated_at: g("updated_at"),
    }
}

fn register_tokenizers(index: &Index) {
    index
        .tokenizers()
        .register("ws", TextAnalyzer::from(WhitespaceTokenizer::default()));
}

// ---------------------------------------------------------------------------------------------
// Reading the database

/// One row of `opportunities` with its sectors, as read from SQLite.
#[derive(Clone)]
struct Row {
    id: [u8; 16],
    direction: String,
    category: String,
    title: String,
    description: String,
    project_id: Option<Vec<u8>>,
    skills: String,
    country: String,
    city: Option<String>,
    remote: bool,
    starts_on: Option<String>,
    duration_months: Option<i64>,
    expires_at: String,
    expires_ms: i64,
    anonymous: bool,
    status: String,
    owner_id: Vec<u8>,
    organisation_id: Option<Vec<u8>>,
    organisation_kind: Option<String>,
    search_text: String,
    search_title: String,
    version: i64,
    created_at: String,
    updated_at: String,
    sectors: Vec<(String, String)>,
}

fn uuid_bytes(v: ValueRef<'_>) -> Option<Vec<u8>> {
    match v {
        ValueRef::Null => None,
        ValueRef::Blob(b) => Some(b.to_vec()),
        ValueRef::Text(t) => {
            let s: String = String::from_utf8_lossy(t).chars().filter(|c| *c != '-').collect();
            (0..s.len() / 2)
                .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok())
                .collect()
        }
        _ => None,
    }
}

fn text(v: ValueRef<'_>) -> Option<String> {
    match v {
        ValueRef::Text(t) => Some(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Integer(i) => Some(i.to_string()),
        _ => None,
    }
}

const SELECT_ROWS: &str = "SELECT id, direction, category, title, description, project_id, skills, country, city,
    remote, starts_on, duration_months, expires_at,
    CAST(ROUND((julianday(expires_at) - 2440587.5) * 86400000.0) AS INTEGER),
    anonymous, status, owner_id, organisation_id, organisation_kind, search_text, search_title,
    version, created_at, updated_at FROM opportunities ORDER BY id";

fn load_sectors(db: &rusqlite::Connection) -> R<HashMap<Vec<u8>, Vec<(String, String)>>> {
    let mut sectors: HashMap<Vec<u8>, Vec<(String, String)>> = HashMap::new();
    let mut stmt =
        db.prepare("SELECT opportunity_id, code, category FROM opportunity_sectors ORDER BY 1, 2")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id = uuid_bytes(r.get_ref(0)?).unwrap_or_default();
        sectors
            .entry(id)
            .or_default()
            .push((r.get(1)?, r.get(2)?));
    }
    Ok(sectors)
}

/// Streams the rows in id order to `each`.
fn for_each_row(
    db: &rusqlite::Connection,
    sectors: &HashMap<Vec<u8>, Vec<(String, String)>>,
    mut each: impl FnMut(Row) -> R<()>,
) -> R<()> {
    let mut stmt = db.prepare(SELECT_ROWS)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id_vec = uuid_bytes(r.get_ref(0)?).ok_or("id")?;
        let mut id = [0u8; 16];
        id.copy_from_slice(&id_vec);
        let row = Row {
            id,
            direction: r.get(1)?,
            category: r.get(2)?,
            title: r.get(3)?,
            description: r.get(4)?,
            project_id: uuid_bytes(r.get_ref(5)?),
            skills: text(r.get_ref(6)?).unwrap_or_default(),
            country: r.get(7)?,
            city: text(r.get_ref(8)?),
            remote: r.get::<_, i64>(9)? != 0,
            starts_on: text(r.get_ref(10)?),
            duration_months: r.get(11)?,
            expires_at: r.get(12)?,
            expires_ms: r.get(13)?,
            anonymous: r.get::<_, i64>(14)? != 0,
            status: r.get(15)?,
            owner_id: uuid_bytes(r.get_ref(16)?).unwrap_or_default(),
            organisation_id: uuid_bytes(r.get_ref(17)?),
            organisation_kind: text(r.get_ref(18)?),
            search_text: r.get(19)?,
            search_title: r.get(20)?,
            version: r.get(21)?,
            created_at: r.get(22)?,
            updated_at: r.get(23)?,
            sectors: sectors.get(&id_vec[..]).cloned().unwrap_or_default(),
        };
        each(row)?;
    }
    Ok(())
}

/// A fresh uuid v7 for copy `k` of a row: the same id `k` days earlier (the 100 000 seeded
/// rows span seconds, so the copies never collide and the order by id is still the order by time).
fn shifted_id(id: &[u8; 16], k: u64) -> [u8; 16] {
    let mut out = *id;
    let mut ts = 0u64;
    for b in &id[..6] {
        ts = ts << 8 | u64::from(*b);
    }
    ts -= k * 86_400_000;
    for i in 0..6 {
        out[i] = (ts >> (8 * (5 - i))) as u8;
    }
    out
}

fn hi_lo(id: &[u8; 16]) -> (u64, u64) {
    let hi = u64::from_be_bytes(id[..8].try_into().expect("8"));
    let lo = u64::from_be_bytes(id[8..].try_into().expect("8"));
    (hi, lo)
}

fn to_doc(f: &Fields, row: &Row) -> TantivyDocument {
    let mut d = TantivyDocument::new();
    let (hi, lo) = hi_lo(&row.id);
    d.add_bytes(f.id, &row.id);
    d.add_u64(f.id_hi, hi);
    d.add_u64(f.id_lo, lo);
    d.add_i64(f.expires_ms, row.expires_ms);
    d.add_i64(f.open_until, if row.status == "open" { row.expires_ms } else { i64::MIN });
    d.add_text(f.status, &row.status);
    d.add_text(f.direction, &row.direction);
    d.add_text(f.category, &row.category);
    d.add_text(f.country, &row.country);
    d.add_bool(f.remote, row.remote);
    if let Some(kind) = &row.organisation_kind {
        d.add_text(f.organisation_kind, kind);
    }
    let mut categories: Vec<&str> = Vec::new();
    for (code, category) in &row.sectors {
        d.add_text(f.sector_code, code);
        if !categories.contains(&category.as_str()) {
            categories.push(category);
        }
    }
    for c in categories {
        d.add_text(f.sector_category, c);
    }
    d.add_text(f.text, &row.search_text);
    d.add_text(f.title_tokens, &row.search_title);
    d.add_text(f.title, &row.title);
    d.add_text(f.description, &row.description);
    if let Some(city) = &row.city {
        d.add_text(f.city, city);
    }
    if let Some(p) = &row.project_id {
        d.add_bytes(f.project_id, p);
    }
    d.add_text(f.skills, &row.skills);
    if let Some(s) = &row.starts_on {
        d.add_text(f.starts_on, s);
    }
    if let Some(m) = row.duration_months {
        d.add_i64(f.duration_months, m);
    }
    d.add_text(f.expires_at, &row.expires_at);
    d.add_bool(f.anonymous, row.anonymous);
    d.add_bytes(f.owner_id, &row.owner_id);
    if let Some(o) = &row.organisation_id {
        d.add_bytes(f.organisation_id, o);
    }
    d.add_i64(f.version, row.version);
    d.add_text(f.created_at, &row.created_at);
    d.add_text(f.updated_at, &row.updated_at);
    d
}

// ---------------------------------------------------------------------------------------------
// Process facts

fn rss_kib() -> (u64, u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let get = |k: &str| {
        status
            .lines()
            .find(|l| l.starts_with(k))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (get("VmRSS:"), get("RssAnon:"), get("RssFile:"))
}

fn dir_size(path: &Path) -> u64 {
    std::fs::read_dir(path)
        .map(|it| {
            it.filter_map(|e| e.ok())
                .map(|e| {
                    let m = e.metadata().ok();
                    match m {
                        Some(m) if m.is_dir() => dir_size(&e.path()),
                        Some(m) => m.len(),
                        None => 0,
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

/// (ns on a CPU, ns waiting for a CPU) of the calling thread, from /proc/thread-self/schedstat:
/// the CPU cost of a mix whatever else runs on the core, and how long others held the core.
fn sched_ns() -> (u64, u64) {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    let mut it = s.split_whitespace().map(|v| v.parse::<u64>().unwrap_or(0));
    (it.next().unwrap_or(0), it.next().unwrap_or(0))
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

// ---------------------------------------------------------------------------------------------
// Build

struct BuildOpts {
    db: PathBuf,
    scale: usize,
    threads: usize,
    budget_mb: usize,
    merge: bool,
}

fn open_db(path: &Path) -> R<rusqlite::Connection> {
    Ok(rusqlite::Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?)
}

/// Reads the database and indexes `scale` rows (copies of the rows beyond their count), commits,
/// and optionally merges into one segment. Prints the timings.
fn build_into(index: &Index, o: &BuildOpts) -> R<()> {
    let f = fields_of(&index.schema());
    let t0 = Instant::now();
    let db = open_db(&o.db)?;
    let sectors = load_sectors(&db)?;
    let mut writer: IndexWriter =
        index.writer_with_num_threads(o.threads, o.budget_mb * 1024 * 1024)?;
    let base = db.query_row("SELECT count(*) FROM opportunities", [], |r| r.get::<_, i64>(0))? as usize;
    let copies = o.scale.div_ceil(base);
    let mut added = 0usize;
    let mut read_time = Duration::ZERO;
    // Oldest copy first, so that documents are added in id order.
    for k in (0..copies as u64).rev() {
        let mut last = Instant::now();
        for_each_row(&db, &sectors, |mut row| {
            if added >= o.scale {
                return Ok(());
            }
            if k > 0 {
                row.id = shifted_id(&row.id, k);
            }
            read_time += last.elapsed();
            writer.add_document(to_doc(&f, &row))?;
            added += 1;
            last = Instant::now();
            Ok(())
        })?;
    }
    let t_added = t0.elapsed();
    writer.commit()?;
    let t_commit = t0.elapsed();
    let segments_after_commit = index.searchable_segment_ids()?.len();
    let mut t_merge = t_commit;
    if o.merge {
        let ids = index.searchable_segment_ids()?;
        if ids.len() > 1 {
            writer.merge(&ids).wait()?;
        }
        t_merge = t0.elapsed();
    }
    writer.wait_merging_threads()?;
    let t_end = t0.elapsed();
    println!(
        "build: docs={added} copies={copies} threads={} budget_mb={} read_s={:.2} added_s={:.2} \
         commit_s={:.2} segments_after_commit={} merge_s={:.2} total_s={:.2} segments={}",
        o.threads,
        o.budget_mb,
        read_time.as_secs_f64(),
        t_added.as_secs_f64(),
        t_commit.as_secs_f64(),
        segments_after_commit,
        (t_merge - t_commit).as_secs_f64(),
        t_end.as_secs_f64(),
        index.searchable_segment_ids()?.len(),
    );
    Ok(())
}

fn cmd_build(args: &Args) -> R<()> {
    let dir = PathBuf::from(args.get("dir").ok_or("--dir")?);
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(&dir)?;
    let (schema, _) = schema();
    let index = Index::builder()
        .schema(schema)
        .settings(index_settings(args))
        .create_in_dir(&dir)?;
    register_tokenizers(&index);
    build_into(&index, &build_opts(args)?)?;
    drop(index);
    let (rss, anon, file) = rss_kib();
    println!(
        "index: dir={} bytes={} ({:.1} MiB) build_process_rss_kib={rss} anon={anon} file={file}",
        dir.display(),
        dir_size(&dir),
        dir_size(&dir) as f64 / 1048576.0
    );
    Ok(())
}

/// `--sort-index`: documents sorted by id_hi descending inside each segment (tantivy's index
/// sorting, kept through merges), so the newest come first and the top-k threshold rejects the
/// rest early. `--docstore-block N`: the doc store block size in bytes (default 16 KiB).
fn index_settings(args: &Args) -> tantivy::IndexSettings {
    let mut settings = tantivy::IndexSettings::default();
    if args.flag("sort-index") {
        settings.sort_by_field = Some(tantivy::IndexSortByField {
            field: "id_hi".to_owned(),
            order: Order::Desc,
        });
    }
    if let Some(b) = args.get("docstore-block").and_then(|v| v.parse().ok()) {
        settings.docstore_blocksize = b;
    }
    settings
}

fn build_opts(args: &Args) -> R<BuildOpts> {
    Ok(BuildOpts {
        db: PathBuf::from(args.get("db").unwrap_or("/tmp/sbs/base-100000.db")),
        scale: args.num("scale", 100_000),
        threads: args.num("threads", 1),
        budget_mb: args.num("budget-mb", 512),
        merge: !args.flag("no-merge"),
    })
}

// ---------------------------------------------------------------------------------------------
// Queries

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Sort {
    Newest,
    Relevance,
}

/// The sort key of a result: (relevance, id) — relevance is 0 when sorting by newest.
/// Results are ordered by key descending; a cursor is the key of the last row of a page.
type Key = (u64, u128);

#[derive(Clone, Debug)]
struct Spec {
    country: Option<String>,
    category: Option<String>,
    words: Vec<String>,
    sort: Sort,
    cursor: Option<Key>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum PrefixMode {
    Regex,
    Range,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CollectorMode {
    Custom,
    Stock,
}

#[derive(Clone, Copy)]
struct QueryOpts {
    prefix: PrefixMode,
    collector: CollectorMode,
    /// 'Not expired' as a range query on the fast field, else checked in the collector.
    expiry_in_query: bool,
    /// 'open and not expired' from the `open_until` fast field alone (no status term query).
    open_fast: bool,
    limit: usize,
}

/// Lower case without accents: 'Coopération' → 'cooperation' (the letters of French and the
/// common Latin-1 ones; the API uses Unicode NFD for the same).
fn fold(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars().flat_map(char::to_lowercase) {
        let r = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
            'ç' => "c",
            'è' | 'é' | 'ê' | 'ë' => "e",
            'ì' | 'í' | 'î' | 'ï' => "i",
            'ñ' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => "o",
            'ù' | 'ú' | 'û' | 'ü' => "u",
            'ý' | 'ÿ' => "y",
            'œ' => "oe",
            'æ' => "ae",
            c if c.is_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => " ",
        };
        out.push_str(r);
    }
    out
}

fn query_words(q: &str) -> Vec<String> {
    let mut words: Vec<String> = fold(q)
        .split_whitespace()
        .filter(|w| w.chars().count() > 1)
        .map(str::to_owned)
        .collect();
    words.dedup();
    words.truncate(8);
    words
}

fn prefix_query(field: Field, word: &str, mode: PrefixMode) -> Box<dyn Query> {
    match mode {
        PrefixMode::Regex => {
            // Folded words are [a-z0-9]: nothing to escape.
            Box::new(RegexQuery::from_pattern(&format!("{word}.*"), field).expect("regex"))
        }
        PrefixMode::Range => {
            let mut end = word.as_bytes().to_vec();
            *end.last_mut().expect("non-empty") += 1;
            let end = String::from_utf8(end).expect("ascii");
            Box::new(InvertedIndexRangeQuery::new(
                Bound::Included(Term::from_field_text(field, word)),
                Bound::Excluded(Term::from_field_text(field, &end)),
            ))
        }
    }
}

fn build_query(f: &Fields, spec: &Spec, o: &QueryOpts, now: i64) -> Box<dyn Query> {
    let term = |field: Field, v: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, v),
            IndexRecordOption::Basic,
        ))
    };
    let mut must: Vec<Box<dyn Query>> = Vec::new();
    if !o.open_fast {
        must.push(term(f.status, "open"));
    }
    if let Some(c) = &spec.country {
        must.push(term(f.country, c));
    }
    if let Some(c) = &spec.category {
        must.push(term(f.category, c));
    }
    if o.expiry_in_query {
        let field = if o.open_fast { f.open_until } else { f.expires_ms };
        must.push(Box::new(RangeQuery::new(
            Bound::Excluded(Term::from_field_i64(field, now)),
            Bound::Unbounded,
        )));
    }
    if must.is_empty() {
        must.push(Box::new(tantivy::query::AllQuery));
    }
    for w in &spec.words {
        must.push(prefix_query(f.text, w, o.prefix));
    }
    if spec.sort == Sort::Relevance {
        // score = number of query words found (as a prefix) in the title: the filters score 0,
        // each optional title clause 1.
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = must
            .into_iter()
            .map(|q| (Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0)) as Box<dyn Query>))
            .collect();
        for w in &spec.words {
            clauses.push((
                Occur::Should,
                Box::new(ConstScoreQuery::new(
                    prefix_query(f.title_tokens, w, o.prefix),
                    1.0,
                )),
            ));
        }
        Box::new(BooleanQuery::new(clauses))
    } else {
        Box::new(BooleanQuery::intersection(must))
    }
}

// ---------------------------------------------------------------------------------------------
// The custom collector: top-k by (relevance, id), exact count and three facets in one pass
// over the matches, reading fast fields.

struct Page {
    top: Vec<(Key, DocAddress)>,
    total: u64,
    country: Vec<(String, u64)>,
    category: Vec<(String, u64)>,
    sector_category: Vec<(String, u64)>,
}

struct PageCollector {
    k: usize,
    sort: Sort,
    cursor: Option<Key>,
    /// Checks 'not expired' per document when set.
    now: Option<i64>,
    /// The fast field that check reads: expires_ms, or open_until.
    expiry_field: &'static str,
}

fn dense(col: Column<u64>) -> Arc<dyn ColumnValues<u64>> {
    if col.get_cardinality() == Cardinality::Full {
        col.values
    } else {
        col.first_or_default_col(0)
    }
}

struct FacetCol {
    dict: StrColumn,
    counts: Vec<u32>,
}

impl FacetCol {
    fn new(dict: StrColumn) -> Self {
        let n = dict.num_terms();
        Self {
            dict,
            counts: vec![0; n],
        }
    }
    fn harvest(&self) -> Vec<(String, u64)> {
        let mut out = Vec::new();
        let mut s = String::new();
        for (ord, &c) in self.counts.iter().enumerate() {
            if c > 0 && self.dict.ord_to_str(ord as u64, &mut s).unwrap_or(false) {
                out.push((s.clone(), u64::from(c)));
            }
        }
        out
    }
}

struct TopBuf {
    k: usize,
    buf: Vec<(Key, DocId)>,
    /// Keys at or below this cannot enter the top k.
    threshold: Option<Key>,
}

impl TopBuf {
    #[inline]
    fn push(&mut self, key: Key, doc: DocId) {
        self.buf.push((key, doc));
        if self.buf.len() >= 2 * self.k.max(1) {
            self.truncate();
        }
    }
    fn truncate(&mut self) {
        if self.buf.len() > self.k {
            self.buf
                .select_nth_unstable_by(self.k - 1, |a, b| b.0.cmp(&a.0));
            self.buf.truncate(self.k);
            self.threshold = self.buf.iter().map(|e| e.0).min();
        }
    }
}

struct PageSegment {
    segment: SegmentOrdinal,
    sort: Sort,
    cursor: Option<Key>,
    now: Option<i64>,
    hi: Arc<dyn ColumnValues<u64>>,
    lo: Arc<dyn ColumnValues<u64>>,
    expires: Arc<dyn ColumnValues<i64>>,
    country_ords: Arc<dyn ColumnValues<u64>>,
    category_ords: Arc<dyn ColumnValues<u64>>,
    sector_ords: Column<u64>,
    country: FacetCol,
    category: FacetCol,
    sector: FacetCol,
    total: u64,
    top: TopBuf,
    docs: Vec<DocId>,
    vals: Vec<u64>,
    ivals: Vec<i64>,
    row_docs: Vec<DocId>,
    row_ids: Vec<u32>,
    rvals: Vec<u64>,
}

impl Collector for PageCollector {
    type Fruit = Page;
    type Child = PageSegment;

    fn for_segment(&self, segment: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<PageSegment> {
        let ff = reader.fast_fields();
        let strcol = |name: &str| -> tantivy::Result<StrColumn> {
            ff.str(name)?
                .ok_or_else(|| tantivy::TantivyError::SchemaError(format!("{name} is not fast")))
        };
        let country = strcol("country")?;
        let category = strcol("category")?;
        let sector = strcol("sector_category")?;
        let expires = ff.i64(self.expiry_field)?;
        let expires = if expires.get_cardinality() == Cardinality::Full {
            expires.values
        } else {
            expires.first_or_default_col(i64::MIN)
        };
        Ok(PageSegment {
            segment,
            sort: self.sort,
            cursor: self.cursor,
            now: self.now,
            hi: dense(ff.u64("id_hi")?),
            lo: dense(ff.u64("id_lo")?),
            expires,
            country_ords: dense(country.ords().clone()),
            category_ords: dense(category.ords().clone()),
            sector_ords: sector.ords().clone(),
            country: FacetCol::new(country),
            category: FacetCol::new(category),
            sector: FacetCol::new(sector),
            total: 0,
            top: TopBuf {
                k: self.k,
                buf: Vec::with_capacity(2 * self.k + 1),
                threshold: None,
            },
            docs: vec![0; tantivy::COLLECT_BLOCK_BUFFER_LEN],
            vals: vec![0; tantivy::COLLECT_BLOCK_BUFFER_LEN],
            ivals: vec![0; tantivy::COLLECT_BLOCK_BUFFER_LEN],
            row_docs: Vec::with_capacity(4 * tantivy::COLLECT_BLOCK_BUFFER_LEN),
            row_ids: Vec::with_capacity(4 * tantivy::COLLECT_BLOCK_BUFFER_LEN),
            rvals: vec![0; 4 * tantivy::COLLECT_BLOCK_BUFFER_LEN],
        })
    }

    fn requires_scoring(&self) -> bool {
        self.sort == Sort::Relevance
    }

    fn merge_fruits(&self, fruits: Vec<SegmentPage>) -> tantivy::Result<Page> {
        let mut top = Vec::new();
        let mut total = 0;
        let mut maps: [HashMap<String, u64>; 3] = Default::default();
        for fr in fruits {
            total += fr.total;
            top.extend(fr.top);
            for (i, facet) in [fr.country, fr.category, fr.sector_category].into_iter().enumerate() {
                for (v, c) in facet {
                    *maps[i].entry(v).or_default() += c;
                }
            }
        }
        top.sort_by(|a, b| b.0.cmp(&a.0));
        top.truncate(self.k);
        let [a, b, c] = maps;
        Ok(Page {
            top,
            total,
            country: facet(a),
            category: facet(b),
            sector_category: facet(c),
        })
    }
}

fn facet(m: HashMap<String, u64>) -> Vec<(String, u64)> {
    let mut v: Vec<_> = m.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

struct SegmentPage {
    top: Vec<(Key, DocAddress)>,
    total: u64,
    country: Vec<(String, u64)>,
    category: Vec<(String, u64)>,
    sector_category: Vec<(String, u64)>,
}

impl PageSegment {
    #[inline]
    fn facets_and_top(&mut self, doc: DocId, score: u64) {
        self.total += 1;
        self.country.counts[self.country_ords.get_val(doc) as usize] += 1;
        self.category.counts[self.category_ords.get_val(doc) as usize] += 1;
        for ord in self.sector_ords.values_for_doc(doc) {
            self.sector.counts[ord as usize] += 1;
        }
        // Top k: the high half of the id first; the low half only when it can matter.
        let hi = self.hi.get_val(doc);
        if let Some((ts, tid)) = self.top.threshold {
            if score < ts || (score == ts && hi < (tid >> 64) as u64) {
                return;
            }
        }
        let key = (score, (u128::from(hi) << 64) | u128::from(self.lo.get_val(doc)));
        if self.cursor.is_some_and(|c| key >= c) || self.top.threshold.is_some_and(|t| key <= t) {
            return;
        }
        self.top.push(key, doc);
    }
}

impl SegmentCollector for PageSegment {
    type Fruit = SegmentPage;

    fn collect(&mut self, doc: DocId, score: Score) {
        if let Some(now) = self.now {
            if self.expires.get_val(doc) <= now {
                return;
            }
        }
        let s = if self.sort == Sort::Relevance { score.round() as u64 } else { 0 };
        self.facets_and_top(doc, s);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        let n = docs.len();
        let mut kept = std::mem::take(&mut self.docs);
        let m = if let Some(now) = self.now {
            self.expires.get_vals(docs, &mut self.ivals[..n]);
            let mut m = 0;
            for i in 0..n {
                kept[m] = docs[i];
                m += usize::from(self.ivals[i] > now);
            }
            m
        } else {
            kept[..n].copy_from_slice(docs);
            n
        };
        let docs = &kept[..m];
        self.total += m as u64;
        self.country_ords.get_vals(docs, &mut self.vals[..m]);
        for &o in &self.vals[..m] {
            self.country.counts[o as usize] += 1;
        }
        self.category_ords.get_vals(docs, &mut self.vals[..m]);
        for &o in &self.vals[..m] {
            self.category.counts[o as usize] += 1;
        }
        // multi-valued: doc ids to row ids, then the values, in batches
        self.row_docs.clear();
        self.row_ids.clear();
        self.sector_ords
            .row_ids_for_docs(docs, &mut self.row_docs, &mut self.row_ids);
        let r = self.row_ids.len();
        if self.rvals.len() < r {
            self.rvals.resize(r, 0);
        }
        self.sector_ords.values.get_vals(&self.row_ids, &mut self.rvals[..r]);
        for &o in &self.rvals[..r] {
            self.sector.counts[o as usize] += 1;
        }
        self.hi.get_vals(docs, &mut self.vals[..m]);
        for i in 0..m {
            let hi = self.vals[i];
            if let Some((_, tid)) = self.top.threshold {
                if hi < (tid >> 64) as u64 {
                    continue;
                }
            }
            let doc = docs[i];
            let key = (0, (u128::from(hi) << 64) | u128::from(self.lo.get_val(doc)));
            if self.cursor.is_some_and(|c| key >= c) || self.top.threshold.is_some_and(|t| key <= t) {
                continue;
            }
            self.top.push(key, doc);
        }
        self.docs = kept;
    }

    fn harvest(mut self) -> SegmentPage {
        self.top.truncate();
        let seg = self.segment;
        SegmentPage {
            top: self
                .top
                .buf
                .iter()
                .map(|&(k, d)| (k, DocAddress::new(seg, d)))
                .collect(),
            total: self.total,
            country: self.country.harvest(),
            category: self.category.harvest(),
            sector_category: self.sector.harvest(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The stock collectors: Count + TopDocs::order_by + terms aggregations.

fn stock_aggs() -> tantivy::aggregation::agg_req::Aggregations {
    serde_json::from_value(serde_json::json!({
        "country": { "terms": { "field": "country", "size": 1000 } },
        "category": { "terms": { "field": "category", "size": 1000 } },
        "sector_category": { "terms": { "field": "sector_category", "size": 1000 } },
    }))
    .expect("aggregations")
}

fn agg_buckets(res: &tantivy::aggregation::agg_result::AggregationResults, name: &str) -> Vec<(String, u64)> {
    use tantivy::aggregation::agg_result::{AggregationResult, BucketResult};
    use tantivy::aggregation::Key as AggKey;
    let mut out = Vec::new();
    if let Some(AggregationResult::BucketResult(BucketResult::Terms { buckets, .. })) = res.0.get(name) {
        for b in buckets {
            let k = match &b.key {
                AggKey::Str(s) => s.clone(),
                other => format!("{other:?}"),
            };
            out.push((k, b.doc_count));
        }
    }
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

fn stock_search(
    searcher: &tantivy::Searcher,
    f: &Fields,
    spec: &Spec,
    o: &QueryOpts,
    now: i64,
) -> tantivy::Result<Page> {
    use tantivy::aggregation::{AggContextParams, AggregationCollector, AggregationLimitsGuard};
    let query = build_query(f, spec, o, now);
    let aggs = AggregationCollector::from_aggs(
        stock_aggs(),
        AggContextParams::new(AggregationLimitsGuard::default(), Default::default()),
    );
    let hi = (SortByStaticFastValue::<u64>::for_field("id_hi"), Order::Desc);
    let lo = (SortByStaticFastValue::<u64>::for_field("id_lo"), Order::Desc);
    let to_key = |score: u64, hi: Option<u64>, lo: Option<u64>| {
        (score, (u128::from(hi.unwrap_or(0)) << 64) | u128::from(lo.unwrap_or(0)))
    };
    let (total, top, res) = match (spec.sort, spec.cursor) {
        (Sort::Newest, None) => {
            let top = TopDocs::with_limit(o.limit).order_by((hi, lo));
            let (total, top, res) = searcher.search(&query, &(Count, top, aggs))?;
            let top: Vec<(Key, DocAddress)> = top
                .into_iter()
                .map(|((h, l), a)| (to_key(0, h, l), a))
                .collect();
            (total, top, res)
        }
        (Sort::Newest, Some((_, c))) => {
            // Totals over all matches; the page over matches before the cursor.
            let (total, res) = searcher.search(&query, &(Count, aggs))?;
            let (chi, clo) = ((c >> 64) as u64, c as u64);
            let before: Box<dyn Query> = Box::new(BooleanQuery::new(vec![
                (Occur::Should, Box::new(RangeQuery::new(
                    Bound::Unbounded,
                    Bound::Excluded(Term::from_field_u64(f.id_hi, chi)),
                )) as Box<dyn Query>),
                (Occur::Should, Box::new(BooleanQuery::intersection(vec![
                    Box::new(RangeQuery::new(
                        Bound::Included(Term::from_field_u64(f.id_hi, chi)),
                        Bound::Included(Term::from_field_u64(f.id_hi, chi)),
                    )),
                    Box::new(RangeQuery::new(
                        Bound::Unbounded,
                        Bound::Excluded(Term::from_field_u64(f.id_lo, clo)),
                    )),
                ]))),
            ]));
            let paged = BooleanQuery::intersection(vec![query, before]);
            let top = searcher.search(&paged, &TopDocs::with_limit(o.limit).order_by((hi, lo)))?;
            let top = top
                .into_iter()
                .map(|((h, l), a)| (to_key(0, h, l), a))
                .collect();
            (total, top, res)
        }
        (Sort::Relevance, _) => {
            let top = TopDocs::with_limit(o.limit).order_by(((SortBySimilarityScore, Order::Desc), hi, lo));
            let (total, top, res) = searcher.search(&query, &(Count, top, aggs))?;
            let top = top
                .into_iter()
                .map(|((s, h, l), a)| (to_key(s.round() as u64, h, l), a))
                .collect();
            (total, top, res)
        }
    };
    Ok(Page {
        top,
        total: total as u64,
        country: agg_buckets(&res, "country"),
        category: agg_buckets(&res, "category"),
        sector_category: agg_buckets(&res, "sector_category"),
    })
}

fn search(searcher: &tantivy::Searcher, f: &Fields, spec: &Spec, o: &QueryOpts, now: i64) -> tantivy::Result<Page> {
    match o.collector {
        CollectorMode::Stock => stock_search(searcher, f, spec, &QueryOpts { expiry_in_query: true, ..*o }, now),
        CollectorMode::Custom => {
            let query = build_query(f, spec, o, now);
            let collector = PageCollector {
                k: o.limit,
                sort: spec.sort,
                cursor: spec.cursor,
                now: (!o.expiry_in_query).then_some(now),
                expiry_field: if o.open_fast { "open_until" } else { "expires_ms" },
            };
            searcher.search(&*query, &collector)
        }
    }
}

/// One opportunity as the API returns it.
#[allow(dead_code)]
#[derive(Debug)]
struct Item {
    id: String,
    direction: String,
    category: String,
    title: String,
    description: String,
    project_id: Option<String>,
    sectors: Vec<String>,
    skills: String,
    country: String,
    city: Option<String>,
    remote: bool,
    starts_on: Option<String>,
    duration_months: Option<i64>,
    expires_at: String,
    anonymous: bool,
    status: String,
    owner_id: Option<String>,
    organisation_id: Option<String>,
    version: i64,
    created_at: String,
    updated_at: String,
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn fetch(searcher: &tantivy::Searcher, f: &Fields, page: &Page) -> tantivy::Result<Vec<Item>> {
    page.top
        .iter()
        .map(|&(_, addr)| {
            let d: TantivyDocument = searcher.doc(addr)?;
            let s = |field: Field| d.get_first(field).and_then(|v| v.as_str()).map(str::to_owned);
            let b = |field: Field| d.get_first(field).and_then(|v| v.as_bytes()).map(hex);
            let anonymous = d.get_first(f.anonymous).and_then(|v| v.as_bool()).unwrap_or(false);
            Ok(Item {
                id: b(f.id).unwrap_or_default(),
                direction: s(f.direction).unwrap_or_default(),
                category: s(f.category).unwrap_or_default(),
                title: s(f.title).unwrap_or_default(),
                description: s(f.description).unwrap_or_default(),
                project_id: b(f.project_id),
                sectors: d
                    .get_all(f.sector_code)
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect(),
                skills: s(f.skills).unwrap_or_default(),
                country: s(f.country).unwrap_or_default(),
                city: s(f.city),
                remote: d.get_first(f.remote).and_then(|v| v.as_bool()).unwrap_or(false),
                starts_on: s(f.starts_on),
                duration_months: d.get_first(f.duration_months).and_then(|v| v.as_i64()),
                expires_at: s(f.expires_at).unwrap_or_default(),
                anonymous,
                status: s(f.status).unwrap_or_default(),
                owner_id: if anonymous { None } else { b(f.owner_id) },
                organisation_id: if anonymous { None } else { b(f.organisation_id) },
                version: d.get_first(f.version).and_then(|v| v.as_i64()).unwrap_or(0),
                created_at: s(f.created_at).unwrap_or_default(),
                updated_at: s(f.updated_at).unwrap_or_default(),
            })
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Mixes

const COUNTRIES: [&str; 10] = ["SN", "FR", "BF", "ML", "CI", "CM", "MA", "KE", "TN", "NG"];
const CATEGORIES: [&str; 8] = [
    "technical_partnership",
    "industrial_partnership",
    "commercial_partnership",
    "financial_partnership",
    "internship",
    "job",
    "volunteering",
    "authority_cooperation",
];
const WORDS: [&str; 12] = [
    "cooperation", "coopération", "formation", "training", "agriculture", "solaire", "solar",
    "eau", "water", "santé", "health", "recyclage",
];
const WORD_COUNTRIES: [&str; 6] = ["SN", "FR", "ML", "CI", "CM", "MA"];

fn mix(name: &str) -> Vec<Spec> {
    let base = Spec {
        country: None,
        category: None,
        words: vec![],
        sort: Sort::Newest,
        cursor: None,
    };
    match name {
        "filter" => COUNTRIES
            .iter()
            .flat_map(|c| {
                CATEGORIES.iter().map(|k| Spec {
                    country: Some(c.to_string()),
                    category: Some(k.to_string()),
                    ..base.clone()
                })
            })
            .collect(),
        "words" => WORDS
            .iter()
            .flat_map(|w| {
                WORD_COUNTRIES.iter().map(|c| Spec {
                    country: Some(c.to_string()),
                    words: query_words(w),
                    sort: Sort::Relevance,
                    ..base.clone()
                })
            })
            .collect(),
        "first" => vec![base],
        // Page 1 of each country; pages 2..10 follow by cursor (see run_mix).
        "deep" => COUNTRIES
            .iter()
            .map(|c| Spec {
                country: Some(c.to_string()),
                ..base.clone()
            })
            .collect(),
        _ => panic!("unknown mix {name}"),
    }
}

#[derive(Default)]
struct Lat {
    total: Vec<u64>,
    search: Vec<u64>,
    fetch: Vec<u64>,
}

fn pct(v: &mut [u64], p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_unstable();
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v[i] as f64 / 1000.0
}

/// One query as the API would serve it: search (query + collectors) then fetch the page.
fn serve(
    reader: &IndexReader,
    f: &Fields,
    spec: &Spec,
    o: &QueryOpts,
    lat: Option<&mut Lat>,
) -> R<(Page, Vec<Item>)> {
    let t0 = Instant::now();
    let searcher = reader.searcher();
    let page = search(&searcher, f, spec, o, now_ms())?;
    let t1 = Instant::now();
    let items = fetch(&searcher, f, &page)?;
    let t2 = Instant::now();
    std::hint::black_box(&items);
    if let Some(lat) = lat {
        lat.search.push((t1 - t0).as_nanos() as u64);
        lat.fetch.push((t2 - t1).as_nanos() as u64);
        lat.total.push((t2 - t0).as_nanos() as u64);
    }
    Ok((page, items))
}

/// Runs the mix once; pushes latencies (ns) when `lat` is given.
fn run_mix_once(reader: &IndexReader, f: &Fields, name: &str, specs: &[Spec], o: &QueryOpts, mut lat: Option<&mut Lat>) -> R<usize> {
    let mut n = 0;
    for spec in specs {
        if name == "deep" {
            // page 1 (not measured) gives the first cursor; pages 2..10 are measured.
            let (page, _) = serve(reader, f, spec, o, None)?;
            let mut cursor = page.top.last().map(|e| e.0);
            for _ in 2..=10 {
                let Some(c) = cursor else { break };
                let s = Spec { cursor: Some(c), ..spec.clone() };
                let (page, _) = serve(reader, f, &s, o, lat.as_deref_mut())?;
                cursor = if page.top.len() == o.limit { page.top.last().map(|e| e.0) } else { None };
                n += 1;
            }
        } else {
            serve(reader, f, spec, o, lat.as_deref_mut())?;
            n += 1;
        }
    }
    Ok(n)
}

fn ms(v: f64) -> String {
    format!("{:.3}", v / 1000.0)
}

fn report(label: &str, name: &str, lat: &mut Lat, n: usize, elapsed: Duration, sched: Option<((u64, u64), (u64, u64))>) {
    let qps = n as f64 / elapsed.as_secs_f64();
    if let Some(((c0, w0), (c1, w1))) = sched {
        let cpu = (c1 - c0) as f64 / 1e9;
        println!(
            "{label} mix={name} cpu_s={cpu:.2} cpu_us_per_query={:.1} qps_per_cpu_second={:.0} waited_for_cpu_s={:.2}",
            cpu * 1e6 / n as f64,
            n as f64 / cpu,
            (w1 - w0) as f64 / 1e9
        );
    }
    let mean = |v: &[u64]| v.iter().sum::<u64>() as f64 / v.len().max(1) as f64 / 1000.0;
    let (ms_, mf) = (mean(&lat.search), mean(&lat.fetch));
    println!(
        "{label} mix={name} queries={n} secs={:.2} qps={qps:.0} p50_ms={} p99_ms={} search_p50_ms={} search_p99_ms={} fetch_p50_ms={} fetch_p99_ms={} search_mean_ms={} fetch_mean_ms={}",
        elapsed.as_secs_f64(),
        ms(pct(&mut lat.total, 0.5)),
        ms(pct(&mut lat.total, 0.99)),
        ms(pct(&mut lat.search, 0.5)),
        ms(pct(&mut lat.search, 0.99)),
        ms(pct(&mut lat.fetch, 0.5)),
        ms(pct(&mut lat.fetch, 0.99)),
        ms(ms_),
        ms(mf),
    );
}

fn query_opts(args: &Args) -> QueryOpts {
    QueryOpts {
        prefix: match args.get("prefix").unwrap_or("range") {
            "regex" => PrefixMode::Regex,
            _ => PrefixMode::Range,
        },
        collector: match args.get("collector").unwrap_or("custom") {
            "stock" => CollectorMode::Stock,
            _ => CollectorMode::Custom,
        },
        expiry_in_query: args.get("expiry") == Some("query"),
        open_fast: args.get("open") != Some("term"),
        limit: args.num("limit", 20),
    }
}

fn open_reader(index: &Index) -> R<IndexReader> {
    Ok(index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?)
}

fn open_index(args: &Args) -> R<(Index, Option<PathBuf>)> {
    if args.flag("ram") {
        let (schema, _) = schema();
        let index = Index::builder()
            .schema(schema)
            .settings(index_settings(args))
            .create_in_ram()?;
        register_tokenizers(&index);
        let t = Instant::now();
        build_into(&index, &build_opts(args)?)?;
        println!("ram build_s={:.2}", t.elapsed().as_secs_f64());
        Ok((index, None))
    } else {
        let dir = PathBuf::from(args.get("dir").ok_or("--dir")?);
        let index = Index::open(MmapDirectory::open(&dir)?)?;
        register_tokenizers(&index);
        Ok((index, Some(dir)))
    }
}

fn cmd_bench(args: &Args) -> R<()> {
    let (rss0, _, _) = rss_kib();
    let t = Instant::now();
    let (index, dir) = open_index(args)?;
    let reader = open_reader(&index)?;
    let searcher = reader.searcher();
    let (rss, anon, file) = rss_kib();
    println!(
        "open: ms={:.1} docs={} segments={} rss_before_kib={rss0} rss_kib={rss} anon_kib={anon} file_kib={file} index_bytes={}",
        t.elapsed().as_secs_f64() * 1000.0,
        searcher.num_docs(),
        searcher.segment_readers().len(),
        dir.as_deref().map(dir_size).unwrap_or(0),
    );
    drop(searcher);
    let f = fields_of(&index.schema());
    let o = query_opts(args);
    let secs = args.num("secs", 5) as f64;
    let label = args.get("label").unwrap_or("bench").to_owned();
    for name in args.get("mix").unwrap_or("filter,words,first,deep").split(',') {
        let specs = mix(name);
        // warm-up: one pass
        run_mix_once(&reader, &f, name, &specs, &o, None)?;
        let mut lat = Lat::default();
        let s0 = sched_ns();
        let t0 = Instant::now();
        let mut n = 0;
        while t0.elapsed().as_secs_f64() < secs {
            n += run_mix_once(&reader, &f, name, &specs, &o, Some(&mut lat))?;
        }
        let elapsed = t0.elapsed();
        report(&label, name, &mut lat, n, elapsed, Some((s0, sched_ns())));
    }
    let (rss, anon, file) = rss_kib();
    println!("after: rss_kib={rss} anon_kib={anon} file_kib={file}");
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Verify against SQL (the API's semantics on SQLite: FTS5 prefix match, relevance from the title)

fn cmd_verify(args: &Args) -> R<()> {
    let (index, _) = open_index(args)?;
    let reader = open_reader(&index)?;
    let f = fields_of(&index.schema());
    let o = query_opts(args);
    let db = open_db(Path::new(args.get("db").unwrap_or("/tmp/sbs/base-100000.db")))?;
    let now_text: String = db.query_row("SELECT strftime('%Y-%m-%dT%H:%M:%f', 'now')", [], |r| r.get(0))?;
    let mut checked = 0;
    let mut bad = 0;
    for name in ["filter", "words", "first", "deep"] {
        for spec in mix(name) {
            let mut cond = format!("o.status = 'open' AND o.expires_at > '{now_text}'");
            if let Some(c) = &spec.country {
                cond += &format!(" AND o.country = '{c}'");
            }
            if let Some(c) = &spec.category {
                cond += &format!(" AND o.category = '{c}'");
            }
            if !spec.words.is_empty() {
                let m: Vec<String> = spec.words.iter().map(|w| format!("\"{w}\"*")).collect();
                cond += &format!(
                    " AND o.rowid IN (SELECT rowid FROM opportunities_fts WHERE opportunities_fts MATCH '{}')",
                    m.join(" ")
                );
            }
            let score = if spec.sort == Sort::Relevance {
                let parts: Vec<String> = spec
                    .words
                    .iter()
                    .map(|w| format!("(instr(' ' || o.search_title, ' {w}') > 0)"))
                    .collect();
                parts.join(" + ")
            } else {
                "(0 + 0)".into()
            };
            let pages = if name == "deep" { 10 } else { 1 };
            let total = db.query_row(&format!("SELECT count(*) FROM opportunities o WHERE {cond}"), [], |r| r.get::<_, i64>(0))? as u64;
            let facet_sql = |col: &str| -> R<Vec<(String, u64)>> {
                let mut st = db.prepare(&format!(
                    "SELECT o.{col}, count(*) FROM opportunities o WHERE {cond} GROUP BY 1 ORDER BY 2 DESC, 1"
                ))?;
                Ok(st.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?.collect::<Result<_, _>>()?)
            };
            let country = facet_sql("country")?;
            let category = facet_sql("category")?;
            let mut st = db.prepare(&format!(
                "SELECT s.category, count(DISTINCT s.opportunity_id) FROM opportunity_sectors s JOIN opportunities o ON o.id = s.opportunity_id WHERE {cond} GROUP BY 1 ORDER BY 2 DESC, 1"
            ))?;
            let sector: Vec<(String, u64)> = st.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?.collect::<Result<_, _>>()?;
            let mut st = db.prepare(&format!(
                "SELECT hex(o.id) FROM opportunities o WHERE {cond} ORDER BY {score} DESC, o.id DESC LIMIT {}",
                o.limit * pages
            ))?;
            let ids: Vec<String> = st.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<_, _>>()?;
            // tantivy: page 1, then pages by cursor
            let mut got_ids = Vec::new();
            let mut s = spec.clone();
            let mut first: Option<Page> = None;
            for _ in 0..pages {
                let (page, items) = serve(&reader, &f, &s, &o, None)?;
                got_ids.extend(items.iter().map(|i| i.id.to_uppercase()));
                s.cursor = page.top.last().map(|e| e.0);
                if first.is_none() {
                    first = Some(page);
                }
            }
            let p = first.ok_or("no page")?;
            let ok = p.total == total && p.country == country && p.category == category && p.sector_category == sector && got_ids == ids;
            checked += 1;
            if !ok {
                bad += 1;
                println!(
                    "MISMATCH {name} {spec:?}: total {} vs {total}; country {} category {} sector {} ids {}",
                    p.total,
                    p.country == country,
                    p.category == category,
                    p.sector_category == sector,
                    got_ids == ids
                );
            }
            if checked % 20 == 1 {
                println!("checked {name} {:?} {:?} words={:?}: total={total} ids={}", spec.country, spec.category, spec.words, ids.len());
            }
        }
    }
    println!("verify: {checked} queries checked, {bad} mismatches");
    if bad > 0 {
        return Err("mismatches".into());
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Near-real-time writes while querying

fn cmd_nrt(args: &Args) -> R<()> {
    let (index, _) = open_index(args)?;
    let reader = open_reader(&index)?;
    let f = fields_of(&index.schema());
    let o = query_opts(args);
    let secs = args.num("secs", 60) as f64;
    let rate = args.num("rate", 2) as f64;
    // Rows to add: copies of the first rows of the database, with ids newer than any.
    let db = open_db(Path::new(args.get("db").unwrap_or("/tmp/sbs/base-100000.db")))?;
    let sectors = load_sectors(&db)?;
    let mut rows = Vec::new();
    let want = (secs * rate) as usize + 10;
    let _ = for_each_row(&db, &sectors, |row| {
        if rows.len() < want {
            rows.push(row);
            Ok(())
        } else {
            Err("enough".into())
        }
    });
    let max_hi = reader
        .searcher()
        .segment_readers()
        .iter()
        .map(|s| s.fast_fields().u64("id_hi").map(|c| c.max_value()).unwrap_or(0))
        .max()
        .unwrap_or(0);
    let stop = Arc::new(AtomicBool::new(false));
    let writer_reader = reader.clone();
    let writer_index = index.clone();
    let stop_w = stop.clone();
    let budget = args.num("writer-budget-mb", 50);
    let writer_thread = std::thread::spawn(move || -> R<Vec<String>> {
        let mut writer: IndexWriter = writer_index.writer_with_num_threads(1, budget * 1024 * 1024)?;
        let mut log = Vec::new();
        let (mut commit, mut reload, mut visible) = (Vec::new(), Vec::new(), Vec::new());
        let period = Duration::from_secs_f64(1.0 / rate);
        let start = Instant::now();
        let mut next = start;
        let mut last_segments = 0;
        for (i, mut row) in rows.into_iter().enumerate() {
            if stop_w.load(AtomicOrdering::Relaxed) {
                break;
            }
            let now = Instant::now();
            if next > now {
                std::thread::sleep(next - now);
            }
            next += period;
            // a new id: newer than every indexed one (ms timestamp bumped), same row otherwise
            let hi = max_hi + ((i as u64 + 1) << 16);
            row.id[..8].copy_from_slice(&hi.to_be_bytes());
            let t0 = Instant::now();
            writer.add_document(to_doc(&fields_of(&writer_index.schema()), &row))?;
            let t1 = Instant::now();
            writer.commit()?;
            let t2 = Instant::now();
            writer_reader.reload()?;
            let t3 = Instant::now();
            let searcher = writer_reader.searcher();
            let found = searcher.search(
                &TermQuery::new(Term::from_field_bytes(fields_of(&writer_index.schema()).id, &row.id), IndexRecordOption::Basic),
                &Count,
            )?;
            let t4 = Instant::now();
            if found != 1 {
                return Err(format!("doc {i} not visible after reload").into());
            }
            commit.push((t2 - t1).as_micros() as u64);
            reload.push((t3 - t2).as_micros() as u64);
            visible.push((t4 - t0).as_micros() as u64);
            if i % 10 == 0 || i < 3 || searcher.segment_readers().len() != last_segments {
                last_segments = searcher.segment_readers().len();
                log.push(format!(
                    "t={:.1}s add#{i} add_us={} commit_ms={:.2} reload_ms={:.2} visible_ms={:.2} segments={}",
                    start.elapsed().as_secs_f64(),
                    (t1 - t0).as_micros(),
                    (t2 - t1).as_secs_f64() * 1000.0,
                    (t3 - t2).as_secs_f64() * 1000.0,
                    (t4 - t0).as_secs_f64() * 1000.0,
                    searcher.segment_readers().len()
                ));
            }
        }
        let p = |v: &mut Vec<u64>, q: f64| pct(v, q);
        log.push(format!(
            "nrt writes={} commit_p50_ms={} commit_p99_ms={} commit_max_ms={} reload_p50_ms={} reload_p99_ms={} visible_p50_ms={} visible_p99_ms={} segments_end={}",
            commit.len(),
            p(&mut commit, 0.5),
            p(&mut commit, 0.99),
            p(&mut commit, 1.0),
            p(&mut reload, 0.5),
            p(&mut reload, 0.99),
            p(&mut visible, 0.5),
            p(&mut visible, 0.99),
            writer_reader.searcher().segment_readers().len()
        ));
        writer.wait_merging_threads()?;
        Ok(log)
    });
    // Queries: filter and words mixes, alternately, for `secs`.
    let mixes = [("filter", mix("filter")), ("words", mix("words"))];
    let mut lats = [Lat::default(), Lat::default()];
    let mut counts = [0usize; 2];
    let mut busy = [Duration::ZERO; 2];
    let s0 = sched_ns();
    let t0 = Instant::now();
    if args.flag("idle") {
        // writes alone: commit latency without queries competing for the core
        std::thread::sleep(Duration::from_secs_f64(secs));
    }
    while t0.elapsed().as_secs_f64() < secs {
        for (i, (name, specs)) in mixes.iter().enumerate() {
            let t = Instant::now();
            counts[i] += run_mix_once(&reader, &f, name, specs, &o, Some(&mut lats[i]))?;
            busy[i] += t.elapsed();
        }
    }
    stop.store(true, AtomicOrdering::Relaxed);
    let log = writer_thread.join().map_err(|_| "writer panicked")??;
    for l in &log {
        println!("{l}");
    }
    for (i, (name, _)) in mixes.iter().enumerate() {
        report("nrt", name, &mut lats[i], counts[i], busy[i], None);
    }
    let (c1, w1) = sched_ns();
    println!(
        "nrt query thread: cpu_s={:.2} waited_for_cpu_s={:.2} wall_s={:.2}",
        (c1 - s0.0) as f64 / 1e9,
        (w1 - s0.1) as f64 / 1e9,
        t0.elapsed().as_secs_f64()
    );
    let searcher = reader.searcher();
    println!("nrt end: docs={} segments={}", searcher.num_docs(), searcher.segment_readers().len());
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Arguments

struct Args {
    cmd: String,
    kv: HashMap<String, String>,
}

impl Args {
    fn parse() -> Self {
        let mut it = std::env::args().skip(1);
        let cmd = it.next().unwrap_or_default();
        let mut kv = HashMap::new();
        let rest: Vec<String> = it.collect();
        let mut i = 0;
        while i < rest.len() {
            let k = rest[i].trim_start_matches("--").to_owned();
            if i + 1 < rest.len() && !rest[i + 1].starts_with("--") {
                kv.insert(k, rest[i + 1].clone());
                i += 2;
            } else {
                kv.insert(k, String::new());
                i += 1;
            }
        }
        Self { cmd, kv }
    }
    fn get(&self, k: &str) -> Option<&str> {
        self.kv.get(k).map(String::as_str)
    }
    fn flag(&self, k: &str) -> bool {
        self.kv.contains_key(k)
    }
    fn num(&self, k: &str, default: usize) -> usize {
        self.get(k).and_then(|v| v.parse().ok()).unwrap_or(default)
    }
}

fn main() -> R<()> {
    let args = Args::parse();
    match args.cmd.as_str() {
        "build" => cmd_build(&args),
        "bench" => cmd_bench(&args),
        "verify" => cmd_verify(&args),
        "nrt" => cmd_nrt(&args),
        _ => {
            eprintln!("usage: tantivy-bench build|bench|verify|nrt [--options] (see src/main.rs)");
            std::process::exit(2);
        }
    }
}
