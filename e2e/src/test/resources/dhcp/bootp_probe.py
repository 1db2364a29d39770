#!/usr/bin/python3
"""A pure RFC 951 BOOTP client: one 300-byte BOOTREQUEST (no magic cookie, empty vendor area) from port 68 to
SERVER:67, with ciaddr set so the reply comes back by unicast. Prints the reply as key=value lines; options are
read from the vendor area and, when option 52 says so, from file and sname (a client that ignores overload
would miss those). Usage: bootp_probe.py SERVER CIADDR MAC [TIMEOUT]"""
import socket
import struct
import sys

server, ciaddr, mac = sys.argv[1], sys.argv[2], bytes.fromhex(sys.argv[3].replace(":", ""))
timeout = float(sys.argv[4]) if len(sys.argv) > 4 else 5.0
xid = 0x0B0071D5
req = struct.pack("!BBBBIHH4s4s4s4s16s64s128s64s", 1, 1, 6, 0, xid, 0, 0, socket.inet_aton(ciaddr), bytes(4),
                  bytes(4), bytes(4), mac, bytes(64), bytes(128), bytes(64))
assert len(req) == 300
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", 68))
s.settimeout(timeout)
s.sendto(req, (server, 67))
while True:
    data, peer = s.recvfrom(4096)
    if len(data) >= 236 and data[0] == 2 and struct.unpack("!I", data[4:8])[0] == xid:
        break


def options(area, into):
    i = 0
    while i < len(area):
        code = area[i]
        if code == 0:
            i += 1
            continue
        if code == 255:
            return
        n = area[i + 1]
        into[code] = into.get(code, b"") + area[i + 2:i + 2 + n]
        i += 2 + n


opts = {}
cookie = data[236:240] == b"\x63\x82\x53\x63"
if cookie:
    options(data[240:], opts)
overload = opts.get(52, b"\x00")[0]
if overload & 1:
    options(data[108:236], opts)
if overload & 2:
    options(data[44:108], opts)
print("length=%d" % len(data))
print("cookie=%s" % cookie)
print("overload=%d" % overload)
print("yiaddr=%s" % socket.inet_ntoa(data[16:20]))
print("siaddr=%s" % socket.inet_ntoa(data[20:24]))
print("file=%s" % ("" if overload & 1 else data[108:236].split(b"\0")[0].decode("latin-1")))
print("dhcp=%s" % (53 in opts))
for code in sorted(opts):
    v = opts[code]
    if code in (1, 3, 6):
        print("option%d=%s" % (code, ",".join(socket.inet_ntoa(v[k:k + 4]) for k in range(0, len(v), 4))))
    else:
        print("option%d=%s" % (code, v.decode("latin-1")))
