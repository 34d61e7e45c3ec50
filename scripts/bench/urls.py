#!/usr/bin/env python3
"""Query lists for `make bench`, built from the running servers (Python 3 standard library only).

    urls.py lists --marcottage http://127.0.0.1:PORT [--directus http://127.0.0.1:8055] --out DIR
    urls.py ready --base http://127.0.0.1:PORT --t0-ns NS --pid PID --out ready.json

`lists` writes one file of paths per scenario and side (m_<scenario>.txt for Marcottage,
d_<scenario>.txt for Directus), ready for scripts/bench/walk.lua, and DIR/lists.json: how many
paths each list has, how many were checked (every path is fetched once and must answer 2xx,
within a time budget), the hits of each query (`total` on Marcottage, `filter_count` on
Directus) and the notes on where Directus' data differs from ours. Ids and cursors are read from
the servers, so the lists only hold valid ones. The lists are shuffled with a fixed seed: the
same lists on every run, neighbouring lines unrelated.

`ready` measures a cold start: milliseconds from T0 (taken by the caller just before it started
the server) until /readyz answers 200, and until a first search answers 200; the server's RSS
right after /readyz and after that first search.
"""
import argparse
import json
import os
import random
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

COUNTRIES = ["SN", "FR", "BF", "ML", "CI", "CM", "MA", "KE", "TN", "NG"]
CATEGORIES = ["technical_partnership", "industrial_partnership", "commercial_partnership",
              "financial_partnership", "internship", "job", "volunteering", "authority_cooperation"]
WORDS = ["cooperation", "coopération", "formation", "training", "agriculture", "solaire", "solar",
         "eau", "water", "santé", "health", "recyclage"]
WORD_COUNTRIES = ["SN", "FR", "ML", "CI", "CM", "MA"]
SECTORS = ["311", "321", "140", "240", "122", "160"]
SECTOR_COUNTRIES = ["SN", "BF", "ML", "CI", "GH"]
# Directus' data (../shared/peers/directus/gen_data.py) has 8 categories of its own; where ours
# has no namesake there, its list uses the closest of its own, so that both lists hold
# 10 x 8 filters, each about 1/8 of a country.
DIRECTUS_CATEGORY_HINT = {
    "technical_partnership": "partnership", "industrial_partnership": "training",
    "commercial_partnership": "tender", "financial_partnership": "funding",
    "authority_cooperation": "mentoring",
}
FIRST_PAGES = ["/api/v1/opportunities?limit=20", "/api/v1/projects?limit=20",
               "/api/v1/organisations?limit=20"]
FIRST_SEARCH = "/api/v1/opportunities?country=SN&limit=20"
# The atlas (cooperation links) and project search: Marcottage only (the peer has neither).
# Filter values are read from each listing's own facets, words are those of the seeded
# descriptions (French, with and without accents) and of English searchers.
ATLAS_WORDS = ["numérique", "numerique", "eau", "école", "santé", "sante", "agricole", "déchets",
               "Dakar", "Bamako", "water", "health"]
PROJECT_WORDS = ["solaire", "solar", "formation", "training", "eau", "water", "santé", "health",
                 "agriculture", "recyclage"]
SHUFFLE_SEED = 20261202


