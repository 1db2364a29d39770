package net.diskless.api.nfs;

import java.nio.ByteBuffer;

/** Bytes read (position 0 to limit) and whether they reach the end of the file. */
public record ReadResult(ByteBuffer data, boolean eof) {
}
