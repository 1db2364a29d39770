package net.diskless.rarp.internal.capture;

/**
 * How each capture is opened.
 *
 * @param snaplen           bytes kept of each frame (a RARP frame is 42 bytes, 46 with a VLAN tag)
 * @param readTimeoutMillis longest wait in one read: how soon a capture notices it is being closed
 * @param bufferBytes       kernel buffer of the capture: what a burst of requests may fill before frames are lost
 * @param promiscuous       requests are broadcast, so this is only for unusual set-ups
 */
public record CaptureSettings(int snaplen, int readTimeoutMillis, int bufferBytes, boolean promiscuous) {
    public CaptureSettings {
        if (snaplen < 42 || readTimeoutMillis < 1 || bufferBytes < 0) {
            throw new IllegalArgumentException("snaplen >= 42, readTimeoutMillis >= 1, bufferBytes >= 0");
        }
    }
}
