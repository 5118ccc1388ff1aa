#!/usr/bin/env bash
# Proves the README's `make run` as a newcomer meets it: the commit under test cloned into an empty
# folder, `make run` exactly as written with nothing exported (no DATABASE_URL, REDIS_URL, CI…), the
# home page answering 200, a demo account signing in through the real login form and opening a signed-in
# page; then the server is stopped by its process id, started a second time (which must change no data
# and answer at once), and stopped again. Used by .ci/run before anything else; runs anywhere with
# git, make, Python and curl: `bash scripts/pristine-run.sh [commit]`.
set -euo pipefail

repo=$(git rev-parse --show-toplevel)
commit=$(git -C "$repo" rev-parse "${1:-HEAD}")
port=${PRISTINE_PORT:-8765}
first_start_limit=${PRISTINE_FIRST_START_LIMIT:-900} # seconds: install, migrate, demo data
second_start_limit=${PRISTINE_SECOND_START_LIMIT:-30}
email=projektledare@demo.kompetensportalen.se
password=Kompetens-demo-2026
base="http://127.0.0.1:$port"

work=$(mktemp -d)
clone="$work/kompetensportalen"
jar="$work/cookies.txt"
server_pid=""

# A process that has ended but not been reaped (a zombie) still answers kill -0: look at its state.
alive() { ps -o stat= -p "$1" 2>/dev/null | grep -qv '^Z'; }
group_alive() { ps -o stat= -g "$1" 2>/dev/null | grep -qv '^Z'; }

stop_server() {
  [ -n "$server_pid" ] || return 0
  # make, runserver and its autoreloader child share the session setsid gave them: stop them all.
  kill -TERM -- "-$server_pid" 2>/dev/null || true
  for _ in $(seq 50); do group_alive "$server_pid" || break; sleep 0.2; done
  kill -KILL -- "-$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}
cleanup() {
  stop_server
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "pristine make run: $*" >&2
  echo "--- last lines of the server's output:" >&2
  tail -n 40 "$work/run.log" >&2 || true
  exit 1
}

if curl -s -o /dev/null "$base/"; then
  fail "something already answers on port $port"
fi

git clone --quiet --no-local "$repo" "$clone"
git -C "$clone" checkout --quiet --detach "$commit"
echo "cloned $commit into an empty folder: $clone"

start_server() {
  # Nothing exported but where programs are found: the README promises two commands, not a setup.
  (cd "$clone" && exec setsid env -i PATH="$PATH" HOME="${HOME:-/root}" make run PORT="$port") \
    >"$work/run.log" 2>&1 &
  server_pid=$!
}

wait_for_home() {
  local limit=$1 started=$SECONDS
  while [ $((SECONDS - started)) -lt "$limit" ]; do
    alive "$server_pid" || fail "make run ended before the home page answered"
    code=$(curl -s -o /dev/null -w '%{http_code}' "$base/" || true)
    [ "$code" = 200 ] && {
      echo "home page answered 200 after $((SECONDS - started)) s"
      return 0
    }
    sleep 0.5
  done
  fail "the home page did not answer 200 within $limit s (last answer: ${code:-none})"
}

row_counts() {
  # What the demo data is: every table's row count, less the tables that signing in writes to
  # (sessions, and the cache table that keeps rate limits) and the full-text indexes' internals.
  "$clone/.venv/bin/python" - "$clone/var/db.sqlite3" <<'PY'
import re, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
skip = {"django_session", "account_emailconfirmation", "portal_cache"}
# The full-text indexes' own bookkeeping (FTS5 shadow tables): their rows follow how the index was
# written, not what it holds; the indexed rows are counted in the *_fts tables themselves.
fts_internals = re.compile(r"_fts_(data|idx|docsize|config)$")
for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
    if name not in skip and not name.startswith("sqlite_") and not fts_internals.search(name):
        print(name, db.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0])
PY
}

sign_in() {
  rm -f "$jar"
  local page token code
  page=$(curl -s -c "$jar" -b "$jar" "$base/konto/login/")
  token=$(printf '%s' "$page" | grep -o 'name="csrfmiddlewaretoken" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')
  [ -n "$token" ] || fail "the login page has no CSRF token"
  code=$(curl -s -o "$work/login.html" -w '%{http_code} %{redirect_url}' -c "$jar" -b "$jar" \
    -H "Referer: $base/konto/login/" \
    --data-urlencode "csrfmiddlewaretoken=$token" --data-urlencode "login=$email" \
    --data-urlencode "password=$password" "$base/konto/login/")
  case "$code" in
    302*) echo "signed in as $email through the login form ($code)" ;;
    *) fail "signing in as $email answered $code, not a redirect" ;;
  esac
  code=$(curl -s -o "$work/account.html" -w '%{http_code}' -b "$jar" "$base/mitt-konto/")
  [ "$code" = 200 ] || fail "the signed-in page /mitt-konto/ answered $code"
  grep -q "$email" "$work/account.html" || fail "/mitt-konto/ does not show the signed-in account"
  echo "opened /mitt-konto/ signed in: 200, shows $email"
}

echo "first make run (installs from the lock, migrates, loads the demo data)"
start_server
wait_for_home "$first_start_limit"
sign_in
# The demo data's mails are printed to the console: their links must follow PORT.
grep -q "$base/" "$work/run.log" || fail "no link in the printed mails points to $base/"
if grep -q "127.0.0.1:8000" "$work/run.log"; then fail "a printed mail links to port 8000, not $port"; fi
echo "links in the printed mails point to $base/"
stop_server
curl -s -o /dev/null "$base/" && fail "the server still answers after it was stopped"
echo "server stopped by its process id"

row_counts >"$work/counts-1"
echo "second make run (must change nothing and start at once)"
start_server
wait_for_home "$second_start_limit"
sign_in
stop_server
row_counts >"$work/counts-2"
if ! diff -u "$work/counts-1" "$work/counts-2"; then
  fail "the second make run changed the data (row counts above)"
fi
[ -z "$(git -C "$clone" status --porcelain)" ] || fail "make run left files that git sees: $(git -C "$clone" status --porcelain)"
echo "pristine make run: passed"
