#!/usr/bin/env bash
# Reproduces the discussion figures of BENCHMARKS.md:
#     ./scripts/bench.sh discussions
#
# 1. One post to a group of 1,000 members on "every message": the time from
#    the API call that posts it until the 1,000th email is handed to a local
#    SMTP sink (scripts/smtp_sink.py, started here), with the server's own
#    worker sending (SQLite, release build).
# 2. 1,000 replies to that post arriving over SMTP at the built-in listener
#    (scripts/smtp_replies.py, one connection, each reply with its sender's
#    own key, a quote and a signature to trim): the time from the first
#    reply sent until the 1,000th is a post of the topic.
# 3. The topic list of a group with 100,000 posts (5,000 topics of 20 posts):
#    the median and p99 latency of one client (wrk -c1), and the throughput
#    with 16 connections.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PORT="${ESSAIM_BENCH_PORT:-18810}"
SMTP_PORT="${ESSAIM_BENCH_SMTP_PORT:-18825}"
LISTEN_PORT="${ESSAIM_BENCH_LISTEN_PORT:-18826}"
DURATION="${ESSAIM_BENCH_DURATION:-10s}"
DIR="$ROOT/target/bench-discussions"
BIN="${ESSAIM_BENCH_BINARY:-$ROOT/target/release/essaim}"

command -v wrk >/dev/null 2>&1 || { echo "==> Installing wrk"; apt-get install -y wrk >/dev/null; }
command -v sqlite3 >/dev/null 2>&1 || { echo "==> Installing sqlite3"; apt-get install -y sqlite3 >/dev/null; }

if [ -z "${ESSAIM_BENCH_BINARY:-}" ]; then
    echo "==> Building the release binary"
    cargo build --release -p essaim
fi

rm -rf "$DIR"
mkdir -p "$DIR"
export ESSAIM_DATABASE_URL="sqlite://$DIR/essaim.db"
export ESSAIM_DATA_DIR="$DIR/files"
export ESSAIM_LISTEN="127.0.0.1:$PORT"
export ESSAIM_BASE_URL="http://127.0.0.1:$PORT"
export ESSAIM_MAIL_DOMAIN="bench.essaim.test"
export ESSAIM_MAIL_FROM="noreply@bench.essaim.test"
export ESSAIM_LOG=warn
"$BIN" migrate >/dev/null
echo "bench-password-2026" | "$BIN" user add --admin --email admin@bench.essaim.test --name "Admin" --password-stdin >/dev/null
TOKEN="$("$BIN" token create --email admin@bench.essaim.test)"

python3 "$ROOT/scripts/smtp_sink.py" "$SMTP_PORT" "$DIR/sink.status" &
SINK=$!
for _ in $(seq 1 50); do [ -s "$DIR/sink.status" ] && break; sleep 0.1; done
ESSAIM_SMTP_URL="smtp://127.0.0.1:$SMTP_PORT" ESSAIM_SMTP_LISTEN="127.0.0.1:$LISTEN_PORT" "$BIN" serve > "$DIR/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER $SINK 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
    sleep 0.2
done
api() { curl -fs -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' "$@"; }

# Two hosted groups: `liste` (1,000 members on every message) and `archive`
# (100,000 posts). The administrator proposes them, so both are listed.
for slug in liste archive; do
    api -X POST "http://127.0.0.1:$PORT/api/v1/groups" -d "{\"name\":\"Groupe $slug\",\"summary\":\"Un groupe pour mesurer\",\"kind\":\"thematic\",\"slug\":\"$slug\",\"hosted\":true,\"joining\":\"open\",\"country\":\"FR\",\"region\":\"Bretagne\",\"charter_accepted\":true}" >/dev/null
done

echo "==> Writing 1,000 members and 100,000 posts"
NOW="$(date +%s)"
sqlite3 "$DIR/essaim.db" <<SQL
.timeout 10000
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
INSERT INTO users (email, name, email_verified_at, created_at, updated_at)
SELECT 'membre' || i || '@bench.essaim.test', 'Membre ' || i, $NOW, $NOW, $NOW FROM n;
INSERT INTO memberships (group_id, user_id, joined_at)
SELECT (SELECT id FROM groups WHERE slug = 'liste'), id, $NOW FROM users WHERE email LIKE 'membre%';
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
INSERT INTO topics (group_id, title, author_name, post_count, last_post_at, created_at)
SELECT (SELECT id FROM groups WHERE slug = 'archive'), 'Sujet numéro ' || i, 'Membre ' || (i % 1000 + 1), 20,
       $NOW - 5000 * 60 + i * 60 + (i * 7919) % 3000, $NOW - 5000 * 60 + i * 60 FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99999)
