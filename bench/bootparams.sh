#!/usr/bin/env bash
# bootparams GETFILE calls per second over UDP: Diskless against netkit rpc.bootparamd (Debian package bootparamd)
# on the same hosts and bootparams files, with the same load generator (bootparams-load.c, rpcgen stubs, one call
# in flight per client process). A benchmark, not a test: nothing here is run by CI. See bench/README.md.
#
#   bench/bootparams.sh                  # defaults: 10 s per run, 1 and 8 client processes
#   SECONDS_PER_RUN=5 CLIENTS="1 4" bench/bootparams.sh
#
# Each server runs in a network namespace of its own (loopback only), so port 111 of the machine is never
# touched; netkit's rpcbind gets a private /run. Everything is stopped by PID and removed on exit. Needs root.
set -uo pipefail

SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
CLIENTS=${CLIENTS:-"1 8"}
HERE=$(cd "$(dirname "$0")" && pwd)
JAR=${JAR:-$HERE/../distro/target/appliance.jar}
JAVA=${JAVA:-java}                # may carry JVM options: JAVA="java -Dx=y"
NS_OURS=dlbench$$d
NS_NETKIT=dlbench$$n
WORK=$(mktemp -d /tmp/diskless-bench-bootparams.XXXXXX)
PIDS=()

die() { echo "bootparams.sh: $*" >&2; exit 1; }

kill_tree() { # signal pid
    local c
    for c in $(ps -o pid= --ppid "$2" 2>/dev/null); do kill_tree "$1" "$c"; done
    kill "-$1" "$2" 2>/dev/null
}

cleanup() {
    for p in "${PIDS[@]}"; do kill_tree TERM "$p"; done
    sleep 1
    for p in "${PIDS[@]}"; do kill_tree KILL "$p"; done
    ip netns del "$NS_OURS" 2>/dev/null
    ip netns del "$NS_NETKIT" 2>/dev/null
    rm -rf "/etc/netns/$NS_NETKIT" "$WORK"
}
trap cleanup EXIT INT TERM

[ "$(id -u)" = 0 ] || die "needs root (network namespaces)"
[ -f "$JAR" ] || die "no $JAR: build first (mvn -B install -DskipTests)"
for t in rpcgen gcc rpcbind rpc.bootparamd rpcinfo; do command -v "$t" >/dev/null || die "$t missing"; done

# The same files for both.
HOSTS="127.0.0.1 localhost
10.0.0.1 server
10.0.0.2 client1"
BOOTPARAMS="client1 root=server:/export/root/client1 swap=server:/export/swap/client1"

# The load generator.
cp /usr/include/rpcsvc/bootparam_prot.x "$WORK/"
(cd "$WORK" && rpcgen -C -h -o bootparam_prot.h bootparam_prot.x && rpcgen -C -c -o bootparam_prot_xdr.c bootparam_prot.x \
    && rpcgen -C -l -o bootparam_prot_clnt.c bootparam_prot.x \
    && gcc -O2 -I/usr/include/tirpc -I. -o load "$HERE/bootparams-load.c" bootparam_prot_clnt.c bootparam_prot_xdr.c -ltirpc) \
    || die "cannot build the load generator"

for ns in "$NS_OURS" "$NS_NETKIT"; do ip netns add "$ns" && ip -n "$ns" link set lo up || die "netns $ns"; done

# Diskless.
mkdir -p "$WORK/home/etc" "$WORK/home/config"
echo "$HOSTS" > "$WORK/home/etc/hosts"
echo "$BOOTPARAMS" > "$WORK/home/etc/bootparams"
printf 'address = 127.0.0.1\n' > "$WORK/home/config/net.diskless.bootparams.cfg"
ip netns exec "$NS_OURS" $JAVA -jar "$JAR" --home "$WORK/home" > "$WORK/diskless.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 120); do grep -q "Diskless ready" "$WORK/diskless.log" && break; sleep 0.5; done
grep -q "Diskless ready" "$WORK/diskless.log" || die "Diskless not ready: $(tail -20 "$WORK/diskless.log")"
PORT_OURS=$(sed -n 's/.*listening: bootparams udp 127.0.0.1:\([0-9]*\).*/\1/p' "$WORK/diskless.log" | head -n 1)

# netkit rpc.bootparamd behind rpcbind.
mkdir -p "/etc/netns/$NS_NETKIT"
echo "$HOSTS" > "/etc/netns/$NS_NETKIT/hosts"
echo "$BOOTPARAMS" > "$WORK/netkit-bootparams"
ip netns exec "$NS_NETKIT" unshare --mount sh -c "mount -t tmpfs tmpfs /run && mkdir -p /run/rpcbind && \
    { rpcbind -f -w & sleep 1; exec rpc.bootparamd -d -f $WORK/netkit-bootparams -r 127.0.0.1; }" > "$WORK/netkit.log" 2>&1 &
PIDS+=($!)
PORT_NETKIT=""
for _ in $(seq 1 50); do
    PORT_NETKIT=$(ip netns exec "$NS_NETKIT" rpcinfo -p 127.0.0.1 2>/dev/null | awk '$1 == 100026 && $3 == "udp" {print $4; exit}')
    [ -n "$PORT_NETKIT" ] && break
    sleep 0.2
done
[ -n "$PORT_NETKIT" ] || die "netkit bootparamd did not register: $(cat "$WORK/netkit.log")"

run() { # ns port clients -> calls per second
    local ns=$1 port=$2 n=$3 i total=0 outs=()
    # warm-up (the JIT, netkit's file reads): a third of a run, not counted
    ip netns exec "$ns" "$WORK/load" 127.0.0.1 "$port" "$((SECONDS_PER_RUN / 3 + 1))" client1 root > /dev/null
    for i in $(seq 1 "$n"); do
        ip netns exec "$ns" "$WORK/load" 127.0.0.1 "$port" "$SECONDS_PER_RUN" client1 root > "$WORK/out.$i" &
        outs+=($!)
    done
    wait "${outs[@]}"
    for i in $(seq 1 "$n"); do total=$((total + $(cut -d' ' -f1 "$WORK/out.$i"))); done
    echo $((total / SECONDS_PER_RUN))
}

echo "GETFILE client1 root over UDP on loopback, ${SECONDS_PER_RUN} s per run, one call in flight per client"
printf '%-10s %12s %12s %8s\n' clients Diskless netkit ratio
for n in $CLIENTS; do
    ours=$(run "$NS_OURS" "$PORT_OURS" "$n")
    netkit=$(run "$NS_NETKIT" "$PORT_NETKIT" "$n")
    ratio=$(awk -v a="$ours" -v b="$netkit" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
    printf '%-10s %12s %12s %8s\n' "$n" "$ours/s" "$netkit/s" "$ratio"
done
