package dev.tollgate.core.gateway;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.protocol.ApiException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GatewayPathTest {
    @ParameterizedTest
    @ValueSource(strings = {"/a/..", "/a/%2e%2e", "/a/%2E%2e", "/a/.%2e", "/a/%2e.", "/a/..;x", "/a/%2e%2e;/", "/a/.;p/b",
            "/a/b%2fc", "/a/b%2Fc", "/a/b%5cc", "/a/b%5Cc", "/a/b\\c", "/a/b%00", "/a/%c0%ae%c0%ae", "/a/%e0%80%ae", "/a/%",
            "/a/%2", "/a/%zz", "/a/.", "/%2e/a", "/a/%ff", "/a/%0a", "a/b", "", "/a/\u00e9"})
    void refused(String path) {
        assertThatThrownBy(() -> GatewayPath.check(path)).isInstanceOf(ApiException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/posts/v1/posts/1", "/a/b%20c", "/a/%C3%A9", "/a/...", "/a/.x", "/a/x.", "/a/b;c", "/a/", "/a/%2e%2e%2e"})
    void accepted(String path) {
        assertThatCode(() -> GatewayPath.check(path)).doesNotThrowAnyException();
    }
}
