package net.diskless.directory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import net.diskless.api.directory.Answer;
import net.diskless.api.directory.Answer.Attempt;
import net.diskless.api.directory.Answer.Status;
import net.diskless.directory.internal.LookupCache.Fingerprint;
import net.diskless.directory.internal.LookupCache.Key;
import net.diskless.directory.internal.NsSwitch.Step;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LookupCacheTest {

    private static final long TTL = 30_000_000_000L;
    private static final List<Step> CHAIN = List.of(new Step("files", Map.of()), new Step("nis", Map.of()));
    private static final Object FILES = new Object();
    private static final Object NIS = new Object();
    private static final Fingerprint PRINT = new Fingerprint(CHAIN, List.of(FILES, NIS), List.of(1L, 1L));

    private final AtomicLong now = new AtomicLong(1_000);
    private final AtomicInteger computed = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        executor.shutdownNow();
    }

    private LookupCache cache(long ttl, int capacity) {
        return new LookupCache(ttl, capacity, now::get);
    }

    private static Key key(String k) {
        return new Key("ethers.byname", k);
    }

    /** A compute that counts its calls and answers a new object each time. */
    private Supplier<Answer<String>> counting(String value) {
        return () -> {
            computed.incrementAndGet();
            return new Answer<>(value, "files", List.of(new Attempt("files", Status.SUCCESS, "")));
        };
    }

    @Test
    void hitWithinTheTimeToLive() {
        LookupCache c = cache(TTL, 10);
        Answer<String> first = c.get(key("sun1"), PRINT, counting("a"));
        now.addAndGet(TTL - 1);
        Answer<String> second = c.get(key("sun1"), PRINT, counting("b"));
        assertSame(first, second);
        assertEquals(1, computed.get());
    }

    @Test
    void missOnceTheTimeToLiveIsOver() {
        LookupCache c = cache(TTL, 10);
        c.get(key("sun1"), PRINT, counting("a"));
        now.addAndGet(TTL);
        assertEquals("b", c.get(key("sun1"), PRINT, counting("b")).value());
        assertEquals(2, computed.get());
        now.addAndGet(TTL - 1);
        assertEquals("b", c.get(key("sun1"), PRINT, counting("c")).value(), "the new answer is cached again");
    }

    @Test
    void timeToLiveSurvivesTheClockWrappingAround() {
        now.set(Long.MAX_VALUE - 5);
        LookupCache c = cache(10, 10);
        c.get(key("sun1"), PRINT, counting("a"));
        now.addAndGet(9); // wraps to a negative number
        assertEquals("a", c.get(key("sun1"), PRINT, counting("b")).value());
        now.addAndGet(1);
        assertEquals("c", c.get(key("sun1"), PRINT, counting("c")).value());
    }

    @Test
    void keysAreSeparate() {
        LookupCache c = cache(TTL, 10);
        c.get(key("sun1"), PRINT, counting("a"));
        assertEquals("b", c.get(key("sun2"), PRINT, counting("b")).value());
        assertEquals("c", c.get(new Key("hosts.byname", "sun1"), PRINT, counting("c")).value());
        assertEquals("a", c.get(key("sun1"), PRINT, counting("d")).value());
        assertEquals(3, computed.get());
    }

    @Test
    void missWhenASourceGenerationMovesOn() {
        LookupCache c = cache(TTL, 10);
        c.get(key("sun1"), PRINT, counting("a"));
        Fingerprint reloaded = new Fingerprint(CHAIN, List.of(FILES, NIS), List.of(2L, 1L));
        assertEquals("b", c.get(key("sun1"), reloaded, counting("b")).value());
        assertEquals("b", c.get(key("sun1"), reloaded, counting("c")).value());
        assertEquals("d", c.get(key("sun1"), PRINT, counting("d")).value(), "only the latest fingerprint is kept");
    }

    @Test
    void missWhenASourceIsAnotherObject() {
        LookupCache c = cache(TTL, 10);
        c.get(key("sun1"), PRINT, counting("a"));
        Fingerprint restarted = new Fingerprint(CHAIN, List.of(FILES, new Object()), List.of(1L, 1L));
        assertEquals("b", c.get(key("sun1"), restarted, counting("b")).value());
    }

    @Test
    void missWhenASourceStopped() {
        LookupCache c = cache(TTL, 10);
        c.get(key("sun1"), PRINT, counting("a"));
        Fingerprint nisGone = new Fingerprint(CHAIN, List.of(FILES, "nis"), List.of(1L, -1L));
        assertEquals("b", c.get(key("sun1"), nisGone, counting("b")).value());
    }

    @Test
    void missWhenTheChainChanges() {
        LookupCache c = cache(TTL, 10);
        c.get(key("sun1"), PRINT, counting("a"));
        List<Step> withReturn = List.of(new Step("files", Map.of(Status.NOTFOUND, NsSwitch.Action.RETURN)),
                new Step("nis", Map.of()));
        assertEquals("b", c.get(key("sun1"), new Fingerprint(withReturn, List.of(FILES, NIS), List.of(1L, 1L)),
                counting("b")).value());
        List<Step> reordered = List.of(new Step("nis", Map.of()), new Step("files", Map.of()));
        assertEquals("c", c.get(key("sun1"), new Fingerprint(reordered, List.of(NIS, FILES), List.of(1L, 1L)),
                counting("c")).value());
    }

    @Test
    void equalFingerprintsBuiltAnewStillHit() {
        LookupCache c = cache(TTL, 10);
        c.get(key("sun1"), PRINT, counting("a"));
        Fingerprint same = new Fingerprint(List.of(new Step("files", Map.of()), new Step("nis", Map.of())),
                List.of(FILES, NIS), List.of(1L, 1L));
        assertEquals("a", c.get(key("sun1"), same, counting("b")).value());
    }

    @Test
    void zeroTimeToLiveDisablesCaching() {
        LookupCache c = cache(0, 10);
        c.get(key("sun1"), PRINT, counting("a"));
        assertEquals("b", c.get(key("sun1"), PRINT, counting("b")).value());
        assertEquals(2, computed.get());
        assertEquals(0, c.size());
    }

    @Test
    void leastRecentlyUsedGoesFirstWhenFull() {
        LookupCache c = cache(TTL, 2);
        c.get(key("a"), PRINT, counting("a"));
        c.get(key("b"), PRINT, counting("b"));
        c.get(key("a"), PRINT, counting("a2")); // a is now the most recently used
        c.get(key("c"), PRINT, counting("c"));  // evicts b
        assertEquals(2, c.size());
        assertEquals(3, computed.get());
        assertEquals("a", c.get(key("a"), PRINT, counting("a3")).value());
        assertEquals("c", c.get(key("c"), PRINT, counting("c2")).value());
        assertEquals("b2", c.get(key("b"), PRINT, counting("b2")).value());
        assertEquals(4, computed.get());
    }

    @Test
    void negativeAnswersAreCachedToo() {
        LookupCache c = cache(TTL, 10);
        Supplier<Answer<String>> nobody = () -> {
            computed.incrementAndGet();
            return Answer.none(List.of(new Attempt("files", Status.NOTFOUND, ""), new Attempt("nis", Status.UNAVAIL, "down")));
        };
        Answer<String> first = c.get(key("unknown"), PRINT, nobody);
        Answer<String> second = c.get(key("unknown"), PRINT, nobody);
        assertSame(first, second);
        assertEquals(1, computed.get());
    }

    @Test
    void clearForgetsEverything() {
        LookupCache c = cache(TTL, 10);
        c.get(key("sun1"), PRINT, counting("a"));
        c.clear();
        assertEquals(0, c.size());
        assertEquals("b", c.get(key("sun1"), PRINT, counting("b")).value());
    }

    @Test
    void computeMayUseTheCacheOnTheSameThread() {
        LookupCache c = cache(TTL, 10);
        Answer<String> outer = c.get(key("outer"), PRINT, () -> {
            Answer<String> inner = c.get(key("inner"), PRINT, counting("inner"));
            return new Answer<>("outer+" + inner.value(), "files", List.of());
        });
        assertEquals("outer+inner", outer.value());
        assertEquals("inner", c.get(key("inner"), PRINT, counting("x")).value());
    }

    /** Were compute run under the cache's lock, the other thread's lookup would wait for it forever. */
    @Test
    void computeRunsOutsideTheLock() throws Exception {
        LookupCache c = cache(TTL, 10);
        Answer<String> outer = c.get(key("outer"), PRINT, () -> {
            CompletableFuture<Answer<String>> other = CompletableFuture.supplyAsync(
                    () -> c.get(key("other"), PRINT, counting("other")), executor);
            try {
                return new Answer<>("outer+" + other.get(30, TimeUnit.SECONDS).value(), "files", List.of());
            } catch (Exception e) {
                throw new AssertionError("another thread could not use the cache during a compute", e);
            }
        });
        assertEquals("outer+other", outer.value());
    }

    @Test
    void slowComputeDoesNotBlockCachedAnswers() throws Exception {
        LookupCache c = cache(TTL, 10);
        c.get(key("cached"), PRINT, counting("cached"));
        CountDownLatch computing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Answer<String>> slow = CompletableFuture.supplyAsync(() -> c.get(key("slow"), PRINT, () -> {
            computing.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Answer<>("slow", "nis", List.of());
        }), executor);
        try {
            assertTrue(computing.await(30, TimeUnit.SECONDS), "the slow compute never started");
            CompletableFuture<Answer<String>> fast = CompletableFuture.supplyAsync(
                    () -> c.get(key("cached"), PRINT, counting("recomputed")), executor);
            assertEquals("cached", fast.get(30, TimeUnit.SECONDS).value());
        } finally {
            release.countDown();
        }
        assertEquals("slow", slow.get(30, TimeUnit.SECONDS).value());
    }
}
