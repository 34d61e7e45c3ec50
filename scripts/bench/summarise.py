#!/usr/bin/env python3
"""Summarise a `make bench` run directory (Python 3 standard library only).

    summarise.py OUT_DIR            writes OUT_DIR/summary.json, prints a plain-text summary
    summarise.py --line WRK [RSS]   one line about one wrk run (bench.sh prints it as it goes)
    summarise.py --ready READY_JSON one line about a cold start

Per backend x scale (OUT_DIR/<backend>-<scale>/) and phase (read, write), each scenario and side
(m_ Marcottage, d_ Directus) gets: the median over its runs of req/s, of p50 and of p99 (each
metric's median on its own), the errors summed over the runs (non-2xx answers + socket errors:
connect, read, write, timeout — wrk counts a request slower than --timeout 10 s as a timeout),
the peak RSS sampled every 0.5 s during the runs, and the req/s of each run for the spread.
Runs that failed are listed with their reason. scripts/bench/report.py turns summary.json into
markdown.
"""
import glob
import json
import os
import re
import statistics
import sys

UNIT = re.compile(r"^([md])_([a-z]+)-(\d+)\.wrk$")


def read_bench(path):
    try:
        with open(path) as f:
            for line in f:
                if line.startswith("BENCH_JSON "):
                    return json.loads(line[len("BENCH_JSON "):])
    except (OSError, ValueError):
        pass
    return None


def read_rss(path):
    try:
        with open(path) as f:
            return [int(x) for x in f.read().split() if x.isdigit()]
    except OSError:
        return []


def run_metrics(bench, rss):
    socket = sum(bench["socket_errors"].values())
    answered = bench["requests"] > 0  # else wrk's percentiles are zeros, not latencies
    return {
        "rps": bench["rps"],
        "p50_ms": bench["latency_us"]["p50"] / 1000 if answered else None,
        "p99_ms": bench["latency_us"]["p99"] / 1000 if answered else None,
        "max_ms": bench["latency_us"]["max"] / 1000 if answered else None,
        "requests": bench["requests"],
        "non2xx": bench["non2xx"],
        "statuses": bench.get("statuses", {}),
        "socket_errors": socket,
        "timeouts": bench["socket_errors"].get("timeout", 0),
        "errors": bench["non2xx"] + socket,
        "rss_peak_kib": max(rss) if rss else None,
        "paths": bench.get("paths"),
    }


def line(wrk, rss=None):
    bench = read_bench(wrk)
    if bench is None:
        return "no result"
    m = run_metrics(bench, read_rss(rss) if rss else [])
    if m["requests"] == 0:
        text = f"{0:9.1f} req/s  NO REQUEST FINISHED within the run  errors {m['errors']}"
    else:
        text = (f"{m['rps']:9.1f} req/s  p50 {m['p50_ms']:8.2f} ms  p99 {m['p99_ms']:8.2f} ms  "
                f"errors {m['errors']}")
    if m["statuses"]:
        text += " " + json.dumps(m["statuses"])
    if m["rss_peak_kib"]:
        text += f"  RSS {m['rss_peak_kib'] / 1024:.0f} MiB"
    return text


def ready_line(path):
    try:
        r = json.load(open(path))
    except (OSError, ValueError):
        return "no result"
    if not r.get("ok"):
        return "failed: " + r.get("error", "?")
    return (f"/readyz {r['readyz_ms']:.0f} ms, first search {r['first_search_ms']:.0f} ms "
            f"(that request {r['first_search_request_ms']:.0f} ms), RSS at ready {r['rss_ready_kib'] / 1024:.1f} MiB")


def key_values(path):
    out = {}
    try:
        with open(path) as f:
            for raw in f:
                if "=" in raw:
                    k, v = raw.rstrip("\n").split("=", 1)
                    out[k] = v
    except OSError:
        pass
    return out


