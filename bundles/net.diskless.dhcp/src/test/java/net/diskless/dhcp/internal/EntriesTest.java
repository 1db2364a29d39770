package net.diskless.dhcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EntriesTest {

    @Test
    void valuesAndSemicolonsBothSeparateEntries() {
        assertEquals(List.of("10.1.0.0/24 pool=10.1.0.10-10.1.0.20", "10.2.0.0/24", "10.3.0.0/24 dns=1.1.1.1,8.8.8.8"),
                DhcpComponent.entries(new String[] {"10.1.0.0/24 pool=10.1.0.10-10.1.0.20; 10.2.0.0/24", " ",
                        "10.3.0.0/24 dns=1.1.1.1,8.8.8.8;"}));
    }
}
