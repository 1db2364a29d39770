package net.diskless.directory.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nsswitch.conf the directory follows, re-read when it changes (checked at most once per interval,
 * on the lookup path: no thread of its own). A missing file means "files" for every map; an unreadable
 * or malformed one keeps the last good order, and the problem is logged once per change.
 */
final class NsSwitchFile {

    private static final Logger LOG = LoggerFactory.getLogger(NsSwitchFile.class);
    /** Larger than any sane nsswitch.conf; a bigger file is refused rather than read into memory. */
    static final long MAX_BYTES = 1 << 20;

    private final Path file;
    private final long checkIntervalNanos;
    private final LongSupplier clock;
    private volatile NsSwitch current = NsSwitch.defaults();
    private volatile long nextCheck;
    private Object lastStamp = "never";

    NsSwitchFile(Path file, long checkIntervalNanos, LongSupplier nanoClock) {
        this.file = file;
        this.checkIntervalNanos = checkIntervalNanos;
        this.clock = nanoClock;
        this.nextCheck = nanoClock.getAsLong();
        reloadIfChanged();
    }

    Path path() {
        return file;
    }

    NsSwitch current() {
        if (clock.getAsLong() - nextCheck >= 0) {
            reloadIfChanged();
        }
        return current;
    }

    private synchronized void reloadIfChanged() {
        nextCheck = clock.getAsLong() + checkIntervalNanos;
        Object stamp;
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            stamp = a.lastModifiedTime().toMillis() + "/" + a.size() + "/" + a.fileKey();
        } catch (NoSuchFileException e) {
            stamp = "missing";
        } catch (IOException e) {
            stamp = "unreadable " + e.getMessage();
        }
        if (Objects.equals(stamp, lastStamp)) {
            return;
        }
        lastStamp = stamp;
        if (stamp.equals("missing")) {
            LOG.info("{} not found: every map is looked up in files only", file);
            current = NsSwitch.defaults();
            return;
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                LOG.error("{}: larger than {} bytes, ignored; keeping the previous order", file, MAX_BYTES);
                return;
            }
            NsSwitch parsed = NsSwitch.parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            parsed.problems().forEach(p -> LOG.warn("{}: {}", file, p));
            current = parsed;
            LOG.info("{}: {}", file, describe(parsed));
        } catch (IOException e) {
            LOG.error("{}: cannot read ({}); keeping the previous order", file, e.toString());
        }
    }

    static String describe(NsSwitch ns) {
        StringBuilder sb = new StringBuilder();
        for (var map : net.diskless.api.names.NameMap.values()) {
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            sb.append(map.key()).append(':');
            for (NsSwitch.Step s : ns.chain(map)) {
                sb.append(' ').append(s.source());
                s.actions().forEach((status, action) -> sb.append(" [").append(status).append('=')
                        .append(action.name().toLowerCase(java.util.Locale.ROOT)).append(']'));
            }
        }
        return sb.toString();
    }
}
