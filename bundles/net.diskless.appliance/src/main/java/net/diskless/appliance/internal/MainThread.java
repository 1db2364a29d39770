package net.diskless.appliance.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The launcher's main thread: the bnd launcher calls a {@code Callable<Integer>} registered with
 * {@code main.thread=true} and, when it returns, stops the framework in order and exits with the
 * returned status.
 *
 * <p>SIGTERM and SIGINT end the wait with status 0, so a clean stop is a zero exit as systemd and
 * scripts expect (the JVM's own handling would exit with 143).
 */
final class MainThread implements Callable<Integer>, SignalHandler {

    static final String MAIN_THREAD = "main.thread";
    private static final Logger LOG = LoggerFactory.getLogger(MainThread.class);

    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile int status;
    private SignalHandler previousTerm;
    private SignalHandler previousInt;

    void installSignalHandlers() {
        previousTerm = Signal.handle(new Signal("TERM"), this);
        previousInt = Signal.handle(new Signal("INT"), this);
    }

    /** The bundle is stopping (framework shutdown or update): give the signals back and let main return. */
    void release() {
        if (previousTerm != null) {
            Signal.handle(new Signal("TERM"), previousTerm);
            Signal.handle(new Signal("INT"), previousInt);
        }
        stop.countDown();
    }

    @Override
    public void handle(Signal signal) {
        if (stop.getCount() > 0) {
            LOG.info("SIG{} received: stopping", signal.getName());
            stop.countDown();
        }
    }

    /** Ends the appliance at once with {@code exitStatus} (a command line it cannot run with). */
    void exit(int exitStatus) {
        status = exitStatus;
        stop.countDown();
    }

    @Override
    public Integer call() throws InterruptedException {
        stop.await();
        return status;
    }
}
