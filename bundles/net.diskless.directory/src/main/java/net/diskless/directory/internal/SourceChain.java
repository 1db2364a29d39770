package net.diskless.directory.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.diskless.api.directory.Answer;
import net.diskless.api.directory.Answer.Attempt;
import net.diskless.api.directory.Answer.Status;
import net.diskless.api.names.LookupResult;
import net.diskless.api.names.NameSource;

/**
 * Asks the sources of one chain in order, as nsswitch does: the first SUCCESS answers (an entry is
 * never merged from several sources, so {@code [SUCCESS=continue]} has no effect), a
 * {@code [STATUS=return]} stops early, a source that is not running counts as UNAVAIL.
 * A source that throws is UNAVAIL too: a lookup never fails because one source did.
 */
final class SourceChain {

    /** Told of every source failure, so it can be logged once. */
    interface FailureSink {
        void failed(String source, Throwable e);
    }

    private SourceChain() {
    }

    static <T> Answer<T> lookup(List<NsSwitch.Step> chain, Map<String, NameSource> sources,
                                Function<NameSource, LookupResult<T>> query, FailureSink failures) {
        List<Attempt> attempts = new ArrayList<>(chain.size());
        for (NsSwitch.Step step : chain) {
            NameSource source = sources.get(step.source());
            LookupResult<T> result;
            if (source == null) {
                result = LookupResult.unavailable("source not running");
            } else {
                try {
                    result = query.apply(source);
                    if (result == null) {
                        result = LookupResult.unavailable("source returned nothing");
                    }
                } catch (RuntimeException | LinkageError e) {
                    // LinkageError: a source's bundle refreshed under a lookup (NoClassDefFoundError)
                    failures.failed(step.source(), e);
                    result = LookupResult.unavailable("failed: " + e);
                }
            }
            Status status;
            if (result instanceof LookupResult.Found<T> found) {
                attempts.add(new Attempt(step.source(), Status.SUCCESS, ""));
                return new Answer<>(found.value(), step.source(), attempts);
            } else if (result instanceof LookupResult.Unavailable<T> u) {
                status = Status.UNAVAIL;
                attempts.add(new Attempt(step.source(), status, u.reason()));
            } else {
                status = Status.NOTFOUND;
                attempts.add(new Attempt(step.source(), status, ""));
            }
            if (step.after(status) == NsSwitch.Action.RETURN) {
                break;
            }
        }
        return Answer.none(attempts);
    }
}
