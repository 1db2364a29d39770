#!/usr/bin/env bash
# NFSv3 read throughput and a metadata walk of Diskless against nfs-ganesha (VFS FSAL), side by side on
# loopback, with the same client (libnfs: nfs-cp, nfs-ls -R) and the same tree. A benchmark, not a test: CI
# never runs it. See bench/README.md.
#
#   bench/nfs.sh                         # defaults: a 100 MB file, best of 3; a walk of 5 000 files
#   SIZE_MB=1000 FILES=50000 bench/nfs.sh   # the issue's sizes (1 GB, 50 000 files)
#
# Everything it starts is stopped by PID on exit (also on Ctrl-C); its temp dir is removed.
set -uo pipefail

SIZE_MB=${SIZE_MB:-100}          # the file read with nfs-cp, in MB (10^6 bytes)
FILES=${FILES:-5000}             # files in the tree walked with nfs-ls -R (100 per directory)
REPS=${REPS:-3}                  # runs per server; the best counts
HOST=127.0.0.1
NFS_DISKLESS=${NFS_DISKLESS:-12049}
MNT_DISKLESS=${MNT_DISKLESS:-12050}
RPC_DISKLESS=${RPC_DISKLESS:-12111}
NFS_GANESHA=${NFS_GANESHA:-22049}
MNT_GANESHA=${MNT_GANESHA:-22050}
HERE=$(cd "$(dirname "$0")" && pwd)
JAR=${JAR:-$HERE/../distro/target/appliance.jar}
JAVA=${JAVA:-java}

die() { echo "nfs.sh: $*" >&2; exit 1; }
command -v nfs-cp >/dev/null || die "needs libnfs-utils (nfs-cp, nfs-ls)"
command -v ganesha.nfsd >/dev/null || die "needs nfs-ganesha and nfs-ganesha-vfs"
[ -f "$JAR" ] || die "no $JAR: run mvn -B -q install -DskipTests first"

command -v rpcbind >/dev/null || die "needs rpcbind (ganesha exits when it cannot register with one)"
[ "$(id -u)" = 0 ] || die "run as root (network namespace, rpcbind)"
# rpcbind's local socket is a file shared by every namespace: never start a second one beside a running one
[ -e /run/rpcbind.sock ] && die "/run/rpcbind.sock exists: an rpcbind runs already; stop it first"

