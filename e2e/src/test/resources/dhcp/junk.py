#!/usr/bin/python3
"""Sends hostile datagrams to SERVER:67 from port 68: truncated headers, option lengths past the end, a
repeated message type, a bad overload, hop count 17, no magic cookie with garbage, oversized datagrams and
random bytes. COUNT rounds. Usage: junk.py SERVER COUNT"""
import os
import random
import socket
import struct
import sys

server, count = sys.argv[1], int(sys.argv[2])
rnd = random.Random(2131)


def header(mac, hops=0):
    return struct.pack("!BBBBIHH4s4s4s4s16s64s128s", 1, 1, 6, hops, rnd.getrandbits(32), 0, 0, bytes(4), bytes(4),
                       bytes(4), bytes(4), mac, bytes(64), bytes(128))


cookie = b"\x63\x82\x53\x63"
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", 68))
for n in range(count):
    mac = bytes([0x02, 0x00, 0x00, rnd.randrange(256), rnd.randrange(256), rnd.randrange(256)])
    discover = header(mac) + cookie + b"\x35\x01\x01\xff"
    cases = [
        discover[:100],                                              # truncated header
        header(mac) + cookie + b"\x35\x01\x01\x11\x28/x",            # option length past the end
        header(mac) + cookie + b"\x35\x01\x01\x35\x01\x03\xff",      # message type twice
        header(mac) + cookie + b"\x35\x01\x01\x34\x01\x09\xff",      # overload 9
        header(mac, hops=17) + cookie + b"\x35\x01\x01\xff",         # too many hops
        header(mac) + os.urandom(64),                                # no cookie, garbage vendor area
        header(mac) + cookie + b"\x35\x01\x01" + b"\xe0\xff" + bytes(255) * 4,  # oversized, length lies
        os.urandom(rnd.randrange(1, 600)),                           # random bytes
    ]
    for c in cases:
        s.sendto(c, (server, 67))
print("sent %d" % (count * 8))
