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
 * on the lookup path: no thread of its own). A missing file means "files" for every map. Malformed lines
 * are reported and skipped, the rest is used. An unreadable or oversized file keeps the last order in
 * force; it is tried again when it changes, or every 10 s (a chmod changes nothing we can see).
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
    /** A stamp whose file could not be read, not tried again until {@link #retryFailedAt}. */
    private Object failedStamp;
    private long retryFailedAt;
    static final long RETRY_NANOS = 10_000_000_000L;

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
        long now = clock.getAsLong();
        nextCheck = now + checkIntervalNanos;
        Object stamp;
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            stamp = a.lastModifiedTime().toMillis() + "/" + a.size() + "/" + a.fileKey();
        } catch (NoSuchFileException e) {
            stamp = "missing";
        } catch (IOException e) {
            stamp = "unreadable " + e.getMessage();
        }
        if (failedStamp != null && now - retryFailedAt >= 0) {
            failedStamp = null; // a chmod changes no stamp: try a failed file again now and then
        }
        if (Objects.equals(stamp, lastStamp) || Objects.equals(stamp, failedStamp)) {
            return;
        }
        if (stamp.equals("missing")) {
            lastStamp = stamp;
            LOG.info("{} not found: every map is looked up in files only", file);
            current = NsSwitch.defaults();
            return;
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IOException("larger than " + MAX_BYTES + " bytes");
            }
            NsSwitch parsed = NsSwitch.parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            parsed.problems().stream().limit(20).forEach(p -> LOG.warn("{}: {}", file, p));
            current = parsed;
            lastStamp = stamp;
            failedStamp = null;
            LOG.info("{}: {}", file, describe(parsed));
        } catch (IOException e) {
            failedStamp = stamp;
            retryFailedAt = now + RETRY_NANOS;
            LOG.error("{}: cannot use it ({}); keeping the previous order", file, e.getMessage());
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