def get(base, path, timeout=60):
    """(status, parsed JSON or None, seconds)."""
    started = time.monotonic()
    request = urllib.request.Request(base + path, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            body = answer.read()
            status = answer.status
    except urllib.error.HTTPError as error:
        body, status = error.read(), error.code
    except (urllib.error.URLError, OSError) as error:
        return None, str(error), time.monotonic() - started
    try:
        data = json.loads(body) if body else None
    except ValueError:
        data = None
    return status, data, time.monotonic() - started


def must(base, path):
    status, data, _ = get(base, path)
    if status != 200 or not isinstance(data, dict):
        raise SystemExit(f"GET {base}{path} answered {status}: {str(data)[:300]}")
    return data


def quote(word):
    return urllib.parse.quote(word, safe="")


class Lists:
    def __init__(self, out, budget, scenarios):
        self.out = out
        self.scenarios = scenarios
        self.deadline = time.monotonic() + budget
        self.meta = {}

    def wanted(self, name):
        return self.scenarios is None or name.split("_", 1)[1] in self.scenarios

    def attempt(self, name, build, *args):
        """Build one list; a failure is recorded (the driver reports the scenario failed) and the
        other lists are still made."""
        if not self.wanted(name):
            return None
        try:
            return build(*args)
        except (SystemExit, Exception) as error:  # noqa: BLE001 - recorded in lists.json
            self.meta[name] = {"paths": 0, "checked": 0, "failed": [], "error": str(error)[:500]}
            print(f"  {name}: FAILED {str(error)[:300]}", file=sys.stderr, flush=True)
            return None

    def write(self, name, paths, base, hits=None, checked=None):
        paths = list(paths)
        if not paths:
            raise RuntimeError("no path for this list")
        random.Random(f"{SHUFFLE_SEED}:{name}").shuffle(paths)
        with open(os.path.join(self.out, name + ".txt"), "w") as f:
            f.write("\n".join(paths) + "\n")
        entry = {"paths": len(paths)}
        if checked is None:
            checked = self.check(base, paths)
        entry.update(checked)
        if hits:
            values = list(hits.values())
            entry["hits"] = {"min": min(values), "median": statistics.median(values),
                             "max": max(values), "zero": sorted(p for p, v in hits.items() if v == 0)}
        self.meta[name] = entry
        print(f"  {name}: {len(paths)} paths, {entry['checked']} checked, "
              f"{len(entry['failed'])} not 2xx" + (f", hits {entry['hits']['min']}-{entry['hits']['max']}"
                                                    if hits else ""), file=sys.stderr, flush=True)

    def check(self, base, paths, known=None):
        """Fetch every path once (within the budget): each must answer 2xx."""
        known = known or {}
        failed, checked, seconds = [], 0, []
        for path in paths:
            if path in known:
                status, took = known[path]
            else:
                if time.monotonic() > self.deadline:
                    break
                status, _, took = get(base, path)
            checked += 1
            seconds.append(took)
            if status is None or not 200 <= status < 300:
                failed.append({"path": path, "status": status})
        return {"checked": checked, "failed": failed,
                "first_fetch_ms": {"median": round(1000 * statistics.median(seconds), 1),
                                   "max": round(1000 * max(seconds), 1)} if seconds else None}


def marcottage_lists(base, lists):
    m = {}
    try:
        facets = must(base, "/api/v1/opportunities?limit=1").get("facets", {})
    except SystemExit as error:
        print(f"  facets of the first listing: {error}", file=sys.stderr, flush=True)
        facets = {}
    have_countries = {f["value"] for f in facets.get("country", [])}
    have_categories = {f["value"] for f in facets.get("category", [])}
    if facets:
        m["countries_without_rows"] = sorted(c for c in set(COUNTRIES + WORD_COUNTRIES + SECTOR_COUNTRIES)
                                             if c not in have_countries)
        m["categories_without_rows"] = [c for c in CATEGORIES if c not in have_categories]

    lists.attempt("m_bare", lists.write, "m_bare", ["/healthz"], base)

    def counted(name, paths):
        return lists.attempt(name, counted_list, name, paths) or {}

    def counted_list(name, paths):
        hits, known = {}, {}
        for path in paths:
            if time.monotonic() > lists.deadline:
                break
            status, data, took = get(base, path)
            known[path] = (status, took)
            if status == 200 and isinstance(data, dict):
                hits[path] = data.get("total", len(data.get("items", [])))
        lists.write(name, paths, base, hits, lists.check(base, paths, known))
        return hits

    m["filter_hits"] = counted("m_filter", [
        f"/api/v1/opportunities?country={c}&category={k}&sort=newest&limit=20"
        for c in COUNTRIES for k in CATEGORIES])
    m["words_hits"] = counted("m_words", [
        f"/api/v1/opportunities?q={quote(w)}&country={c}&limit=20" for w in WORDS for c in WORD_COUNTRIES])
    counted("m_sector", [f"/api/v1/opportunities?sector={s}&country={c}&limit=20"
                         for s in SECTORS for c in SECTOR_COUNTRIES])
    lists.attempt("m_first", lists.write, "m_first", FIRST_PAGES, base)
    m["deep_short"] = lists.attempt("m_deep", deep_pages, base, lists) or []
    lists.attempt("m_item", item_list, base, lists)
    lists.attempt("m_matches", matches_list, base, lists)
    # the facets these lists are made from are read inside the attempt: a failure there is
    # that scenario's failure, not the run's
    lists.attempt("m_atlas", lambda: counted_list("m_atlas", atlas_paths(base)))
    lists.attempt("m_projects", lambda: counted_list("m_projects", project_paths(base)))
    return m


def facet_values(base, path, field, most):
    """The `most` values of a listing's facet that have the most items."""
    facets = must(base, path).get("facets", {}).get(field, [])
    return [f["value"] for f in sorted(facets, key=lambda f: -f["count"])[:most]]


def atlas_paths(base):
    # 8 countries x 4 themes, 8 countries x status, 6 French regions x level, 12 words x 3
    # countries: 110 varied searches of the atlas
    first = "/api/v1/cooperation-links?limit=1"
    countries = [c for c in facet_values(base, first, "country", 9) if c != "FR"][:8]
    themes = facet_values(base, first, "theme", 4)
    regions = facet_values(base, first, "french_region", 6)
    paths = [f"/api/v1/cooperation-links?country={c}&theme={t}&limit=20" for c in countries for t in themes]
    paths += [f"/api/v1/cooperation-links?country={c}&status={s}&limit=20"
              for c in countries for s in ("active", "dormant")]
    paths += [f"/api/v1/cooperation-links?french_region={r}&level={lv}&limit=20"
              for r in regions for lv in ("municipality", "department", "region")]
    paths += [f"/api/v1/cooperation-links?q={quote(w)}&country={c}&limit=20"
              for w in ATLAS_WORDS for c in countries[:3]]
    return paths


def project_paths(base):
    # 8 countries x 4 stages, 10 words x 4 countries, 6 sectors x 4 countries: 96 searches
    first = "/api/v1/projects?limit=1"
    countries = facet_values(base, first, "country", 8)
    stages = facet_values(base, first, "stage", 4)
    sectors = facet_values(base, first, "sector_category", 6)
    paths = [f"/api/v1/projects?country={c}&stage={s}&limit=20" for c in countries for s in stages]
    paths += [f"/api/v1/projects?q={quote(w)}&country={c}&limit=20"
              for w in PROJECT_WORDS for c in countries[:4]]
    paths += [f"/api/v1/projects?sector={s}&country={c}&limit=20" for s in sectors for c in countries[:4]]
    return paths


def deep_pages(base, lists):
    # deep: pages 2..10 of 10 filters, by following next_cursor
    deep, known, short = [], {}, []
    for c in COUNTRIES:
        path = f"/api/v1/opportunities?country={c}&sort=newest&limit=20"
        data = must(base, path)
        for page in range(2, 11):
            cursor = data.get("next_cursor")
            if not cursor:
                short.append(f"{c}: no page {page}")
                break
            path = f"/api/v1/opportunities?country={c}&sort=newest&limit=20&cursor={cursor}"
            status, data, took = get(base, path)
            known[path] = (status, took)
            deep.append(path)
            if status != 200 or not isinstance(data, dict):
                short.append(f"{c}: page {page} answered {status}")
                break
    lists.write("m_deep", deep, base, None, lists.check(base, deep, known))
    return short


def item_list(base, lists):
    # item: 200 ids from a first listing (newest first)
    ids, path = [], "/api/v1/opportunities?limit=100"
    while len(ids) < 200:
        data = must(base, path)
        ids += [item["id"] for item in data["items"]]
        if not data.get("next_cursor"):
            break
        path = f"/api/v1/opportunities?limit=100&cursor={data['next_cursor']}"
    lists.write("m_item", [f"/api/v1/opportunities/{i}" for i in ids[:200]], base)


def matches_list(base, lists):
    # matches: 100 open opportunities (the default listing shows open ones), 10 per country
    open_ids = []
    for c in COUNTRIES:
        data = must(base, f"/api/v1/opportunities?country={c}&status=open&limit=10")
        open_ids += [item["id"] for item in data["items"] if item.get("status") == "open"]
    lists.write("m_matches", [f"/api/v1/opportunities/{i}/matches?limit=10" for i in open_ids[:100]], base)


def directus_lists(base, lists):
    d = {}

    def groups(field):
        data = must(base, f"/items/opportunities?groupBy[]={field}&aggregate[count]=*")["data"]
        return {row[field]: int(row["count"]) for row in data}

    categories, countries, statuses = groups("category"), groups("country"), groups("status")
    d["rows"] = sum(categories.values())
    d["statuses"] = statuses
    mapping, free = {}, [c for c in sorted(categories) if c not in CATEGORIES]
    for k in CATEGORIES:
        if k in categories:
            mapping[k] = k
    for k in CATEGORIES:
        if k in mapping:
            continue
        hint = DIRECTUS_CATEGORY_HINT.get(k)
        choice = hint if hint in free else (free[0] if free else None)
        if choice is None:
            raise SystemExit(f"Directus data has no category left for {k}")
        free.remove(choice)
        mapping[k] = choice
    d["category_map"] = {k: v for k, v in mapping.items() if k != v}
    d["countries_missing"] = sorted(c for c in set(COUNTRIES + WORD_COUNTRIES) if c not in countries)

    lists.attempt("d_bare", lists.write, "d_bare", ["/server/ping"], base)

    def counted(name, paths_and_filters):
        return lists.attempt(name, counted_list, name, paths_and_filters) or {}

    def counted_list(name, paths_and_filters):
        hits = {}
        for path, count_query in paths_and_filters:
            if time.monotonic() > lists.deadline:
                break
            status, data, _ = get(base, f"/items/opportunities?{count_query}&limit=0&meta=filter_count")
            if status == 200 and isinstance(data, dict):
                hits[path] = int(data["meta"]["filter_count"])
        lists.write(name, [p for p, _ in paths_and_filters], base, hits)
        return hits

    d["filter_hits"] = counted("d_filter", [
        (f"/items/opportunities?filter[country][_eq]={c}&filter[category][_eq]={mapping[k]}"
         f"&limit=20&sort=-created_at",
         f"filter[country][_eq]={c}&filter[category][_eq]={mapping[k]}")
        for c in COUNTRIES for k in CATEGORIES])
    d["words_hits"] = counted("d_words", [
        (f"/items/opportunities?search={quote(w)}&filter[country][_eq]={c}&limit=20",
         f"search={quote(w)}&filter[country][_eq]={c}")
        for w in WORDS for c in WORD_COUNTRIES])
    lists.attempt("d_first", lists.write, "d_first", ["/items/opportunities?limit=20&sort=-created_at"], base)
    lists.attempt("d_deep", lists.write, "d_deep", [
        f"/items/opportunities?filter[country][_eq]={c}&limit=20&sort=-created_at&offset={20 * (p - 1)}"
        for c in COUNTRIES for p in range(2, 11)], base)

    def item_ids():
        ids = [row["id"] for row in must(base, "/items/opportunities?limit=200&sort=-created_at&fields=id")["data"]]
        lists.write("d_item", [f"/items/opportunities/{i}" for i in ids], base)

    lists.attempt("d_item", item_ids)
    return d


def per_word(hits):
    out = {}
    for path, n in hits.items():
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)
        word = (query.get("q") or query.get("search"))[0]
        out[word] = out.get(word, 0) + n
    return out


