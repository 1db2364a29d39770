package net.diskless.bootparams.internal.logic;

import java.net.Inet4Address;

/** What WHOAMI tells a client: its name, its NIS domain and its default router. */
public record Whoami(String hostname, String domain, Inet4Address router) {
}
