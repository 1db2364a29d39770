package net.diskless.directory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import net.diskless.api.MacAddress;
import net.diskless.api.directory.Answer;
import net.diskless.api.directory.Answer.Attempt;
import net.diskless.api.directory.Answer.Status;
import net.diskless.api.names.BootParams;
import net.diskless.api.names.BootptabEntry;
import net.diskless.api.names.EthersEntry;
import net.diskless.api.names.HostEntry;
import net.diskless.api.names.LookupResult;
import net.diskless.api.names.NameSource;
import net.diskless.directory.internal.NsSwitch.Action;
import net.diskless.directory.internal.NsSwitch.Step;
import org.junit.jupiter.api.Test;

class SourceChainTest {

    private static final MacAddress MAC = MacAddress.parse("8:0:20:1:2:3");

    /** A source whose ethers-by-MAC answer is given by the test; it counts how often it is asked. */
    private static final class TestSource implements NameSource {
        private final String name;
        private final Supplier<LookupResult<EthersEntry>> answer;
        int asked;

        TestSource(String name, Supplier<LookupResult<EthersEntry>> answer) {
            this.name = name;
            this.answer = answer;
        }

        static TestSource found(String name, String host) {
            return new TestSource(name, () -> LookupResult.found(new EthersEntry(MAC, host)));
        }

        static TestSource notFound(String name) {
            return new TestSource(name, LookupResult::notFound);
        }

        static TestSource unavailable(String name, String reason) {
            return new TestSource(name, () -> LookupResult.unavailable(reason));
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long generation() {
            return 0;
        }

        @Override
        public LookupResult<EthersEntry> ethersByMac(MacAddress mac) {
            asked++;
            return answer.get();
        }

        @Override
        public LookupResult<EthersEntry> ethersByHost(String hostname) {
            return LookupResult.unavailable("not served");
        }

        @Override
        public LookupResult<HostEntry> hostByName(String hostName) {
            return LookupResult.unavailable("not served");
        }

        @Override
        public LookupResult<HostEntry> hostByAddress(InetAddress address) {
            return LookupResult.unavailable("not served");
        }

        @Override
        public LookupResult<BootParams> bootparams(String client) {
            return LookupResult.unavailable("not served");
        }

        @Override
        public LookupResult<BootptabEntry> bootptabByMac(MacAddress mac) {
            return LookupResult.unavailable("not served");
        }

        @Override
        public LookupResult<BootptabEntry> bootptabByName(String bootName) {
            return LookupResult.unavailable("not served");
        }
    }

    /** Records every failure it is told of. */
    private static final class Failures implements SourceChain.FailureSink {
        final List<String> told = new ArrayList<>();

        @Override
        public void failed(String source, Throwable e) {
            told.add(source + ": " + e.getMessage());
        }
    }

    private final Failures failures = new Failures();

    private static List<Step> chain(Object... sourcesAndActions) {
        List<Step> steps = new ArrayList<>();
        for (Object o : sourcesAndActions) {
            if (o instanceof String s) {
                steps.add(new Step(s, Map.of()));
            } else {
                @SuppressWarnings("unchecked")
                Map<Status, Action> actions = (Map<Status, Action>) o;
                Step last = steps.remove(steps.size() - 1);
                steps.add(new Step(last.source(), actions));
            }
        }
        return steps;
    }

    private static Map<String, NameSource> running(TestSource... sources) {
        Map<String, NameSource> m = new HashMap<>();
        for (TestSource s : sources) {
            m.put(s.name(), s);
        }
        return m;
    }

    private Answer<EthersEntry> lookup(List<Step> chain, Map<String, NameSource> sources) {
        return SourceChain.lookup(chain, sources, s -> s.ethersByMac(MAC), failures);
    }

    @Test
    void firstSuccessAnswersAndLaterSourcesAreNotAsked() {
        TestSource files = TestSource.found("files", "sun1");
        TestSource nis = TestSource.found("nis", "sun1-nis");
        Answer<EthersEntry> a = lookup(chain("files", "nis"), running(files, nis));
        assertEquals(new EthersEntry(MAC, "sun1"), a.value());
        assertEquals("files", a.source());
        assertEquals(List.of(new Attempt("files", Status.SUCCESS, "")), a.attempts());
        assertEquals(0, nis.asked);
    }

    @Test
    void notFoundContinuesToTheNextSource() {
        TestSource files = TestSource.notFound("files");
        TestSource nis = TestSource.found("nis", "sun1");
        Answer<EthersEntry> a = lookup(chain("files", "nis"), running(files, nis));
        assertEquals("sun1", a.value().hostname());
        assertEquals("nis", a.source());
        assertEquals(List.of(new Attempt("files", Status.NOTFOUND, ""), new Attempt("nis", Status.SUCCESS, "")),
                a.attempts());
    }

    @Test
    void unavailContinuesToTheNextSourceWithItsReason() {
        TestSource nis = TestSource.unavailable("nis", "ypserv not answering");
        TestSource files = TestSource.found("files", "sun1");
        Answer<EthersEntry> a = lookup(chain("nis", "files"), running(nis, files));
        assertEquals("files", a.source());
        assertEquals(List.of(new Attempt("nis", Status.UNAVAIL, "ypserv not answering"),
                new Attempt("files", Status.SUCCESS, "")), a.attempts());
    }

