#!/usr/bin/env python3
"""The writer of `make bench`: one member publishing opportunities at a steady rate through the
API while the searches are measured (Python 3 standard library only; from
../shared/peers/mixed.sh's writer).

    writer.py --base http://127.0.0.1:PORT --rate 2 --db-kind sqlite --db FILE --out DIR
    writer.py ... --db-kind postgres --db DBNAME      (read with psql on PGHOST/PGUSER)

1. Registers a member, reads the verification token from the `outbox` table (the SQLite file,
   or PostgreSQL through `psql`), verifies the e-mail, logs in.
2. Publishes RATE opportunities a second (POST /api/v1/opportunities) on a fixed schedule, each
   POST in a worker thread so that a slow answer does not slow the rate; categories, countries
   and sectors vary, and each title carries a unique made-up word. Logs in again when the
   15-minute access token nears its expiry. Every non-2xx answer (and every failed request) is
   logged to DIR/writer.log.
3. Freshness: for one write in FRESH_EVERY, polls `?q=<its word>` every 50 ms until the new item
   is found, and records the seconds from the 2xx answer until then (at most 60 s).
4. On SIGTERM (or after --max-seconds): stops publishing, waits for what is in flight, then checks
   every write answered 2xx: GET by id must answer 200 and `?q=<its word>` must find it (a write
   not yet found is retried for up to 30 s). Writes DIR/writer.json and exits.

DIR/writer.ready appears once logged in (the driver waits for it).
"""
import argparse
import concurrent.futures as futures
import json
import os
import random
import re
import signal
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timezone

COUNTRIES = ["SN", "FR", "BF", "ML", "CI", "CM", "MA", "KE", "TN", "NG"]
CATEGORIES = ["technical_partnership", "industrial_partnership", "commercial_partnership",
              "financial_partnership", "internship", "job", "volunteering", "authority_cooperation"]
TITLES = ["Coopération technique {w} pour une coopérative solaire", "Formation {w} en agriculture et santé",
          "Partner wanted {w} for solar water pumping", "Training {w} in health and recycling"]
DESCRIPTION = ("Appui technique en coopération décentralisée : formation, eau et assainissement, "
               "énergie solaire. Technical cooperation with local partners.")
PASSWORD = "bench writer password 2026"

stop = threading.Event()
log_lock = threading.Lock()


def log(out, line):
    with log_lock:
        with open(os.path.join(out, "writer.log"), "a") as f:
            f.write(datetime.now(timezone.utc).strftime("%H:%M:%S.%f")[:-3] + " " + line + "\n")


def call(base, method, path, body=None, token=None, timeout=30):
    """(status, parsed body or text, seconds); status None on a failed request."""
    headers = {"Accept": "application/json"}
    data = None
    if body is not None:
        headers["Content-Type"] = "application/json"
        data = json.dumps(body).encode()
    if token:
        headers["Authorization"] = "Bearer " + token
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            raw, status = answer.read(), answer.status
    except urllib.error.HTTPError as error:
        raw, status = error.read(), error.code
    except (urllib.error.URLError, OSError) as error:
        return None, f"{type(error).__name__}: {error}", time.monotonic() - started
    try:
        parsed = json.loads(raw) if raw else None
    except ValueError:
        parsed = raw.decode(errors="replace")
    return status, parsed, time.monotonic() - started


def outbox_payloads(kind, db, email):
    like = f"%{email}%"
    if kind == "sqlite":
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
        try:
            return [str(row[0]) for row in con.execute(
                "SELECT payload FROM outbox WHERE CAST(payload AS TEXT) LIKE ? ORDER BY created_at DESC LIMIT 5",
                (like,))]
        finally:
            con.close()
    sql = ("SELECT payload::text FROM outbox WHERE payload::text LIKE '" + like.replace("'", "''")
           + "' ORDER BY created_at DESC LIMIT 5")
    result = subprocess.run(["psql", "-X", "-At", "-v", "ON_ERROR_STOP=1", "-d", db, "-c", sql],
                            capture_output=True, text=True, timeout=30)
    if result.returncode != 0:
        raise RuntimeError("psql: " + result.stderr.strip())
    return result.stdout.splitlines()


