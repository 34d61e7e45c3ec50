#!/usr/bin/env bash
# The whole measurement series of RESULTS.md: builds, mixes, variants, RAM directory and
# near-real-time writes, each run RUNS times, pinned to CPU (default 1). Raw output goes to
# results/<UTC time>/; summarize.py turns it into the tables.
#
#   scripts/bench/index-choice/run.sh            # DB=/tmp/sbs/base-100000.db WORK=/tmp/tb RUNS=3 SECS=5 CPU=1
#   python3 scripts/bench/index-choice/summarize.py scripts/bench/index-choice/results/<dir>
#
# STEPS (default "build bench variants ram nrt") picks a subset.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
DB=${DB:-/tmp/sbs/base-100000.db}
WORK=${WORK:-/tmp/tb}
RUNS=${RUNS:-3}
SECS=${SECS:-5}
CPU=${CPU:-1}
NRT_SECS=${NRT_SECS:-60}
STEPS=${STEPS:-"build bench variants ram nrt"}
# the variants step alone: VARIANTS (default all of them) picks some, e.g. VARIANTS="regex"
VARIANTS=${VARIANTS:-"default stock stock-term regex term expiryq unsorted"}
out=$here/results/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out" "$WORK"
cd "$here"
cargo build --release --quiet
bin=$here/target/release/tantivy-bench
run() { # name, command...
    local name=$1
    shift
    { echo "### $(date -u +%T) load: $(cut -d' ' -f1-3 /proc/loadavg) :: $*"; } >>"$out/$name.txt"
    /usr/bin/time -f "time: wall_s=%e user_s=%U sys_s=%S max_rss_kib=%M" taskset -c "$CPU" "$@" >>"$out/$name.txt" 2>&1
}
{
    echo "host: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(uname -r); $(rustc --version)"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"
    echo "db: $DB"
    echo "other processes at start:"
    ps -eo pid,psr,pcpu,etime,comm --sort=-pcpu | head -8
} >"$out/env.txt"

for step in $STEPS; do
    case $step in
    build)
        for i in $(seq "$RUNS"); do
            run build-100k "$bin" build --db "$DB" --scale 100000 --dir "$WORK/r100k" --sort-index
            run build-1m "$bin" build --db "$DB" --scale 1000000 --dir "$WORK/r1m" --sort-index
        done
        run build-100k-unsorted "$bin" build --db "$DB" --scale 100000 --dir "$WORK/r100k-unsorted"
        run build-1m-unsorted "$bin" build --db "$DB" --scale 1000000 --dir "$WORK/r1m-unsorted"
        ;;
    bench)
        for i in $(seq "$RUNS"); do
            for s in 100k 1m; do
                run "bench-$s" "$bin" bench --dir "$WORK/r$s" --secs "$SECS" --label "main-$s"
            done
        done
        ;;
    variants)
        declare -A opts=(
            [stock]="--collector stock"
            [stock-term]="--collector stock --open term"
            [regex]="--prefix regex --mix words"
            [term]="--open term"
            [expiryq]="--expiry query"
            [unsorted]=""
            [default]=""
        )
        for i in $(seq "$RUNS"); do
            for s in 100k 1m; do
                for v in $VARIANTS; do
                    dir=$WORK/r$s
                    [[ $v == unsorted ]] && dir=$WORK/r$s-unsorted
                    # shellcheck disable=SC2086
                    run "var-$s" "$bin" bench --dir "$dir" --secs "$SECS" --label "$v-$s" ${opts[$v]}
                done
            done
        done
        ;;
    ram)
        run ram-100k "$bin" bench --ram --db "$DB" --scale 100000 --sort-index --secs "$SECS" --label ram-100k
        run ram-1m "$bin" bench --ram --db "$DB" --scale 1000000 --sort-index --secs "$SECS" --label ram-1m
        ;;
    nrt)
        for i in $(seq "$RUNS"); do
            for s in 100k 1m; do
                rm -rf "$WORK/nrt" && cp -r "$WORK/r$s" "$WORK/nrt"
                run "nrt-$s" "$bin" nrt --dir "$WORK/nrt" --db "$DB" --secs "$NRT_SECS"
            done
        done
        rm -rf "$WORK/nrt" && cp -r "$WORK/r100k" "$WORK/nrt"
        run nrt-idle-100k "$bin" nrt --dir "$WORK/nrt" --db "$DB" --secs "$NRT_SECS" --idle
        rm -rf /dev/shm/tb-nrt && cp -r "$WORK/r100k" /dev/shm/tb-nrt
        run nrt-tmpfs-100k "$bin" nrt --dir /dev/shm/tb-nrt --db "$DB" --secs "$NRT_SECS"
        rm -rf /dev/shm/tb-nrt "$WORK/nrt"
        ;;
    esac
done
echo "$out"
