package net.diskless.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The appliance with its portmapper on 10.99.0.1:111 and bootparamd in the server namespace of a {@link Testbed},
 * the directory files both it and netkit's rpc.bootparamd answer from, and a bootparams client built here with
 * rpcgen from the system's {@code /usr/include/rpcsvc/bootparam_prot.x} (stubs independent of our codec).
 */
final class RpcBed implements AutoCloseable {

    static final String SERVER = "10.99.0.1";
    static final String DOMAIN = "testdom";
    static final String ROUTER = "10.99.0.254";
    static final Duration READY = Duration.ofSeconds(60);

    /** hosts(5): the server, client1 (the client namespace), client2 (only the wildcard entry), a root server. */
    static final String HOSTS = """
            127.0.0.1 localhost
            10.99.0.1 server
            10.99.0.2 client1 CLIENT1-alias
            10.99.0.3 client2
            10.99.0.4 client3
            10.99.0.7 rootsrv
            """;

    /**
     * bootparams(5), read by both the appliance and netkit's rpc.bootparamd: own entries, a key on another server,
     * the wildcard; client3's server is in no hosts file. No continuation lines: netkit keeps the backslash in the
     * value (see BootparamsFile), so they would make a difference by design.
     */
    static final String BOOTPARAMS = """
            # test bootparams
            client1 root=server:/export/root/client1 swap=server:/export/swap/client1 dump=server:/export/dump/client1 install=rootsrv:/export/install
            client3 root=nosuchserver:/export/root/client3
            * root=server:/export/root/generic swap=server:/export/swap/generic
            """;

    private final Testbed tb;
    private final ApplianceProcess app;
    private final Path client;

    private RpcBed(Testbed tb, ApplianceProcess app, Path client) {
        this.tb = tb;
        this.app = app;
        this.client = client;
    }

    static RpcBed start() {
        Testbed tb = Testbed.create();
        try {
            Path home = tb.tempDir().resolve("home");
            Path etc = Files.createDirectories(home.resolve("etc"));
            Files.writeString(etc.resolve("hosts"), HOSTS);
            Files.writeString(etc.resolve("bootparams"), BOOTPARAMS);
            Files.writeString(etc.resolve("ethers"), "52:54:00:aa:bb:01 client1\n");
            ApplianceProcess.configure(home, "net.diskless.bootparams", "domain = " + DOMAIN, "router = " + ROUTER);
            Path client = buildClient(tb);
            ApplianceProcess app = tb.startAppliance(home, READY);
            return new RpcBed(tb, app, client);
        } catch (IOException e) {
            tb.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            tb.close();
            throw e;
        }
    }

    /** rpcgen -C from the system's protocol file, our small main, gcc with libtirpc: in the test bed's temp dir. */
    static Path buildClient(Testbed tb) throws IOException {
        Path dir = Files.createDirectories(tb.tempDir().resolve("bpclient"));
        Files.copy(Path.of("/usr/include/rpcsvc/bootparam_prot.x"), dir.resolve("bootparam_prot.x"));
        try (InputStream in = RpcBed.class.getResourceAsStream("/rpc/bpclient.c")) {
            Files.copy(in, dir.resolve("bpclient.c"));
        }
        String d = dir.toString();
        run(dir, "rpcgen", "-C", "-h", "-o", d + "/bootparam_prot.h", d + "/bootparam_prot.x");
        run(dir, "rpcgen", "-C", "-c", "-o", d + "/bootparam_prot_xdr.c", d + "/bootparam_prot.x");
        run(dir, "rpcgen", "-C", "-l", "-o", d + "/bootparam_prot_clnt.c", d + "/bootparam_prot.x");
        run(dir, "gcc", "-O", "-I/usr/include/tirpc", "-I" + d, "-o", d + "/bpclient", d + "/bpclient.c",
                d + "/bootparam_prot_clnt.c", d + "/bootparam_prot_xdr.c", "-ltirpc");
        return dir.resolve("bpclient");
    }

    private static void run(Path dir, String... cmd) {
        Result r = Exec.run(Duration.ofSeconds(60), List.of(cmd));
        assertTrue(r.ok(), () -> "building the rpcgen client failed: " + String.join(" ", cmd) + "\n" + r);
    }

    Testbed testbed() {
        return tb;
    }

    ApplianceProcess appliance() {
        return app;
    }

    /** Our bootparamd's UDP port, from its "listening:" line. */
    int bootparamsUdpPort() {
        return app.endpoint("bootparams", "udp").getPort();
    }

    InetSocketAddress endpoint(String service, String transport) {
        return app.endpoint(service, transport);
    }

    /** Runs the rpcgen client in {@code ns}: {@code bpclient HOST PROTO ARGS...}. */
    Result client(String ns, Duration timeout, String host, String proto, String... args) {
        String[] cmd = new String[3 + args.length];
        cmd[0] = client.toString();
        cmd[1] = host;
        cmd[2] = proto;
        System.arraycopy(args, 0, cmd, 3, args.length);
        return tb.exec(ns, timeout, cmd);
    }

    @Override
    public void close() {
        tb.close();
    }
}
