package net.diskless.nfs.internal.codec;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** Adapts a decoding function to oncrpc4j's {@link XdrAble}, for {@code RpcCall.retrieveCall}. */
public final class Decoded<T> implements XdrAble {

    public interface Decoder<T> {
        T decode(XdrDecodingStream x) throws IOException;
    }

    private final Decoder<T> decoder;
    private T value;

    public Decoded(Decoder<T> decoder) {
        this.decoder = decoder;
    }

    public T value() {
        return value;
    }

    @Override
    public void xdrDecode(XdrDecodingStream x) throws IOException {
        value = decoder.decode(x);
    }

    @Override
    public void xdrEncode(XdrEncodingStream x) {
        throw new UnsupportedOperationException("decoding only");
    }
}
