#!/usr/bin/env bash
# Search benchmark (docs/benchmarks.md): a release build, COUNT opportunities from
# `marcottage seed --scale`, then `wrk` against each search scenario and the bare /healthz route
# of the same server, in interleaved rounds. The server is pinned to one core, wrk to another.
#
#   scripts/bench/search.sh [sqlite|postgres]
#
# Environment (defaults in brackets): COUNT [100000] opportunities; DURATION [30s] per run;
# RUNS [3]; WARMUP [10s] per scenario; CONNECTIONS ["1 8"] wrk connections, one measurement
# each; SERVER_CPU [1], WRK_CPU [0]; PGHOST [127.0.0.1], PGUSER [postgres] for postgres;
# KEEP=1 keeps the database; SKIP_BUILD=1 uses target/release/marcottage as it is;
# CACHE_TTL [30] seconds search totals and facets, and matches, are cached (0 = computed every time);
# SCENARIOS [all] a space-separated subset of the scenario names below. Raw wrk output goes to
# target/bench/.
set -euo pipefail

backend=${1:-sqlite}
COUNT=${COUNT:-100000}
DURATION=${DURATION:-30s}
RUNS=${RUNS:-3}
WARMUP=${WARMUP:-10s}
CONNECTIONS=${CONNECTIONS:-"1 8"}
SERVER_CPU=${SERVER_CPU:-1}
WRK_CPU=${WRK_CPU:-0}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}

root=$(cd "$(dirname "$0")/../.." && pwd)
binary=$root/target/release/marcottage
out=$root/target/bench/$backend-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
if [[ ${SKIP_BUILD:-0} != 1 ]]; then
    echo "building the release binary" >&2
    (cd "$root" && cargo build --release -p marcottage-api --quiet)
fi

server=
database=
cleanup() {
    if [[ -n $server ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    if [[ ${KEEP:-0} != 1 ]]; then
        if [[ $backend == postgres && -n $database ]]; then dropdb --if-exists "$database"; fi
        rm -f "$out"/bench.db*
    fi
}
trap cleanup EXIT

case $backend in
    sqlite)
        url="sqlite://$out/bench.db?mode=rwc"
        ;;
    postgres)
        database=marcottage_bench_$$
        createdb "$database"
        url="postgres://$PGUSER${PGPASSWORD:+:$PGPASSWORD}@$PGHOST/$database"
        ;;
    *)
        echo "usage: $0 [sqlite|postgres]" >&2
        exit 2
        ;;
esac

export MARCOTTAGE_DATABASE_URL=$url
export MARCOTTAGE_JWT_SECRET=benchmark-secret-that-is-long-enough-to-use
export MARCOTTAGE_LOG_LEVEL=warn
export MARCOTTAGE_CACHE_TTL_SECONDS=${CACHE_TTL:-30}
unset MARCOTTAGE_CONFIG

echo "seeding $COUNT opportunities ($backend)" >&2
start=$(date +%s.%N)
"$binary" seed --scale "$COUNT" | tee "$out/seed.txt" >&2
echo "seed took $(echo "$(date +%s.%N) - $start" | bc) s" | tee -a "$out/seed.txt" >&2
if [[ $backend == postgres ]]; then psql -q -d "$database" -c 'VACUUM ANALYZE'; fi

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
MARCOTTAGE_BIND=127.0.0.1:$port taskset -c "$SERVER_CPU" "$binary" serve >"$out/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do
    curl -sf "$base/readyz" >/dev/null && break
    sleep 0.1
done

declare -A path=(
    [bare]="/healthz"
    [search_filtered]="/api/v1/opportunities?q=mangue&country=SN&sector=321"
    [search_broad]="/api/v1/opportunities?q=mangue"
    [first_page]="/api/v1/opportunities"
    [projects_q]="/api/v1/projects?q=cooperation"
)
# Matches of one request among them (docs/matching.md): the newest open request.
request_id=$(curl -sf "$base/api/v1/opportunities?direction=request&category=technical_partnership&limit=1" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][0]["id"])')
path[matches]="/api/v1/opportunities/$request_id/matches"
read -r -a scenarios <<<"${SCENARIOS:-bare search_filtered search_broad first_page projects_q matches}"


for name in "${scenarios[@]}"; do
    status=$(curl -s -o "$out/$name.json" -w '%{http_code}' "$base${path[$name]}")
    total=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("total", "-"))' "$out/$name.json" 2>/dev/null || echo -)
    echo "$name ${path[$name]}: HTTP $status, total $total" | tee -a "$out/answers.txt" >&2
    [[ $status == 200 ]] || { echo "$name does not answer 200" >&2; exit 1; }
done

# wrk --latency output to "p50_ms p99_ms requests_per_s non_2xx timeouts". Requests slower
# than wrk's --timeout count as timeouts, not in the latency figures.
parse() {
    awk '
        function ms(v) {
            if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
            if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
            if (v ~ /s$/) return substr(v, 1, length(v) - 1) * 1000
            return v
        }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        $1 == "Requests/sec:" { rps = $2 }
        /Non-2xx/ { bad = $NF }
        /Socket errors/ { timeouts = $NF }
        END { printf "%.3f %.3f %.1f %d %d\n", p50, p99, rps, bad, timeouts }
    ' "$1"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

for connections in $CONNECTIONS; do
    for name in "${scenarios[@]}"; do
        taskset -c "$WRK_CPU" wrk -t1 -c"$connections" -d"$WARMUP" --timeout 10s "$base${path[$name]}" >/dev/null
    done
    for run in $(seq "$RUNS"); do
        for name in "${scenarios[@]}"; do
            file=$out/$name-c$connections-$run.txt
            taskset -c "$WRK_CPU" wrk -t1 -c"$connections" -d"$DURATION" --timeout 10s --latency "$base${path[$name]}" >"$file"
            echo "c=$connections run $run $name: $(parse "$file")" >&2
        done
    done
done

{
    echo "backend=$backend count=$COUNT duration=$DURATION runs=$RUNS warmup=$WARMUP cache_ttl=$MARCOTTAGE_CACHE_TTL_SECONDS (medians)"
    echo
    echo "| scenario | connections | p50 ms | p99 ms | req/s | % of bare req/s | non-2xx | timeouts |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    for connections in $CONNECTIONS; do
        bare_rps=
        for name in "${scenarios[@]}"; do
            results=$(for run in $(seq "$RUNS"); do parse "$out/$name-c$connections-$run.txt"; done)
            p50=$(echo "$results" | cut -d' ' -f1 | median)
            p99=$(echo "$results" | cut -d' ' -f2 | median)
            rps=$(echo "$results" | cut -d' ' -f3 | median)
            bad=$(echo "$results" | cut -d' ' -f4 | sort -g | tail -1)
            timeouts=$(echo "$results" | cut -d' ' -f5 | sort -g | tail -1)
            [[ -n $bare_rps ]] || bare_rps=$rps
            share=$(awk -v a="$rps" -v b="$bare_rps" 'BEGIN { printf "%.1f", 100 * a / b }')
            echo "| \`${path[$name]}\` | $connections | $p50 | $p99 | $rps | $share | $bad | $timeouts |"
        done
    done
} | tee "$out/results.md"
echo "raw output in $out" >&2
