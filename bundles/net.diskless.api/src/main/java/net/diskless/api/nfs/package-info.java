/**
 * The file systems the NFS server exports: a small virtual-filesystem interface (in the spirit of dCache nfs4j's
 * {@code VirtualFileSystem}). The plain local-directory export is one implementation; per-client views (the
 * override resolver) are another, offered through {@link net.diskless.api.nfs.ClientViews}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package net.diskless.api.nfs;
