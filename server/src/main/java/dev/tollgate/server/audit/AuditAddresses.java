package dev.tollgate.server.audit;

import dev.tollgate.core.net.ClientAddressResolver;
import dev.tollgate.server.http.PeerAddress;
import io.javalin.http.Context;

/** The address a change came from, by the same trusted-proxies rule as the throttles and key restrictions. */
final class AuditAddresses {
    private final ClientAddressResolver resolver;

    AuditAddresses(ClientAddressResolver resolver) {
        this.resolver = resolver;
    }

    String of(Context ctx) {
        return resolver.resolve(PeerAddress.of(ctx), ctx.header("X-Forwarded-For")).getHostAddress();
    }
}