def notes(m, d, scale, lists_meta):
    """Where the peer's data and queries differ from ours, in sentences for results.md."""
    lines = []
    if m.get("countries_without_rows"):
        lines.append("Marcottage's seed has no rows for " + ", ".join(sorted(m["countries_without_rows"]))
                     + ": those queries are empty.")
    if m.get("categories_without_rows"):
        lines.append("Marcottage's seed has no open rows in " + ", ".join(m["categories_without_rows"]) + ".")
    if m.get("deep_short"):
        lines.append("Deep pages missing on Marcottage: " + "; ".join(m["deep_short"]) + ".")
    for scenario, label in (("filter", "filter"), ("words", "words")):
        for side, name in (("m", "Marcottage"), ("d", "Directus")):
            zero = lists_meta.get(f"{side}_{scenario}", {}).get("hits", {}).get("zero", [])
            if zero:
                lines.append(f"{len(zero)} of the {label} queries find nothing on {name}: "
                             + ", ".join("`" + p.split("?", 1)[1].split("&limit")[0] + "`" for p in zero[:8])
                             + (" ..." if len(zero) > 8 else "") + ".")
    if d is None:
        return lines
    lines.append(f"Directus holds {d['rows']:,} rows (gen_data.py) whatever the scale; Marcottage here "
                 f"holds {int(scale):,} opportunities.".replace(",", " "))
    lines.append("Directus answers rows of every status (" + ", ".join(f"{k} {v}" for k, v in sorted(d["statuses"].items()))
                 + "); Marcottage lists only open, unexpired opportunities by default.")
    if d["category_map"]:
        lines.append("Categories: Directus' data has none of " + ", ".join(d["category_map"])
                     + "; its filter list uses " + ", ".join(f"{k} → {v}" for k, v in d["category_map"].items())
                     + " instead (same count of filters, each about 1/8 of a country).")
    if d["countries_missing"]:
        lines.append("Countries missing from Directus' data: " + ", ".join(d["countries_missing"]) + ".")
    mw, dw = per_word(m.get("words_hits", {})), per_word(d.get("words_hits", {}))
    if mw and dw:
        lines.append("Words (hits summed over the 6 countries, Marcottage / Directus): "
                     + ", ".join(f"{w} {mw.get(w, '?')} / {dw.get(w, '?')}" for w in WORDS)
                     + ". Directus' `search` is a substring scan folding ASCII case only"
                     " (`eau` also finds `bureau`, `coopération` is not `cooperation`); Marcottage's is"
                     " full text with accents folded and French/English stems.")
    lines.append("First page: Directus has one list (`/items/opportunities?limit=20&sort=-created_at`), "
                 "Marcottage three (opportunities, projects, organisations), each with `total` and facets.")
    lines.append("Deep pages: Directus by `offset`, Marcottage by `next_cursor`.")
    lines.append("Directus has no counterpart for `sector` or `matches` (Marcottage only).")
    return lines


