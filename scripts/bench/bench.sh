#!/usr/bin/env bash
# make bench — Marcottage measured side by side with Directus (the peer), end to end, in one run.
#
#   make bench                                   # everything below, ~2.5 h on 2 cores
#   SCALES=100000 BACKENDS=sqlite RUNS=1 DURATION=5s WARMUP=2s SKIP_BUILD=1 make bench   # smoke
#
# For each backend (SQLite, PostgreSQL) and scale (opportunities seeded with
# `marcottage seed --scale N`): a cold start of the release server (ms until /readyz and until a
# first search answer 200, RSS right after ready), then every scenario with wrk, then the search
# scenarios again while a writer publishes WRITES_PER_S opportunities a second through the API,
# and what the writer checked afterwards. Results go to target/bench/<UTC time>/: raw wrk output,
# RSS samples, the URL lists, summary.json and results.md (one table per backend x scale).
#
# Knobs (environment variables, defaults in brackets):
#   RUNS [3]            measured runs of each scenario; the tables show medians
#   DURATION [30s]      length of one measured run (wrk -d)
#   WARMUP [10s]        one warm-up run before the first measured run of each scenario
#   CONNS [16]          wrk connections, every scenario but matches
#   MATCH_CONNS [8]     wrk connections of the matches scenario
#   WRITES_PER_S [2]    the writer's rate in the "with writes" phase; 0 skips that phase
#   BACKENDS ["sqlite postgres"]
#   SCALES ["100000 1000000"]
#   SCENARIOS [all]     a subset of: bare filter words sector first deep item matches atlas projects
#                       (atlas: cooperation links, a third as many as the opportunities;
#                       projects: project search; both Marcottage only)
#   SKIP_BUILD [0]      1 = use target/release/marcottage as it is
#   PEER [directus]     directus, or none (Marcottage alone)
#   PEERS_DIR [../shared/peers from the repo root]  where directus/setup.sh lives
#   PEER_DIR [/tmp/peer-directus]  Directus' own directory (its pid file), as setup.sh uses it
#   DIRECTUS_PORT [8055]
#   KEEP [0]            1 = keep the PostgreSQL databases and the SQLite copies of the run
#   REUSE_SEED [0]      1 = use a cached seeded SQLite file even if another binary made it
#                       (by default the cache is keyed by the binary's SHA-256)
#   PG_CACHE [0]        1 = keep a seeded PostgreSQL template per scale and binary
#                       (marcottage_bench_tpl_<scale>_<sha>) and clone it with createdb -T
#   PGHOST [127.0.0.1] PGPORT [5432] PGUSER [postgres]   PostgreSQL (trust auth)
#   FROM_DATABASE [0]   1 = MARCOTTAGE_LISTINGS_FROM_DATABASE: listings answered by SQL, not the
#                       in-memory index (to measure the database design against it)
#   SERVER_CPU [1] LOAD_CPU [0]   cores of the server (and Directus) and of wrk
#   OUT [target/bench/<UTC time>]  SEED_TIMEOUT [7200] s per seeding
#   CHECK_BUDGET [900] s to fetch every listed URL once before measuring
#   VERIFY_BUDGET [600] s for the writer's check afterwards
#
# Everything listens on 127.0.0.1; every process started here is stopped on exit (Directus too
# if it was not running before); waits and loops are bounded; a failed scenario is reported in
# the results and the run goes on.
set -uo pipefail
{ # the whole script is parsed before it runs: editing this file during a run cannot derail it

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE=$ROOT/scripts/bench
RUNS=${RUNS:-3}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-10s}
CONNS=${CONNS:-16}
MATCH_CONNS=${MATCH_CONNS:-8}
WRITES_PER_S=${WRITES_PER_S:-2}
BACKENDS=${BACKENDS:-"sqlite postgres"}
SCALES=${SCALES:-"100000 1000000"}
SCENARIOS=${SCENARIOS:-all}
SKIP_BUILD=${SKIP_BUILD:-0}
PEER=${PEER:-directus}
PEERS_DIR=${PEERS_DIR:-$ROOT/../shared/peers}
PEER_DIR=${PEER_DIR:-/tmp/peer-directus}
DIRECTUS_PORT=${DIRECTUS_PORT:-8055}
KEEP=${KEEP:-0}
REUSE_SEED=${REUSE_SEED:-0}
PG_CACHE=${PG_CACHE:-0}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
FROM_DATABASE=${FROM_DATABASE:-0}
SERVER_CPU=${SERVER_CPU:-1}
LOAD_CPU=${LOAD_CPU:-0}
SEED_TIMEOUT=${SEED_TIMEOUT:-7200}
CHECK_BUDGET=${CHECK_BUDGET:-900}
VERIFY_BUDGET=${VERIFY_BUDGET:-600}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=${OUT:-$ROOT/target/bench/$STAMP}
CACHE_DIR=$ROOT/target/bench/cache
BIN=$ROOT/target/release/marcottage
RUN_TAG=$(tr 'A-Z' 'a-z' <<<"$STAMP")_$$

