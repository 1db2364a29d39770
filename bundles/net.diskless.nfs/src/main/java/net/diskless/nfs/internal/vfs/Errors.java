package net.diskless.nfs.internal.vfs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.Locale;
import net.diskless.api.nfs.NfsException;
import net.diskless.api.nfs.NfsStatus;

/** java.nio's exceptions as NFS statuses; the errno text is all the JDK keeps of most failures. */
final class Errors {

    private Errors() {
    }

    static NfsException map(IOException e) {
        NfsStatus status;
        if (e instanceof NoSuchFileException) {
            status = NfsStatus.NOENT;
        } else if (e instanceof FileAlreadyExistsException) {
            status = NfsStatus.EXIST;
        } else if (e instanceof DirectoryNotEmptyException) {
            status = NfsStatus.NOTEMPTY;
        } else if (e instanceof AccessDeniedException) {
            status = NfsStatus.ACCES;
        } else if (e instanceof NotDirectoryException) {
            status = NfsStatus.NOTDIR;
        } else if (e instanceof NotLinkException) {
            status = NfsStatus.INVAL;
        } else if (e instanceof FileSystemLoopException) {
            status = NfsStatus.INVAL;
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            status = byReason(f.getReason());
        } else {
            status = byReason(String.valueOf(e.getMessage()));
        }
        return new NfsException(status, String.valueOf(e.getMessage()));
    }

    private static NfsStatus byReason(String reason) {
        String r = reason.toLowerCase(Locale.ROOT);
        if (r.contains("read-only")) {
            return NfsStatus.ROFS;
        } else if (r.contains("no space")) {
            return NfsStatus.NOSPC;
        } else if (r.contains("quota")) {
            return NfsStatus.DQUOT;
        } else if (r.contains("is a directory")) {
            return NfsStatus.ISDIR;
        } else if (r.contains("not a directory")) {
            return NfsStatus.NOTDIR;
        } else if (r.contains("not empty")) {
            return NfsStatus.NOTEMPTY;
        } else if (r.contains("file exists")) {
            return NfsStatus.EXIST;
        } else if (r.contains("too many links")) {
            return NfsStatus.MLINK;
        } else if (r.contains("cross-device")) {
            return NfsStatus.XDEV;
        } else if (r.contains("name too long")) {
            return NfsStatus.NAMETOOLONG;
        } else if (r.contains("invalid argument")) {
            return NfsStatus.INVAL;
        } else if (r.contains("operation not permitted")) {
            return NfsStatus.PERM;
        } else if (r.contains("permission denied")) {
            return NfsStatus.ACCES;
        } else if (r.contains("too large")) {
            return NfsStatus.FBIG;
        } else if (r.contains("no such file")) {
            return NfsStatus.NOENT;
        }
        return NfsStatus.IO;
    }
}
