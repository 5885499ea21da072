#!/usr/bin/env bash
# The test command of Essaim: ./scripts/test.sh [extra arguments for cargo test]
#
# On a fresh Debian machine it installs what the tests need (Chromium, swaks,
# the browser tests' npm packages), makes sure PostgreSQL answers, then runs
# the Rust tests of the whole workspace and the browser tests against the
# real server binary. Each setup step is skipped when already done.
# Screenshots of the browser tests land in target/screenshots/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

step() { printf '\n==> %s\n' "$*"; }

# Runs a command as root: directly, or through sudo when available.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        echo "error: '$*' needs root and sudo is not installed" >&2
        return 1
    fi
}

# ---------------------------------------------------------------- system packages
if [ ! -x /usr/bin/chromium ] || ! command -v swaks >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1; then
    step "Installing Chromium, swaks and curl (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update
    as_root apt-get install -y chromium swaks curl
fi

for tool in cargo node npm; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "error: $tool is not installed" >&2
        exit 1
    fi
done

# ---------------------------------------------------------------- npm packages
BROWSER_DIR="$ROOT/tests/browser"
if [ ! -d "$BROWSER_DIR/node_modules" ] || [ "$BROWSER_DIR/package-lock.json" -nt "$BROWSER_DIR/node_modules" ]; then
    step "Installing the browser tests' packages (npm ci)"
    (cd "$BROWSER_DIR" && npm ci --no-audit --no-fund)
    touch "$BROWSER_DIR/node_modules"
fi

# ---------------------------------------------------------------- PostgreSQL
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    step "Starting PostgreSQL"
    if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -d /etc/postgresql ]; then
        echo "error: PostgreSQL does not answer on 127.0.0.1:5432 and is not installed here" >&2
        exit 1
    fi
    for version in $(ls /etc/postgresql); do
        as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    done
    for _ in $(seq 1 30); do
        pg_isready -q -h 127.0.0.1 -p 5432 && break
        sleep 1
    done
    if ! pg_isready -h 127.0.0.1 -p 5432; then
        echo "error: PostgreSQL still does not answer on 127.0.0.1:5432 after 30 s" >&2
        exit 1
    fi
fi
export ESSAIM_TEST_DATABASE_URL="${ESSAIM_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"

# ---------------------------------------------------------------- Rust tests
step "Rust tests (cargo test --workspace $*)"
cargo test --workspace "$@"

# ---------------------------------------------------------------- browser tests
step "Building the server (cargo build -p essaim)"
cargo build -p essaim

step "API contract (schemathesis)"
./scripts/contract.sh

step "Browser tests (node --test tests/browser/)"
mkdir -p target/screenshots
node --test tests/browser/
echo "Screenshots: $ROOT/target/screenshots/"
