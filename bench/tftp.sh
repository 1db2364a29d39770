#!/usr/bin/env bash
# TFTP throughput of Diskless against tftpd-hpa and atftpd, side by side on loopback, with the same client
# (atftp) and the same files. A benchmark, not a test: nothing here is run by CI. See bench/README.md.
#
#   bench/tftp.sh                       # defaults: 100 MB file, best of 3, 200 clients x 30 MB
#   CONC=50 CONC_MB=10 bench/tftp.sh    # a smaller concurrency run
#
# Everything it starts is stopped by PID on exit (also on Ctrl-C); its temp dirs are removed.
set -uo pipefail

SIZE_MB=${SIZE_MB:-100}          # the single-client file, in MB (10^6 bytes)
REPS=${REPS:-3}                  # single-client runs per server and mode; the best counts
WARMUP=${WARMUP:-1}              # unmeasured passes over every mode per server first (JIT warm-up)
CONC=${CONC:-200}                # concurrent clients
CONC_MB=${CONC_MB:-30}           # the file each concurrent client fetches, in MB
CONC_MODE=${CONC_MODE:-b}        # mode of the concurrent run: a, b, c or d (see MODES)
MODES=${MODES:-"a b c d"}        # single-client modes to run
SERVERS=${SERVERS:-"diskless hpa atftpd"}
HOST=127.0.0.1
PORT_DISKLESS=${PORT_DISKLESS:-16969}
PORT_HPA=${PORT_HPA:-16970}
PORT_ATFTPD=${PORT_ATFTPD:-16971}
HERE=$(cd "$(dirname "$0")" && pwd)
JAR=${JAR:-$HERE/../distro/target/appliance.jar}
JAVA=${JAVA:-java}
CLIENT_TIMEOUT=${CLIENT_TIMEOUT:-900}

die() { echo "tftp.sh: $*" >&2; exit 1; }

declare -A PID=() NAME=([diskless]=Diskless [hpa]=tftpd-hpa [atftpd]=atftpd)
declare -A PORT=([diskless]=$PORT_DISKLESS [hpa]=$PORT_HPA [atftpd]=$PORT_ATFTPD)
CLIENTS=()
WORK=""
OUT=""

# SIG to a process and, first, all its descendants (by PID, walking --ppid).
kill_tree() { # signal pid
    local c
    for c in $(ps -o pid= --ppid "$2" 2>/dev/null); do kill_tree "$1" "$c"; done
    kill "-$1" "$2" 2>/dev/null
}

