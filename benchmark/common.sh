# What benchmark/run and benchmark/saga-share share; sourced from the repository root.

# Only one healthcheck system fits on the ports: re-runs the calling script under the lock the system
# tests take (call it with the script's arguments).
hold_ports_lock() {
  local lock=${HEALTHCHECK_PORTS_LOCK:-/tmp/healthcheck-ports.lock}
  if [ -z "${BENCHMARK_HOLDS_LOCK:-}" ]; then
    echo "$(basename "$0"): waiting for $lock (another system may be running)..."
    BENCHMARK_HOLDS_LOCK=1 exec flock "$lock" "$0" "$@"
  fi
}

# wrk from the Debian packages, installed if missing; $1: the log of the installation
need_wrk() {
  command -v wrk >/dev/null || apt-get install -y wrk > "$1" 2>&1 \
    || { apt-get update >> "$1" 2>&1 && apt-get install -y wrk >> "$1" 2>&1; }
}

# a development password from dev.env ($1: its key)
dev() { sed -n "s/^$1=//p" liberty-config/src/main/liberty/dev.env; }
# the Basic credentials of user $1 whose password is dev.env's $2
basic() { printf '%s:%s' "$1" "$(dev "$2")" | base64 -w0; }
# user + system CPU time of process $1 so far, in clock ticks
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# ...of which in the kernel (system calls: sockets, disk writes, waking threads)
kernel_ticks() { awk '{ print $15 }' "/proc/$1/stat"; }
