//! Structured logs: pretty for people, JSON for log collectors.
//!
//! A request's span holds the spans of the database and engine work it did (`listing`,
//! `index_search`, `write_transaction`, ...; `#[tracing::instrument]` on those functions):
//! every line logged inside names them, outermost first. At `debug` and finer, each span also
//! logs a line as it closes with `time.busy` (working) and `time.idle` (waiting: a connection,
//! a lock, the database), so one slow request shows where its time went. At `info` those lines
//! are left out: they would double the log.

use std::fmt::Write as _;

use tracing::{Event, Subscriber};
use tracing_subscriber::{
    EnvFilter,
    filter::LevelFilter,
    fmt::{
        self, FmtContext, FormatEvent, FormatFields, FormattedFields,
        format::{FmtSpan, JsonFields, Writer},
    },
    prelude::*,
    registry::LookupSpan,
};

use crate::config::LogFormat;

/// Installs the global subscriber. `RUST_LOG`, when set, overrides the configured level.
pub fn init(format: LogFormat, level: &str) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(level));
    let timings = if filter
        .max_level_hint()
        .is_some_and(|most| most >= LevelFilter::DEBUG)
    {
        FmtSpan::CLOSE
    } else {
        FmtSpan::NONE
    };
    let registry = tracing_subscriber::registry().with(filter);
    // A second initialisation (tests, tools) keeps the first subscriber; that is fine.
    let _ = match format {
        LogFormat::Pretty => registry
            .with(fmt::layer().with_target(false).with_span_events(timings))
            .try_init(),
        LogFormat::Json => {
            let format = fmt::format()
                .json()
                .flatten_event(true)
                .with_current_span(true)
                .with_span_list(true);
            registry
                .with(
                    fmt::layer()
                        .fmt_fields(JsonFields::new())
                        .with_span_events(timings)
                        .event_format(ParentsOfClosingSpans(format)),
                )
                .try_init()
        }
    };
}

/// The JSON format's `spans` are the spans entered on the thread that writes the line. The
/// line a span writes as it closes is written where its last handle is dropped, which may be
/// another thread (on SQLite, sqlx's worker, for a span that queried): it would list none.
/// For those lines, list the closing span's own parents instead, outermost first, so that
/// every line of a request names it.
struct ParentsOfClosingSpans<F>(F);

impl<S, N, F> FormatEvent<S, N> for ParentsOfClosingSpans<F>
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'w> FormatFields<'w> + 'static,
    F: FormatEvent<S, N>,
{
    fn format_event(
        &self,
        ctx: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &Event<'_>,
    ) -> std::fmt::Result {
        let closing = event
            .parent()
            .filter(|_| event.metadata().is_span())
            .and_then(|id| ctx.span(id));
        let Some(closing) = closing else {
            return self.0.format_event(ctx, writer, event);
        };
        let mut line = String::new();
        self.0.format_event(ctx, Writer::new(&mut line), event)?;
        // `spans` is the line's last entry.
        let Some(at) = line.rfind(",\"spans\":[") else {
            return writer.write_str(&line);
        };
        let mut parents = Vec::new();
        if let Some(parent) = closing.parent() {
            for span in parent.scope().from_root() {
                let extensions = span.extensions();
                let fields = extensions
                    .get::<FormattedFields<N>>()
                    .map_or("", |formatted| formatted.fields.as_str());
                parents.push(span_json(fields, span.name()));
            }
        }
        writeln!(
            writer,
            "{},\"spans\":[{}]}}",
            &line[..at],
            parents.join(",")
        )
    }
}

/// A span as the JSON format writes it: its fields, then its name.
fn span_json(fields: &str, name: &str) -> String {
    let fields: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(fields).unwrap_or_default();
    let mut json = serde_json::Value::Object(fields).to_string();
    json.pop();
    if json.len() > 1 {
        json.push(',');
    }
    let _ = write!(json, "\"name\":{}}}", serde_json::Value::from(name));
    json
}

#[cfg(test)]
mod tests {
    use super::span_json;

    #[test]
    fn spans_are_written_as_the_json_format_does() {
        assert_eq!(span_json("", "request"), r#"{"name":"request"}"#);
        assert_eq!(
            span_json(r#"{"limit":5,"listing":"projects"}"#, "listing"),
            r#"{"limit":5,"listing":"projects","name":"listing"}"#
        );
    }
}
