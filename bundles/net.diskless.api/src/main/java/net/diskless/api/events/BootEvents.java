package net.diskless.api.events;

/**
 * EventAdmin topics and property names for the steps of a client's boot. Every protocol posts its steps
 * here with the client's MAC and/or IP, so a timeline can be built without any protocol knowing another.
 * Topics are {@code net/diskless/<protocol>/<STEP>}; subscribe to {@code net/diskless/*} for all.
 */
public final class BootEvents {

    private BootEvents() {
    }

    public static final String TOPIC_ALL = "net/diskless/*";

    public static final String RARP_REQUEST = "net/diskless/rarp/REQUEST";
    public static final String RARP_REPLY = "net/diskless/rarp/REPLY";
    public static final String RARP_UNKNOWN = "net/diskless/rarp/UNKNOWN";

    public static final String DHCP_DISCOVER = "net/diskless/dhcp/DISCOVER";
    public static final String DHCP_OFFER = "net/diskless/dhcp/OFFER";
    public static final String DHCP_REQUEST = "net/diskless/dhcp/REQUEST";
    public static final String DHCP_ACK = "net/diskless/dhcp/ACK";
    public static final String DHCP_NAK = "net/diskless/dhcp/NAK";
    public static final String BOOTP_REPLY = "net/diskless/dhcp/BOOTREPLY";

    public static final String TFTP_START = "net/diskless/tftp/START";
    public static final String TFTP_OACK = "net/diskless/tftp/OACK";
    public static final String TFTP_COMPLETE = "net/diskless/tftp/COMPLETE";
    public static final String TFTP_ERROR = "net/diskless/tftp/ERROR";

    public static final String BOOTPARAMS_WHOAMI = "net/diskless/bootparams/WHOAMI";
    public static final String BOOTPARAMS_GETFILE = "net/diskless/bootparams/GETFILE";

    public static final String NFS_MOUNT = "net/diskless/nfs/MOUNT";
    public static final String NFS_UNMOUNT = "net/diskless/nfs/UNMOUNT";

    /** A name source's data changed (property {@link #SOURCE}). */
    public static final String NAMES_CHANGED = "net/diskless/names/CHANGED";

    /** Client Ethernet address, canonical string form ({@code 08:00:20:01:02:03}). */
    public static final String MAC = "mac";
    /** Client IP address, dotted or IPv6 text. */
    public static final String IP = "ip";
    public static final String HOSTNAME = "hostname";
    public static final String ARCHITECTURE = "arch";
    /** The peer's socket address as seen on the wire ({@code 10.0.0.7:1023}). */
    public static final String PEER = "peer";
    public static final String FILE = "file";
    public static final String BYTES = "bytes";
    public static final String DURATION_MS = "durationMs";
    public static final String REASON = "reason";
    public static final String SOURCE = "source";
    /** Milliseconds since the epoch when the step happened. */
    public static final String TIMESTAMP = "timestamp";
}
