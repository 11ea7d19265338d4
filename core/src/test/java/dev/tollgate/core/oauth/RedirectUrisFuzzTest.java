package dev.tollgate.core.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tollgate.core.fuzz.FuzzInput;
import dev.tollgate.protocol.ApiException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Redirect URIs a client registers, and the redirect_uri of each authorization request. */
class RedirectUrisFuzzTest {

    /**
     * Input: first byte 'w' for a web client (else installed), then the URI. Property: registration
     * either refuses with ApiException or accepts the URI unchanged; an accepted URI has no fragment,
     * wildcard or user information, and a web client's uses https or http on a loopback host (schemes in any case).
     */
    @FuzzTest
    void registeredUriHasNoFragmentWildcardOrUserInfo(byte[] data) {
        if (data.length == 0) {
            return;
        }
        ClientType type = data[0] == 'w' ? ClientType.WEB : ClientType.INSTALLED;
        String uri = FuzzInput.text(java.util.Arrays.copyOfRange(data, 1, data.length));
        String accepted;
        try {
            accepted = RedirectUris.validateForRegistration(type, uri);
        } catch (ApiException refused) {
            return;
        }
        assertThat(accepted).isEqualTo(uri).doesNotContain("#", "*");
        URI parsed = URI.create(uri);
        assertThat(parsed.getRawUserInfo()).isNull();
        if (type == ClientType.WEB) {
            assertThat(parsed.getHost()).isNotNull();
            String scheme = parsed.getScheme().toLowerCase(java.util.Locale.ROOT);
            assertThat(scheme.equals("https")
                    || scheme.equals("http") && Set.of("127.0.0.1", "[::1]", "localhost").contains(parsed.getHost()))
                    .isTrue();
        }
    }

    /**
     * Input: a registered URI line (of a client of each type), then the requested redirect_uri.
     * Property: matching never throws; a web client matches only the exact registered string; an
     * installed client also matches any plain-http loopback URI (RFC 8252 §7.3: exactly
     * {@code 127.0.0.1}, {@code [::1]} or {@code localhost}, any port and path) that carries no user
     * information or fragment, whatever it registered.
     */
    @FuzzTest
    void requestedUriMatchesExactlyOrIsALoopbackRedirectOfAnInstalledApp(byte[] data) {
        String[] parts = FuzzInput.twoParts(data);
        String registered = parts[0];
        String requested = parts[1];
        for (ClientType type : ClientType.values()) {
            var client = new OAuthClient("client-1", "project-1", type, "Fuzz", List.of(registered), List.of(), Instant.EPOCH);
            if (!RedirectUris.matches(client, requested) || registered.equals(requested)) {
                continue;
            }
            assertThat(type).as("%s matched %s", requested, registered).isEqualTo(ClientType.INSTALLED);
            URI req = URI.create(requested);
            assertThat(req.getScheme()).isEqualTo("http");
            assertThat(req.getRawUserInfo()).isNull();
            assertThat(req.getRawFragment()).isNull();
            assertThat(req.getHost()).isIn("127.0.0.1", "[::1]", "localhost");
        }
    }

    private static String slash(String path) {
        return path == null || path.isEmpty() ? "/" : path;
    }
}
