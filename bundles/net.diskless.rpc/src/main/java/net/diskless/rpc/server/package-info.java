/**
 * The oncrpc4j server every RPC service of the appliance runs on (portmapper, bootparams, later NFS and NIS):
 * oncrpc4j's own RPC filters on grizzly transports, with guards in front that oncrpc4j lacks — a bound on
 * record-marking lengths, malformed calls dropped and logged once per peer, a bounded worker queue.
 * Exported for the other Diskless RPC bundles only; not part of net.diskless.api.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package net.diskless.rpc.server;
