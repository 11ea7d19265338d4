package dev.tollgate.server.account;

import dev.tollgate.server.http.PeerAddress;
import dev.tollgate.core.net.ClientAddressResolver;
import io.javalin.http.Context;
import java.net.InetAddress;

/** The address a page request came from, behind the trusted proxies (the sign-in throttle counts per address). */
final class ClientAddresses {
    private final ClientAddressResolver resolver;

    ClientAddresses(ClientAddressResolver resolver) {
        this.resolver = resolver;
    }

    InetAddress of(Context ctx) {
        return resolver.resolve(PeerAddress.of(ctx), ctx.header("X-Forwarded-For"));
    }
}
