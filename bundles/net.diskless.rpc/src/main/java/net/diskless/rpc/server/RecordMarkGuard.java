package net.diskless.rpc.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;

/**
 * In front of oncrpc4j's TCP record parser, which buffers a record until as many bytes as its record marks
 * announce have arrived — up to 2 GB per fragment, without limit on the fragments. This walks the marks
 * buffered so far and closes the connection as soon as one message announces more than the limit, before
 * the bytes arrive. The walk continues across reads (per connection): a read that ends inside a fragment, or
 * inside a mark, is continued by the next one, so fragment data is never taken for a mark.
 */
final class RecordMarkGuard extends BaseFilter {

    static final int LAST_FRAGMENT = 0x80000000;
    static final int SIZE_MASK = 0x7fffffff;
    /** Empty fragments cost a mark each and carry nothing: a message made of many of them is junk. */
    static final int MAX_FRAGMENTS = 1024;

    /** Where the walk of a connection's stream stands between two reads. */
    static final class Walk {
        long skip;
        long messageBytes;
        int fragments;
        int markBytes;
        int mark;
    }

    private final Attribute<Walk> walks = Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(
            RecordMarkGuard.class.getName() + ".walk");
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
        Walk walk = walks.get(ctx.getConnection());
        if (walk == null) {
            walk = new Walk();
            walks.set(ctx.getConnection(), walk);
        }
        String problem = check(buffer, walk, maxRecordBytes);
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

    /** Why the record marks in one buffer are refused, or null when they are acceptable so far. Pure. */
    static String check(Buffer buffer, int maxRecordBytes) {
        return check(buffer, new Walk(), maxRecordBytes);
    }

    /** As {@link #check(Buffer, int)}, continuing {@code walk} from the previous read of the same stream. */
    static String check(Buffer buffer, Walk walk, int maxRecordBytes) {
        int at = buffer.position();
        int limit = buffer.limit();
        while (at < limit) {
            if (walk.skip > 0) {
                long n = Math.min(walk.skip, limit - at);
                walk.skip -= n;
                at += (int) n;
                continue;
            }
            while (walk.markBytes < 4 && at < limit) {
                walk.mark = (walk.mark << 8) | (buffer.get(at++) & 0xff);
                walk.markBytes++;
            }
            if (walk.markBytes < 4) {
                break;
            }
            int mark = walk.mark;
            walk.mark = 0;
            walk.markBytes = 0;
            long size = mark & SIZE_MASK;
            walk.messageBytes += size;
            walk.fragments++;
            if (walk.messageBytes > maxRecordBytes) {
                return "record of " + (walk.messageBytes > size ? "at least " : "") + walk.messageBytes
                        + " bytes announced, more than " + maxRecordBytes;
            }
            if (walk.fragments > MAX_FRAGMENTS) {
                return "more than " + MAX_FRAGMENTS + " fragments in one record";
            }
            if ((mark & LAST_FRAGMENT) != 0) {
                walk.messageBytes = 0;
                walk.fragments = 0;
            }
            walk.skip = size;
        }
        return null;
    }
}
