package net.diskless.tftp.internal.codec;

/** TFTP error codes: RFC 1350 (0..7) and RFC 2347 (8). Any 16-bit code may arrive; these are the defined ones. */
public final class ErrorCodes {

    public static final int NOT_DEFINED = 0;
    public static final int FILE_NOT_FOUND = 1;
    public static final int ACCESS_VIOLATION = 2;
    public static final int DISK_FULL = 3;
    public static final int ILLEGAL_OPERATION = 4;
    public static final int UNKNOWN_TID = 5;
    public static final int FILE_EXISTS = 6;
    public static final int NO_SUCH_USER = 7;
    /** RFC 2347: the client refuses the OACK. UEFI firmware sends it on purpose after a tsize probe. */
    public static final int OPTION_REJECTED = 8;

    private ErrorCodes() {
    }

    /** The RFC's wording of a code, for logs; "error N" for codes the RFCs do not define. */
    public static String describe(int code) {
        return switch (code) {
            case NOT_DEFINED -> "not defined";
            case FILE_NOT_FOUND -> "file not found";
            case ACCESS_VIOLATION -> "access violation";
            case DISK_FULL -> "disk full or allocation exceeded";
            case ILLEGAL_OPERATION -> "illegal TFTP operation";
            case UNKNOWN_TID -> "unknown transfer ID";
            case FILE_EXISTS -> "file already exists";
            case NO_SUCH_USER -> "no such user";
            case OPTION_REJECTED -> "option negotiation refused";
            default -> "error " + code;
        };
    }
}
