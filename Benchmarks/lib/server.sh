# shellcheck shell=bash
# `Benchmarks/run server`: the flag server against CPython's ThreadingHTTPServer and nginx,
# serving the same 194 flag files to the same load. Sourced by Benchmarks/run, which defines
# $python, $scratch, $bench_dir, build_product, start_server and the row helpers.

# Makes command $1 available, installing the first Debian package of "${@:2}" that provides
# it when it is missing; says so, and returns 1 if it cannot.
ensure_command() {
  local command="$1" package
  shift
  command -v "$command" >/dev/null 2>&1 && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "$command is missing and there is no apt-get to install it with" >&2
    return 1
  fi
  for package in "$@"; do
    echo "installing $package (for $command) from Debian's packages…" >&2
    if apt-get install -y -q "$package" >/dev/null 2>&1 ||
      { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q "$package" >/dev/null 2>&1; }; then
      command -v "$command" >/dev/null 2>&1 && return 0
    fi
  done
  echo "could not install $command (tried: $*)" >&2
  return 1
}

# A free TCP port on 127.0.0.1.
free_port() {
  "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits up to 5 s until something accepts connections on 127.0.0.1:$1.
wait_for_port() {
  local i
  for ((i = 0; i < 100; i++)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.05
  done
  return 1
}

# Downloads every flag from the Swift server on port $1 into $2/flags/<cc>/<cc>.gif and writes
# their paths, one a line, to $3: the files the other servers serve and the paths the load asks
# for.
copy_flags() {
  "$python" - "$1" "$2" "$3" <<'PY'
import os, sys, urllib.error, urllib.request
port, root, listing = sys.argv[1], sys.argv[2], sys.argv[3]
paths = []
for cc in (a + b for a in "abcdefghijklmnopqrstuvwxyz" for b in "abcdefghijklmnopqrstuvwxyz"):
    path = f"/flags/{cc}/{cc}.gif"
    try:
        body = urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5).read()
    except urllib.error.HTTPError as error:
        if error.code == 404:
            continue
        raise
    os.makedirs(os.path.join(root, "flags", cc), exist_ok=True)
    with open(os.path.join(root, "flags", cc, f"{cc}.gif"), "wb") as file:
        file.write(body)
    paths.append(path)
with open(listing, "w") as file:
    file.write("".join(path + "\n" for path in paths))
PY
}

# Writes a wrk script to $2 that asks for the paths listed in $1 in turn.
write_wrk_script() {
  {
    echo "local paths = {"
    sed 's/.*/  "&",/' "$1"
    echo "}"
    echo "local next = 0"
    echo "request = function()"
    echo "  next = next % #paths + 1"
    echo '  return wrk.format("GET", paths[next])'
    echo "end"
  } >"$2"
}

# Writes an nginx configuration to $1/nginx.conf: a foreground master with $3 worker processes
# serving $1/root on 127.0.0.1:$2, no access log, sendfile, keep-alive connections that last
# (as the other servers' do: nginx closes one after 1,000 requests by default), every path it
# writes inside $1.
write_nginx_conf() {
  local dir="$1" port="$2" workers="$3"
  cat >"$dir/nginx.conf" <<CONF
worker_processes $workers;
daemon off;
master_process on;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events {
  worker_connections 4096;
}
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 65;
  keepalive_requests 1000000;
  types { image/gif gif; }
  default_type application/octet-stream;
  client_body_temp_path $dir/client_body;
  proxy_temp_path $dir/proxy;
  fastcgi_temp_path $dir/fastcgi;
  uwsgi_temp_path $dir/uwsgi;
  scgi_temp_path $dir/scgi;
  server {
    listen 127.0.0.1:$port;
    root $dir/root;
  }
}
CONF
}

# Loads 127.0.0.1:$1 with $2 keep-alive connections for $3 seconds asking for the paths in $4
# (wrk with script $5 when there is one, else lessons-bench's own client) and prints
# "REQUESTS_PER_S ERRORS".
load_server() {
  local port="$1" connections="$2" seconds="$3" paths="$4" script="$5" output
  if [[ -n "$script" ]]; then
    output="$(wrk -t 2 -c "$connections" -d "${seconds}s" -s "$script" "http://127.0.0.1:$port" 2>&1)"
    awk '
      /^Requests\/sec:/ { rate = $2 }
      /Non-2xx or 3xx responses:/ { errors += $NF }
      /Socket errors:/ { for (i = 3; i <= NF; i++) { v = $i; gsub(/,/, "", v); if (v ~ /^[0-9]+$/) errors += v } }
      END { printf "%s %d\n", (rate == "" ? "" : rate), errors }' <<<"$output"
  else
    # About as many requests as wrk would send in that time at 40k/s, spread over the clients.
    output="$("$scratch/release/lessons-bench" flags --port "$port" --clients "$connections" \
      --requests "$((seconds * 400 * 100 / connections))")"
    awk '{ for (i = 2; i <= NF; i++) { split($i, f, "="); v[f[1]] = f[2] } }
      END { printf "%s %d\n", v["requests_per_s"], v["errors"] }' <<<"$output"
  fi
}

# Stops the children started by server_mode, each by its own pid, and removes its folder.
stop_server_children() {
  local pid
  for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${server_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ -n "${server_tmp:-}" ]]; then rm -rf "$server_tmp"; fi
}

