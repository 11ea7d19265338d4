package dev.tollgate.core.gateway;

import dev.tollgate.core.access.Caller;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The headers a backend gets about a call, all from what Tollgate verified: where it came from (the
 * trusted-proxies rule, never the caller's own claims), the project, and the principal with its kind.
 */
final class BackendIdentity {
    private BackendIdentity() {}

    static Map<String, String> of(Caller caller, GatewayRequest request, InetAddress client, Optional<String> backendSecret) {
        var headers = new LinkedHashMap<String, String>();
        String proto = request.secure() ? "https" : "http";
        Optional<String> host = request.host().filter(ForwardedHost::isToken);
        String forwardedFor = client instanceof Inet6Address ? "\"[" + client.getHostAddress() + "]\"" : client.getHostAddress();
        headers.put("Forwarded", "for=" + forwardedFor + ";proto=" + proto + host.map(h -> ";host=\"" + h + "\"").orElse(""));
        headers.put("X-Forwarded-For", client.getHostAddress());
        headers.put("X-Forwarded-Proto", proto);
        host.ifPresent(h -> headers.put("X-Forwarded-Host", h));
        headers.put("X-Tollgate-Project", caller.projectId());
        headers.put("X-Tollgate-Access", caller.access().wireName());
        caller.userEmail().ifPresent(u -> headers.put("X-Tollgate-User", u));
        // Which kind of principal X-Tollgate-User names; absent for simple access (a key names a project only).
        caller.principalKind().ifPresent(k -> headers.put("X-Tollgate-Principal-Type", k.wireName()));
        caller.clientId().ifPresent(c -> headers.put("X-Tollgate-Client", c));
        caller.token().ifPresent(t -> headers.put("X-Tollgate-Scopes", t.scopes().toString()));
        backendSecret.ifPresent(s -> headers.put("X-Tollgate-Backend-Secret", s));
        return headers;
    }
}
