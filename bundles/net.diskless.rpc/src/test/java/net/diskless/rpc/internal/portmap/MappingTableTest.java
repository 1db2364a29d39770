package net.diskless.rpc.internal.portmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import net.diskless.api.rpc.RpcMapping;
import net.diskless.api.rpc.RpcProtocol;
import org.junit.jupiter.api.Test;

class MappingTableTest {

    private static RpcMapping m(int prog, int vers, RpcProtocol p, int port, String owner) {
        return new RpcMapping(prog, vers, p, port, owner);
    }

    @Test
    void setRefusesATakenKeyAsPortmapDoes() {
        MappingTable t = new MappingTable();
        assertTrue(t.set(m(100026, 1, RpcProtocol.UDP, 700, MappingTable.SET_BY_CALL)));
        assertFalse(t.set(m(100026, 1, RpcProtocol.UDP, 701, MappingTable.SET_BY_CALL)));
        assertTrue(t.set(m(100026, 1, RpcProtocol.TCP, 702, MappingTable.SET_BY_CALL)));
        assertEquals(700, t.port(100026, 1, RpcProtocol.UDP));
        assertEquals(702, t.port(100026, 1, RpcProtocol.TCP));
    }

    @Test
    void aBundleRegistrationReplacesAndIsWithdrawnExactly() {
        MappingTable t = new MappingTable();
        RpcMapping first = m(100026, 1, RpcProtocol.UDP, 700, "b");
        RpcMapping second = m(100026, 1, RpcProtocol.UDP, 800, "b");
        t.put(first);
        t.put(second);
        assertEquals(800, t.port(100026, 1, RpcProtocol.UDP));
        assertFalse(t.remove(first), "the replaced one is gone already");
        assertEquals(800, t.port(100026, 1, RpcProtocol.UDP));
        assertTrue(t.remove(second));
        assertEquals(0, t.port(100026, 1, RpcProtocol.UDP));
    }

    @Test
    void unsetTakesEveryTransportOfASetButNeverABundlesMapping() {
        MappingTable t = new MappingTable();
        t.set(m(300000, 1, RpcProtocol.UDP, 700, MappingTable.SET_BY_CALL));
        t.set(m(300000, 1, RpcProtocol.TCP, 701, MappingTable.SET_BY_CALL));
        t.put(m(100026, 1, RpcProtocol.UDP, 800, "net.diskless.bootparams"));
        assertTrue(t.unset(300000, 1));
        assertFalse(t.unset(300000, 1));
        assertFalse(t.unset(100026, 1));
        assertEquals(List.of(m(100026, 1, RpcProtocol.UDP, 800, "net.diskless.bootparams")), t.all());
    }

    @Test
    void getportFallsBackToAnotherVersionOfTheProgramButCallitNever() {
        MappingTable t = new MappingTable();
        t.put(m(100005, 3, RpcProtocol.UDP, 900, "nfs"));
        assertEquals(900, t.port(100005, 3, RpcProtocol.UDP));
        assertEquals(900, t.port(100005, 1, RpcProtocol.UDP), "the client learns the versions from PROG_MISMATCH");
        assertEquals(0, t.port(100005, 3, RpcProtocol.TCP));
        assertEquals(0, t.port(100006, 3, RpcProtocol.UDP));
        assertEquals(Optional.empty(), t.exact(100005, 1, RpcProtocol.UDP));
        assertEquals(900, t.exact(100005, 3, RpcProtocol.UDP).orElseThrow().port());
    }
}
