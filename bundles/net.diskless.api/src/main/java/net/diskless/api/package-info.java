/** Client identity: Ethernet address, host name, IP address and architecture of a diskless client. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package net.diskless.api;
