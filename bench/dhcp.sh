#!/usr/bin/env bash
# DHCP lease rate of Diskless against kea-dhcp4 and dnsmasq, side by side in the same network namespaces, with the
# same load generator (perfdhcp, full DORA exchanges, a new random MAC each, as a relay) and lease persistence
# on for all three. A benchmark, not a test: nothing here is run by CI. See bench/README.md.
#
#   sudo bench/dhcp.sh                       # defaults: 15 s at up to 20000 exchanges/s per server
#   RATE=3000 DURATION=10 sudo bench/dhcp.sh
#
# Everything it starts is stopped by PID on exit (also on Ctrl-C); its namespaces and temp dir are removed.
set -uo pipefail

RATE=${RATE:-20000}              # offered DORA exchanges per second (perfdhcp -r); above what any server does
DURATION=${DURATION:-15}         # seconds measured per server
WARMUP=${WARMUP:-5}              # seconds of load before, not counted (the JVM compiles; all get the same)
SERVERS=${SERVERS:-"diskless kea dnsmasq"}
HERE=$(cd "$(dirname "$0")" && pwd)
JAR=${JAR:-$HERE/../distro/target/appliance.jar}
JAVA=${JAVA:-java}
NS_S=dlb$$s
NS_C=dlb$$c

die() { echo "dhcp.sh: $*" >&2; exit 1; }

declare -A NAME=([diskless]=Diskless [kea]=kea-dhcp4 [dnsmasq]=dnsmasq)
declare -A RATE_OF=() DROPS_OF=()
SERVER_PID=""
WORK=""

stop_server() {
    [ -n "$SERVER_PID" ] || return 0
    kill -TERM "$SERVER_PID" 2>/dev/null
    for _ in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
    SERVER_PID=""
}

cleanup() {
    stop_server
    ip netns del "$NS_C" 2>/dev/null
    ip netns del "$NS_S" 2>/dev/null
    [ -n "$WORK" ] && rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ "$(id -u)" = 0 ] || die "run as root (namespaces)"
for cmd in ip perfdhcp "$JAVA"; do command -v "$cmd" >/dev/null || die "needs $cmd"; done
[[ " $SERVERS " != *" kea "* ]] || command -v kea-dhcp4 >/dev/null || die "needs kea-dhcp4 (Debian kea-dhcp4-server)"
[[ " $SERVERS " != *" dnsmasq "* ]] || command -v dnsmasq >/dev/null || die "needs dnsmasq (Debian dnsmasq-base)"
[[ " $SERVERS " != *" diskless "* ]] || [ -f "$JAR" ] || die "no appliance jar at $JAR: mvn -B -q install -DskipTests first"

WORK=$(mktemp -d /tmp/diskless-bench-dhcp.XXXXXX)
chmod 755 "$WORK"

# Server 10.99.0.1/16, client (perfdhcp, a relay: giaddr 10.99.0.2) 10.99.0.2/16, a veth pair between them.
ip netns add "$NS_S" || die "cannot create namespace $NS_S"
ip netns add "$NS_C" || die "cannot create namespace $NS_C"
ip link add veth-srv netns "$NS_S" type veth peer name veth-cli netns "$NS_C" || die "cannot create veth pair"
ip -n "$NS_S" link set lo up; ip -n "$NS_C" link set lo up
ip -n "$NS_S" addr add 10.99.0.1/16 dev veth-srv; ip -n "$NS_S" link set veth-srv up
ip -n "$NS_C" addr add 10.99.0.2/16 dev veth-cli; ip -n "$NS_C" link set veth-cli up

start_diskless() {
    local home=$WORK/diskless-home
    mkdir -p "$home/etc" "$home/config"
    : >"$home/etc/ethers"
    cat >"$home/config/net.diskless.dhcp.cfg" <<CFG
subnets = 10.99.0.0/16 pool=10.99.1.0-10.99.255.254 lease=3600
logReplies = false
perClientRate = 0
CFG
    # TFTP off the standard port, on loopback: only DHCP is measured
    printf 'address = 127.0.0.1\nport = 0\n' >"$home/config/net.diskless.tftp.cfg"
    ip netns exec "$NS_S" "$JAVA" -jar "$JAR" --home "$home" >"$WORK/diskless.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 600); do grep -q "Diskless ready" "$WORK/diskless.log" && break; sleep 0.1; done
    grep -q "dhcp: BOOTP/DHCP on udp \[/0.0.0.0:67\]" "$WORK/diskless.log" || die "Diskless DHCP did not start: $(tail -20 "$WORK/diskless.log")"
    echo "  lease journal: $home/var/dhcp/leases.journal (synced before every ACK)" >&2
}

