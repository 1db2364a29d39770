#!/usr/bin/env bash
# RARP answer time of Diskless against Debian's rarpd, side by side: the same client (scapy, e2e's
# rarp_client.py) asking N times for a known address across a veth and a bridge in network namespaces.
# A benchmark, not a test: nothing here is run by CI. See bench/README.md.
#
#   sudo bench/rarp.sh                 # defaults: 500 requests, 10 ms apart, per server
#   N=2000 INTERVAL=0.002 bench/rarp.sh
#
# Everything it starts is stopped by PID on exit (also on Ctrl-C); its namespaces and temp dirs are removed.
set -uo pipefail

N=${N:-500}                      # requests per server
INTERVAL=${INTERVAL:-0.01}       # seconds between requests
SERVERS=${SERVERS:-"diskless rarpd"}
HERE=$(cd "$(dirname "$0")" && pwd)
JAR=${JAR:-$HERE/../distro/target/appliance.jar}
JAVA=${JAVA:-java}
CLIENT=$HERE/../e2e/src/test/resources/rarp/rarp_client.py
PY=/usr/bin/python3
MAC=52:54:00:aa:bb:01
NS=rb$$
WORK=""
SERVER_PID=""
MADE_ETHERS=""

die() { echo "rarp.sh: $*" >&2; exit 1; }

cleanup() {
    if [ -n "$SERVER_PID" ]; then
        kill -TERM "$SERVER_PID" 2>/dev/null
        for _ in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$SERVER_PID" 2>/dev/null
    fi
    ip netns del "${NS}srv" 2>/dev/null
    ip netns del "${NS}cli" 2>/dev/null
    rm -rf "/etc/netns/${NS}srv"
    [ -n "$MADE_ETHERS" ] && rm -f /etc/ethers
    [ -n "$WORK" ] && rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ "$(id -u)" = 0 ] || die "run as root (namespaces, raw sockets)"
[ -f "$JAR" ] || die "no $JAR: mvn -B -q install -DskipTests first"
$PY -c 'import scapy.all' 2>/dev/null || die "$PY cannot import scapy: apt-get install python3-scapy libpcap0.8"
command -v rarpd >/dev/null || die "no rarpd: apt-get install rarpd"

WORK=$(mktemp -d /tmp/rarp-bench.XXXXXX)
ip netns add "${NS}srv" && ip netns add "${NS}cli" || die "cannot create namespaces"
ip -n "${NS}srv" link set lo up
ip -n "${NS}srv" link add br0 type bridge
ip -n "${NS}srv" addr add 10.99.0.1/24 dev br0
ip -n "${NS}srv" link set br0 up
ip link add vcli netns "${NS}srv" type veth peer name eth0 netns "${NS}cli"
ip -n "${NS}srv" link set vcli master br0
ip -n "${NS}srv" link set vcli up
ip -n "${NS}cli" link set lo up
ip -n "${NS}cli" link set eth0 address $MAC
ip -n "${NS}cli" link set eth0 up

HOME_DIR=$WORK/home
mkdir -p "$HOME_DIR/etc" "$HOME_DIR/tftpboot" "$HOME_DIR/config"
printf '%s\tclient1\n' $MAC > "$HOME_DIR/etc/ethers"
printf '10.99.0.1\tbootserver\n10.99.0.2\tclient1\n' > "$HOME_DIR/etc/hosts"
printf 'ethers: files\nhosts: files\n' > "$HOME_DIR/etc/nsswitch.conf"
echo boot > "$HOME_DIR/tftpboot/0A630002"       # bootable: both servers answer at once
printf 'interfaces = br0\n' > "$HOME_DIR/config/net.diskless.rarp.cfg"
# rarpd reads /etc/ethers and /etc/hosts; ip netns exec bind-mounts /etc/netns/NS/* over files that exist
[ -e /etc/ethers ] || { touch /etc/ethers; MADE_ETHERS=1; }
mkdir -p "/etc/netns/${NS}srv"
cp "$HOME_DIR/etc/ethers" "$HOME_DIR/etc/hosts" "/etc/netns/${NS}srv/"

start() {
    case $1 in
        diskless)
            ip netns exec "${NS}srv" "$JAVA" -jar "$JAR" --home "$HOME_DIR" > "$WORK/diskless.log" 2>&1 &
            SERVER_PID=$!
            for _ in $(seq 600); do grep -q "Diskless ready" "$WORK/diskless.log" && break; sleep 0.1; done
            grep -q "rarp: listening on br0" "$WORK/diskless.log" || die "Diskless not listening on br0: $(tail "$WORK/diskless.log")" ;;
        rarpd)
            ip netns exec "${NS}srv" rarpd -d -e br0 > "$WORK/rarpd.log" 2>&1 &
            SERVER_PID=$!
            sleep 1 ;;
    esac
}

stop() {
    kill -TERM "$SERVER_PID" 2>/dev/null
    for _ in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
    SERVER_PID=""
}

# Prints "answered median p99 max" (ms) for one run: request i paired with reply i (both servers answer at once).
measure() {
    local listen out n
    listen=$(awk -v n="$N" -v i="$INTERVAL" 'BEGIN { print n * i + 2 }')
    out=$(ip netns exec "${NS}cli" $PY "$CLIENT" ask eth0 $MAC --count "$N" --interval "$INTERVAL" --listen "$listen")
    n=$(grep -c '^REPLY' <<< "$out")
    paste <(awk '$1 == "REQUEST" { print $2 }' <<< "$out") <(awk '$1 == "REPLY" { print $2 }' <<< "$out") \
        | awk 'NF == 2 { printf "%.3f\n", ($2 - $1) * 1000 }' | sort -n > "$WORK/lat"
    awk -v n="$n" '{ d[NR] = $1 } END { if (NR == 0) { print n, "-", "-", "-"; exit }
        m = int((NR + 1) / 2); p = int(NR * 0.99); if (p < 1) p = 1; print n, d[m], d[p], d[NR] }' "$WORK/lat"
}

declare -A RES=()
for s in $SERVERS; do
    start "$s"
    measure > /dev/null              # warm-up run (JIT, caches), not counted
    RES[$s]=$(measure)
    stop
    echo "$s: ${RES[$s]}"
done

echo
echo "RARP answer time, $N requests $INTERVAL s apart, client scapy across veth + bridge (ms, capture timestamps)"
printf '%-10s %10s %10s %10s %10s\n' server answered median p99 max
for s in $SERVERS; do
    read -r a m p x <<< "${RES[$s]}"
    printf '%-10s %10s %10s %10s %10s\n' "$s" "$a/$N" "$m" "$p" "$x"
done
if [ -n "${RES[diskless]:-}" ] && [ -n "${RES[rarpd]:-}" ]; then
    read -r _ dm dp _ <<< "${RES[diskless]}"
    read -r _ rm rp _ <<< "${RES[rarpd]}"
    awk -v dm="$dm" -v rm="$rm" -v dp="$dp" -v rp="$rp" \
        'BEGIN { printf "ratio Diskless/rarpd: median %.2f, p99 %.2f (below 1: Diskless answers sooner)\n", dm / rm, dp / rp }'
fi