READ_SCENARIOS=(bare filter words sector first deep item matches atlas projects)
WRITE_SCENARIOS=(filter words first deep matches atlas projects)
DIRECTUS_SCENARIOS=" bare filter words first deep item "

T_START=$(date +%s)
mkdir -p "$OUT" "$CACHE_DIR" || exit 1
OUT=$(cd "$OUT" && pwd)

elapsed() { local s=$(( $(date +%s) - ${1:-$T_START} )); printf '%dh%02dm%02ds' $((s / 3600)) $((s % 3600 / 60)) $((s % 60)); }
log() { printf '[%s +%s] %s\n' "$(date -u +%H:%M:%S)" "$(elapsed)" "$*" | tee -a "$OUT/bench.log" >&2; }
die() { log "FATAL: $*"; exit 1; }
seconds_of() {  # 30s, 2m, 1h, 45 -> seconds
  local v=$1
  case $v in
    *ms) echo 1 ;; *s) echo "${v%s}" ;; *m) echo $(( ${v%m} * 60 )) ;; *h) echo $(( ${v%h} * 3600 )) ;; *) echo "$v" ;;
  esac
}
DUR_S=$(seconds_of "$DURATION"); WARM_S=$(seconds_of "$WARMUP")
[[ $DUR_S =~ ^[0-9]+$ && $WARM_S =~ ^[0-9]+$ && $RUNS =~ ^[1-9][0-9]*$ ]] ||
  die "DURATION, WARMUP must be like 30s / 2m, RUNS a positive number"

# ----------------------------------------------------------------------------- scenarios
if [[ $SCENARIOS != all ]]; then
  for s in $SCENARIOS; do
    [[ " ${READ_SCENARIOS[*]} " == *" $s "* ]] || die "unknown scenario '$s' (${READ_SCENARIOS[*]})"
  done
  keep() { local out=() s; for s in "$@"; do [[ " $SCENARIOS " == *" $s "* ]] && out+=("$s"); done; echo "${out[*]}"; }
  read -r -a READ_SCENARIOS <<<"$(keep "${READ_SCENARIOS[@]}")"
  read -r -a WRITE_SCENARIOS <<<"$(keep "${WRITE_SCENARIOS[@]}")"
fi
[[ $WRITES_PER_S == 0 ]] && WRITE_SCENARIOS=()
case $PEER in directus|none) ;; *) die "PEER is directus or none" ;; esac
for b in $BACKENDS; do case $b in sqlite|postgres) ;; *) die "unknown backend '$b'" ;; esac; done
for n in $SCALES; do [[ $n =~ ^[1-9][0-9]*$ ]] || die "scale '$n' is not a number"; done
conns_of() { [[ $1 == matches ]] && echo "$MATCH_CONNS" || echo "$CONNS"; }
sides_of() { if [[ $PEER == directus && $DIRECTUS_SCENARIOS == *" $1 "* ]]; then echo "d m"; else echo m; fi; }

