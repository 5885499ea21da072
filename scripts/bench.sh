#!/usr/bin/env bash
# Reproduces the figures of BENCHMARKS.md: ./scripts/bench.sh
#
# Builds the release binary, generates the scale data set (1,000 groups,
# 100,000 members and 100,000 wiki pages with `essaim demo --scale --pages
# 95000` plus the groups' first pages, and 11,200 meetings for the busiest
# ecosystem with `--meetings 11200`; SQLite) in target/bench/, starts
# the server on loopback and measures each page with wrk: one client for the
# latency a person sees (median, p99), 16 connections for the throughput,
# beside /healthz's in the same run. Set ESSAIM_BENCH_DATABASE_URL=postgres://… to
# measure on PostgreSQL (the data set is generated there once).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# `./scripts/bench.sh discussions`: the discussions' figures only.
if [ "${1:-}" = "discussions" ]; then
    exec "$ROOT/scripts/bench_discussions.sh"
fi
# `./scripts/bench.sh newsletter`: 10,000 newsletter emails to a local SMTP sink.
if [ "${1:-}" = "newsletter" ]; then
    exec "$ROOT/scripts/bench_newsletter.sh"
fi
# `./scripts/bench.sh meetings`: the meetings' rows only (beside /healthz);
# a data set it generates has no wiki pages (quicker on PostgreSQL).
ONLY_MEETINGS=""
if [ "${1:-}" = "meetings" ]; then
    ONLY_MEETINGS=1
    ESSAIM_BENCH_PAGES="${ESSAIM_BENCH_PAGES:-0}"
fi
# `./scripts/bench.sh projects`: the projects' rows only (10,000 projects
# with a year of news and of the groups' activity, beside /healthz).
ONLY_PROJECTS=""
if [ "${1:-}" = "projects" ]; then
    ONLY_PROJECTS=1
    ESSAIM_BENCH_PAGES="${ESSAIM_BENCH_PAGES:-0}"
fi
PORT="${ESSAIM_BENCH_PORT:-18800}"
DURATION="${ESSAIM_BENCH_DURATION:-10s}"
BENCH_DIR="$ROOT/target/bench"

command -v wrk >/dev/null 2>&1 || { echo "==> Installing wrk"; apt-get install -y wrk >/dev/null; }

BIN="${ESSAIM_BENCH_BINARY:-$ROOT/target/release/essaim}"
if [ -z "${ESSAIM_BENCH_BINARY:-}" ]; then
    echo "==> Building the release binary"
    cargo build --release -p essaim
fi

mkdir -p "$BENCH_DIR"
cd "$BENCH_DIR"
if [ -n "${ESSAIM_BENCH_DATABASE_URL:-}" ]; then
    export ESSAIM_DATABASE_URL="$ESSAIM_BENCH_DATABASE_URL"
fi
echo "==> Starting essaim demo --scale on 127.0.0.1:$PORT (the first run generates the data set)"
ESSAIM_LISTEN="127.0.0.1:$PORT" ESSAIM_LOG=warn "$BIN" demo --scale --pages "${ESSAIM_BENCH_PAGES:-95000}" --meetings "${ESSAIM_BENCH_MEETINGS:-11200}" --projects "${ESSAIM_BENCH_PROJECTS:-10000}" > "$BENCH_DIR/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
    curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
    sleep 1
done
curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null || { cat "$BENCH_DIR/server.log"; exit 1; }

# The busiest keyword is the ecosystem measured.
KEYWORD="${ESSAIM_BENCH_KEYWORD:-alimentation}"

# Each page: the median and p99 latency of one client after another (wrk -c1:
# the time a person waits), then the throughput with 16 connections at once.
run() {
    local label="$1" path="$2"
    curl -fs -o /dev/null "http://127.0.0.1:$PORT$path" || { echo "$path does not answer 200" >&2; exit 1; }
    local one many median p99 rps
    one="$(wrk -t1 -c1 -d"$DURATION" --latency "http://127.0.0.1:$PORT$path")"
    many="$(wrk -t2 -c16 -d"$DURATION" "http://127.0.0.1:$PORT$path")"
    median="$(echo "$one" | awk '$1 == "50%" {print $2}')"
    p99="$(echo "$one" | awk '$1 == "99%" {print $2}')"
    rps="$(echo "$many" | awk '/Requests\/sec/ {print $2}')"
    printf '| %-38s | %10s | %10s | %12s |\n' "$label" "$median" "$p99" "$rps"
}

