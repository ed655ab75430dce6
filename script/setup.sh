# Shared set-up for script/run and script/test: installs what is missing,
# and is safe to run again. Sourced, not executed.
#
# Needs: a Debian-like machine with Rust (rustup). Installs: the wasm32
# target, cargo-leptos, wasm-bindgen-cli (the version in Cargo.lock); for
# the tests Node.js packages, Debian's chromium, aiosmtpd and moto.

LOKET_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CARGO_LEPTOS_VERSION=0.3.10

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root to run: $*" >&2; return 1; fi
}

apt_install() {
  say "installing Debian packages: $*"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

ensure_rust_tools() {
  export PATH="$HOME/.cargo/bin:$PATH"
  command -v cargo >/dev/null || { echo "Rust is not installed: see https://rustup.rs" >&2; exit 1; }
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32 target"
    rustup target add wasm32-unknown-unknown
  fi
  if [ "$(cargo leptos --version 2>/dev/null)" != "cargo-leptos $CARGO_LEPTOS_VERSION" ]; then
    say "installing cargo-leptos $CARGO_LEPTOS_VERSION (takes about 20 minutes, once)"
    cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
  fi
  local wbg
  wbg=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, "", $0); print; exit }' "$LOKET_ROOT/Cargo.lock")
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wbg" ]; then
    say "installing wasm-bindgen-cli $wbg"
    cargo install wasm-bindgen-cli --version "$wbg"
  fi
}

ensure_node_packages() {
  if ! command -v npm >/dev/null; then apt_install nodejs npm; fi
  (cd "$LOKET_ROOT/end2end" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  # wasm-opt for release builds comes from npm's binaryen (Debian's is too old).
  export PATH="$LOKET_ROOT/end2end/node_modules/.bin:$PATH"
}

ensure_chromium() {
  if [ -z "${CHROMIUM_PATH:-}" ]; then
    command -v chromium >/dev/null || apt_install chromium
    export CHROMIUM_PATH="$(command -v chromium)"
  fi
}

# A real SMTP server for the tests: Python's aiosmtpd, in a virtualenv
# inside the checkout (pinned; nothing installed system-wide).
AIOSMTPD_VERSION=1.4.6
ensure_mail_server() {
  local venv="$LOKET_ROOT/.venv"
  if ! "$venv/bin/python" -c "import aiosmtpd" 2>/dev/null; then
    command -v python3 >/dev/null || apt_install python3 python3-venv
    say "installing aiosmtpd $AIOSMTPD_VERSION (the test mail server)"
    python3 -m venv "$venv" || { apt_install python3-venv; python3 -m venv "$venv"; }
    "$venv/bin/pip" install --quiet "aiosmtpd==$AIOSMTPD_VERSION"
  fi
  export LOKET_TEST_PYTHON="$venv/bin/python"
}

# A real S3-compatible object store for the tests: moto's server mode, in
# the same virtualenv (pinned).
MOTO_VERSION=5.2.5
ensure_object_store() {
  ensure_mail_server
  if ! "$LOKET_ROOT/.venv/bin/python" -c "import moto.server, flask" 2>/dev/null; then
    say "installing moto $MOTO_VERSION (the test S3 server)"
    "$LOKET_ROOT/.venv/bin/pip" install --quiet "moto[server]==$MOTO_VERSION"
  fi
}

# The environment cargo-leptos gives cargo, so `cargo test` reuses its build.
leptos_build_env() {
  export LEPTOS_OUTPUT_NAME=loket LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg
  export LEPTOS_SITE_ADDR=127.0.0.1:3000 LEPTOS_RELOAD_PORT=3001 LEPTOS_LIB_DIR=app/hydrate
  export LEPTOS_BIN_DIR=server LEPTOS_JS_MINIFY=false LEPTOS_HASH_FILES=true LEPTOS_HASH_FILE_NAME=hash.txt
  export RUSTFLAGS="${RUSTFLAGS:-} --cfg erase_components"
}

loket_bin() {
  local target_dir="${CARGO_TARGET_DIR:-$LOKET_ROOT/target}"
  echo "$target_dir/${1:-debug}/loket"
}

# Runs a command; when it is still running after $1 seconds, prints the
# backtrace of every thread of the test binaries it started, stops it and
# fails.
with_backtraces_after() {
  local limit=$1; shift
  "$@" &
  local pid=$! waited=0
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$waited" -ge "$limit" ]; then
      say "still running after ${limit} s: the backtraces of every test thread"
      command -v gdb >/dev/null || apt_install gdb
      for test_pid in $(pgrep -f "/deps/(app|server|it)-[0-9a-f]+( |$)" || true); do
        gdb -p "$test_pid" -batch -ex "thread apply all bt" 2>/dev/null | grep -v "^\[New LWP" || true
      done
      pkill -P "$pid" || true
      kill "$pid" 2>/dev/null || true
      return 1
    fi
    sleep 5
    waited=$((waited + 5))
  done
  wait "$pid"
}


# PostgreSQL for the tests and the benchmark: TEST_DATABASE_URL when set (a
# server where the user may create databases); otherwise a throw-away
# cluster from the installed PostgreSQL binaries (installing Debian's
# postgresql if absent), fast and unsafe (fsync off), which
# stop_test_postgres removes. Exports TEST_DATABASE_URL.
ensure_test_postgres() {
  command -v psql >/dev/null || apt_install postgresql-client
  [ -n "${TEST_DATABASE_URL:-}" ] && return 0
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$PG_BIN" ]; then apt_install postgresql; PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1); fi
  local pg_dir port
  pg_dir=$(mktemp -d /tmp/loket-pg.XXXXXX)
  PG_DATA="$pg_dir/data"
  PG_RUN=""
  if [ "$(id -u)" = 0 ]; then chown postgres "$pg_dir"; PG_RUN="runuser -u postgres --"; fi
  port=$((20000 + RANDOM % 20000))
  say "starting a throw-away PostgreSQL ($PG_BIN) on port $port"
  $PG_RUN "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -A trust >/dev/null
  $PG_RUN "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$pg_dir/log" -w start \
    -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
}

stop_test_postgres() {
  if [ -n "${PG_DATA:-}" ]; then
    $PG_RUN "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$(dirname "$PG_DATA")"
  fi
}
