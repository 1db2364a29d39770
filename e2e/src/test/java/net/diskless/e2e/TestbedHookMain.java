package net.diskless.e2e;

/**
 * Run in a child JVM by {@link TestbedIT}: opens a test bed, starts a process in it and never closes it, so
 * only the shutdown hook can clean up when the test sends this JVM SIGTERM.
 */
public final class TestbedHookMain {

    private TestbedHookMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Testbed tb = Testbed.create();
        long sleeper = tb.spawn(tb.clientNs(), "sleep", "600").pid();
        System.out.println("READY " + sleeper + " " + String.join(" ", tb.namespaces()));
        System.out.flush();
        Thread.sleep(120_000); // bounded: the test terminates this JVM long before
    }
}