echo
echo "| page | median (1 client) | p99 (1 client) | requests/s (16 connections) |"
echo "|---|---|---|---|"
run "/healthz" "/healthz"
if [ -n "$ONLY_PROJECTS" ]; then
    PROJECT_GROUP="$(curl -fs "http://127.0.0.1:$PORT/api/v1/projects" | python3 -c 'import json,sys; print(json.load(sys.stdin)["projects"][0]["group"])')"
    run "/projects (the catalogue, page 1)" "/projects"
    run "/projects?keyword=$KEYWORD" "/projects?keyword=$KEYWORD"
    run "/projects?region=Bretagne" "/projects?region=Bretagne"
    run "/projects.atom" "/projects.atom"
    run "/g/…/projects (one group)" "/g/$PROJECT_GROUP/projects"
    run "/api/v1/projects" "/api/v1/projects"
    # The ecosystem newsletter's draft over the last month, assembled from
    # the activity log by an administrator (a demo account): the whole
    # request, median of 7.
    JAR="$BENCH_DIR/cookies.txt"
    rm -f "$JAR"
    csrf() { curl -fs -b "$JAR" -c "$JAR" "http://127.0.0.1:$PORT$1" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1; }
    TOKEN="$(csrf /login)"
    curl -fs -o /dev/null -b "$JAR" -c "$JAR" --data-urlencode "csrf=$TOKEN" --data-urlencode "email=camille@demo.essaim.test" \
        --data-urlencode "password=demo-essaim-2026" "http://127.0.0.1:$PORT/login"
    GROUPS_IN="$(curl -fs "http://127.0.0.1:$PORT/api/v1/groups?keyword=$KEYWORD&per_page=1" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d.get("total", "?"))' 2>/dev/null || echo "?")"
    TIMES=""
    for _ in 1 2 3 4 5 6 7; do
        TOKEN="$(csrf "/e/$KEYWORD/newsletters")"
        TIMES="$TIMES $(curl -s -o /dev/null -w '%{time_total}' -b "$JAR" -c "$JAR" --data-urlencode "csrf=$TOKEN" "http://127.0.0.1:$PORT/e/$KEYWORD/newsletters/prepare")"
    done
    MEDIAN="$(echo "$TIMES" | tr ' ' '\n' | grep . | sort -n | sed -n 4p)"
    printf '| %-38s | %10s | %10s | %12s |\n' "ecosystem letter draft ($GROUPS_IN cards)" "$(python3 -c "print(f'{$MEDIAN*1000:.1f}ms')")" "-" "-"
    exit 0
fi
if [ -z "$ONLY_MEETINGS" ]; then
    # The 20 KB page the generator writes, found through the search API.
    LONG_PAGE="$(curl -fs "http://127.0.0.1:$PORT/api/v1/search?q=compte+rendu+detaille" | python3 -c 'import json,sys; r=json.load(sys.stdin)["results"]; print(next(x["url"] for x in r if x["url"].endswith("/compte-rendu-detaille")).split("://",1)[1].split("/",1)[1])')"
    run "/groups (cards, page 1)" "/groups"
    run "/groups?view=list&page=20" "/groups?view=list&page=20"
    run "/groups?q=jardin" "/groups?q=jardin"
    run "/e/$KEYWORD" "/e/$KEYWORD"
    run "/api/v1/groups.geojson (all)" "/api/v1/groups.geojson"
    run "/api/v1/groups" "/api/v1/groups"
    run "wiki page of 20 KB" "/$LONG_PAGE"
    run "/search?q=cooperatives (instance)" "/search?q=cooperatives"
    run "/search?q=compte+rendu+reunion" "/search?q=compte+rendu+reunion"
    run "/api/v1/search?q=jardins" "/api/v1/search?q=jardins"
    # A search inside one group: the group of the 20 KB page.
    SEARCH_GROUP="$(echo "$LONG_PAGE" | cut -d/ -f2)"
    run "/g/…/search?q=compte+rendu (one group)" "/g/$SEARCH_GROUP/search?q=compte+rendu"
fi
EVENTS="$(curl -fs "http://127.0.0.1:$PORT/e/$KEYWORD/meetings.ics" | grep -c '^BEGIN:VEVENT')"
run "/e/$KEYWORD/meetings.ics ($EVENTS events)" "/e/$KEYWORD/meetings.ics"
run "/agenda (the next 50 meetings)" "/agenda"
run "/api/v1/meetings?keyword=$KEYWORD" "/api/v1/meetings?keyword=$KEYWORD"
