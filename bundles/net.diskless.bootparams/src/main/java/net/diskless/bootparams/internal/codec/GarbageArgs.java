package net.diskless.bootparams.internal.codec;

import java.io.IOException;

/** Arguments that decode but break the protocol's limits: oncrpc4j's dispatcher answers GARBAGE_ARGS to any IOException. */
public final class GarbageArgs extends IOException {

    private static final long serialVersionUID = 1L;

    public GarbageArgs(String message) {
        super(message);
    }
}
