package net.diskless.overrides.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class ClientFactsTest {

    private static InetAddress ip(String s) throws UnknownHostException {
        return InetAddress.getByName(s);
    }

    @Test
    void broadcastFromPrefix() throws UnknownHostException {
        assertEquals(ip("10.0.0.255"), ClientFacts.broadcast(ip("10.0.0.7"), 24));
        assertEquals(ip("10.99.255.255"), ClientFacts.broadcast(ip("10.99.0.7"), 16));
        assertEquals(ip("10.0.0.7"), ClientFacts.broadcast(ip("10.0.0.7"), 32));
        assertEquals(ip("255.255.255.255"), ClientFacts.broadcast(ip("10.0.0.7"), 0));
        assertEquals(ip("192.168.1.63"), ClientFacts.broadcast(ip("192.168.1.33"), 26));
    }

    @Test
    void prefixOfMask() throws UnknownHostException {
        assertEquals(24, ClientFacts.prefixOf(ip("255.255.255.0")));
        assertEquals(26, ClientFacts.prefixOf(ip("255.255.255.192")));
        assertEquals(0, ClientFacts.prefixOf(ip("0.0.0.0")));
        assertEquals(32, ClientFacts.prefixOf(ip("255.255.255.255")));
    }

    @Test
    void rootPathForms() {
        assertEquals("/export/root/c7", ClientFacts.pathOf("10.0.0.1:/export/root/c7"));
        assertEquals("/export/root/c7", ClientFacts.pathOf("\"server:/export/root/c7\""));
        assertEquals("/export/root/c7", ClientFacts.pathOf("/export/root/c7"));
    }
}