def cmd_lists(args):
    os.makedirs(args.out, exist_ok=True)
    lists = Lists(args.out, args.budget, args.scenarios.split() if args.scenarios else None)
    print(f"query lists from {args.marcottage}" + (f" and {args.directus}" if args.directus else ""),
          file=sys.stderr, flush=True)
    m = marcottage_lists(args.marcottage.rstrip("/"), lists)
    d = None
    if args.directus:
        try:
            d = directus_lists(args.directus.rstrip("/"), lists)
        except (SystemExit, Exception) as error:  # noqa: BLE001 - the Directus side is reported failed
            print(f"  Directus lists FAILED: {error}", file=sys.stderr, flush=True)
    result = {"lists": lists.meta, "marcottage": m, "directus": d, "notes": notes(m, d, args.scale, lists.meta)}
    if time.monotonic() > lists.deadline:
        result["notes"].append(f"The check of the lists ran out of its {args.budget} s budget: "
                               "some paths were not fetched beforehand.")
    with open(os.path.join(args.out, "lists.json"), "w") as f:
        json.dump(result, f, indent=1, ensure_ascii=False)
    bad = {name: e["failed"] for name, e in lists.meta.items() if e["failed"]}
    if bad:
        print("paths not answering 2xx: " + json.dumps(bad)[:2000], file=sys.stderr)


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def cmd_ready(args):
    base = args.base.rstrip("/")
    deadline = time.monotonic() + args.timeout
    result = {"ok": False}

    def alive():
        try:
            os.kill(args.pid, 0)
            return True
        except OSError:
            return False

    def wait_for(path):
        while time.monotonic() < deadline:
            status, _, took = get(base, path, timeout=max(1, deadline - time.monotonic()))
            if status == 200:
                return (time.time_ns() - args.t0_ns) / 1e6, took * 1000
            if not alive():
                raise SystemExit("the server exited before it was ready")
            time.sleep(0.005)
        raise SystemExit(f"{path} did not answer 200 within {args.timeout} s")

    try:
        result["readyz_ms"], _ = wait_for("/readyz")
        result["rss_ready_kib"] = rss_kib(args.pid)
        result["first_search_ms"], result["first_search_request_ms"] = wait_for(FIRST_SEARCH)
        result["rss_after_first_search_kib"] = rss_kib(args.pid)
        result["first_search_path"] = FIRST_SEARCH
        result["ok"] = True
    except SystemExit as error:
        result["error"] = str(error)
    with open(args.out, "w") as f:
        json.dump(result, f, indent=1)
    print(json.dumps(result), file=sys.stderr)
    sys.exit(0 if result["ok"] else 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("lists")
    p.add_argument("--marcottage", required=True)
    p.add_argument("--directus")
    p.add_argument("--out", required=True)
    p.add_argument("--scale", default="0")
    p.add_argument("--budget", type=float, default=900, help="seconds for fetching every path once")
    p.add_argument("--scenarios", help="space-separated scenarios to make lists for (default: all)")
    p.set_defaults(func=cmd_lists)
    p = sub.add_parser("ready")
    p.add_argument("--base", required=True)
    p.add_argument("--t0-ns", type=int, required=True)
    p.add_argument("--pid", type=int, required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--timeout", type=float, default=900)
    p.set_defaults(func=cmd_ready)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
