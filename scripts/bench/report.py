#!/usr/bin/env python3
"""Markdown section of a `make bench` run: OUT_DIR/summary.json (from summarise.py) -> stdout.

    report.py OUT_DIR > OUT_DIR/results.md

One table per backend x scale (scenario | Directus req/s | Marcottage req/s | ratio |
Marcottage p50 / p99 | Directus p50 / p99 | errors | peak RSS), the same "with N writes/s", the
writer's summary, time to ready, idle RSS, the figures of the targets in docs/benchmarks.md,
where the peer's data differs, and every failed run with its reason. Python 3 standard library.
"""
import json
import os
import sys

LABELS = {
    "bare": "bare (`/healthz`; Directus `/server/ping`)",
    "filter": "filter (10 countries × 8 categories, newest)",
    "words": "words (12 words × 6 countries)",
    "sector": "sector (6 sectors × 5 countries)",
    "first": "first page (opportunities, projects, organisations)",
    "deep": "deep (pages 2–10 of 10 filters)",
    "item": "item (200 ids)",
    "matches": "matches (100 open opportunities)",
    "atlas": "atlas (110 searches of cooperation links: filters, facets, words)",
    "projects": "projects (96 project searches: filters, words, sectors)",
}
ORDER = ["bare", "filter", "words", "sector", "first", "deep", "item", "matches", "atlas", "projects"]
BACKENDS = {"sqlite": "SQLite", "postgres": "PostgreSQL"}


def group(n):
    return f"{n:,.0f}".replace(",", " ")


def rps(v):
    if v is None:
        return "–"
    return group(v) if v >= 100 else f"{v:.1f}"


def ms(v):
    if v is None:
        return "–"
    if v < 10:
        return f"{v:.2f}"
    if v < 100:
        return f"{v:.1f}"
    return group(v)


def mib(kib):
    return "–" if not kib else f"{kib / 1024:.0f}"


def ratio(m, d):
    if not m or not d or "rps" not in m or "rps" not in d or not d["rps"]:
        return "–"
    r = m["rps"] / d["rps"]
    return f"{r:.1f}×" if r >= 1 else f"{r:.2f}×"


def cell_or_failed(entry, text):
    if entry is None:
        return "–"
    if not entry.get("runs"):
        return "failed"
    return text


def errors(m, d):
    def one(e):
        if e is None:
            return None
        if not e.get("runs"):
            return "failed"
        text = str(e["errors"])
        if e.get("statuses"):
            text += " (" + ", ".join(f"{k}: {v}" for k, v in sorted(e["statuses"].items())) + ")"
        if e.get("timeouts"):
            text += f" ({e['timeouts']} timeouts)"
        if e.get("failed_runs"):
            text += f", {len(e['failed_runs'])} failed runs"
        if e.get("empty_runs"):
            text += f", {e['empty_runs']} runs where no request finished"
        return text
    parts = [p for p in (one(m) and f"M {one(m)}", one(d) and f"D {one(d)}") if p]
    return " / ".join(parts) or "–"


def rss_cell(m, d):
    parts = []
    if m and m.get("rss_peak_kib"):
        parts.append(f"M {mib(m['rss_peak_kib'])}")
    if d and d.get("rss_peak_kib"):
        parts.append(f"D {mib(d['rss_peak_kib'])}")
    return " / ".join(parts) or "–"


def lat(e):
    if e is None:
        return "–"
    if not e.get("runs"):
        return "failed"
    if e.get("p50_ms") is None:
        return "none finished"
    text = f"{ms(e['p50_ms'])} / {ms(e['p99_ms'])}"
    if e.get("empty_runs"):
        text += f" ({e['empty_runs']} runs with none finished)"
    return text


def scenario_of(unit):
    return unit.split("_", 1)[1]


