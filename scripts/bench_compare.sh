#!/usr/bin/env bash
# Before and after, in one run: ./scripts/bench_compare.sh OLD_REV
#
# Builds the release binary of OLD_REV (in a worktree, target/bench-old/)
# and of the working tree, generates the scale data set once with the OLD
# binary (`essaim demo --scale`, 1,000 groups and 100,000 people; pages and
# meetings from ESSAIM_BENCH_PAGES, default 20000, and ESSAIM_BENCH_MEETINGS,
# default 11200), copies it for the new binary (which upgrades its schema
# on start), starts both servers side by side on loopback and measures each
# page on one then the other, ROUNDS times (default 3), with wrk: the
# median latency of one client and the requests per second of 16
# connections. Each cell is the median of the rounds.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OLD_REV="${1:?usage: scripts/bench_compare.sh OLD_REV}"
ROUNDS="${ROUNDS:-3}"
DURATION="${ESSAIM_BENCH_DURATION:-5s}"
PAGES="${ESSAIM_BENCH_PAGES:-20000}"
MEETINGS="${ESSAIM_BENCH_MEETINGS:-11200}"
KEYWORD="${ESSAIM_BENCH_KEYWORD:-alimentation}"
OLD_PORT=18810
NEW_PORT=18811
WORK="$ROOT/target/bench-compare"
OLD_TREE="${ESSAIM_BENCH_OLD_TREE:-$ROOT/target/bench-old/tree}"
OLD_TARGET="${ESSAIM_BENCH_OLD_TARGET:-$ROOT/target/bench-old/target}"

command -v wrk >/dev/null 2>&1 || { echo "==> Installing wrk"; apt-get install -y wrk >/dev/null; }

echo "==> Building $OLD_REV and the working tree (release)"
if [ ! -d "$OLD_TREE" ]; then
    git worktree add -f "$OLD_TREE" "$OLD_REV" >/dev/null
fi
git -C "$OLD_TREE" checkout -q --detach "$OLD_REV"
(cd "$OLD_TREE" && CARGO_TARGET_DIR="$OLD_TARGET" cargo build --release -p essaim)
OLD_BIN="$OLD_TARGET/release/essaim"
# ESSAIM_BENCH_NEW_BIN: a release binary of the working tree built elsewhere.
NEW_BIN="${ESSAIM_BENCH_NEW_BIN:-$ROOT/target/release/essaim}"
if [ -z "${ESSAIM_BENCH_NEW_BIN:-}" ]; then
    cargo build --release -p essaim
fi

mkdir -p "$WORK/old" "$WORK/new"
start() { # dir port binary log
    (cd "$1" && ESSAIM_LISTEN="127.0.0.1:$2" ESSAIM_SMTP_LISTEN=off ESSAIM_LOG=warn exec "$3" demo --scale --pages "$PAGES" --meetings "$MEETINGS" >"$4" 2>&1) &
    echo $!
}
ready() {
    for _ in $(seq 1 900); do
        curl -fs "http://127.0.0.1:$1/readyz" >/dev/null 2>&1 && return 0
        sleep 1
    done
    return 1
}
if [ ! -f "$WORK/old/essaim-demo/scale.db" ]; then
    echo "==> Generating the data set with $OLD_REV"
    rm -rf "$WORK/old/essaim-demo" "$WORK/new/essaim-demo"
fi
OLD_PID="$(start "$WORK/old" $OLD_PORT "$OLD_BIN" "$WORK/old.log")"
trap 'kill $OLD_PID ${NEW_PID:-} 2>/dev/null || true' EXIT
ready $OLD_PORT || { cat "$WORK/old.log"; exit 1; }
if [ ! -f "$WORK/new/essaim-demo/scale.db" ]; then
    # The same data for both: SQLite's file copied while the old server
    # only reads (its writes are done once it answers).
    sqlite3 "$WORK/old/essaim-demo/scale.db" ".backup '$WORK/new/scale.db'" 2>/dev/null \
        || python3 -c "import sqlite3,sys; s=sqlite3.connect(sys.argv[1]); d=sqlite3.connect(sys.argv[2]); s.backup(d)" \
            "$WORK/old/essaim-demo/scale.db" "$WORK/new/scale.db"
    mkdir -p "$WORK/new/essaim-demo"
    mv "$WORK/new/scale.db" "$WORK/new/essaim-demo/scale.db"
    cp -r "$WORK/old/essaim-demo/scale-files" "$WORK/new/essaim-demo/" 2>/dev/null || true
fi
NEW_PID="$(start "$WORK/new" $NEW_PORT "$NEW_BIN" "$WORK/new.log")"
ready $NEW_PORT || { cat "$WORK/new.log"; exit 1; }

LONG_PAGE="$(curl -fs "http://127.0.0.1:$NEW_PORT/api/v1/search?q=compte+rendu+detaille" | python3 -c 'import json,sys; r=json.load(sys.stdin)["results"]; print(next((x["url"] for x in r if x["url"].endswith("/compte-rendu-detaille")), "http://x/wiki").split("://",1)[1].split("/",1)[1])')"
PATHS=(
    "/healthz"
    "/groups"
    "/groups?view=list&page=20"
    "/groups?q=jardin"
    "/e/$KEYWORD"
    "/api/v1/groups.geojson"
    "/api/v1/groups"
    "/$LONG_PAGE"
    "/search?q=cooperatives"
    "/search?q=compte+rendu+reunion"
    "/api/v1/search?q=jardins"
    "/e/$KEYWORD/meetings.ics"
    "/agenda"
    "/api/v1/meetings?keyword=$KEYWORD"
)

# median of numbers given one per line, in milliseconds or requests/s
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# wrk's "1.23ms", "456.00us", "1.2s" → milliseconds
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; printf "%.3f\n", v}'; }
measure() { # port path → "median_ms rps"
    local one many
    one="$(wrk -t1 -c1 -d"$DURATION" --latency "http://127.0.0.1:$1$2" | awk '$1 == "50%" {print $2}' | to_ms)"
    many="$(wrk -t2 -c16 -d"$DURATION" "http://127.0.0.1:$1$2" | awk '/Requests\/sec/ {print $2}')"
    echo "$one $many"
}

echo
echo "| page | $OLD_REV median | now median | $OLD_REV req/s | now req/s |"
echo "|---|---|---|---|---|"
for path in "${PATHS[@]}"; do
    for port in $OLD_PORT $NEW_PORT; do
        curl -fs -o /dev/null "http://127.0.0.1:$port$path" || { echo "$path does not answer 200 on $port" >&2; exit 1; }
    done
    old_ms=(); new_ms=(); old_rps=(); new_rps=()
    for _ in $(seq 1 "$ROUNDS"); do
        read -r a b <<<"$(measure $OLD_PORT "$path")"; old_ms+=("$a"); old_rps+=("$b")
        read -r a b <<<"$(measure $NEW_PORT "$path")"; new_ms+=("$a"); new_rps+=("$b")
    done
    printf '| %s | %s ms | %s ms | %s | %s |\n' "$path" \
        "$(printf '%s\n' "${old_ms[@]}" | median)" "$(printf '%s\n' "${new_ms[@]}" | median)" \
        "$(printf '%s\n' "${old_rps[@]}" | median)" "$(printf '%s\n' "${new_rps[@]}" | median)"
done
echo
echo "Memory (RSS): $OLD_REV $(awk '/VmRSS/ {print $2, $3}' "/proc/$OLD_PID/status"), now $(awk '/VmRSS/ {print $2, $3}' "/proc/$NEW_PID/status")"