def load_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def table(tdir):
    info = key_values(os.path.join(tdir, "info.txt"))
    failures = []
    try:
        with open(os.path.join(tdir, "failures.txt")) as f:
            for raw in f:
                phase, unit, run, reason = (raw.rstrip("\n").split(" ", 3) + ["", "", "", ""])[:4]
                failures.append({"phase": phase, "unit": unit, "run": run, "reason": reason})
    except OSError:
        pass
    phases = {}
    for phase in ("read", "write"):
        groups = {}
        for path in sorted(glob.glob(os.path.join(tdir, phase, "*.wrk"))):
            match = UNIT.match(os.path.basename(path))
            if not match:
                continue
            side, scenario, run = match.groups()
            bench = read_bench(path)
            if bench is None:
                continue
            metrics = run_metrics(bench, read_rss(path[:-4] + ".rss"))
            metrics["run"] = int(run)
            groups.setdefault(f"{side}_{scenario}", []).append(metrics)
        for unit in {f["unit"] for f in failures if f["phase"] == phase}:
            groups.setdefault(unit, [])
        summary = {}
        for unit, runs in groups.items():
            runs.sort(key=lambda r: r["run"])
            entry = {
                "runs": len(runs),
                "failed_runs": [f for f in failures if f["phase"] == phase and f["unit"] == unit],
                "rps_per_run": [round(r["rps"], 1) for r in runs],
            }
            if runs:
                statuses = {}
                for r in runs:
                    for k, v in r["statuses"].items():
                        statuses[k] = statuses.get(k, 0) + v
                peaks = [r["rss_peak_kib"] for r in runs if r["rss_peak_kib"]]

                def median(key):
                    values = [r[key] for r in runs if r[key] is not None]
                    return statistics.median(values) if values else None

                maxima = [r["max_ms"] for r in runs if r["max_ms"] is not None]
                entry.update({
                    "rps": statistics.median(r["rps"] for r in runs),
                    "p50_ms": median("p50_ms"),
                    "p99_ms": median("p99_ms"),
                    "max_ms": max(maxima) if maxima else None,
                    "empty_runs": sum(1 for r in runs if r["requests"] == 0),
                    "requests": sum(r["requests"] for r in runs),
                    "errors": sum(r["errors"] for r in runs),
                    "non2xx": sum(r["non2xx"] for r in runs),
                    "socket_errors": sum(r["socket_errors"] for r in runs),
                    "timeouts": sum(r["timeouts"] for r in runs),
                    "statuses": statuses,
                    "rss_peak_kib": max(peaks) if peaks else None,
                    "paths": runs[0]["paths"],
                })
            summary[unit] = entry
        if summary:
            phases[phase] = summary
    return {
        "backend": info.get("backend", os.path.basename(tdir).split("-")[0]),
        "scale": int(info.get("scale", os.path.basename(tdir).split("-")[-1] or 0)),
        "info": info,
        "ready": load_json(os.path.join(tdir, "ready.json")),
        "lists": load_json(os.path.join(tdir, "lists", "lists.json")),
        "writer": load_json(os.path.join(tdir, "writer", "writer.json")),
        "phases": phases,
        "failures": failures,
    }


def plain(summary):
    out = []
    for t in summary["tables"]:
        out.append(f"\n{t['backend']} {t['scale']}: " + ready_line_of(t["ready"]))
        if t["info"].get("table_error"):
            out.append("  " + t["info"]["table_error"])
        for phase, units in t["phases"].items():
            out.append(f"  {phase}:  {'unit':12} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'RSS MiB':>8}")
            for unit in sorted(units, key=lambda u: (u[2:], u[0])):
                e = units[unit]
                if not e["runs"]:
                    out.append(f"         {unit:12} failed: {e['failed_runs'][0]['reason'][:100] if e['failed_runs'] else '?'}")
                    continue
                rss = f"{e['rss_peak_kib'] / 1024:8.0f}" if e["rss_peak_kib"] else f"{'-':>8}"
                p50 = f"{e['p50_ms']:8.2f}" if e["p50_ms"] is not None else f"{'-':>8}"
                p99 = f"{e['p99_ms']:8.2f}" if e["p99_ms"] is not None else f"{'-':>8}"
                out.append(f"         {unit:12} {e['rps']:9.1f} {p50} {p99} {e['errors']:7d} {rss}"
                           + (f"  ({e['empty_runs']} runs where no request finished)" if e["empty_runs"] else "")
                           + (f"  ({len(e['failed_runs'])} failed runs)" if e["failed_runs"] else ""))
        w = t.get("writer")
        if w:
            if "answered_2xx" in w:
                out.append(f"  writer: {w['answered_2xx']} answered 2xx / {w['errors']} errors / "
                           f"{w['missing_afterwards']} missing afterwards / visible in search after "
                           f"max {w['freshness']['max_s']} s (p50 {w['freshness']['p50_s']} s, {w['freshness']['found']} sampled)")
            else:
                out.append(f"  writer failed: {w.get('error')}")
    return "\n".join(out) + "\n"


def ready_line_of(r):
    if not r:
        return "no cold start measured"
    if not r.get("ok"):
        return "cold start failed: " + r.get("error", "?")
    return (f"ready in {r['readyz_ms']:.0f} ms, first search after {r['first_search_ms']:.0f} ms, "
            f"RSS at ready {r['rss_ready_kib'] / 1024:.1f} MiB")


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "--line":
        print(line(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None))
        return
    if len(sys.argv) == 3 and sys.argv[1] == "--ready":
        print(ready_line(sys.argv[2]))
        return
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    out = sys.argv[1]
    tables = [table(d) for d in sorted(glob.glob(os.path.join(out, "*-*")))
              if os.path.isdir(d) and os.path.exists(os.path.join(d, "info.txt"))]
    order = {"sqlite": 0, "postgres": 1}
    tables.sort(key=lambda t: (t["scale"], order.get(t["backend"], 9)))
    summary = {"meta": key_values(os.path.join(out, "meta.txt")), "tables": tables}
    with open(os.path.join(out, "summary.json"), "w") as f:
        json.dump(summary, f, indent=1, ensure_ascii=False)
    sys.stdout.write(plain(summary))


if __name__ == "__main__":
    main()
