#!/usr/bin/env python3
"""Medians (and min–max) of a run.sh results folder, as the Markdown tables of RESULTS.md.

    python3 summarize.py results/<dir>
"""
import re
import statistics
import sys
from collections import defaultdict
from pathlib import Path

KV = re.compile(r"([a-z_0-9]+)=([^\s]+)")


def kv(line):
    out = {}
    for k, v in KV.findall(line):
        try:
            out[k] = float(v)
        except ValueError:
            out[k] = v
    return out


def med(values):
    values = [v for v in values if isinstance(v, float) and v == v]
    return statistics.median(values) if values else float("nan")


def spread(values):
    values = [v for v in values if isinstance(v, float) and v == v]
    if not values:
        return "–"
    return f"{min(values):.4g}–{max(values):.4g}"


def runs(path):
    """Splits a log into runs (one per '###' header)."""
    chunks, cur = [], None
    for line in Path(path).read_text().splitlines():
        if line.startswith("### "):
            cur = []
            chunks.append(cur)
        elif cur is not None:
            cur.append(line)
    return chunks


def build_table(d):
    print("| scale | wall s (median, min–max) | CPU s user+sys | read from SQLite s | add+commit s | index MiB | segments | peak RSS MiB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, label in [("build-100k", "100 000 (sorted index)"), ("build-1m", "1 000 000 (sorted index)"),
                        ("build-100k-unsorted", "100 000 (unsorted)"), ("build-1m-unsorted", "1 000 000 (unsorted)")]:
        p = d / f"{name}.txt"
        if not p.exists():
            continue
        rows = []
        for chunk in runs(p):
            r = {}
            for line in chunk:
                if line.startswith(("build:", "index:", "time:")):
                    r.update(kv(line))
            rows.append(r)
        g = lambda k: [r.get(k, float("nan")) for r in rows]
        cpu = [r.get("user_s", 0) + r.get("sys_s", 0) for r in rows]
        print(f"| {label} | {med(g('total_s')):.1f} ({spread(g('total_s'))}) | {med(cpu):.1f} | {med(g('read_s')):.1f} | "
              f"{med(g('total_s')) - med(g('read_s')):.1f} | {med(g('bytes')) / 1048576:.0f} | {med(g('segments')):.0f} | {med(g('max_rss_kib')) / 1024:.0f} |")


def bench_rows(path):
    """{(label, mix): [dict per run]} and open/after facts per run."""
    res = defaultdict(list)
    opens = []
    for chunk in runs(path):
        merged = defaultdict(dict)
        o = {}
        for line in chunk:
            parts = line.split(" ", 1)
            if line.startswith("open:"):
                o.update(kv(line))
            elif line.startswith("after:"):
                o.update({"after_" + k: v for k, v in kv(line).items()})
            elif line.startswith("ram build_s"):
                o.update(kv(line))
            elif len(parts) == 2 and "mix=" in parts[1]:
                x = kv(parts[1])
                merged[(parts[0], x["mix"])].update(x)
        for k, v in merged.items():
            res[k].append(v)
        opens.append(o)
    return res, opens