class Writer:
    def __init__(self, args):
        self.args = args
        self.base = args.base.rstrip("/")
        self.rng = random.Random(args.seed)
        self.token = None
        self.token_until = 0.0
        self.logins = 0
        self.token_lock = threading.Lock()
        self.writes = []  # dicts, one per attempted POST
        self.writes_lock = threading.Lock()
        self.fresh = []  # seconds from 2xx until found by search
        self.fresh_timeouts = 0
        self.sectors = ["31120", "31163", "23230", "14030"]

    # -- account -----------------------------------------------------------------------------
    def login(self):
        status, body, _ = call(self.base, "POST", "/api/v1/auth/login",
                               {"email": self.email, "password": PASSWORD})
        if status != 200:
            log(self.args.out, f"POST /api/v1/auth/login -> {status} {str(body)[:300]}")
            raise RuntimeError(f"login answered {status}")
        self.token = body["access_token"]
        # log in again 2 minutes before the access token expires (15 minutes)
        lifetime = max(30, int(body.get("expires_in", 900)) - 120)
        self.token_until = time.monotonic() + (self.args.relogin_after or lifetime)
        self.logins += 1

    def access_token(self):
        with self.token_lock:
            if time.monotonic() >= self.token_until:
                self.login()
                log(self.args.out, "logged in again (access token near its expiry)")
            return self.token

    def account(self):
        self.email = f"bench-writer-{self.args.seed}-{os.getpid()}@example.org"
        status, body, _ = call(self.base, "POST", "/api/v1/auth/register",
                               {"email": self.email, "password": PASSWORD, "display_name": "Bench writer"})
        if status is None or not 200 <= status < 300:
            raise RuntimeError(f"register answered {status}: {str(body)[:300]}")
        token, deadline = None, time.monotonic() + 30
        while token is None and time.monotonic() < deadline:
            for payload in outbox_payloads(self.args.db_kind, self.args.db, self.email):
                found = re.search(r"verify-email\?token=([A-Za-z0-9_-]+)", payload)
                if found:
                    token = found.group(1)
                    break
            else:
                time.sleep(0.2)
        if token is None:
            raise RuntimeError("no verification e-mail in the outbox within 30 s")
        status, body, _ = call(self.base, "POST", "/api/v1/auth/verify-email", {"token": token})
        if status is None or not 200 <= status < 300:
            raise RuntimeError(f"verify-email answered {status}: {str(body)[:300]}")
        self.login()
        # sector codes that the API accepts: those of existing items
        status, body, _ = call(self.base, "GET", "/api/v1/opportunities?limit=50")
        if status == 200:
            codes = sorted({s for item in body.get("items", []) for s in item.get("sectors", [])})
            if codes:
                self.sectors = codes

    # -- writes ------------------------------------------------------------------------------
    def word(self):
        return "zq" + "".join(self.rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(10))

    def body(self, n, word):
        return {
            "direction": "offer" if n % 2 == 0 else "request",
            "category": CATEGORIES[n % len(CATEGORIES)],
            "title": TITLES[n % len(TITLES)].format(w=word),
            "description": DESCRIPTION,
            "country": COUNTRIES[n % len(COUNTRIES)],
            "sectors": self.rng.sample(self.sectors, min(2, len(self.sectors))),
        }

    def post(self, n, word, scheduled):
        record = {"n": n, "word": word, "late_s": round(time.monotonic() - scheduled, 3)}
        try:
            token = self.access_token()
        except Exception as error:  # noqa: BLE001 - logged and counted
            token = None
            log(self.args.out, f"login failed: {error}")
        status, body, took = call(self.base, "POST", "/api/v1/opportunities", self.body(n, word), token)
        record.update(status=status, seconds=round(took, 4), answered=time.monotonic())
        if status is not None and 200 <= status < 300 and isinstance(body, dict):
            record["id"] = body.get("id")
        else:
            log(self.args.out, f"POST /api/v1/opportunities #{n} -> {status} {str(body)[:300]}")
            if status == 401:
                with self.token_lock:
                    self.token_until = 0
        with self.writes_lock:
            self.writes.append(record)
        return record

    def found(self, word, ident, token=None):
        status, body, _ = call(self.base, "GET", f"/api/v1/opportunities?q={urllib.parse.quote(word)}&limit=20",
                               token=token)
        if status != 200:
            return False, status
        return any(item.get("id") == ident for item in body.get("items", [])), status

    def freshness(self, record):
        """Seconds from the 2xx answer until the search finds the new item (polled every 50 ms)."""
        deadline = record["answered"] + 60
        while time.monotonic() < deadline:
            ok, status = self.found(record["word"], record["id"])
            if ok:
                with self.writes_lock:
                    self.fresh.append(time.monotonic() - record["answered"])
                return
            if status != 200:
                log(self.args.out, f"freshness search for {record['word']} -> {status}")
            time.sleep(0.05)
        with self.writes_lock:
            self.fresh_timeouts += 1
        log(self.args.out, f"write #{record['n']} ({record['id']}) not found by search within 60 s")

    def run(self):
        args = self.args
        self.account()
        open(os.path.join(args.out, "writer.ready"), "w").write(self.email + "\n")
        log(args.out, f"ready as {self.email}; publishing {args.rate} a second")
        posts = futures.ThreadPoolExecutor(max_workers=args.workers)
        polls = futures.ThreadPoolExecutor(max_workers=4)
        pending = []
        started = time.monotonic()
        end = started + args.max_seconds
        n = 0
        while not stop.is_set() and time.monotonic() < end:
            scheduled = started + n / args.rate
            delay = scheduled - time.monotonic()
            if delay > 0 and stop.wait(delay):
                break
            word = self.word()
            future = posts.submit(self.post, n, word, scheduled)
            if n % args.fresh_every == args.fresh_every - 1:
                def then(f):
                    record = f.result()
                    if record.get("id"):
                        polls.submit(self.freshness, record)
                future.add_done_callback(then)
            pending.append(future)
            n += 1
            if n % max(1, int(60 * args.rate)) == 0:
                log(args.out, f"{n} writes sent")
        self.elapsed = time.monotonic() - started
        posts.shutdown(wait=True)
        polls.shutdown(wait=True)
        log(args.out, f"stopped after {n} writes in {self.elapsed:.1f} s; checking them")
        self.verify()

    # -- afterwards --------------------------------------------------------------------------
    def verify(self):
        deadline = time.monotonic() + self.args.verify_seconds
        ok = [w for w in self.writes if w.get("id")]
        self.missing_by_id, self.missing_in_search, self.unchecked = [], [], 0
        for w in ok:
            if time.monotonic() > deadline:
                self.unchecked += 1
                continue
            status, body, _ = call(self.base, "GET", f"/api/v1/opportunities/{w['id']}")
            if status != 200:
                self.missing_by_id.append(w["id"])
                log(self.args.out, f"afterwards: GET /api/v1/opportunities/{w['id']} -> {status}")
            retry_until = time.monotonic() + 30
            while True:
                seen, status = self.found(w["word"], w["id"])
                if seen or time.monotonic() > retry_until:
                    break
                time.sleep(0.5)
            if not seen:
                self.missing_in_search.append(w["id"])
                log(self.args.out, f"afterwards: ?q={w['word']} does not find {w['id']} (last status {status})")

    def summary(self):
        ok = [w for w in self.writes if w.get("id")]
        failed = [w for w in self.writes if not w.get("id")]
        by_status = {}
        for w in failed:
            key = str(w["status"]) if w["status"] is not None else "no answer"
            by_status[key] = by_status.get(key, 0) + 1
        seconds = sorted(w["seconds"] for w in self.writes if w.get("status") is not None)

        def pct(values, q):
            return round(values[min(len(values) - 1, int(q * len(values)))], 4) if values else None

        fresh = sorted(self.fresh)
        return {
            "rate_asked": self.args.rate,
            "attempted": len(self.writes),
            "answered_2xx": len(ok),
            "errors": len(failed),
            "errors_by_status": by_status,
            "achieved_rate": round(len(ok) / self.elapsed, 3) if getattr(self, "elapsed", 0) else None,
            "seconds_writing": round(getattr(self, "elapsed", 0), 1),
            "late_posts": sum(1 for w in self.writes if w["late_s"] > 0.5),
            "logins": self.logins,
            "post_seconds": {"p50": pct(seconds, 0.5), "p99": pct(seconds, 0.99),
                             "max": seconds[-1] if seconds else None},
            "checked_afterwards": len(ok) - getattr(self, "unchecked", 0),
            "unchecked_afterwards": getattr(self, "unchecked", 0),
            "missing_by_id": len(getattr(self, "missing_by_id", [])),
            "missing_in_search": len(getattr(self, "missing_in_search", [])),
            "missing_afterwards": len(set(getattr(self, "missing_by_id", [])) | set(getattr(self, "missing_in_search", []))),
            "freshness": {"sampled": len(fresh) + self.fresh_timeouts, "found": len(fresh),
                          "not_found_within_60s": self.fresh_timeouts,
                          "p50_s": round(statistics.median(fresh), 3) if fresh else None,
                          "max_s": round(fresh[-1], 3) if fresh else None,
                          "every": self.args.fresh_every},
        }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", required=True)
    parser.add_argument("--rate", type=float, default=2.0, help="writes a second")
    parser.add_argument("--db-kind", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--db", required=True, help="SQLite file, or PostgreSQL database name")
    parser.add_argument("--out", required=True)
    parser.add_argument("--fresh-every", type=int, default=5, help="poll the search for one write in N")
    parser.add_argument("--workers", type=int, default=8, help="POSTs in flight at most")
    parser.add_argument("--max-seconds", type=float, default=4 * 3600, help="stop publishing after this")
    parser.add_argument("--verify-seconds", type=float, default=600, help="budget of the check afterwards")
    parser.add_argument("--seed", default=str(int(time.time())))
    parser.add_argument("--relogin-after", type=float, default=0,
                        help="log in again after this many seconds (default: 2 minutes before the token expires)")
    args = parser.parse_args()
    if args.rate <= 0:
        raise SystemExit("--rate must be positive")
    os.makedirs(args.out, exist_ok=True)
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    writer = Writer(args)
    code = 0
    try:
        writer.run()
    except Exception as error:  # noqa: BLE001 - reported in writer.json
        log(args.out, f"writer failed: {error}")
        code = 1
        result = {"error": str(error)}
    else:
        result = writer.summary()
    if code == 1 and writer.writes:
        result.update(writer.summary())
    with open(os.path.join(args.out, "writer.json"), "w") as f:
        json.dump(result, f, indent=1)
    print(json.dumps(result), file=sys.stderr)
    sys.exit(code)


if __name__ == "__main__":
    main()
