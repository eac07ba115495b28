#!/usr/bin/env bash
# Run N copies of the app behind nginx, all sharing one store folder:
#   deploy/replicas.sh N
# Environment: NHS_EXPLORER_STORE (the shared store, default ./.nhs_store), PROXY_PORT (default 8080, the
# address users open), BASE_PORT (default 8501: replicas on BASE_PORT .. BASE_PORT+N-1, loopback only),
# LISTEN_ADDRESS (default 0.0.0.0), RUN_DIR (nginx's config, pid, logs and the replicas' logs; default
# ./.replicas). Ctrl-C (or SIGTERM) stops nginx and every replica.
set -euo pipefail
cd "$(dirname "$0")/.."

count="${1:?usage: deploy/replicas.sh N (the number of app processes)}"
base_port="${BASE_PORT:-8501}"
proxy_port="${PROXY_PORT:-8080}"
run_dir="$(mkdir -p "${RUN_DIR:-.replicas}" && cd "${RUN_DIR:-.replicas}" && pwd)"
export NHS_EXPLORER_STORE="$(mkdir -p "${NHS_EXPLORER_STORE:-.nhs_store}" && cd "${NHS_EXPLORER_STORE:-.nhs_store}" && pwd)"
command -v nginx >/dev/null || { echo "nginx is not installed (Debian: apt-get install nginx)" >&2; exit 1; }

pids=()
stop() {
  trap - INT TERM EXIT
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

# One cookie secret for all, so a cookie signed by one replica is good on the others.
export STREAMLIT_SERVER_COOKIE_SECRET="${STREAMLIT_SERVER_COOKIE_SECRET:-$(python3 -c 'import secrets; print(secrets.token_hex(32))')}"
upstreams="" routes="" known="" sticky=""
for ((i = 0; i < count; i++)); do
  port=$((base_port + i))
  python3 -m streamlit run streamlit_app.py --server.port "$port" --server.address 127.0.0.1 \
    --server.headless true --browser.gatherUsageStats false \
    >"$run_dir/replica-$port.log" 2>&1 &
  pids+=("$!")
  upstreams+="        server 127.0.0.1:$port;"$'\n'
  routes+="        \"127.0.0.1:$port\" replica_$port;"$'\n'
  known+="        \"127.0.0.1:$port\" \"\";"$'\n'
  sticky+="    upstream replica_$port {"$'\n'"        server 127.0.0.1:$port;"$'\n'
  for ((j = 0; j < count; j++)); do
    [ "$j" -eq "$i" ] || sticky+="        server 127.0.0.1:$((base_port + j)) backup;"$'\n'
  done
  sticky+="    }"$'\n'
done

RUN_DIR="$run_dir" LISTEN="${LISTEN_ADDRESS:-0.0.0.0}:$proxy_port" UPSTREAMS="$upstreams" ROUTES="$routes" \
  KNOWN="$known" STICKY="$sticky" envsubst '${RUN_DIR} ${LISTEN} ${UPSTREAMS} ${ROUTES} ${KNOWN} ${STICKY}' \
  <deploy/nginx.conf.template >"$run_dir/nginx.conf"
echo "$count replicas on ports $base_port-$((base_port + count - 1)), store $NHS_EXPLORER_STORE;" \
  "open http://localhost:$proxy_port (logs in $run_dir)"
nginx -p "$run_dir" -c "$run_dir/nginx.conf" -e "$run_dir/error.log" &
pids+=("$!")
wait -n "${pids[@]}" || true  # any process ending stops the rest
