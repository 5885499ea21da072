#!/usr/bin/env bash
# Reproduces the newsletter figure of BENCHMARKS.md:
#     ./scripts/bench.sh newsletter
#
# A group with 5,000 members and 5,000 confirmed news-only subscribers
# (SQLite, release build): its editor prepares the letter and sends it
# through the API; the figure is the time from the send request until the
# 10,000th email is handed to a local SMTP sink (scripts/smtp_sink.py),
# with the server's own worker sending (batches of the newsletter job, then
# the outbox).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PORT="${ESSAIM_BENCH_PORT:-18830}"
SMTP_PORT="${ESSAIM_BENCH_SMTP_PORT:-18835}"
DIR="$ROOT/target/bench-newsletter"
BIN="${ESSAIM_BENCH_BINARY:-$ROOT/target/release/essaim}"

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
ESSAIM_SMTP_URL="smtp://127.0.0.1:$SMTP_PORT" "$BIN" serve > "$DIR/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER $SINK 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
    sleep 0.2
done
api() { curl -fs -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' "$@"; }

# The administrator proposes the group (so runs it) and publishes news: the
# letter has something to say.
api -X POST "http://127.0.0.1:$PORT/api/v1/groups" -d '{"name":"Groupe lettre","summary":"Un groupe pour mesurer","kind":"thematic","slug":"lettre","hosted":true,"joining":"open","country":"FR","region":"Bretagne","charter_accepted":true}' >/dev/null
api -X POST "http://127.0.0.1:$PORT/api/v1/groups/lettre/news" -d '{"title":"Les semis de printemps","body":"Rendez-vous **samedi** au jardin pour les semis.","visibility":"public"}' >/dev/null

echo "==> Writing 5,000 members and 5,000 news-only subscribers"
NOW="$(date +%s)"
sqlite3 "$DIR/essaim.db" <<SQL
.timeout 10000
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
INSERT INTO users (email, name, email_verified_at, created_at, updated_at)
SELECT 'membre' || i || '@bench.essaim.test', 'Membre ' || i, $NOW, $NOW, $NOW FROM n;
INSERT INTO memberships (group_id, user_id, joined_at)
SELECT (SELECT id FROM groups WHERE slug = 'lettre'), id, $NOW FROM users WHERE email LIKE 'membre%';
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
INSERT INTO news_subscribers (group_id, email, lang, token_hash, confirmed_at, created_at)
SELECT (SELECT id FROM groups WHERE slug = 'lettre'), 'abonne' || i || '@ailleurs.test', 'fr', 'h' || i, $NOW, $NOW FROM n;
COMMIT;
SQL
# The news item's own emails go out first (to the administrator alone: the
# others were written after it); the sink's count starts after them.
sleep 2
read -r BEFORE _ < "$DIR/sink.status" || BEFORE=0

ID="$(api -X POST "http://127.0.0.1:$PORT/api/v1/groups/lettre/newsletters" | python3 -c 'import json,sys; print(json.load(sys.stdin)["newsletter"]["id"])')"
echo "==> Sending letter $ID to 10,001 addresses"
START="$(python3 -c 'import time; print(f"{time.time():.6f}")')"
RECIPIENTS="$(api -X POST "http://127.0.0.1:$PORT/api/v1/groups/lettre/newsletters/$ID/send" | python3 -c 'import json,sys; print(json.load(sys.stdin)["recipients"])')"
WANT=$((BEFORE + RECIPIENTS))
for _ in $(seq 1 2400); do
    read -r COUNT LAST < "$DIR/sink.status" || true
    [ "${COUNT:-0}" -ge "$WANT" ] && break
    sleep 0.05
done
read -r COUNT LAST < "$DIR/sink.status" || true
[ "${COUNT:-0}" -ge "$WANT" ] || { echo "only $((COUNT - BEFORE)) of $RECIPIENTS letters arrived"; tail -20 "$DIR/server.log"; exit 1; }
DUPLICATES="$(sqlite3 "$DIR/essaim.db" ".timeout 10000" "SELECT COUNT(*) - COUNT(DISTINCT to_addr) FROM outbox WHERE kind = 'newsletter'")"
python3 -c "print(f'| 1 newsletter to {$RECIPIENTS} addresses (5,000 members, 5,000 subscribers, the editor): all handed to SMTP | {($LAST - $START):.2f} s | {$COUNT - $BEFORE} messages, $DUPLICATES duplicates |')"
