package net.diskless.nfs.internal.codec;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** A reply body written by a lambda, for {@code RpcCall.reply}. */
public final class Reply implements XdrAble {

    public interface Encoder {
        void encode(XdrEncodingStream x) throws IOException;
    }

    private final Encoder encoder;

    public Reply(Encoder encoder) {
        this.encoder = encoder;
    }

    @Override
    public void xdrEncode(XdrEncodingStream x) throws IOException {
        encoder.encode(x);
    }

    @Override
    public void xdrDecode(XdrDecodingStream x) {
        throw new UnsupportedOperationException("encoding only");
    }
}
