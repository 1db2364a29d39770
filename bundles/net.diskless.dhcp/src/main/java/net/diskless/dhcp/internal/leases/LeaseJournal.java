package net.diskless.dhcp.internal.leases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.diskless.api.leases.Lease;
import net.diskless.api.leases.LeaseStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link LeaseStore}: an append-only journal of {@link JournalFormat} lines. One writer thread
 * takes every record waiting, appends them in one write, syncs the file once (group commit) and only then
 * completes their futures, so a server that acknowledges on completion never acknowledges what a crash could
 * lose. When the journal holds many more records than live leases, the writer rewrites it (temp file, sync,
 * atomic rename, sync of the directory). At start the journal is read back; a torn last line is cut off.
 */
public final class LeaseJournal implements LeaseStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseJournal.class);

    private record Pending(Lease lease, CompletableFuture<Lease> done) {
    }

    private static final Pending STOP = new Pending(null, null);

    private final Path file;
    private final int compactAfter;
    private final Clock clock;
    private final Map<Inet4Address, Lease> latest = new ConcurrentHashMap<>();
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private FileChannel channel; // writer thread only, after the constructor
    private long records;
    private volatile boolean closed;

    /**
     * Opens (creating) the journal at {@code file} and reloads it.
     *
     * @param compactAfter rewrite once the journal holds this many records more than live leases
     */
    public LeaseJournal(Path file, int compactAfter, Clock clock) throws IOException {
        this.file = file;
        this.compactAfter = Math.max(1, compactAfter);
        this.clock = clock;
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(temp()); // a compaction that crashed before its rename: the journal is still whole
        load();
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        this.writer = new Thread(this::run, "dhcp-lease-journal");
        writer.setDaemon(true);
        writer.start();
    }

    private Path temp() {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    private void load() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        byte[] all = Files.readAllBytes(file);
        int start = 0;
        int good = 0; // bytes up to the end of the last good line
        int bad = 0;
        while (start < all.length) {
            int nl = indexOf(all, start);
            if (nl < 0) { // no newline: the last write was torn
                break;
            }
            String line = new String(all, start, nl - start, StandardCharsets.US_ASCII);
            Optional<Lease> lease = JournalFormat.parse(line);
            if (lease.isPresent()) {
                latest.put(lease.get().address(), lease.get());
                records++;
            } else {
                bad++;
            }
            start = nl + 1;
            good = start;
        }
        if (good < all.length) {
            LOG.warn("dhcp: lease journal {}: cut {} bytes of a torn last record", file, all.length - good);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(good);
                ch.force(true);
            }
        }
        if (bad > 0) {
            LOG.error("dhcp: lease journal {}: {} corrupt records skipped", file, bad);
        }
        LOG.info("dhcp: lease journal {}: {} records, {} addresses", file, records, latest.size());
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Collection<Lease> leases() {
        return List.copyOf(latest.values());
    }

    @Override
    public CompletionStage<Lease> store(Lease lease) {
        CompletableFuture<Lease> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IOException("lease journal closed"));
            return done;
        }
        queue.add(new Pending(lease, done));
        return done;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            queue.drainTo(batch);
            boolean stop = batch.remove(STOP);
            if (!batch.isEmpty()) {
                commit(batch);
            }
            batch.clear();
            if (stop) {
                break;
            }
        }
    }

    private void commit(List<Pending> batch) {
        StringBuilder sb = new StringBuilder();
        for (Pending p : batch) {
            sb.append(JournalFormat.line(p.lease));
        }
        try {
            ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.US_ASCII));
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false); // the data: the length of an appended file is metadata fdatasync includes
            records += batch.size();
            for (Pending p : batch) {
                latest.put(p.lease.address(), p.lease);
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("dhcp: lease journal {}: cannot write {} records: {}", file, batch.size(), e.toString());
            batch.forEach(p -> p.done.completeExceptionally(e));
            return;
        }
        batch.forEach(p -> p.done.complete(p.lease));
        if (records - latest.size() > compactAfter) {
            compact();
        }
    }

    /** Rewrites the journal with one record per address still worth keeping. Writer thread only. */
    private void compact() {
        Instant now = clock.instant();
        latest.values().removeIf(l -> l.state() != Lease.State.BOUND && !l.expires().isAfter(now));
        Path tmp = temp();
        long started = System.nanoTime();
        try {
            StringBuilder sb = new StringBuilder();
            for (Lease l : latest.values()) {
                sb.append(JournalFormat.line(l));
            }
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.US_ASCII));
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                out.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(file.toAbsolutePath().getParent());
            channel.close();
            channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            LOG.debug("dhcp: lease journal compacted from {} to {} records in {} ms", records, latest.size(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            records = latest.size();
        } catch (IOException e) {
            // The old journal is intact (the rename is the commit point): keep appending to it.
            LOG.error("dhcp: lease journal {}: compaction failed, still appending: {}", file, e.toString());
            try {
                Files.deleteIfExists(tmp);
                if (!channel.isOpen()) {
                    channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                }
            } catch (IOException again) {
                throw new UncheckedIOException(again);
            }
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some filesystems cannot open a directory for sync; the rename is then as durable as they make it.
            LOG.debug("dhcp: cannot sync directory {}: {}", dir, e.toString());
        }
    }

    /** Writes what is queued, then stops the writer. */
    @Override
    public void close() {
        closed = true;
        queue.add(STOP);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("dhcp: closing lease journal {}: {}", file, e.toString());
        }
        for (Pending p; (p = queue.poll()) != null; ) {
            if (p.done != null) {
                p.done.completeExceptionally(new IOException("lease journal closed"));
            }
        }
    }
}
