package net.diskless.rarp.internal.responder;

/**
 * What to do for a known client this server has no boot file for. A client it can boot is always answered
 * at once.
 */
public enum Policy {
    /** Answer after the configured delay, so a server that can boot the client answers first (Solaris in.rarpd). */
    DELAY,
    /** Do not answer (Debian rarpd without -e: only clients with a /tftpboot/HEXIP file). */
    NEVER,
    /** Answer at once anyway (Debian rarpd -e, BSD rarpd -s). */
    IMMEDIATELY
}