server_mode() {
  local seconds=10 connections=100 rounds=2 workers=2
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --seconds) need_value "$@"; seconds="$2"; shift 2 ;;
      --connections) need_value "$@"; connections="$2"; shift 2 ;;
      --rounds) need_value "$@"; rounds="$2"; shift 2 ;;
      --nginx-workers) need_value "$@"; workers="$2"; shift 2 ;;
      *) echo "Benchmarks/run server: unknown option '$1'" >&2; exit 2 ;;
    esac
  done
  if ! [[ $seconds =~ ^[1-9][0-9]*$ && $connections =~ ^[1-9][0-9]*$ && $rounds =~ ^[1-9][0-9]*$ &&
    $workers =~ ^[1-9][0-9]*$ ]]; then
    echo "Benchmarks/run server: --seconds, --connections, --rounds and --nginx-workers want positive whole numbers" >&2
    exit 2
  fi
  echo "building lessons-bench (release, $scratch)…" >&2
  build_product lessons-bench
  local script="" nginx=""
  if ensure_command wrk wrk; then
    script=wrk
  else
    echo "no wrk: loading with lessons-bench's own keep-alive client instead" >&2
  fi
  if ensure_command nginx nginx-light nginx; then nginx="$(command -v nginx)"; fi

  server_pids=()
  server_tmp="$(mktemp -d)"
  trap stop_server_children EXIT
  # nginx's workers run as nobody when it starts as root: the files must be readable by all.
  chmod 755 "$server_tmp"
  local ours_port python_port nginx_port=""
  start_server ours_port
  copy_flags "$ours_port" "$server_tmp/root" "$server_tmp/paths"
  chmod -R a+rX "$server_tmp/root"
  if [[ -n "$script" ]]; then
    script="$server_tmp/paths.lua"
    write_wrk_script "$server_tmp/paths" "$script"
  fi
  echo "serving $(wc -l <"$server_tmp/paths") flag files ($(du -sh "$server_tmp/root" | cut -f1)) from each server" >&2

  python_port="$(free_port)"
  "$python" "$bench_dir/file_server.py" --port "$python_port" --root "$server_tmp/root" >/dev/null 2>&1 &
  server_pids+=("$!")
  wait_for_port "$python_port" || { echo "Benchmarks/run server: the Python server did not start" >&2; exit 1; }
  if [[ -n "$nginx" ]]; then
    nginx_port="$(free_port)"
    write_nginx_conf "$server_tmp" "$nginx_port" "$workers"
    "$nginx" -c "$server_tmp/nginx.conf" -p "$server_tmp" -e "$server_tmp/error.log" >/dev/null 2>&1 &
    server_pids+=("$!")
    if ! wait_for_port "$nginx_port"; then
      echo "nginx did not start: $(tail -n 1 "$server_tmp/error.log" 2>/dev/null)" >&2
      nginx_port=""
    fi
  fi

  local load="wrk -t 2"
  if [[ -z "$script" ]]; then load="lessons-bench flags"; fi
  echo "== the flag server, $connections keep-alive connections, ${seconds}s each, best of $rounds ($load)"
  local nginx_text="unavailable"
  if [[ -n "$nginx_port" ]]; then
    nginx_text="worker_processes $workers, access_log off, sendfile on"
  fi
  echo "   ours: lessons-bench flags --serve-port (a thread per connection); nginx: $nginx_text"
  local name port best result rate errors round
  local -A rates=()
  for name in ours nginx python; do
    case "$name" in
      ours) port="$ours_port" ;;
      nginx) port="$nginx_port" ;;
      python) port="$python_port" ;;
    esac
    [[ -n "$port" ]] || continue
    load_server "$port" "$connections" 2 "$server_tmp/paths" "$script" >/dev/null  # warm-up
  done
  # Rounds take turns (ours, nginx, ours, nginx…), so that a burst of load elsewhere on the
  # machine falls on both alike; CPython, some 25 times slower, runs once.
  for ((round = 1; round <= rounds; round++)); do
    for name in ours nginx python; do
      case "$name" in
        ours) port="$ours_port" ;;
        nginx) port="$nginx_port" ;;
        python) port="$python_port"; ((round == 1)) || continue ;;
      esac
      [[ -n "$port" ]] || continue
      result="$(load_server "$port" "$connections" "$seconds" "$server_tmp/paths" "$script")"
      rate="${result%% *}"
      errors="${result#* }"
      echo "server-$name round=$round requests_per_s=${rate:-?} errors=$errors"
      best="${rates[$name]:-0}"
      if [[ -n "$rate" ]] && awk -v a="$rate" -v b="$best" 'BEGIN { exit !(a > b) }'; then
        rates[$name]="$rate"
      fi
    done
  done
  local ours="${rates[ours]:-}" peer
  for name in python nginx; do
    peer="${rates[$name]:-}"
    local aim=20 label="ThreadingHTTPServer"
    if [[ $name == nginx ]]; then
      aim=1.0
      label="nginx ($workers workers)"
    fi
    awk -v s="$ours" -v p="$peer" -v name="$name" -v aim="$aim" 'BEGIN {
      if (s == "" || p == "") { printf "server-vs-%s unavailable\n", name; exit }
      printf "server-vs-%s swift=%.0f/s %s=%.0f/s ratio=%.2fx aim=>=%sx %s\n", name, s, name, p,
        s / p, aim, (s / p >= aim ? "met" : "missed") }'
    row "flag server / $label" "$(rate_text "$ours")" "$(rate_text "$peer")" \
      "$(ratio_text "$ours" "$peer")" ">=${aim}x" "$(verdict "$(ratio_of "$ours" "$peer")" ">=" "$aim")"
  done
}
