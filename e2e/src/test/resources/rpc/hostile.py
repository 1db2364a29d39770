# Hostile ONC RPC traffic against a portmapper (and a bootparams port), from a namespace of the e2e test.
# Prints one line per case: "CASE RESULT" where RESULT is the accept/reject status of the reply, "silent" or
# "closed"; then "alive" if a NULL call is still answered (retried, bounded) after everything.
# usage: hostile.py HOST PORTMAP_PORT BOOTPARAMS_UDP_PORT
import os, socket, struct, sys, time

host, pm, bp = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])

def call(xid, prog, vers, proc, args=b''):
    return struct.pack('>IIIIII', xid, 0, 2, prog, vers, proc) + struct.pack('>IIII', 0, 0, 0, 0) + args

def status(reply):
    if reply is None:
        return 'silent'
    if len(reply) < 12:
        return 'short-reply'
    xid, mtype, rstat = struct.unpack('>III', reply[:12])
    if rstat == 1:  # MSG_DENIED
        return 'denied-' + str(struct.unpack('>I', reply[12:16])[0])
    accept = struct.unpack('>I', reply[20:24])[0]
    names = {0: 'SUCCESS', 1: 'PROG_UNAVAIL', 2: 'PROG_MISMATCH', 3: 'PROC_UNAVAIL', 4: 'GARBAGE_ARGS', 5: 'SYSTEM_ERR'}
    s = names.get(accept, str(accept))
    if accept == 2:
        s += '(%d,%d)' % struct.unpack('>II', reply[24:32])
    return s

def udp(msg, port=pm, timeout=1.0):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(timeout)
    s.sendto(msg, (host, port))
    try:
        return s.recv(65536)
    except socket.timeout:
        return None
    finally:
        s.close()

def case(name, result):
    print(name, result, flush=True)

case('null', status(udp(call(1, 100000, 2, 0))))
case('rpcbind-v4', status(udp(call(2, 100000, 4, 3))))
case('rpcbind-v3', status(udp(call(3, 100000, 3, 3))))
case('unknown-program', status(udp(call(4, 123456, 1, 0))))
case('unknown-procedure', status(udp(call(5, 100000, 2, 99))))
case('rpc-version-3', status(udp(struct.pack('>IIIIII', 6, 0, 3, 100000, 2, 0) + b'\0' * 16)))
case('two-bytes', status(udp(b'\x00\x01')))
case('a-reply', status(udp(struct.pack('>II', 7, 1) + b'\0' * 40)))
case('truncated-getport', status(udp(call(8, 100000, 2, 3, b'\0' * 3))))
case('callit-huge-length', status(udp(call(9, 100000, 2, 5, struct.pack('>IIII', 100026, 1, 1, 0x7fffffff)))))
case('callit-to-portmapper', status(udp(call(10, 100000, 2, 5, struct.pack('>IIII', 100000, 2, 5, 0)))))
case('callit-unregistered', status(udp(call(11, 100000, 2, 5, struct.pack('>IIII', 555555, 1, 0, 0)))))
case('bootparams-v2', status(udp(call(12, 100026, 2, 1), bp)))
case('bootparams-unknown-procedure', status(udp(call(13, 100026, 1, 7), bp)))
case('bootparams-huge-name', status(udp(call(14, 100026, 1, 2, struct.pack('>I', 0x7ffffff0) + b'x' * 8), bp)))
case('bootparams-address-type-2', status(udp(call(15, 100026, 1, 1, struct.pack('>IIIII', 2, 10, 99, 0, 2)), bp)))
case('bootparams-name-256', status(udp(call(16, 100026, 1, 2, struct.pack('>I', 256) + b'a' * 256 + struct.pack('>I', 4) + b'root'), bp)))

# TCP: a record mark announcing 2 GB (last fragment) must close the connection, not buffer.
t = socket.create_connection((host, pm), timeout=3)
t.sendall(struct.pack('>I', 0xffffffff) + b'abcd')
try:
    case('tcp-2GB-record', 'closed' if t.recv(16) == b'' else 'answered')
except socket.timeout:
    case('tcp-2GB-record', 'open')
t.close()
# TCP: many empty fragments
t = socket.create_connection((host, pm), timeout=3)
t.sendall(struct.pack('>I', 0) * 2000)
try:
    case('tcp-empty-fragments', 'closed' if t.recv(16) == b'' else 'answered')
except socket.timeout:
    case('tcp-empty-fragments', 'open')
t.close()
# TCP: a correct call still works, split in two fragments
t = socket.create_connection((host, pm), timeout=3)
m = call(17, 100000, 2, 0)
t.sendall(struct.pack('>I', 20) + m[:20] + struct.pack('>I', 0x80000000 | (len(m) - 20)) + m[20:])
r = t.recv(100)
case('tcp-two-fragments', status(r[4:]) if len(r) > 4 else 'closed')
t.close()
# TCP: garbage then close
t = socket.create_connection((host, pm), timeout=3)
t.sendall(struct.pack('>I', 0x80000010) + os.urandom(16))
time.sleep(0.2)
t.close()

# Floods: 20 000 random datagrams to each port (bounded), then the servers must still answer.
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(20000):
    s.sendto(os.urandom(60), (host, pm))
    s.sendto(os.urandom(60), (host, bp))
s.close()
deadline = time.time() + 20
alive = {'portmap': False, 'bootparams': False}
n = 100
while time.time() < deadline and not all(alive.values()):
    n += 1
    if not alive['portmap'] and status(udp(call(n, 100000, 2, 0), pm, 0.5)) == 'SUCCESS':
        alive['portmap'] = True
    if not alive['bootparams'] and status(udp(call(n, 100026, 1, 0), bp, 0.5)) == 'SUCCESS':
        alive['bootparams'] = True
case('alive-after-flood', 'portmap=%s bootparams=%s' % (alive['portmap'], alive['bootparams']))
