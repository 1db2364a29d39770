package net.diskless.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import net.diskless.api.MacAddress;
import net.diskless.api.appliance.ApplianceHome;
import net.diskless.api.directory.Answer;
import net.diskless.api.directory.Directory;
import net.diskless.api.names.EthersEntry;
import net.diskless.api.names.NameSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

/**
 * The files bundle is stopped and started while lookups run: every lookup keeps answering, from the
 * remaining source while files is gone, and nothing escapes to the caller.
 */
class SourceSwapIT {

    static final MacAddress CLIENT1 = DirectoryIT.CLIENT1;

    @InjectBundleContext
    BundleContext context;

    @InjectService
    Directory directory;

    @InjectService
    ApplianceHome home;

    HomeFiles files;
    ServiceRegistration<NameSource> memory;

    @AfterEach
    void tearDown() throws Exception {
        if (memory != null) {
            memory.unregister();
        }
        filesBundle().start();
        files.restore();
    }

    private Bundle filesBundle() {
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName().equals("net.diskless.names.files")) {
                return b;
            }
        }
        throw new AssertionError("net.diskless.names.files is not installed");
    }

    @Test
    void lookupsKeepAnsweringWhileTheFilesBundleComesAndGoes() throws Exception {
        files = new HomeFiles(home.home());
        memory = context.registerService(NameSource.class, new MemorySource("memory", Map.of(CLIENT1, "client1")),
                new Hashtable<>(Map.of(NameSource.SOURCE_PROPERTY, "memory")));
        files.write("etc/nsswitch.conf", "ethers: files memory\n");
        Eventually.await("files then memory in the chain", Duration.ofSeconds(10),
                () -> directory.ethersByMac(MacAddress.parse("02:00:00:00:00:97")).attempts().size() == 2);

        AtomicBoolean running = new AtomicBoolean(true);
        List<Throwable> escaped = new CopyOnWriteArrayList<>();
        List<String> missed = new CopyOnWriteArrayList<>();
        Set<String> answeredBy = ConcurrentHashMap.newKeySet();
        AtomicLong lookups = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> workers = List.of(pool.submit(() -> lookUp(running, escaped, missed, answeredBy, lookups)),
                    pool.submit(() -> lookUp(running, escaped, missed, answeredBy, lookups)));
            Bundle filesBundle = filesBundle();
            for (int round = 0; round < 5; round++) {
                filesBundle.stop();
                Thread.sleep(50);
                filesBundle.start();
                Thread.sleep(50);
            }
            running.set(false);
            for (Future<?> w : workers) {
                w.get(30, TimeUnit.SECONDS);
            }
        } finally {
            running.set(false);
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "lookup threads did not stop");
        }
        assertEquals(List.of(), escaped, "exceptions escaped the directory");
        assertEquals(List.of(), missed, "lookups that found nothing");
        assertTrue(lookups.get() > 100, "too few lookups ran to mean anything: " + lookups.get());
        assertTrue(answeredBy.contains("memory"), "memory never answered while files was stopped: " + answeredBy);
        Eventually.await("files answers again", Duration.ofSeconds(10),
                () -> "files".equals(directory.ethersByMac(CLIENT1).source()));
    }

    private void lookUp(AtomicBoolean running, List<Throwable> escaped, List<String> missed, Set<String> answeredBy,
                        AtomicLong count) {
        // Bounded: stops when told, and in any case after 200 000 lookups.
        for (int i = 0; i < 200_000 && running.get(); i++) {
            try {
                Answer<EthersEntry> a = directory.ethersByMac(CLIENT1);
                count.incrementAndGet();
                if (!a.found()) {
                    missed.add(a.attempts().toString());
                } else {
                    answeredBy.add(a.source());
                }
            } catch (Throwable t) {
                escaped.add(t);
            }
        }
    }
}
