#!/usr/bin/python3
"""Prints 'ACK <chaddr> <yiaddr>' for every DHCPACK seen on an interface (any UDP port: replies to a relay go
to port 67), flushed line by line, until killed. Usage: ack_sniffer.py IFACE"""
import socket
import sys

s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0800))
s.bind((sys.argv[1], 0))
print("listening", flush=True)
while True:
    frame = s.recv(65535)
    ip = frame[14:]
    if len(ip) < 20 or ip[9] != 17:
        continue
    ihl = (ip[0] & 0x0F) * 4
    udp = ip[ihl:]
    bootp = udp[8:]
    if len(bootp) < 240 or bootp[0] != 2 or bootp[236:240] != b"\x63\x82\x53\x63":
        continue
    i, mtype = 240, None
    while i + 1 < len(bootp) and bootp[i] != 255:
        if bootp[i] == 0:
            i += 1
            continue
        if bootp[i] == 53 and bootp[i + 1] == 1:
            mtype = bootp[i + 2]
        i += 2 + bootp[i + 1]
    if mtype == 5:
        print("ACK %s %s" % (bootp[28:34].hex(), socket.inet_ntoa(bootp[16:20])), flush=True)