INSERT INTO posts (topic_id, group_id, author_name, markdown, via, message_id, mailed_at, created_at)
SELECT t.id, t.group_id, 'Membre ' || (n.i % 1000 + 1), 'Un message de mesure, le numéro ' || n.i || '.', 'web',
       'bench-' || n.i || '@bench.essaim.test', $NOW, t.created_at + n.i % 20
FROM n JOIN topics t ON t.id = (SELECT MIN(id) FROM topics) + n.i / 20;
COMMIT;
ANALYZE;
SQL

echo "==> One post to the 1,000 members of 'liste'"
START="$(python3 -c 'import time; print(f"{time.time():.6f}")')"
api -X POST "http://127.0.0.1:$PORT/api/v1/groups/liste/topics" -d '{"title":"Assemblée générale du 12 avril","markdown":"Bonjour à toutes et à tous,\n\nNotre **assemblée générale** aura lieu le 12 avril à 18 h. Répondez à ce message pour dire si vous venez."}' >/dev/null
for _ in $(seq 1 1200); do
    read -r COUNT LAST < "$DIR/sink.status" || true
    [ "${COUNT:-0}" -ge 1000 ] && break
    sleep 0.05
done
read -r COUNT LAST < "$DIR/sink.status" || true
[ "${COUNT:-0}" -ge 1000 ] || { echo "only $COUNT messages arrived"; tail -20 "$DIR/server.log"; exit 1; }
python3 -c "print(f'| 1 post, 1,000 members on every message: all handed to SMTP | {($LAST - $START):.2f} s | $COUNT messages |')"

echo "==> 1,000 replies over SMTP to the listener"
posts() {
    sqlite3 "$DIR/essaim.db" ".timeout 10000" "SELECT COUNT(*) FROM posts p JOIN topics t ON t.id = p.topic_id WHERE t.title = 'Assemblée générale du 12 avril'"
}
# The members move to the weekly summary first: 1,000 replies each sent to
# 1,000 members would be a million emails, which measures the SMTP sink.
sqlite3 "$DIR/essaim.db" ".timeout 10000" "UPDATE memberships SET email_mode = 'weekly'"
START="$(python3 "$ROOT/scripts/smtp_replies.py" "$DIR/essaim.db" "$LISTEN_PORT" "Assemblée générale du 12 avril")"
for _ in $(seq 1 1200); do
    [ "$(posts)" -ge 1001 ] && break
    sleep 0.05
done
END="$(python3 -c 'import time; print(f"{time.time():.6f}")')"
[ "$(posts)" -ge 1001 ] || { echo "only $(posts) posts in the topic"; tail -20 "$DIR/server.log"; exit 1; }
python3 -c "print(f'| 1,000 replies over SMTP, each a post of the topic | {($END - $START):.2f} s | $(posts) posts |')"

echo "==> The topic list of a group with 100,000 posts"
curl -fs -o /dev/null "http://127.0.0.1:$PORT/g/archive/discussions"
ONE="$(wrk -t1 -c1 -d"$DURATION" --latency "http://127.0.0.1:$PORT/g/archive/discussions")"
MANY="$(wrk -t2 -c16 -d"$DURATION" "http://127.0.0.1:$PORT/g/archive/discussions")"
MEDIAN="$(echo "$ONE" | awk '$1 == "50%" {print $2}')"
P99="$(echo "$ONE" | awk '$1 == "99%" {print $2}')"
RPS="$(echo "$MANY" | awk '/Requests\/sec/ {print $2}')"
echo "| /g/archive/discussions (5,000 topics, 100,000 posts) | median $MEDIAN | p99 $P99 | $RPS requests/s (16 connections) |"
