package net.diskless.dhcp.internal.codec;

/** Option codes this server reads or writes (RFC 2132, RFC 4578, RFC 3004, iPXE). */
public final class OptionCodes {

    private OptionCodes() {
    }

    public static final int PAD = 0;
    public static final int SUBNET_MASK = 1;
    public static final int ROUTER = 3;
    public static final int DNS = 6;
    public static final int HOST_NAME = 12;
    public static final int DOMAIN_NAME = 15;
    public static final int ROOT_PATH = 17;
    public static final int BROADCAST_ADDRESS = 28;
    public static final int VENDOR_SPECIFIC = 43;
    public static final int REQUESTED_IP = 50;
    public static final int LEASE_TIME = 51;
    public static final int OVERLOAD = 52;
    public static final int MESSAGE_TYPE = 53;
    public static final int SERVER_ID = 54;
    public static final int PARAMETER_REQUEST_LIST = 55;
    public static final int MESSAGE = 56;
    public static final int MAX_MESSAGE_SIZE = 57;
    public static final int RENEWAL_TIME = 58;
    public static final int REBINDING_TIME = 59;
    public static final int VENDOR_CLASS = 60;
    public static final int CLIENT_ID = 61;
    public static final int TFTP_SERVER_NAME = 66;
    public static final int BOOTFILE_NAME = 67;
    public static final int USER_CLASS = 77;
    public static final int CLIENT_ARCH = 93;
    public static final int CLIENT_NDI = 94;
    public static final int CLIENT_UUID = 97;
    public static final int SUBNET_SELECTION = 118;
    /** iPXE's encapsulated options: only iPXE sends it, so its presence says "this is iPXE". */
    public static final int IPXE_ENCAPSULATED = 175;
    public static final int END = 255;
}
