package net.diskless.tftp.internal.server;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import net.diskless.tftp.internal.codec.TransferMode;
import net.diskless.tftp.internal.server.RecordingListener.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** netascii mode: line ends converted on the wire, sizes counted after conversion. */
class NetasciiTransferTest extends ServerTestSupport {

    @BeforeEach
    void startServer() {
        start(calm());
    }

    @Test
    void lfBecomesCrLfAndCrBecomesCrNul() {
        file("pxelinux.cfg/default", "a\nb\r\nc\rd\n".getBytes(US_ASCII));
        TestClient c = client();

        ReadResult r = read(c, "pxelinux.cfg/default", TransferMode.NETASCII, Map.of());

        byte[] expected = {'a', '\r', '\n', 'b', '\r', 0, '\r', '\n', 'c', '\r', 0, 'd', '\r', '\n'};
        assertArrayEquals(expected, r.content());
        assertEquals(expected.length, events.await(Kind.COMPLETED, WAIT).bytes(), "bytes sent, after conversion");
    }

    @Test
    void tsizeIsTheConvertedSize() {
        byte[] text = "line one\nline two\n\n".getBytes(US_ASCII); // 19 bytes, 3 LFs
        file("motd", text);
        TestClient c = client();

        ReadResult r = read(c, "motd", TransferMode.NETASCII, Map.of("tsize", "0"));

        assertEquals(Map.of("tsize", "22"), r.oack());
        assertEquals(22, r.content().length);
        assertEquals(new String(text, US_ASCII).replace("\n", "\r\n"), new String(r.content(), US_ASCII));
    }

    @Test
    void octetModeSendsTheSameFileUnchanged() {
        byte[] text = "a\nb\r\n".getBytes(US_ASCII);
        file("f.txt", text);
        TestClient c = client();

        ReadResult r = read(c, "f.txt", TransferMode.OCTET, Map.of("tsize", "0"));

        assertEquals(Map.of("tsize", "5"), r.oack());
        assertArrayEquals(text, r.content());
    }

    @Test
    void conversionSpansBlocksAndAPairMaySplitAcrossTwo() {
        // 511 'x' then LF: the CR ends block 1, the LF opens block 2
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        text.writeBytes("x".repeat(511).getBytes(US_ASCII));
        text.write('\n');
        for (int i = 0; i < 300; i++) {
            text.writeBytes(("line " + i + "\n").getBytes(US_ASCII));
        }
        byte[] raw = text.toByteArray();
        file("big.txt", raw);
        TestClient c = client();

        ReadResult r = read(c, "big.txt", TransferMode.NETASCII, Map.of("tsize", "0"));

        String expected = new String(raw, US_ASCII).replace("\n", "\r\n");
        assertEquals(expected, new String(r.content(), US_ASCII));
        assertEquals(Integer.toString(expected.length()), r.oack().get("tsize"));
        assertEquals('\r', r.content()[511]);
        assertEquals('\n', r.content()[512]);
        assertEquals(expected.length() / 512 + 1, r.wireBlocks().size());
        assertEquals(expected.length(), events.await(Kind.COMPLETED, WAIT).bytes());
    }
}
