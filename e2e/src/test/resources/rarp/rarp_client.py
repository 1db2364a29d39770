#!/usr/bin/python3
"""A RARP client for the e2e tests, on scapy (Debian's python3-scapy, run with /usr/bin/python3).

  ask IFACE MAC [--count N] [--interval S] [--listen S]
      broadcasts N reverse requests for MAC, INTERVAL seconds apart, and listens for reverse replies.
  flood IFACE MAC --count N [--listen S]
      sends N hostile frames (requests for random unknown addresses from random senders, and malformed
      frames: short, wrong hardware type and lengths, operations 1, 2 and 4), with one good request for MAC
      in the middle, and listens for the replies to MAC.

Prints "SENT n" (frames sent), one "REQUEST t" per good request as it left (kernel timestamp, seconds) and one
"REPLY t ether-src ether-dst op hwtype ptype hwlen plen hwsrc psrc hwdst pdst length" per reverse reply
addressed to MAC. Times are on one clock (the capture's), so reply - request is the server's answer time.
Everything is bounded: N frames, and the listening time.
"""
import argparse
import random
import sys
import threading
import time

from scapy.all import ARP, Ether, AsyncSniffer, conf, sendp, bind_layers, Raw

# scapy binds ARP to EtherType 0x0806 only; RARP frames carry the same body under 0x8035.
bind_layers(Ether, ARP, type=0x8035)
conf.verb = 0

BROADCAST = "ff:ff:ff:ff:ff:ff"


def request(mac, src=None):
    return Ether(dst=BROADCAST, src=src or mac, type=0x8035) / ARP(
        hwtype=1, ptype=0x0800, hwlen=6, plen=4, op=3, hwsrc=src or mac, psrc="0.0.0.0", hwdst=mac, pdst="0.0.0.0")


def random_mac(rnd):
    # locally administered, unicast: never a real card's address
    b = [0x02 | (rnd.randrange(256) & 0xFC)] + [rnd.randrange(256) for _ in range(5)]
    return ":".join("%02x" % x for x in b)


def hostile(rnd, i):
    kind = i % 8
    sender = random_mac(rnd)
    if kind < 3:  # a request for an address nobody knows
        return request(random_mac(rnd), sender)
    base = bytes(request(sender))
    if kind == 3:  # short: cut inside the ARP body
        return Raw(base[:14 + rnd.randrange(0, 28)])
    if kind == 4:  # wrong hardware type
        return Ether(bytes(base[:14]) + b"\x00\x06" + base[16:])
    if kind == 5:  # wrong hardware address length
        return Ether(base[:18] + b"\x08" + base[19:])
    if kind == 6:  # ARP operations 1 and 2 under the RARP EtherType
        return Ether(base[:20] + bytes([0, 1 + (i // 8) % 2]) + base[22:])
    return Ether(base[:20] + b"\x00\x04" + base[22:])  # a reverse reply: not for a server


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["ask", "flood"])
    p.add_argument("iface")
    p.add_argument("mac")
    p.add_argument("--count", type=int, default=1)
    p.add_argument("--interval", type=float, default=0.5)
    p.add_argument("--listen", type=float, default=2.0)
    p.add_argument("--seed", type=int, default=903)
    a = p.parse_args()
    mac = a.mac.lower()
    if a.count > 100000 or a.listen > 120:
        sys.exit("bounds: at most 100000 frames and 120 s")

    started = threading.Event()
    # Our good requests (outgoing, from MAC) and the replies to MAC; nothing else, so a flood costs no Python time.
    sniffer = AsyncSniffer(iface=a.iface, filter="rarp and (ether src %s or ether dst %s)" % (mac, mac),
                           store=True, started_callback=started.set)
    sniffer.start()
    if not started.wait(10):
        sys.exit("sniffer did not start")
    time.sleep(0.2)  # the capture is open; give the socket a moment before the first frame
    sent = 0
    t0 = time.time()
    if a.mode == "ask":
        for i in range(a.count):
            sendp(request(mac), iface=a.iface)
            sent += 1
            if i + 1 < a.count:
                time.sleep(a.interval)
    else:
        rnd = random.Random(a.seed)
        half = a.count // 2
        frames = [hostile(rnd, i) for i in range(half)]
        frames.append(request(mac))
        frames += [hostile(rnd, i) for i in range(half, a.count)]
        sendp(frames, iface=a.iface)
        sent = len(frames)
    # Listen until LISTEN seconds after the first frame, and at least a moment after the last one, so the
    # capture has read our own last request even when the machine is slow.
    time.sleep(max(a.listen - (time.time() - t0), 0.5))
    packets = sniffer.stop() or []
    print("SENT %d" % sent)
    for pkt in packets:
        if not pkt.haslayer(ARP) or pkt[Ether].type != 0x8035:
            continue
        arp = pkt[ARP]
        if arp.op == 3 and pkt[Ether].src.lower() == mac:
            print("REQUEST %.6f" % float(pkt.time))
        elif arp.op == 4 and pkt[Ether].dst.lower() == mac:
            print("REPLY %.6f %s %s %d %d %d %d %d %s %s %s %s %d" % (
                float(pkt.time), pkt[Ether].src, pkt[Ether].dst, arp.op, arp.hwtype, arp.ptype, arp.hwlen, arp.plen,
                arp.hwsrc, arp.psrc, arp.hwdst, arp.pdst, len(pkt)))

if __name__ == "__main__":
    main()
