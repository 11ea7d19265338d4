package dev.tollgate.server.http;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** The TCP peer of a request. */
public final class PeerAddress {
    private PeerAddress() {}

    public static InetAddress of(Context ctx) {
        return of(ctx.req());
    }

    public static InetAddress of(HttpServletRequest req) {
        try {
            // The servlet peer address is always a literal, so this never resolves a name.
            return InetAddress.getByName(req.getRemoteAddr());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