WORK=$(mktemp -d /tmp/diskless-bench-nfs.XXXXXX)
NS=dlbench$$
PIDS=()
# Background processes are started with "ip netns exec" directly (not through a shell function), so that $!
# is the server itself (ip execs it) and cleanup kills it by that PID.
# Everything runs in a network namespace of its own with only loopback: ganesha registers with the rpcbind
# started there, Diskless's portmapper listens on another port, nothing is reachable from outside.
ip netns add "$NS" || die "cannot create network namespace $NS"
ip -n "$NS" link set lo up
inns() { ip netns exec "$NS" "$@"; }
cleanup() {
    local p
    for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
    sleep 1
    for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null; done
    ip netns del "$NS" 2>/dev/null
    rm -f /run/rpcbind.sock /run/rpcbind.lock /run/rpcbind/portmap.xdr /run/rpcbind/rpcbind.xdr
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

EXP=$WORK/export
mkdir -p "$EXP/tree" "$WORK/home/etc" "$WORK/home/config" "$WORK/ganesha/recovery" /dev/shm/diskless-bench-nfs
trap 'cleanup; rm -rf /dev/shm/diskless-bench-nfs' EXIT INT TERM
echo "writing a $SIZE_MB MB file and a tree of $FILES files"
head -c $((SIZE_MB * 1000000)) /dev/urandom > "$EXP/big"
SUM=$(sha256sum "$EXP/big" | cut -d' ' -f1)
python3 - "$EXP/tree" "$FILES" <<'EOF'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    d = os.path.join(root, "d%03d" % (i // 100))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "f%05d" % i), "w") as f:
        f.write("x" * (i % 200))
EOF

# Diskless: the appliance with a temp home; NFS and MOUNT on fixed loopback ports, the other services quiet.
printf 'address = 127.0.0.1\nport = %s\n' "$RPC_DISKLESS" > "$WORK/home/config/net.diskless.rpc.cfg"
printf 'address = 127.0.0.1\nport = 0\n' > "$WORK/home/config/net.diskless.tftp.cfg"
printf 'address = 127.0.0.1\nport = 0\n' > "$WORK/home/config/net.diskless.bootparams.cfg"
printf 'address = 127.0.0.1\nport = %s\nmountPort = %s\n' "$NFS_DISKLESS" "$MNT_DISKLESS" > "$WORK/home/config/net.diskless.nfs.cfg"
echo "$EXP -ro -maproot=0 -alldirs 127.0.0.1" > "$WORK/home/etc/exports"
ip netns exec "$NS" "$JAVA" -jar "$JAR" --home "$WORK/home" > "$WORK/diskless.log" 2>&1 &
PIDS+=($!)

# nfs-ganesha 4.3, VFS FSAL, NFSv3 only, no NLM/RQUOTA, no grace period.
cat > "$WORK/ganesha/ganesha.conf" <<EOF
NFS_CORE_PARAM { NFS_Port = $NFS_GANESHA; MNT_Port = $MNT_GANESHA; Enable_NLM = false; Enable_RQUOTA = false; }
NFSV4 { Graceless = true; RecoveryBackend = fs; }
NFS_KRB5 { Active_krb5 = false; }
EXPORT { Export_Id = 1; Path = $EXP; Pseudo = $EXP; Access_Type = RO; Squash = No_Root_Squash;
         Protocols = 3; Transports = TCP; SecType = sys; FSAL { Name = VFS; } }
EOF
ip netns exec "$NS" rpcbind -f &
PIDS+=($!)
sleep 1
ip netns exec "$NS" ganesha.nfsd -F -f "$WORK/ganesha/ganesha.conf" -L "$WORK/ganesha.log" -p "$WORK/ganesha/pid" -N NIV_EVENT \
    > "$WORK/ganesha.out" 2>&1 &
PIDS+=($!)

for i in $(seq 60); do grep -q "Diskless ready" "$WORK/diskless.log" && break; sleep 1; done
grep -q "Diskless ready" "$WORK/diskless.log" || { tail -20 "$WORK/diskless.log"; die "Diskless did not start"; }
grep -q "nfs: NFSv3 on port $NFS_DISKLESS" "$WORK/diskless.log" || die "Diskless NFS is not on port $NFS_DISKLESS"

url() { # server path
    if [ "$1" = diskless ]; then echo "nfs://$HOST$2?nfsport=$NFS_DISKLESS&mountport=$MNT_DISKLESS"
    else echo "nfs://$HOST$2?nfsport=$NFS_GANESHA&mountport=$MNT_GANESHA"; fi
}
for i in $(seq 30); do inns nfs-ls "$(url ganesha "$EXP/")" >/dev/null 2>&1 && break; sleep 1; done
inns nfs-ls "$(url ganesha "$EXP/")" >/dev/null 2>&1 || { tail -20 "$WORK/ganesha.log"; die "ganesha does not answer"; }

now() { date +%s.%N; }
declare -A READ WALK
for s in diskless ganesha; do
    best=""
    for r in $(seq "$REPS"); do
        out=/dev/shm/diskless-bench-nfs/big.$s
        rm -f "$out"
        t0=$(now)
        inns nfs-cp "$(url $s "$EXP/big")" "$out" > /dev/null || die "$s: nfs-cp failed"
        t=$(echo "$(now) - $t0" | bc -l)
        [ "$(sha256sum "$out" | cut -d' ' -f1)" = "$SUM" ] || die "$s: SHA-256 differs"
        rm -f "$out"
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
    done
    READ[$s]=$(echo "$SIZE_MB / $best" | bc -l)
    best=""
    for r in $(seq "$REPS"); do
        t0=$(now)
        n=$(inns nfs-ls -R "$(url $s "$EXP/tree/")" | wc -l)
        t=$(echo "$(now) - $t0" | bc -l)
        [ "$n" -ge "$FILES" ] || die "$s: nfs-ls -R listed $n entries, expected at least $FILES"
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
    done
    WALK[$s]=$(echo "$FILES / $best" | bc -l)
done

printf '\n%-28s %12s %12s %8s\n' "" Diskless nfs-ganesha ratio
printf '%-28s %12.1f %12.1f %8.2f\n' "read $SIZE_MB MB (MB/s)" "${READ[diskless]}" "${READ[ganesha]}" \
    "$(echo "${READ[diskless]} / ${READ[ganesha]}" | bc -l)"
printf '%-28s %12.0f %12.0f %8.2f\n' "nfs-ls -R $FILES files (files/s)" "${WALK[diskless]}" "${WALK[ganesha]}" \
    "$(echo "${WALK[diskless]} / ${WALK[ganesha]}" | bc -l)"
echo "(ratio above 1: Diskless is faster; best of $REPS)"
