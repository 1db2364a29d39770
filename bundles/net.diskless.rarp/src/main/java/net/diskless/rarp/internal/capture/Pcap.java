package net.diskless.rarp.internal.capture;

import org.pcap4j.core.Pcaps;

/** Whether libpcap can be used at all in this process, asked once before any capture is opened. */
public final class Pcap {

    private Pcap() {
    }

    /** libpcap's version string, or a {@link CaptureException} naming the package to install. */
    public static String version() throws CaptureException {
        try {
            return Pcaps.libVersion();
        } catch (LinkageError e) { // JNA could not load libpcap (or its own native part)
            throw new CaptureException("libpcap cannot be loaded (on Debian: apt-get install libpcap0.8): " + rootMessage(e), e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
