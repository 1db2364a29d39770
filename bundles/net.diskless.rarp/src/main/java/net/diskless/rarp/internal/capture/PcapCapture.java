package net.diskless.rarp.internal.capture;

import java.io.EOFException;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import net.diskless.rarp.internal.responder.Link;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.slf4j.Logger;

/**
 * One capture on one interface, with the BPF filter {@code rarp} so the kernel hands over nothing else,
 * and only frames coming in (not our own replies). A thread of its own reads frames and passes them to the
 * handler; replies go out through the same handle.
 */
public final class PcapCapture implements AutoCloseable {

    /** Receives every captured frame on the capture's thread; must not throw. */
    @FunctionalInterface
    public interface FrameHandler {
        void onFrame(PcapCapture capture, byte[] frame);
    }

    private final String name;
    private final PcapHandle handle;
    private final Thread reader;
    private final Logger log;
    private final int readTimeoutMillis;
    private volatile boolean running = true;
    private volatile Link link;

    private PcapCapture(String name, PcapHandle handle, FrameHandler handler, Logger log, int readTimeoutMillis) {
        this.name = name;
        this.handle = handle;
        this.log = log;
        this.readTimeoutMillis = readTimeoutMillis;
        this.reader = new Thread(() -> read(handler), "rarp-capture-" + name);
        this.reader.setDaemon(true);
    }

    /** Opens the capture on interface {@code name} and starts reading; the handler sees {@link #link()}. */
    public static PcapCapture open(String name, CaptureSettings settings, FrameHandler handler, Logger log)
            throws CaptureException {
        PcapHandle handle;
        try {
            handle = new PcapHandle.Builder(name)
                    .snaplen(settings.snaplen())
                    .promiscuousMode(settings.promiscuous() ? PcapNetworkInterface.PromiscuousMode.PROMISCUOUS
                            : PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS)
                    .timeoutMillis(settings.readTimeoutMillis())
                    .bufferSize(settings.bufferBytes())
                    // every frame at once, not in blocks: a booting client waits for the answer
                    .immediateMode(true)
                    .build();
        } catch (PcapNativeException e) {
            throw new CaptureException(explain(name, e.getMessage()), e);
        } catch (LinkageError e) {
            throw new CaptureException("libpcap cannot be loaded (on Debian: apt-get install libpcap0.8): "
                    + Pcap.rootMessage(e), e);
        }
        try {
            handle.setFilter("rarp", BpfProgram.BpfCompileMode.OPTIMIZE);
            handle.setDirection(PcapHandle.PcapDirection.IN);
        } catch (PcapNativeException | NotOpenException | RuntimeException e) {
            handle.close();
            throw new CaptureException("cannot filter the capture on " + name + ": " + e.getMessage(), e);
        }
        PcapCapture capture = new PcapCapture(name, handle, handler, log, settings.readTimeoutMillis());
        return capture;
    }

    /** Starts the reading thread, once the caller has set the link frames are handled with. */
    public void start(Link link) {
        this.link = link;
        reader.start();
    }

    /** Operator words for libpcap's open errors. */
    static String explain(String name, String message) {
        String m = message == null ? "" : message;
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.contains("permitted") || lower.contains("permission")) {
            return "no permission to capture on " + name + " (RARP needs CAP_NET_RAW: run as root or grant the"
                    + " capability): " + m;
        }
        if (lower.contains("no such device") || lower.contains("doesn't exist")) {
            return "no interface " + name + ": " + m;
        }
        return "cannot capture on " + name + ": " + m;
    }

    public String name() {
        return name;
    }

    public Link link() {
        return link;
    }

    /** Puts one frame on the interface. */
    public void send(byte[] frame) throws IOException {
        try {
            handle.sendPacket(frame);
        } catch (PcapNativeException | NotOpenException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private void read(FrameHandler handler) {
        try {
            while (running) {
                byte[] frame;
                try {
                    frame = handle.getNextRawPacketEx();
                } catch (TimeoutException e) {
                    continue; // nothing within the read timeout: look at running again
                } catch (EOFException | NotOpenException e) {
                    break; // broken by close()
                } catch (PcapNativeException e) {
                    if (running) { // the interface went away or down: stop here, say so once
                        log.error("rarp: capture on {} failed, RARP no longer listens there: {}", name, e.getMessage());
                    }
                    break;
                }
                handler.onFrame(this, frame);
            }
        } finally {
            running = false;
            handle.close();
        }
    }

    /** Whether the reading thread still runs. */
    public boolean isRunning() {
        return running && reader.isAlive();
    }

    /** Stops reading and closes the handle; waits (bounded) for the reading thread. */
    @Override
    public void close() {
        running = false;
        try {
            handle.breakLoop();
        } catch (NotOpenException | RuntimeException e) {
            // already closed by the reading thread
        }
        if (reader.isAlive()) {
            try {
                reader.join(readTimeoutMillis * 5L + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (reader.getState() == Thread.State.NEW) {
            handle.close(); // never started
        }
        if (reader.isAlive()) {
            log.warn("rarp: capture thread on {} did not stop in time", name);
        }
    }
}
