/** The one question RARP, DHCP and TFTP share: can this server boot this client, and with which file. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package net.diskless.api.boot;