# Stops what this script started, by PID: concurrent clients (each a subshell, timeout and atftp), then each
# server with its children (tftpd-hpa forks one per transfer), SIGTERM first, SIGKILL after 10 s. Then removes
# its cgroups and temp dirs.
cleanup() {
    local p
    for p in "${CLIENTS[@]}"; do kill_tree KILL "$p"; done
    for s in "${!PID[@]}"; do kill_tree TERM "${PID[$s]}"; done
    for s in "${!PID[@]}"; do
        p=${PID[$s]}
        for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$p" 2>/dev/null
        wait "$p" 2>/dev/null
    done
    if [ -n "${CG:-}" ]; then
        for d in "$CG"/*/; do
            [ -d "$d" ] || continue
            for _ in $(seq 50); do rmdir "$d" 2>/dev/null && break; sleep 0.1; done
        done
        rmdir "$CG" 2>/dev/null || echo "tftp.sh: could not remove cgroup $CG" >&2
    fi
    [ -n "$WORK" ] && rm -rf "$WORK"
    [ -n "$OUT" ] && rm -rf "$OUT"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for cmd in atftp in.tftpd apt-get dpkg "$JAVA" timeout sha256sum; do
    command -v "$cmd" >/dev/null || die "needs $cmd"
done
[ -f "$JAR" ] || die "no appliance jar at $JAR: mvn -B -q install -DskipTests first"

WORK=$(mktemp -d /tmp/diskless-bench-tftp.XXXXXX)
OUT=$(mktemp -d /dev/shm/diskless-bench-out.XXXXXX 2>/dev/null || mktemp -d /tmp/diskless-bench-out.XXXXXX)
chmod 755 "$WORK"
ROOT=$WORK/root
mkdir -p "$ROOT"

echo "preparing files in $ROOT ..." >&2
head -c $((SIZE_MB * 1000000)) /dev/urandom >"$ROOT/big.bin"
head -c $((CONC_MB * 1000000)) /dev/urandom >"$ROOT/conc.bin"
head -c 1000 /dev/urandom >"$ROOT/ping.bin"
chmod 644 "$ROOT"/*.bin
BIG_SHA=$(sha256sum <"$ROOT/big.bin" | cut -d' ' -f1)
# Concurrent clients write here: a link, so a client that removes its output after an error removes the link,
# never /dev/null itself.
ln -s /dev/null "$OUT/null"

# atftpd conflicts with tftpd-hpa as a package: only unpacked here, never installed.
ATFTPD=""
if [[ " $SERVERS " == *" atftpd "* ]]; then
    (cd "$WORK" && apt-get download atftpd >/dev/null 2>&1) || die "apt-get download atftpd failed"
    dpkg -x "$WORK"/atftpd_*.deb "$WORK/atftpd-pkg" || die "dpkg -x atftpd failed"
    ATFTPD=$WORK/atftpd-pkg/usr/sbin/atftpd
fi

# Server CPU time. tftpd-hpa forks a child per transfer and ignores SIGCHLD, so its children's time never reaches
# its own /proc/PID/stat (cutime): each server is moved into a cgroup v2 of its own (in the otherwise unused
# unified hierarchy; its children inherit it) whose cpu.stat counts every process that ever ran there.
# Without a writable cgroup v2 (or with CGROUP=0), /proc/PID/stat is used and tftpd-hpa's CPU shows as n/a.
CG=""
if [ "${CGROUP:-1}" != 0 ]; then
    for base in /sys/fs/cgroup/unified /sys/fs/cgroup; do
        if [ -f "$base/cgroup.procs" ] && [ -f "$base/cpu.stat" ] && mkdir "$base/diskless-bench-$$" 2>/dev/null; then
            CG=$base/diskless-bench-$$
            break
        fi
    done
fi

into_cgroup() { # server
    [ -n "$CG" ] || return 0
    mkdir -p "$CG/$1" && echo "${PID[$1]}" >"$CG/$1/cgroup.procs" || die "cannot move ${NAME[$1]} into $CG/$1"
}

cpu_usec() { # server: microseconds of CPU used so far
    if [ -n "$CG" ]; then
        awk '/^usage_usec/ { print $2 }' "$CG/$1/cpu.stat"
        return
    fi
    local s hz
    s=$(<"/proc/${PID[$1]}/stat") || return 1
    s=${s##*) }
    set -- $s # utime stime cutime cstime are fields 14-17, here 12-15 (pid and comm are gone)
    hz=$(getconf CLK_TCK)
    echo $(((${12} + ${13} + ${14} + ${15}) * 1000000 / hz))
}

cpu_per_gb() { # usec bytes [server]
    if [ -z "$CG" ] && [ "${3:-}" = hpa ]; then echo "n/a"; return; fi
    awk -v u="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", u / 1e6 / (b / 1e9); else printf "-" }'
}

mode_name() {
    case $1 in
        a) echo "(a) 512-byte blocks" ;;
        b) echo "(b) blksize 1468" ;;
        c) echo "(c) blksize 1468 + windowsize 16" ;;
        d) echo "(d) blksize 65464" ;;
    esac
}

# atftp FILE into OUTFILE from server S in mode M; exit status of the client.
fetch() {
    local s=$1 m=$2 file=$3 out=$4 opts=()
    case $m in
        b) opts=(--option "blksize 1468") ;;
        c) opts=(--option "blksize 1468" --option "windowsize 16") ;;
        d) opts=(--option "blksize 65464") ;;
    esac
    timeout "$CLIENT_TIMEOUT" atftp "${opts[@]}" -g -r "$file" -l "$out" "$HOST" "${PORT[$s]}" >/dev/null 2>&1
}

await_server() { # until a client gets ping.bin (bounded)
    local s=$1
    for _ in $(seq 100); do
        kill -0 "${PID[$s]}" 2>/dev/null || return 1
        timeout 5 atftp -g -r ping.bin -l "$OUT/ping" "$HOST" "${PORT[$s]}" >/dev/null 2>&1 && cmp -s "$OUT/ping" "$ROOT/ping.bin" && return 0
        sleep 0.2
    done
    return 1
}

start_diskless() {
    local home=$WORK/home
    mkdir -p "$home/config"
    # Written before the start: config/ is applied before the TFTP server binds. mtu 65535 lifts the blksize
    # clamp (1468 for a 1500-byte MTU), as loopback has no such limit.
    cat >"$home/config/net.diskless.tftp.cfg" <<EOF
address = $HOST
port = ${PORT[diskless]}
root = $ROOT
mtu = 65535
EOF
    "$JAVA" -jar "$JAR" --home "$home" </dev/null >"$WORK/diskless.log" 2>&1 &
    PID[diskless]=$!
    into_cgroup diskless
    for _ in $(seq 600); do
        grep -q "tftp: serving .* on udp /$HOST:${PORT[diskless]} " "$WORK/diskless.log" && break
        if grep -q "tftp: serving " "$WORK/diskless.log"; then
            cat "$WORK/diskless.log" >&2
            die "Diskless serves TFTP somewhere else than $HOST:${PORT[diskless]} (config ignored?)"
        fi
        kill -0 "${PID[diskless]}" 2>/dev/null || { cat "$WORK/diskless.log" >&2; die "Diskless exited"; }
        sleep 0.1
    done
    await_server diskless || { cat "$WORK/diskless.log" >&2; die "Diskless does not serve on ${PORT[diskless]}"; }
}

start_hpa() {
    # -L: foreground; -s: chroot into the root (files are world-readable; it runs as nobody)
    in.tftpd -L -a "$HOST:${PORT[hpa]}" -s "$ROOT" </dev/null >"$WORK/hpa.log" 2>&1 &
    PID[hpa]=$!
    into_cgroup hpa
    await_server hpa || { cat "$WORK/hpa.log" >&2; die "tftpd-hpa does not serve on ${PORT[hpa]}"; }
}

start_atftpd() {
    # --maxthread: its default of 100 would refuse half of the concurrent clients
    "$ATFTPD" --daemon --no-fork --port "${PORT[atftpd]}" --bind-address "$HOST" --user nobody.nogroup \
        --maxthread 1000 --verbose=1 --logfile - "$ROOT" </dev/null >"$WORK/atftpd.log" 2>&1 &
    PID[atftpd]=$!
    into_cgroup atftpd
    await_server atftpd || { cat "$WORK/atftpd.log" >&2; die "atftpd does not serve on ${PORT[atftpd]}"; }
}

declare -A BEST=() CPU=() CONC_RATE=() CONC_CPU=() CONC_FAIL=()

single() { # best of REPS, each checked; CPU per GB over all reps
    local s=$1 m=$2 best=0 bytes=0 c0 c1 t0 t1 rate out=$OUT/big-$s-$m
    c0=$(cpu_usec "$s")
    for r in $(seq "$REPS"); do
        rm -f "$out"
        t0=$(date +%s%N)
        fetch "$s" "$m" big.bin "$out" || { echo "  ${NAME[$s]} $m run $r: client failed" >&2; BEST[$s,$m]=fail; return; }
        t1=$(date +%s%N)
        [ "$(sha256sum <"$out" | cut -d' ' -f1)" = "$BIG_SHA" ] || { echo "  ${NAME[$s]} $m run $r: wrong bytes" >&2; BEST[$s,$m]=fail; return; }
        bytes=$((bytes + SIZE_MB * 1000000))
        rate=$(awk -v b=$((SIZE_MB * 1000000)) -v ns=$((t1 - t0)) 'BEGIN { printf "%.1f", b * 1000 / ns }')
        echo "  ${NAME[$s]} $(mode_name "$m") run $r: $rate MB/s" >&2
        best=$(awk -v a="$best" -v b="$rate" 'BEGIN { print (b > a ? b : a) }')
    done
    sleep 0.3 # tftpd-hpa's last child has exited by then
    c1=$(cpu_usec "$s")
    rm -f "$out"
    BEST[$s,$m]=$best
    CPU[$s,$m]=$(cpu_per_gb $((c1 - c0)) "$bytes" "$s")
}

concurrent() {
    local s=$1 m=$CONC_MODE c0 c1 t0 t1 fails=0 p
    CLIENTS=()
    c0=$(cpu_usec "$s")
    t0=$(date +%s%N)
    for _ in $(seq "$CONC"); do
        fetch "$s" "$m" conc.bin "$OUT/null" &
        CLIENTS+=($!)
    done
    for p in "${CLIENTS[@]}"; do wait "$p" || fails=$((fails + 1)); done
    t1=$(date +%s%N)
    CLIENTS=()
    sleep 0.5
    c1=$(cpu_usec "$s")
    local bytes=$(((CONC - fails) * CONC_MB * 1000000))
    CONC_RATE[$s]=$(awk -v b=$bytes -v ns=$((t1 - t0)) 'BEGIN { printf "%.1f", b * 1000 / ns }')
    CONC_CPU[$s]=$(cpu_per_gb $((c1 - c0)) "$bytes" "$s")
    CONC_FAIL[$s]=$fails
    echo "  ${NAME[$s]} $CONC x $CONC_MB MB $(mode_name "$m"): ${CONC_RATE[$s]} MB/s aggregate, $fails failed, $(((t1 - t0) / 1000000)) ms" >&2
}

for s in $SERVERS; do
    case $s in
        diskless) start_diskless ;;
        hpa) start_hpa ;;
        atftpd) start_atftpd ;;
        *) die "unknown server $s" ;;
    esac
done

# Warm-up, not measured: every server serves the big file once in every mode. A JVM spends its first
# transfers compiling the hot path (JIT); that one-time cost is reported on its own line, not as CPU per GB.
declare -A WARM_CPU=()
for s in $SERVERS; do
    c0=$(cpu_usec "$s")
    for _ in $(seq "$WARMUP"); do
        for m in $MODES; do fetch "$s" "$m" big.bin "$OUT/null" || die "${NAME[$s]}: warm-up transfer failed"; done
    done
    sleep 0.3
    c1=$(cpu_usec "$s")
    WARM_CPU[$s]=$(awk -v u=$((c1 - c0)) 'BEGIN { printf "%.1f", u / 1e6 }')
    echo "  ${NAME[$s]} warm-up ($WARMUP x modes $MODES): ${WARM_CPU[$s]} CPU s" >&2
done

# One server at a time, so they never compete for the two ends of loopback or the CPUs.
for m in $MODES; do
    for s in $SERVERS; do single "$s" "$m"; done
done
for s in $SERVERS; do concurrent "$s"; done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else printf "-" }'; }
cell() { printf '%s' "${1:--}"; }

echo
echo "TFTP on $HOST, client atftp $(atftp --version 2>&1 | grep -o '[0-9][0-9.]*' | head -1); $(nproc) CPUs, $(uname -r)"
echo "Diskless $(basename "$JAR") on $("$JAVA" -version 2>&1 | head -1); tftpd-hpa $(in.tftpd -V 2>&1 | grep -o '[0-9][0-9.]*' | head -1); atftpd $([ -n "$ATFTPD" ] && "$ATFTPD" -V 2>&1 | grep -o '[0-9][0-9.]*' | head -1)"
echo "single client: ${SIZE_MB} MB file, best of $REPS; concurrent: $CONC clients x ${CONC_MB} MB, mode $CONC_MODE"
if [ -n "$CG" ]; then echo "server CPU: cgroup v2 cpu.stat per server"; else echo "server CPU: /proc/PID/stat (tftpd-hpa's children not counted)"; fi
echo
printf '%-36s %10s %10s %10s %8s %8s\n' "MB/s (higher is better)" Diskless tftpd-hpa atftpd D/hpa D/atftpd
for m in $MODES; do
    d=${BEST[diskless,$m]:-} h=${BEST[hpa,$m]:-} a=${BEST[atftpd,$m]:-}
    printf '%-36s %10s %10s %10s %8s %8s\n' "$(mode_name "$m")" "$(cell "$d")" "$(cell "$h")" "$(cell "$a")" \
        "$(ratio "$d" "$h")" "$(ratio "$d" "$a")"
done
d=${CONC_RATE[diskless]:-} h=${CONC_RATE[hpa]:-} a=${CONC_RATE[atftpd]:-}
printf '%-36s %10s %10s %10s %8s %8s\n' "$CONC clients x ${CONC_MB} MB, aggregate" "$(cell "$d")" "$(cell "$h")" "$(cell "$a")" \
    "$(ratio "$d" "$h")" "$(ratio "$d" "$a")"
echo
printf '%-36s %10s %10s %10s\n' "server CPU s per GB (lower is better)" Diskless tftpd-hpa atftpd
for m in $MODES; do
    printf '%-36s %10s %10s %10s\n' "$(mode_name "$m")" "$(cell "${CPU[diskless,$m]:-}")" "$(cell "${CPU[hpa,$m]:-}")" "$(cell "${CPU[atftpd,$m]:-}")"
done
printf '%-36s %10s %10s %10s\n' "$CONC clients x ${CONC_MB} MB" "$(cell "${CONC_CPU[diskless]:-}")" "$(cell "${CONC_CPU[hpa]:-}")" "$(cell "${CONC_CPU[atftpd]:-}")"
printf '%-36s %10s %10s %10s\n' "  failed concurrent clients" "$(cell "${CONC_FAIL[diskless]:-}")" "$(cell "${CONC_FAIL[hpa]:-}")" "$(cell "${CONC_FAIL[atftpd]:-}")"
printf '%-36s %10s %10s %10s\n' "  warm-up CPU s (not in the above)" "$(cell "${WARM_CPU[diskless]:-}")" "$(cell "${WARM_CPU[hpa]:-}")" "$(cell "${WARM_CPU[atftpd]:-}")"
