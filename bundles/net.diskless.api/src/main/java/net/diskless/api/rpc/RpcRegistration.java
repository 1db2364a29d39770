package net.diskless.api.rpc;

import org.osgi.annotation.versioning.ProviderType;

/** A registration made with {@link RpcRegistry#register}; closing it withdraws it (idempotent). */
@ProviderType
public interface RpcRegistration extends AutoCloseable {

    RpcMapping mapping();

    /** Withdraws the mapping; a second call does nothing. Never throws. */
    @Override
    void close();
}