start_kea() {
    cat >"$WORK/kea.json" <<JSON
{ "Dhcp4": {
    "interfaces-config": { "interfaces": [ "veth-srv" ], "dhcp-socket-type": "udp" },
    "lease-database": { "type": "memfile", "persist": true, "name": "$WORK/kea-leases.csv", "lfc-interval": 3600 },
    "valid-lifetime": 3600,
    "subnet4": [ { "id": 1, "subnet": "10.99.0.0/16", "pools": [ { "pool": "10.99.1.0 - 10.99.255.254" } ] } ],
    "loggers": [ { "name": "kea-dhcp4", "severity": "WARN", "output_options": [ { "output": "$WORK/kea.log" } ] } ]
} }
JSON
    KEA_LOCKFILE_DIR=$WORK KEA_PIDFILE_DIR=$WORK ip netns exec "$NS_S" kea-dhcp4 -c "$WORK/kea.json" >"$WORK/kea.out" 2>&1 &
    SERVER_PID=$!
    sleep 2
    kill -0 "$SERVER_PID" 2>/dev/null || die "kea-dhcp4 did not start: $(cat "$WORK/kea.out")"
}

start_dnsmasq() {
    cat >"$WORK/dnsmasq.conf" <<CONF
port=0
interface=veth-srv
bind-interfaces
dhcp-range=10.99.1.0,10.99.255.254,255.255.0.0,1h
dhcp-leasefile=$WORK/dnsmasq.leases
dhcp-lease-max=1000000
dhcp-authoritative
no-ping
quiet-dhcp
no-hosts
no-resolv
pid-file=$WORK/dnsmasq.pid
CONF
    ip netns exec "$NS_S" dnsmasq --keep-in-foreground --conf-file="$WORK/dnsmasq.conf" --log-facility="$WORK/dnsmasq.log" \
        >"$WORK/dnsmasq.out" 2>&1 &
    SERVER_PID=$!
    sleep 1
    kill -0 "$SERVER_PID" 2>/dev/null || die "dnsmasq did not start: $(cat "$WORK/dnsmasq.out")"
}

perf() { # seconds -> perfdhcp output
    ip netns exec "$NS_C" perfdhcp -4 -l veth-cli -r "$RATE" -R 10000000 -p "$1" 10.99.0.1 2>&1
}

for s in $SERVERS; do
    echo "== ${NAME[$s]}" >&2
    "start_$s"
    [ "$WARMUP" -gt 0 ] && perf "$WARMUP" >/dev/null
    out=$(perf "$DURATION")
    RATE_OF[$s]=$(sed -n 's/^Rate: \([0-9.]*\) 4-way.*/\1/p' <<<"$out" | head -1)
    # the second "drops ratio" is REQUEST-ACK: the exchanges that did not complete
    DROPS_OF[$s]=$(grep -o 'drops ratio: [0-9.]*' <<<"$out" | sed -n 2p | awk '{print $3}')
    echo "  ${RATE_OF[$s]:-?} exchanges/s, REQUEST-ACK drops ${DROPS_OF[$s]:-?} %" >&2
    stop_server
done

echo
printf '%-10s %14s %12s\n' server "leases/s" "drops %"
for s in $SERVERS; do printf '%-10s %14s %12s\n' "${NAME[$s]}" "${RATE_OF[$s]:-n/a}" "${DROPS_OF[$s]:-n/a}"; done
if [[ " $SERVERS " == *" diskless "* ]] && [ -n "${RATE_OF[diskless]:-}" ]; then
    for s in $SERVERS; do
        [ "$s" = diskless ] && continue
        [ -n "${RATE_OF[$s]:-}" ] && awk -v a="${RATE_OF[diskless]}" -v b="${RATE_OF[$s]}" -v n="${NAME[$s]}" \
            'BEGIN { if (b > 0) printf "Diskless / %s: %.2f\n", n, a / b }'
    done
fi
