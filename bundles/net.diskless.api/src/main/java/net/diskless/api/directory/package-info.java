/** The directory: every name source composed per map in the order nsswitch.conf gives. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package net.diskless.api.directory;
