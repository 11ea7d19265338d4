package dev.tollgate.server.http;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** The TCP peer of a request. */
public final class PeerAddress {
    private PeerAddress() {}

    public static InetAddress of(Context ctx) {
        try {
            // The servlet peer address is always a literal, so this never resolves a name.
            return InetAddress.getByName(ctx.req().getRemoteAddr());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
