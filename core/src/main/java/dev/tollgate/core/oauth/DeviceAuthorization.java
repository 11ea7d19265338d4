package dev.tollgate.core.oauth;

import dev.tollgate.protocol.Scopes;
import java.time.Instant;
import java.util.Optional;

/** RFC 8628: a device's pending request, decided by a person on the {@code /device} page. */
public record DeviceAuthorization(String deviceCodeHash, String userCode, String clientId, Scopes scopes, Instant expireTime,
                                  int intervalSeconds, Status status, Optional<Person> person, Optional<Instant> lastPollTime) {
    public enum Status { PENDING, APPROVED, DENIED, REDEEMED }
}
