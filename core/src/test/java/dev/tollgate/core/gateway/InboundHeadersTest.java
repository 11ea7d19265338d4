package dev.tollgate.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InboundHeadersTest {
    private final InboundHeaders headers = InboundHeaders.nominatedBy(List.of("keep-alive, X-Secret-Hop", "Other_Hop"));

    @ParameterizedTest
    @ValueSource(strings = {"X-Tollgate-User", "x-tollgate-user", "X_Tollgate_User", "x-tollgate_user", "X.Tollgate.Project",
            "X-TOLLGATE-PRINCIPAL-TYPE", "x-tollgate-anything-new", "Authorization", "X-Goog-Api-Key", "x_goog_api_key",
            "Cookie", "Connection", "Transfer-Encoding", "Forwarded", "X-Forwarded-For", "x_forwarded_host", "X-Real-Ip",
            "Proxy-Authorization", "X-Secret-Hop", "x_secret_hop", "Other-Hop", "Keep-Alive", "Host", "Content-Length"})
    void dropped(String name) {
        assertThat(headers.forwarded(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Type", "Accept", "X-Custom", "X-Tollgat", "User-Agent", "If-None-Match"})
    void forwarded(String name) {
        assertThat(headers.forwarded(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\rb", "a\nX-Injected: 1", "nul\u0000", "bell\u0007", "del\u007f", "c1\u0085", "c1\u009b",
            "line\u2028separator", "emoji\uD83D\uDE00"})
    void valueWithControlsOrBeyondLatin1IsTheCallersError(String value) {
        assertThatThrownBy(() -> InboundHeaders.forwardable(value)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.error()).isEqualTo(ApiError.INVALID_ARGUMENT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "tab\tinside", "obs-text caf\u00e9", "nbsp\u00a0", "", "quotes \"and\" symbols ~!@#$%^&*()"})
    void visibleAsciiTabSpaceAndObsTextTravelUnchanged(String value) {
        assertThat(InboundHeaders.forwardable(value)).isSameAs(value);
    }

    @Test
    void foldingIsTheEnvironsOwn() {
        assertThat(InboundHeaders.fold("x-tollgate.user")).isEqualTo("X_TOLLGATE_USER");
    }
}
