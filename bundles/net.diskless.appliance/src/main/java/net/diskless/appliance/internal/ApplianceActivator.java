package net.diskless.appliance.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import net.diskless.api.appliance.ApplianceHome;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first bundle of the appliance (start level 5): it settles the home directory before anything
 * that depends on it starts, so this is an activator, not a DS component whose activation order SCR
 * decides.
 *
 * <ul>
 * <li>reads {@code --home DIR} from the launcher's arguments and lays out the home on first run;</li>
 * <li>points fileinstall at {@code config/} and {@code deploy/} and the Gogo shell at its profile,
 *     through the framework properties they read when they start (start level 20, after this one);</li>
 * <li>registers {@link ApplianceHome} for every component, once the files of {@code config/} are
 *     applied, so no component starts on defaults it was configured not to use;</li>
 * <li>takes the launcher's main thread, so that SIGTERM is a clean stop with exit status 0.</li>
 * </ul>
 */
public final class ApplianceActivator implements BundleActivator {

    private static final Logger LOG = LoggerFactory.getLogger(ApplianceActivator.class);
    /** The bnd launcher registers itself with the command line in this property. */
    static final String LAUNCHER_ARGUMENTS = "launcher.arguments";
    static final String MAIN_PROPERTY = "diskless.main";

    /** How long start-up waits for fileinstall to apply config/ before going on without what is missing. */
    static final long CONFIG_TIMEOUT_MS = 10_000;

    private final MainThread mainThread = new MainThread();
    private Thread barrier;

    @Override
    public void start(BundleContext context) throws IOException, InvalidSyntaxException {
        if (System.console() == null && context.getProperty("gosh.args") == null) {
            // No terminal (systemd, CI, a pipe): no interactive console, and no JLine warning about it.
            System.setProperty("gosh.args", "--nointeractive");
            System.setProperty("org.jline.terminal.dumb", "true");
        }
        LaunchArguments launch = LaunchArguments.parse(launcherArguments(context),
                Optional.ofNullable(context.getProperty(LaunchArguments.HOME_PROPERTY)));
        if (!launch.problems().isEmpty()) {
            launch.problems().forEach(p -> LOG.error("command line: {}", p));
            // Refuse to start on a home the operator did not mean: a typo must not boot clients from defaults.
            refuse(context, new IOException("bad command line"));
            return;
        }
        Path home = launch.home();
        try {
            if (new ExampleHome(context.getBundle()).prepare(home)) {
                LOG.info("new home {}: wrote an example configuration", home);
            }
        } catch (IOException e) {
            LOG.error("home {}: cannot lay it out: {}", home, e.toString());
            refuse(context, e);
            return;
        }
        LOG.info("home {}", home);
        HomeDirectory homeDirectory = new HomeDirectory(home);

        // fileinstall and gogo read these when they start; Felix falls back to system properties, and
        // this is the only way to hand them a directory that is known only at launch.
        System.setProperty("felix.fileinstall.dir",
                homeDirectory.config().toString() + "," + homeDirectory.deploy().toString());
        System.setProperty("gosh.home", home.resolve("var/shell").toString());
        new ShellProfile().write(home.resolve("var/shell/etc/gosh_profile"));

        // Once config/ is applied: the home is registered and the framework's start level raised to
        // start Declarative Services (see cnf/runtime.bnd). From a thread of its own, since ConfigAdmin
        // and fileinstall start after this bundle.
        barrier = new Thread(() -> {
            try {
                new ConfigBarrier(context, homeDirectory.config(), CONFIG_TIMEOUT_MS).await();
                context.registerService(ApplianceHome.class, homeDirectory, null);
                StartLevels.raiseToHighest(context);
            } catch (InterruptedException | IllegalStateException stopping) {
                // the bundle stopped before the home was published
            }
        }, "diskless-config-barrier");
        barrier.setDaemon(true);
        barrier.start();

        if (launchedAsAppliance(context)) {
            mainThread.installSignalHandlers();
            takeMainThread(context);
        }
    }

    @Override
    public void stop(BundleContext context) {
        if (barrier != null) {
            barrier.interrupt();
        }
        mainThread.release();
    }

    /** The appliance exits with status 2 at once; in a test framework the bundle fails to start instead. */
    private void refuse(BundleContext context, IOException why) throws IOException {
        if (!launchedAsAppliance(context)) {
            throw why;
        }
        mainThread.exit(2);
        takeMainThread(context);
    }

    private void takeMainThread(BundleContext context) {
        context.registerService(Callable.class, mainThread,
                new Hashtable<>(Map.of(MainThread.MAIN_THREAD, Boolean.TRUE)));
    }

    /**
     * Only the appliance launch (appliance.bndrun sets {@value #MAIN_PROPERTY}) owns the process: in a
     * test framework the tester has the main thread, and the signals are not ours.
     */
    private static boolean launchedAsAppliance(BundleContext context) {
        return Boolean.parseBoolean(context.getProperty(MAIN_PROPERTY));
    }

    private static String[] launcherArguments(BundleContext context) throws InvalidSyntaxException {
        ServiceReference<?>[] refs = context.getAllServiceReferences(null, "(" + LAUNCHER_ARGUMENTS + "=*)");
        if (refs != null && refs.length > 0 && refs[0].getProperty(LAUNCHER_ARGUMENTS) instanceof String[] args) {
            return args;
        }
        return new String[0];
    }
}
