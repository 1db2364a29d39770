package net.diskless.api.nfs;

import java.time.Instant;

/**
 * What SETATTR (or CREATE, MKDIR…) asks to change; null fields stay as they are. "Set to server time" arrives as
 * the server's current time.
 */
public record SetAttr(Integer mode, Integer uid, Integer gid, Long size, Instant atime, Instant mtime) {

    public static final SetAttr NONE = new SetAttr(null, null, null, null, null, null);

    public boolean isEmpty() {
        return mode == null && uid == null && gid == null && size == null && atime == null && mtime == null;
    }

    public SetAttr withoutMode() {
        return new SetAttr(null, uid, gid, size, atime, mtime);
    }
}