def table_read(t, out):
    units = t["phases"].get("read", {})
    scenarios = [s for s in ORDER if f"m_{s}" in units or f"d_{s}" in units]
    if not scenarios:
        out.append("No read-only measurement.\n")
        return
    out.append("| scenario | Directus req/s | Marcottage req/s | ratio | Marcottage p50 / p99 ms "
               "| Directus p50 / p99 ms | errors | peak RSS MiB |")
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |")
    for s in scenarios:
        m, d = units.get(f"m_{s}"), units.get(f"d_{s}")
        out.append(f"| {LABELS[s]} | {cell_or_failed(d, rps(d.get('rps')) if d else '')} "
                   f"| {cell_or_failed(m, rps(m.get('rps')) if m else '')} | {ratio(m, d)} | {lat(m)} | {lat(d)} "
                   f"| {errors(m, d)} | {rss_cell(m, d)} |")
    out.append("")


def table_write(t, writes_per_s, out):
    units = t["phases"].get("write", {})
    read = t["phases"].get("read", {})
    scenarios = [s for s in ORDER if f"m_{s}" in units]
    if not scenarios:
        return
    out.append(f"With {writes_per_s} writes/s (Directus: its read-only figure of the same table, "
               "it takes no writes):\n")
    out.append("| scenario | Directus req/s (read-only) | Marcottage req/s | ratio | Marcottage p50 / p99 ms "
               "| errors | peak RSS MiB | Marcottage req/s vs. read-only |")
    out.append("| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: |")
    for s in scenarios:
        m, d, r = units.get(f"m_{s}"), read.get(f"d_{s}"), read.get(f"m_{s}")
        change = "–"
        if m and m.get("rps") and r and r.get("rps"):
            change = f"{100 * (m['rps'] / r['rps'] - 1):+.0f} %"
        out.append(f"| {LABELS[s]} | {cell_or_failed(d, rps(d.get('rps')) if d else '')} "
                   f"| {cell_or_failed(m, rps(m.get('rps')) if m else '')} | {ratio(m, d)} | {lat(m)} "
                   f"| {errors(m, None)} | {rss_cell(m, None)} | {change} |")
    out.append("")


def writer_part(t, out):
    w = t.get("writer")
    if w is None:
        if t["info"].get("write_error"):
            out.append(f"Writer: **did not run** — {t['info']['write_error']}\n")
        return
    if "answered_2xx" not in w:
        out.append(f"Writer: **failed** — {w.get('error')}\n")
        return
    f = w["freshness"]
    by = ", ".join(f"{k}: {v}" for k, v in sorted(w["errors_by_status"].items()))
    out.append("Writer (writes answered 2xx / errors / missing afterwards / seconds until visible in "
               f"search, max): **{w['answered_2xx']} / {w['errors']}{' (' + by + ')' if by else ''} / "
               f"{w['missing_afterwards']} / {f['max_s'] if f['max_s'] is not None else '–'} s**")
    out.append("")
    out.append(f"- asked {w['rate_asked']} writes/s, achieved {w['achieved_rate']} over {w['seconds_writing']} s; "
               f"POST latency p50 {ms(1000 * w['post_seconds']['p50']) if w['post_seconds']['p50'] is not None else '–'} ms, "
               f"p99 {ms(1000 * w['post_seconds']['p99']) if w['post_seconds']['p99'] is not None else '–'} ms; "
               f"{w['late_posts']} POSTs sent more than 0.5 s after their slot; logged in {w.get('logins', '?')} times")
    out.append(f"- freshness (one write in {f['every']}, search polled every 50 ms from the 2xx answer): "
               f"p50 {f['p50_s']} s, max {f['max_s']} s over {f['found']} found (a poll is a search like the "
               "measured ones: it waits its turn under the same load)"
               + (f"; **{f['not_found_within_60s']} not found within 60 s**" if f["not_found_within_60s"] else ""))
    out.append(f"- afterwards: {w['checked_afterwards']} checked, {w['missing_by_id']} not found by id, "
               f"{w['missing_in_search']} not found by search after 30 s"
               + (f", {w['unchecked_afterwards']} not checked (time budget)" if w["unchecked_afterwards"] else ""))
    out.append("")


