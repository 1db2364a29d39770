package net.diskless.nfs.internal.codec;

import java.io.IOException;

/** Arguments that cannot be a valid call: oncrpc4j's dispatcher answers GARBAGE_ARGS to an IOException. */
public final class GarbageArgs extends IOException {

    private static final long serialVersionUID = 1L;

    public GarbageArgs(String message) {
        super(message);
    }
}
