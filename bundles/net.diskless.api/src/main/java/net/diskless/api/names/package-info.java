/** Name sources (files, NIS, LDAP) and the entries of the maps they serve: ethers, hosts, bootparams, bootptab. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package net.diskless.api.names;
