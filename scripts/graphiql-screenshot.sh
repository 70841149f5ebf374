#!/usr/bin/env bash
# Manual check that GraphiQL works with no internet: serve the samples from a throwaway embedded graph, open
# /graphql in headless Chromium with every host but loopback made unresolvable, check the rendered DOM has
# GraphiQL's editor and the example tabs, and save a screenshot. Not part of CI (it needs Chromium).
# Usage: scripts/graphiql-screenshot.sh [OUT.png]   (default /tmp/graphiql.png)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/graphiql.png}

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's chromium (one-off)"
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else
    echo "error: chromium not found; install it (Debian: apt-get install chromium)" >&2
    exit 1
  fi
fi
make --no-print-directory graphiql-assets
if [ ! -d api/graphiql/node_modules ]; then
  echo "error: api/graphiql/node_modules is missing (needs npm): the page would load GraphiQL from the CDN" >&2
  exit 1
fi

work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
export OGP_GRAPH_URL="falkordb-lite://$work/g.db"
.venv/bin/ogp load samples/ >"$work/load.log" 2>&1 || { cat "$work/load.log" >&2; exit 1; }
port=$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
.venv/bin/ogp serve --host 127.0.0.1 --port "$port" >"$work/serve.log" 2>&1 &
server=$!
url="http://127.0.0.1:$port/graphql"
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 0.5
done

page=$(curl -fsS -H "Accept: text/html" "$url")
if grep -q "https://unpkg.com" <<<"$page"; then
  echo "error: the page still references the CDN:" >&2
  grep -o 'https://unpkg.com[^"]*' <<<"$page" >&2
  exit 1
fi

# No network for the browser: every host name but the loopback address fails to resolve.
chrome=(chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update
  --disable-sync --no-first-run --user-data-dir="$work/profile" --window-size=1400,900
  --host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1" --virtual-time-budget=8000)
"${chrome[@]}" --dump-dom "$url" >"$work/dom.html" 2>"$work/chromium.log"
"${chrome[@]}" --screenshot="$out" "$url" >>"$work/chromium.log" 2>&1

tabs=$(grep -o 'class="graphiql-tab[ "]' "$work/dom.html" | wc -l)
editors=$(grep -o 'class="graphiql-editor' "$work/dom.html" | wc -l)
examples=$(ls api/examples/*.graphql | wc -l)
echo "rendered DOM: $tabs GraphiQL tabs (api/examples has $examples files), $editors editor panes"
echo "screenshot: $out"
if [ "$tabs" -lt "$examples" ] || [ "$editors" -eq 0 ]; then
  echo "error: GraphiQL did not render with the example tabs (chromium log: $work/chromium.log)" >&2
  cp "$work/dom.html" /tmp/graphiql-dom.html
  echo "the rendered DOM is in /tmp/graphiql-dom.html" >&2
  exit 1
fi