def bench_table(files, title_label=True):
    print("| scale | mix | q/s (median, min–max of runs) | p50 ms | p99 ms | search p50 / p99 ms | fetch p50 / p99 ms | CPU µs per query | q/s per CPU-second |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for scale, path in files:
        if not path.exists():
            continue
        res, _ = bench_rows(path)
        for (label, mix), rs in res.items():
            g = lambda k: [r.get(k, float("nan")) for r in rs]
            name = f"{scale} {label}" if title_label else scale
            print(f"| {name} | {mix} | {med(g('qps')):.0f} ({spread(g('qps'))}) | {med(g('p50_ms')):.3f} | {med(g('p99_ms')):.3f} | "
                  f"{med(g('search_p50_ms')):.3f} / {med(g('search_p99_ms')):.3f} | {med(g('fetch_p50_ms')):.3f} / {med(g('fetch_p99_ms')):.3f} | "
                  f"{med(g('cpu_us_per_query')):.0f} | {med(g('qps_per_cpu_second')):.0f} |")


def pivot_table(files):
    """Variants side by side: CPU µs per query (wall q/s, p99 ms), medians."""
    print("| scale | variant | filter | words | first | deep |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for scale, path in files:
        if not path.exists():
            continue
        res, _ = bench_rows(path)
        labels = []
        for (label, _mix) in res:
            if label not in labels:
                labels.append(label)
        for label in labels:
            cells = []
            for mix in ["filter", "words", "first", "deep"]:
                rs = res.get((label, mix))
                if not rs:
                    cells.append("–")
                    continue
                g = lambda k: [r.get(k, float("nan")) for r in rs]
                cells.append(f"{med(g('cpu_us_per_query')):.0f} µs ({med(g('qps')):.0f} q/s, p99 {med(g('p99_ms')):.2f})")
            print(f"| {scale} | {label.rsplit('-', 1)[0]} | " + " | ".join(cells) + " |")


def rss_table(d):
    print("| scale | directory | open ms | RSS after opening the reader MiB (anon / file) | RSS after all mixes MiB (anon / file) | index on disk MiB |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for name, scale, kind in [("bench-100k", "100 000", "MmapDirectory"), ("bench-1m", "1 000 000", "MmapDirectory"),
                              ("ram-100k", "100 000", "RamDirectory (built in process)"), ("ram-1m", "1 000 000", "RamDirectory (built in process)")]:
        p = d / f"{name}.txt"
        if not p.exists():
            continue
        _, opens = bench_rows(p)
        g = lambda k: [o.get(k, float("nan")) for o in opens]
        mib = lambda k: med(g(k)) / 1024
        print(f"| {scale} | {kind} | {med(g('ms')):.1f} | {mib('rss_kib'):.0f} ({mib('anon_kib'):.0f} / {mib('file_kib'):.0f}) | "
              f"{mib('after_rss_kib'):.0f} ({mib('after_anon_kib'):.0f} / {mib('after_file_kib'):.0f}) | {med(g('index_bytes')) / 1048576:.0f} |")


def nrt_table(d):
    print("| scale | where | writes | commit p50 / p99 / max ms | reload p50 / p99 ms | visible p50 / p99 ms | segments at end | filter q/s, p50 / p99 ms | words q/s, p50 / p99 ms |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, scale, where in [("nrt-100k", "100 000", "disk, with queries"), ("nrt-1m", "1 000 000", "disk, with queries"),
                               ("nrt-idle-100k", "100 000", "disk, no queries"), ("nrt-tmpfs-100k", "100 000", "tmpfs, with queries")]:
        p = d / f"{name}.txt"
        if not p.exists():
            continue
        ws, ms = [], defaultdict(list)
        for chunk in runs(p):
            for line in chunk:
                if line.startswith("nrt writes="):
                    ws.append(kv(line))
                elif line.startswith("nrt mix="):
                    x = kv(line)
                    ms[x["mix"]].append(x)
        g = lambda rs, k: [r.get(k, float("nan")) for r in rs]
        m = lambda mix: (f"{med(g(ms[mix], 'qps')):.0f}, {med(g(ms[mix], 'p50_ms')):.2f} / {med(g(ms[mix], 'p99_ms')):.2f}"
                         if ms[mix] and med(g(ms[mix], 'qps')) == med(g(ms[mix], 'qps')) else "–")
        print(f"| {scale} | {where} ({len(ws)} runs) | {med(g(ws, 'writes')):.0f} | {med(g(ws, 'commit_p50_ms')):.1f} / {med(g(ws, 'commit_p99_ms')):.1f} / {med(g(ws, 'commit_max_ms')):.1f} | "
              f"{med(g(ws, 'reload_p50_ms')):.2f} / {med(g(ws, 'reload_p99_ms')):.2f} | {med(g(ws, 'visible_p50_ms')):.1f} / {med(g(ws, 'visible_p99_ms')):.1f} | "
              f"{med(g(ws, 'segments_end')):.0f} | {m('filter')} | {m('words')} |")


def main():
    d = Path(sys.argv[1])
    print("## Build\n")
    build_table(d)
    print("\n## Mixes (MmapDirectory, defaults)\n")
    bench_table([("100k", d / "bench-100k.txt"), ("1M", d / "bench-1m.txt")])
    print("\n## Memory\n")
    rss_table(d)
    print("\n## RAM directory mixes\n")
    bench_table([("100k", d / "ram-100k.txt"), ("1M", d / "ram-1m.txt")])
    print("\n## Variants\n")
    bench_table([("100k", d / "var-100k.txt"), ("1M", d / "var-1m.txt")])
    print("\n## Variants side by side (CPU µs per query; wall q/s and p99 ms in brackets)\n")
    pivot_table([("100k", d / "var-100k.txt"), ("1M", d / "var-1m.txt")])
    print("\n## Near-real-time writes\n")
    nrt_table(d)


if __name__ == "__main__":
    main()