    @Test
    void notFoundReturnStopsTheChain() {
        TestSource files = TestSource.notFound("files");
        TestSource nis = TestSource.found("nis", "sun1");
        Answer<EthersEntry> a = lookup(chain("files", Map.of(Status.NOTFOUND, Action.RETURN), "nis"), running(files, nis));
        assertFalse(a.found());
        assertNull(a.value());
        assertEquals("", a.source());
        assertEquals(List.of(new Attempt("files", Status.NOTFOUND, "")), a.attempts());
        assertEquals(0, nis.asked);
    }

    @Test
    void notFoundReturnDoesNotStopOnUnavail() {
        TestSource files = TestSource.unavailable("files", "cannot read");
        TestSource nis = TestSource.found("nis", "sun1");
        Answer<EthersEntry> a = lookup(chain("files", Map.of(Status.NOTFOUND, Action.RETURN), "nis"), running(files, nis));
        assertEquals("nis", a.source());
    }

    @Test
    void unavailReturnStopsTheChain() {
        TestSource nis = TestSource.unavailable("nis", "down");
        TestSource files = TestSource.found("files", "sun1");
        Answer<EthersEntry> a = lookup(chain("nis", Map.of(Status.UNAVAIL, Action.RETURN), "files"), running(nis, files));
        assertFalse(a.found());
        assertEquals(List.of(new Attempt("nis", Status.UNAVAIL, "down")), a.attempts());
        assertEquals(0, files.asked);
    }

    @Test
    void sourceThatIsNotRunningIsUnavail() {
        TestSource files = TestSource.found("files", "sun1");
        Answer<EthersEntry> a = lookup(chain("ldap", "files"), running(files));
        assertEquals("files", a.source());
        assertEquals(List.of(new Attempt("ldap", Status.UNAVAIL, "source not running"),
                new Attempt("files", Status.SUCCESS, "")), a.attempts());
    }

    @Test
    void nothingRunningAtAllIsNoAnswerWithEveryAttempt() {
        Answer<EthersEntry> a = lookup(chain("nis", "ldap"), Map.of());
        assertFalse(a.found());
        assertEquals(List.of(new Attempt("nis", Status.UNAVAIL, "source not running"),
                new Attempt("ldap", Status.UNAVAIL, "source not running")), a.attempts());
    }

    @Test
    void everySourceNotFoundIsNoAnswer() {
        Answer<EthersEntry> a = lookup(chain("files", "nis"), running(TestSource.notFound("files"), TestSource.notFound("nis")));
        assertFalse(a.found());
        assertEquals(List.of(new Attempt("files", Status.NOTFOUND, ""), new Attempt("nis", Status.NOTFOUND, "")),
                a.attempts());
    }

    @Test
    void throwingSourceIsUnavailTheSinkIsToldOnceAndTheNextSourceIsAsked() {
        TestSource broken = new TestSource("nis", () -> {
            throw new IllegalStateException("boom");
        });
        TestSource files = TestSource.found("files", "sun1");
        Answer<EthersEntry> a = lookup(chain("nis", "files"), running(broken, files));
        assertEquals("files", a.source());
        assertEquals("sun1", a.value().hostname());
        assertEquals(Status.UNAVAIL, a.attempts().get(0).status());
        assertEquals("nis", a.attempts().get(0).source());
        assertTrue(a.attempts().get(0).detail().contains("boom"), a.attempts().get(0).detail());
        assertTrue(a.attempts().get(0).detail().contains("IllegalStateException"), a.attempts().get(0).detail());
        assertEquals(List.of("nis: boom"), failures.told);
        assertEquals(1, files.asked);

        lookup(chain("nis", "files"), running(broken, files));
        assertEquals(List.of("nis: boom", "nis: boom"), failures.told, "once per lookup");
    }

    @Test
    void sourceReturningNullIsUnavail() {
        TestSource silent = new TestSource("nis", () -> null);
        TestSource files = TestSource.found("files", "sun1");
        Answer<EthersEntry> a = lookup(chain("nis", "files"), running(silent, files));
        assertEquals("files", a.source());
        assertEquals(Status.UNAVAIL, a.attempts().get(0).status());
        assertFalse(a.attempts().get(0).detail().isEmpty());
        assertEquals(List.of(), failures.told);
    }

    @Test
    void sourceIsLookedUpByTheNameInTheChain() {
        TestSource ldap = TestSource.found("ldap", "sun1");
        Map<String, NameSource> sources = Map.of("directory", ldap);
        Answer<EthersEntry> a = lookup(chain("directory"), sources);
        assertEquals("directory", a.source());
        assertEquals(1, ldap.asked);
    }

    @Test
    void emptyChainIsNoAnswerWithoutAttempts() {
        Answer<EthersEntry> a = lookup(List.of(), running(TestSource.found("files", "sun1")));
        assertFalse(a.found());
        assertEquals(List.of(), a.attempts());
    }
}
