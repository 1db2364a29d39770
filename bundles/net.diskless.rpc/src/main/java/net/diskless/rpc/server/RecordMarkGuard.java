package net.diskless.rpc.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;

/**
 * In front of oncrpc4j's TCP record parser, which buffers a record until as many bytes as its record marks
 * announce have arrived — up to 2 GB per fragment, without limit on the fragments. This walks the marks
 * buffered so far and closes the connection as soon as one message announces more than the limit, before
 * the bytes arrive.
 */
final class RecordMarkGuard extends BaseFilter {

    static final int LAST_FRAGMENT = 0x80000000;
    static final int SIZE_MASK = 0x7fffffff;
    /** Empty fragments cost a mark each and carry nothing: a message made of many of them is junk. */
    static final int MAX_FRAGMENTS = 1024;

    private final int maxRecordBytes;
    private final PeerLog peerLog;
    private final String name;

    RecordMarkGuard(String name, int maxRecordBytes, PeerLog peerLog) {
        this.name = name;
        this.maxRecordBytes = maxRecordBytes;
        this.peerLog = peerLog;
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        Buffer buffer = ctx.getMessage();
        if (buffer == null) {
            return ctx.getStopAction();
        }
        String problem = check(buffer, maxRecordBytes);
        if (problem != null) {
            Object peer = ctx.getConnection().getPeerAddress();
            if (peer instanceof InetSocketAddress p) {
                peerLog.warn(p.getAddress(), "{}: {} tcp connection closed: {}", name, p, problem);
            }
            buffer.tryDispose();
            ctx.getConnection().closeSilently();
            return ctx.getStopAction();
        }
        return ctx.getInvokeAction();
    }

    /** Why the buffered record marks are refused, or null when they are acceptable so far. Pure. */
    static String check(Buffer buffer, int maxRecordBytes) {
        long messageBytes = 0;
        int fragments = 0;
        long at = buffer.position();
        while (buffer.limit() - at >= 4) {
            int mark = buffer.getInt((int) at);
            long size = mark & SIZE_MASK;
            messageBytes += size;
            fragments++;
            if (messageBytes > maxRecordBytes) {
                return "record of " + (messageBytes > size ? "at least " : "") + messageBytes
                        + " bytes announced, more than " + maxRecordBytes;
            }
            if (fragments > MAX_FRAGMENTS) {
                return "more than " + MAX_FRAGMENTS + " fragments in one record";
            }
            if ((mark & LAST_FRAGMENT) != 0) {
                messageBytes = 0;
                fragments = 0;
            }
            at += 4 + size;
        }
        return null;
    }
}
