package net.diskless.api.nfs;

/** A file-system operation failed with an NFS status (never {@link NfsStatus#OK}). */
public class NfsException extends Exception {

    private static final long serialVersionUID = 1L;
    private final NfsStatus status;

    public NfsException(NfsStatus status, String message) {
        super(status + ": " + message);
        if (status == NfsStatus.OK) {
            throw new IllegalArgumentException("OK is no failure");
        }
        this.status = status;
    }

    public NfsStatus status() {
        return status;
    }
}
