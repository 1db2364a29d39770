/** The FreeBSD /conf override hierarchy, resolved per client. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package net.diskless.api.overrides;
