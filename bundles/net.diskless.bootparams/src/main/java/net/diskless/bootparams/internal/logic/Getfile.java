package net.diskless.bootparams.internal.logic;

import java.net.Inet4Address;

/** What GETFILE tells a client about one key: the server (name and address) and the path there. */
public record Getfile(String serverName, Inet4Address serverAddress, String path) {
}
