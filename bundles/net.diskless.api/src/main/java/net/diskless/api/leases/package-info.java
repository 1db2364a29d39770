/** DHCP leases and the service that keeps them durable, so a database-backed store can replace the journal. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package net.diskless.api.leases;