def targets(t, out):
    """The targets of the search-engine issue (docs/benchmarks.md), checked on this table."""
    read = t["phases"].get("read", {})
    write = t["phases"].get("write", {})
    sqlite_100k = t["backend"] == "sqlite" and t["scale"] == 100_000

    def got(units, unit, key):
        e = units.get(unit)
        return e.get(key) if e and e.get("runs") else None

    def verdict(ok):
        return "met" if ok else "**missed**"

    lines = []
    p99_limit = 20 if sqlite_100k else 50
    for s in ("filter", "words"):
        m, d = got(read, f"m_{s}", "rps"), got(read, f"d_{s}", "rps")
        p99 = got(read, f"m_{s}", "p99_ms")
        if sqlite_100k and m and d:
            lines.append(f"{s}: {m / d:.1f}× Directus' throughput ({verdict(m / d >= 50)}: ≥ 50×)")
        if p99 is not None:
            lines.append(f"{s} p99 {ms(p99)} ms ({verdict(p99 < p99_limit)}: < {p99_limit} ms)")
        wp99, werr = got(write, f"m_{s}", "p99_ms"), got(write, f"m_{s}", "errors")
        if wp99 is not None:
            lines.append(f"{s} with writes: p99 {ms(wp99)} ms, {werr} errors "
                         f"({verdict(wp99 < 50 and not werr)}: < 50 ms and none)")
    for phase, units, label in (("read", read, ""), ("write", write, " with writes")):
        p99 = got(units, "m_matches", "p99_ms")
        if p99 is not None:
            lines.append(f"matches p99{label}: {ms(p99)} ms ({verdict(p99 < 50)}: < 50 ms)")
    writer = t.get("writer") or {}
    if writer.get("errors") is not None:
        lines.append(f"writes: {writer.get('errors')} errors, {writer.get('missing_by_id')} missing afterwards "
                     f"({verdict(not writer.get('errors') and not writer.get('missing_by_id'))}: none)")
    if sqlite_100k:
        peaks = [e.get("rss_peak_kib") for units in (read, write) for name, e in units.items()
                 if name.startswith("m_") and e.get("rss_peak_kib")]
        if peaks:
            peak = max(peaks) / 1024
            lines.append(f"peak RSS under load {peak:.0f} MiB ({verdict(peak < 150)}: < 150 MiB)")
    r = t.get("ready") or {}
    if r.get("ok"):
        lines.append(f"ready (indexes built) after {r['readyz_ms'] / 1000:.1f} s "
                     f"({verdict(r['readyz_ms'] < 1000)}: < 1 s; listings answer from the database meanwhile)")
    if lines:
        out.append("Targets of the search-engine issue on this table:\n")
        out.extend(f"- {line}" for line in lines)
        out.append("")


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    out_dir = sys.argv[1]
    summary = json.load(open(os.path.join(out_dir, "summary.json")))
    meta = summary["meta"]
    out = [f"# make bench — {meta.get('started', '?')}", ""]
    out.append(f"- Machine: {meta.get('cpu', '?')}; {meta.get('kernel', '?')}; load average at start "
               f"{meta.get('load_at_start', '?')}. {meta.get('pinning', '')}.")
    out.append(f"- Marcottage {meta.get('commit', '?')} (binary sha256 {meta.get('binary_sha256', '?')}…), "
               f"listings from {'the database' if meta.get('from_database') == '1' else 'the index'}; PostgreSQL {meta.get('postgres', '?')}; "
               + (f"Directus {meta.get('directus', '?')}; " if meta.get("peer") == "directus" else "no peer; ")
               + f"{meta.get('wrk', 'wrk')}, one thread, scripts/bench/walk.lua walking a list of URLs.")
    writes = meta.get("writes_per_s", "N")
    out.append(f"- {meta.get('runs', '?')} × {meta.get('duration', '?')} per scenario and side after a "
               f"{meta.get('warmup', '?')} warm-up, {meta.get('conns', '?')} connections "
               f"({meta.get('match_conns', '?')} for matches). Medians of the runs (each metric's median on its own); "
               "errors = non-2xx answers + socket errors (a request slower than 10 s is a timeout), "
               "summed over the runs; peak RSS = the largest `ps` sample (every 0.5 s) during the runs "
               "(M Marcottage, D Directus); ratio = Marcottage req/s ÷ Directus req/s. "
               "Scenarios interleaved within each round. Requests still in flight when a run ends "
               "(at most one per connection) are in no figure: when the server is saturated, p99 is a floor.")
    if meta.get("ended"):
        seconds = int(meta.get("seconds", 0))
        out.append(f"- Total time {seconds // 3600} h {seconds % 3600 // 60:02d} min.")
    else:
        out.append("- **The run did not finish** (interrupted or failed): the tables hold what was measured.")
    out.append("")

    notes = next((t["lists"]["notes"] for t in summary["tables"] if t.get("lists")), None)
    if notes:
        out.append("## Where the peer differs\n")
        out.extend(f"- {n}" for n in notes if not n.startswith("Directus holds"))
        scales = sorted({t["scale"] for t in summary["tables"]})
        if meta.get("peer") == "directus":
            out.append(f"- Directus holds 100 000 rows at every scale; Marcottage is measured at "
                       + ", ".join(group(s) for s in scales) + " opportunities.")
        out.append("")

    for t in summary["tables"]:
        out.append(f"## {BACKENDS.get(t['backend'], t['backend'])}, {group(t['scale'])} opportunities\n")
        info = t["info"]
        if info.get("table_error"):
            out.append(f"**Not measured:** {info['table_error']}\n")
            continue
        r = t.get("ready")
        facts = []
        if r and r.get("ok"):
            facts.append(f"cold start (process cold, OS page cache warm): `/readyz` 200 after "
                         f"**{r['readyz_ms']:.0f} ms**, first search (`{r['first_search_path']}`) 200 after "
                         f"**{r['first_search_ms']:.0f} ms** (that request {r['first_search_request_ms']:.0f} ms)")
            facts.append(f"idle RSS right after ready **{mib(r['rss_ready_kib'])} MiB** "
                         f"({mib(r.get('rss_after_first_search_kib'))} MiB after the first search)")
        elif r:
            facts.append(f"cold start **failed**: {r.get('error')}")
        if info.get("directus_rss_kib_at_start"):
            facts.append(f"Directus RSS before the runs {mib(int(info['directus_rss_kib_at_start']))} MiB")
        if info.get("seed"):
            facts.append("data: " + info["seed"].split(" ")[0]
                         + (f" seed, {info['seed_seconds']} s" if info.get("seed_seconds") else " seed"))
        elif info.get("seed_seconds"):
            facts.append(f"seeded in {info['seed_seconds']} s")
        if info.get("seconds"):
            facts.append(f"this table took {int(info['seconds']) // 60} min {int(info['seconds']) % 60} s")
        out.extend(f"- {f}" for f in facts)
        out.append("")
        table_read(t, out)
        table_write(t, writes, out)
        writer_part(t, out)
        targets(t, out)
        lists = (t.get("lists") or {}).get("lists", {})
        bad = {name: e["failed"] for name, e in lists.items() if e.get("failed")}
        if bad:
            out.append("URLs that did not answer 2xx when the lists were made: "
                       + "; ".join(f"{k}: {len(v)} (e.g. `{v[0]['path'][:120]}` → {v[0]['status']})" for k, v in bad.items()))
            out.append("")
        if t["failures"]:
            out.append("Failed runs:\n")
            out.extend(f"- {f['phase']} {f['unit']} run {f['run']}: {f['reason']}" for f in t["failures"])
            out.append("")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
