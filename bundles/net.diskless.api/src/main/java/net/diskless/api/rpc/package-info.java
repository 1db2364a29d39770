/**
 * ONC RPC service registration: every RPC program of the appliance (bootparams, NFS, MOUNT, NIS…) tells the
 * {@link net.diskless.api.rpc.RpcRegistry} where it listens as it starts, and withdraws as it stops, so the
 * portmapper (or the host's rpcbind) always lists exactly the services that run.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package net.diskless.api.rpc;