# ----------------------------------------------------------------------------- cleanup
declare -a TRACKED=() CREATED_DBS=() RUN_FILES=()
SERVER_PID=
DIRECTUS_STARTED_HERE=0
REPORTED=0
track() { TRACKED+=("$1"); }
untrack() {  # once reaped, a pid may be reused by another process: never signal it again
  local p keep=()
  for p in "${TRACKED[@]}"; do [[ $p == "$1" ]] || keep+=("$p"); done
  TRACKED=("${keep[@]}")
}
alive() { local st; st=$(ps -o stat= -p "$1" 2>/dev/null) && [[ $st != Z* ]]; }  # a zombie answers kill -0
stop_pid() {  # pid [seconds before KILL]
  local pid=$1 wait_s=${2:-10} i
  if alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null
    for ((i = 0; i < wait_s * 10; i++)); do alive "$pid" || break; sleep 0.1; done
    alive "$pid" && kill -KILL "$pid" 2>/dev/null
  fi
  wait "$pid" 2>/dev/null
  untrack "$pid"
  return 0
}
report() {
  [[ $REPORTED == 1 ]] && return 0
  REPORTED=1
  python3 "$HERE/summarise.py" "$OUT" >"$OUT/summary.txt" 2>"$OUT/summarise.err" || log "summarise.py failed: $(tail -q -n 3 "$OUT/summarise.err")"
  python3 "$HERE/report.py" "$OUT" >"$OUT/results.md" 2>"$OUT/report.err" || log "report.py failed: $(tail -q -n 3 "$OUT/report.err")"
}
cleanup() {
  local code=$? pid db f
  trap - EXIT INT TERM
  for pid in "${TRACKED[@]}"; do stop_pid "$pid" 5; done
  if [[ $KEEP != 1 ]]; then
    for db in "${CREATED_DBS[@]}"; do dropdb --if-exists "$db" 2>/dev/null || log "could not drop database $db"; done
    for f in "${RUN_FILES[@]}"; do rm -f "$f" "$f-wal" "$f-shm"; done
  elif ((${#CREATED_DBS[@]})); then
    log "KEEP=1: kept databases ${CREATED_DBS[*]}"
  fi
  if [[ $DIRECTUS_STARTED_HERE == 1 ]]; then
    PEER_DIR=$PEER_DIR "$PEERS_DIR/directus/stop.sh" >/dev/null 2>&1
    log "stopped Directus (it was not running before this run)"
  fi
  report
  [[ -s $OUT/summary.txt ]] && cat "$OUT/summary.txt" >&2
  log "total time $(elapsed); results: $OUT/results.md"
  exit "$code"
}
CURRENT_UNIT=()
interrupted() {  # the run being measured when the signal came is not a measurement
  log "$1"
  if ((${#CURRENT_UNIT[@]})); then
    mv -f "${CURRENT_UNIT[4]}.wrk" "${CURRENT_UNIT[4]}.wrk.interrupted" 2>/dev/null
    fail_unit "${CURRENT_UNIT[@]:0:4}" "$1"
  fi
}
trap cleanup EXIT
trap 'interrupted interrupted; exit 130' INT
trap 'interrupted terminated; exit 143' TERM

# ----------------------------------------------------------------------------- tools
for tool in wrk taskset curl python3 ps timeout; do command -v "$tool" >/dev/null || die "$tool is missing"; done
[[ $BACKENDS == *postgres* ]] && for tool in psql createdb dropdb; do command -v "$tool" >/dev/null || die "$tool is missing"; done
(( $(nproc) >= 2 )) || log "WARNING: fewer than 2 cores: the server and wrk share one"

units=0
for b in $BACKENDS; do for n in $SCALES; do
  for s in "${READ_SCENARIOS[@]}"; do for _ in $(sides_of "$s"); do units=$((units + 1)); done; done
  units=$((units + ${#WRITE_SCENARIOS[@]}))
done; done
per_unit=$((RUNS * DUR_S + WARM_S))
log "output: $OUT"
log "plan: backends [$BACKENDS] x scales [$SCALES]; read [${READ_SCENARIOS[*]}], with $WRITES_PER_S writes/s [${WRITE_SCENARIOS[*]}]; peer $PEER"
log "      $RUNS x $DURATION (+ $WARMUP warm-up) per scenario and side, $CONNS connections ($MATCH_CONNS for matches): at least $(( units * per_unit / 60 )) min of load, plus seeding and checks"

# ----------------------------------------------------------------------------- build
if [[ $SKIP_BUILD != 1 ]]; then
  log "cargo build --release -p marcottage-api"
  (cd "$ROOT" && cargo build --release -p marcottage-api) >"$OUT/build.log" 2>&1 || die "build failed: $(tail -q -n 5 "$OUT/build.log")"
fi
[[ -x $BIN ]] || die "$BIN is missing (run without SKIP_BUILD=1)"
BIN_SHA=$(sha256sum "$BIN" | cut -c1-16)
log "binary $BIN (sha256 $BIN_SHA…)"

# ----------------------------------------------------------------------------- Directus
DPID=
DBASE=
if [[ $PEER == directus ]]; then
  [[ -x $PEERS_DIR/directus/setup.sh ]] || die "no $PEERS_DIR/directus/setup.sh (set PEERS_DIR, or PEER=none)"
  pid=$(cat "$PEER_DIR/directus.pid" 2>/dev/null)
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then was_running=1; else was_running=0; fi
  log "making sure Directus runs: $PEERS_DIR/directus/setup.sh (idempotent; restarts it)"
  SKIP_OHA=1 PEER_DIR=$PEER_DIR PORT=$DIRECTUS_PORT timeout 1800 "$PEERS_DIR/directus/setup.sh" >"$OUT/directus-setup.log" 2>&1 ||
    die "directus setup failed: $(tail -q -n 5 "$OUT/directus-setup.log")"
  [[ $was_running == 0 ]] && DIRECTUS_STARTED_HERE=1
  DPID=$(cat "$PEER_DIR/directus.pid" 2>/dev/null)
  [[ -n $DPID ]] && kill -0 "$DPID" 2>/dev/null || die "Directus is not running after setup.sh"
  taskset -a -pc "$SERVER_CPU" "$DPID" >/dev/null || log "could not pin Directus to core $SERVER_CPU"
  DBASE=http://127.0.0.1:$DIRECTUS_PORT
  curl -sf "$DBASE/server/ping" >/dev/null || die "Directus does not answer on $DBASE"
  log "Directus pid $DPID on $DBASE, pinned to core $SERVER_CPU"
fi

# ----------------------------------------------------------------------------- run metadata
{
  echo "started=$STAMP"
  echo "commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)$(git -C "$ROOT" diff --quiet HEAD -- api migration 2>/dev/null || echo '+uncommitted changes in api/ or migration/')"
  echo "binary_sha256=$BIN_SHA"
  echo "cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB"
  echo "kernel=$(uname -sr)"
  echo "load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "wrk=$(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
  echo "postgres=$(psql -X -At -d postgres -c 'show server_version' 2>/dev/null || echo unavailable)"
  [[ $PEER == directus ]] && echo "directus=$(node -p "require('$PEER_DIR/app/node_modules/directus/package.json').version" 2>/dev/null) on node $(node -v 2>/dev/null)"
  echo "runs=$RUNS"
  echo "duration=$DURATION"
  echo "warmup=$WARMUP"
  echo "conns=$CONNS"
  echo "match_conns=$MATCH_CONNS"
  echo "writes_per_s=$WRITES_PER_S"
  echo "backends=$BACKENDS"
  echo "scales=$SCALES"
  echo "scenarios=${READ_SCENARIOS[*]}"
  echo "write_scenarios=${WRITE_SCENARIOS[*]}"
  echo "peer=$PEER"
  echo "from_database=$FROM_DATABASE"
  echo "pinning=server and Directus on core $SERVER_CPU, wrk on core $LOAD_CPU, PostgreSQL not pinned"
} >"$OUT/meta.txt"

# ----------------------------------------------------------------------------- servers
: >"$OUT/empty.toml"
server_env() {  # url -> SENV: the environment of the marcottage processes of this run
  SENV=(MARCOTTAGE_CONFIG="$OUT/empty.toml" MARCOTTAGE_DATABASE_URL="$1"
    MARCOTTAGE_JWT_SECRET=bench-secret-that-is-long-enough-for-hs256-000
    MARCOTTAGE_LOG_FORMAT=json MARCOTTAGE_WEB_DIR="$OUT/no-web")
  [[ $FROM_DATABASE == 1 ]] && SENV+=(MARCOTTAGE_LISTINGS_FROM_DATABASE=true)
  return 0
}

seed_into() {  # url log -- seeds $SCALE opportunities, prints progress
  local url=$1 seedlog=$2 t0 pid last=0 n rc
  t0=$(date +%s)
  server_env "$url"
  (cd "$OUT" && exec env "${SENV[@]}" RUST_LOG="warn,marcottage::seed=info" "$BIN" seed --scale "$SCALE") >"$seedlog" 2>&1 &
  pid=$!
  track "$pid"
  while alive "$pid"; do
    sleep 1
    if (( $(date +%s) - last >= 15 )); then
      last=$(date +%s)
      n=$(grep -o '"opportunities":[0-9]*' "$seedlog" | tail -q -n 1 | cut -d: -f2)
      if [[ -n $n ]]; then n="$n opportunities so far"; else n="members, organisations and projects first"; fi
      log "  seeding $BACKEND $SCALE: $n ($(elapsed "$t0"))"
    fi
    if (( $(date +%s) - t0 > SEED_TIMEOUT )); then
      log "  seeding took more than $SEED_TIMEOUT s: stopped"
      stop_pid "$pid" 5
      return 1
    fi
  done
  wait "$pid"; rc=$?
  untrack "$pid"
  if [[ $rc != 0 ]]; then log "  seed failed: $(tail -q -n 3 "$seedlog")"; return 1; fi
  log "  $(grep -v '^{' "$seedlog" | tail -1) [$(elapsed "$t0")]"
  echo "seed_seconds=$(( $(date +%s) - t0 ))" >>"$TDIR/info.txt"
}

prepare_sqlite() {
  local cache=$CACHE_DIR/sqlite-$SCALE.db key
  key=$(cat "$CACHE_DIR/sqlite-$SCALE.key" 2>/dev/null)
  if [[ -s $cache && ( $REUSE_SEED == 1 || $key == "$BIN_SHA" ) ]]; then
    log "  cached seed $cache (made by binary ${key:-unknown})"
    echo "seed=cached $cache (binary ${key:-unknown})" >>"$TDIR/info.txt"
  else
    log "  seeding $SCALE opportunities into $cache (once per binary; REUSE_SEED=1 reuses any)"
    rm -f "$cache" "$cache".partial*
    seed_into "sqlite://$cache.partial?mode=rwc" "$TDIR/seed.log" || return 1
    python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("PRAGMA wal_checkpoint(TRUNCATE)"); c.close()' "$cache.partial" || return 1
    rm -f "$cache.partial-wal" "$cache.partial-shm"
    mv "$cache.partial" "$cache" && echo "$BIN_SHA" >"$CACHE_DIR/sqlite-$SCALE.key"
    echo "seed=fresh $cache" >>"$TDIR/info.txt"
  fi
  DBFILE=$TDIR/db.sqlite
  RUN_FILES+=("$DBFILE")
  cp --reflink=auto "$cache" "$DBFILE" || return 1
  rm -f "$DBFILE-wal" "$DBFILE-shm"
  DBURL="sqlite://$DBFILE?mode=rwc"
  WRITER_DB=(--db-kind sqlite --db "$DBFILE")
}

pg_exists() { [[ $(psql -X -At -d postgres -c "select 1 from pg_database where datname = '$1'" 2>/dev/null) == 1 ]]; }
prepare_postgres() {
  DBNAME=marcottage_bench_${RUN_TAG}_$SCALE
  local tpl=marcottage_bench_tpl_${SCALE}_${BIN_SHA:0:12} t0
  if [[ $PG_CACHE == 1 ]]; then
    if pg_exists "$tpl"; then
      log "  PostgreSQL template $tpl (PG_CACHE=1)"
      echo "seed=cached template $tpl" >>"$TDIR/info.txt"
    else
      createdb "$tpl" || return 1
      log "  seeding $SCALE opportunities into the template $tpl (PG_CACHE=1; may take minutes)"
      if ! seed_into "postgres://$PGUSER@$PGHOST:$PGPORT/$tpl" "$TDIR/seed.log"; then dropdb --if-exists "$tpl"; return 1; fi
      t0=$(date +%s); psql -X -q -d "$tpl" -c 'VACUUM ANALYZE' || return 1
      log "  VACUUM ANALYZE [$(elapsed "$t0")]"
    fi
    CREATED_DBS+=("$DBNAME")
    createdb -T "$tpl" "$DBNAME" || return 1
  else
    CREATED_DBS+=("$DBNAME")
    createdb "$DBNAME" || return 1
    log "  seeding $SCALE opportunities into PostgreSQL database $DBNAME (may take minutes)"
    seed_into "postgres://$PGUSER@$PGHOST:$PGPORT/$DBNAME" "$TDIR/seed.log" || return 1
    echo "seed=fresh $DBNAME" >>"$TDIR/info.txt"
    t0=$(date +%s); psql -X -q -d "$DBNAME" -c 'VACUUM ANALYZE' || return 1
    log "  VACUUM ANALYZE [$(elapsed "$t0")]"
  fi
  DBURL="postgres://$PGUSER@$PGHOST:$PGPORT/$DBNAME"
  WRITER_DB=(--db-kind postgres --db "$DBNAME")
}

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

start_server() {  # cold start, pinned; fills SERVER_PID, MBASE, ready.json
  local port t0
  port=$(free_port)
  MBASE=http://127.0.0.1:$port
  t0=$(date +%s%N)
  server_env "$DBURL"
  (cd "$OUT" && exec env "${SENV[@]}" MARCOTTAGE_BIND="127.0.0.1:$port" RUST_LOG=warn \
    taskset -c "$SERVER_CPU" "$BIN" serve) >>"$TDIR/server.log" 2>&1 &
  SERVER_PID=$!
  track "$SERVER_PID"
  echo "server_pid=$SERVER_PID" >>"$TDIR/info.txt"
  python3 "$HERE/urls.py" ready --base "$MBASE" --t0-ns "$t0" --pid "$SERVER_PID" --out "$TDIR/ready.json" 2>>"$TDIR/bench.err"
}

# ----------------------------------------------------------------------------- measuring
fail_unit() {  # phase side scenario run reason
  echo "$1 $2_$3 $4 $5" >>"$TDIR/failures.txt"
  log "    FAILED $1 $2_$3 run $4: $5"
}
rss_sampler() {  # pid file max_samples
  local i v
  for ((i = 0; i < $3; i++)); do
    v=$(ps -o rss= -p "$1" 2>/dev/null | tr -d ' ')
    [[ -n $v ]] || break
    echo "$v"
    sleep 0.5
  done >"$2"
}
run_unit() {  # phase side scenario run
  local phase=$1 side=$2 scenario=$3 run=$4 base pid list stem conns sampler rc
  if [[ $side == d ]]; then base=$DBASE pid=$DPID; else base=$MBASE pid=$SERVER_PID; fi
  list=$TDIR/lists/${side}_$scenario.txt
  stem=$TDIR/$phase/${side}_$scenario-$run
  conns=$(conns_of "$scenario")
  mkdir -p "$TDIR/$phase"
  [[ -s $list ]] || { fail_unit "$phase" "$side" "$scenario" "$run" "no URL list (see lists.err)"; return; }
  alive "$pid" || { fail_unit "$phase" "$side" "$scenario" "$run" "server not running"; return; }
  if [[ $run == 1 && $WARM_S -gt 0 ]]; then
    timeout -k 5 $((WARM_S + 60)) taskset -c "$LOAD_CPU" wrk -t1 -c"$conns" -d"$WARMUP" --timeout 10s \
      -s "$HERE/walk.lua" "$base" -- "$list" >"$stem.warmup" 2>&1
  fi
  CURRENT_UNIT=("$phase" "$side" "$scenario" "$run" "$stem")
  rss_sampler "$pid" "$stem.rss" $((2 * (DUR_S + 30))) &
  sampler=$!
  track "$sampler"
  timeout -k 5 $((DUR_S + 60)) taskset -c "$LOAD_CPU" wrk -t1 -c"$conns" -d"$DURATION" --timeout 10s \
    -s "$HERE/walk.lua" "$base" -- "$list" >"$stem.wrk" 2>"$stem.err"
  rc=$?
  CURRENT_UNIT=()
  stop_pid "$sampler" 1
  if [[ $rc != 0 ]] || ! grep -q '^BENCH_JSON ' "$stem.wrk"; then
    fail_unit "$phase" "$side" "$scenario" "$run" "wrk exit $rc: $(tail -q -n 2 "$stem.err" "$stem.wrk" 2>/dev/null | tr '\n' ' ' | cut -c1-200)"
    return
  fi
  log "    $phase $(printf '%-11s' "${side}_$scenario") run $run: $(python3 "$HERE/summarise.py" --line "$stem.wrk" "$stem.rss")"
}

run_phase() {  # phase scenario...
  local phase=$1 run s side; shift
  for ((run = 1; run <= RUNS; run++)); do
    for s in "$@"; do
      for side in $( [[ $phase == read ]] && sides_of "$s" || echo m ); do
        if ! alive "$SERVER_PID"; then
          fail_unit "$phase" "$side" "$s" "$run" "Marcottage server died (see server.log)"
          continue
        fi
        run_unit "$phase" "$side" "$s" "$run"
      done
    done
  done
}

# ----------------------------------------------------------------------------- one table
run_table() {
  local t0 wpid i
  t0=$(date +%s)
  TDIR=$OUT/$BACKEND-$SCALE
  mkdir -p "$TDIR"
  echo "backend=$BACKEND" >"$TDIR/info.txt"
  echo "scale=$SCALE" >>"$TDIR/info.txt"
  echo "started=$(date -u +%FT%TZ)" >>"$TDIR/info.txt"
  log "== $BACKEND, $SCALE opportunities"
  if ! "prepare_$BACKEND"; then
    echo "table_error=could not prepare the database (see seed.log)" >>"$TDIR/info.txt"
    log "  could not prepare the database: skipping $BACKEND $SCALE"
    return
  fi
  if ! start_server; then
    echo "table_error=the server did not get ready: $(tail -q -n 1 "$TDIR/bench.err" 2>/dev/null)" >>"$TDIR/info.txt"
    log "  the server did not get ready (server.log: $(tail -q -n 2 "$TDIR/server.log" | cut -c1-300))"
    stop_pid "$SERVER_PID"
    return
  fi
  log "  ready: $(python3 "$HERE/summarise.py" --ready "$TDIR/ready.json")"
  [[ -n $DPID ]] && echo "directus_rss_kib_at_start=$(ps -o rss= -p "$DPID" | tr -d ' ')" >>"$TDIR/info.txt"

  log "  URL lists (each fetched once, budget $CHECK_BUDGET s)"
  python3 "$HERE/urls.py" lists --marcottage "$MBASE" ${DBASE:+--directus "$DBASE"} --out "$TDIR/lists" \
    --scale "$SCALE" --budget "$CHECK_BUDGET" --scenarios "${READ_SCENARIOS[*]}" 2>"$TDIR/lists.err" ||
    log "  urls.py failed: $(tail -q -n 3 "$TDIR/lists.err")"
  grep -E '^  [md]_' "$TDIR/lists.err" | sed 's/^/   /' >&2

  log "  read-only: ${READ_SCENARIOS[*]}"
  run_phase read "${READ_SCENARIOS[@]}"

  if ((${#WRITE_SCENARIOS[@]})) && alive "$SERVER_PID"; then
    log "  with $WRITES_PER_S writes/s: ${WRITE_SCENARIOS[*]}"
    mkdir -p "$TDIR/writer"
    python3 "$HERE/writer.py" --base "$MBASE" --rate "$WRITES_PER_S" "${WRITER_DB[@]}" --out "$TDIR/writer" \
      --verify-seconds "$VERIFY_BUDGET" --max-seconds $(( (RUNS * DUR_S + WARM_S) * ${#WRITE_SCENARIOS[@]} + 600 )) \
      2>"$TDIR/writer/writer.err" &
    wpid=$!
    track "$wpid"
    for ((i = 0; i < 600; i++)); do [[ -e $TDIR/writer/writer.ready ]] || ! alive "$wpid" && break; sleep 0.1; done
    if [[ -e $TDIR/writer/writer.ready ]]; then
      sleep 2  # a few writes before the first measurement
      run_phase write "${WRITE_SCENARIOS[@]}"
      log "  stopping the writer; it checks every write (budget $VERIFY_BUDGET s)"
    else
      echo "write_error=the writer did not start: $(tail -q -n 2 "$TDIR/writer/writer.err" "$TDIR/writer/writer.log" 2>/dev/null | tr '\n' ' ')" >>"$TDIR/info.txt"
      log "  the writer did not start: $(tail -q -n 2 "$TDIR/writer/writer.err" "$TDIR/writer/writer.log" 2>/dev/null | tr '\n' ' ')"
    fi
    stop_pid "$wpid" $((VERIFY_BUDGET + 150))
    [[ -s $TDIR/writer/writer.json ]] && log "  writer: $(cat "$TDIR/writer/writer.json" | tr -d '\n ' | cut -c1-400)"
  fi

  stop_pid "$SERVER_PID"
  if [[ $KEEP != 1 ]]; then
    [[ $BACKEND == postgres ]] && { dropdb --if-exists "$DBNAME" || log "  could not drop $DBNAME"; }
    [[ $BACKEND == sqlite ]] && rm -f "$DBFILE" "$DBFILE-wal" "$DBFILE-shm"
  fi
  echo "seconds=$(( $(date +%s) - t0 ))" >>"$TDIR/info.txt"
  log "== $BACKEND $SCALE done in $(elapsed "$t0")"
}

for SCALE in $SCALES; do
  for BACKEND in $BACKENDS; do
    run_table
  done
done
echo "ended=$(date -u +%Y%m%dT%H%M%SZ)" >>"$OUT/meta.txt"
echo "seconds=$(( $(date +%s) - T_START ))" >>"$OUT/meta.txt"
# exit status 2 when something was not measured (the results say what and why)
if compgen -G "$OUT/*/failures.txt" >/dev/null || grep -qs '^\(table\|write\)_error=' "$OUT"/*/info.txt; then
  log "some runs failed: see the end of each table in results.md"
  exit 2
fi
exit 0
}
