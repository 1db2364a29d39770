/** The appliance itself: its home directory and the endpoints its services listen on. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package net.diskless.api.appliance;
