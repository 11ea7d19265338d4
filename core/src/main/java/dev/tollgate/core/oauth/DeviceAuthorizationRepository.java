package dev.tollgate.core.oauth;

import java.time.Instant;
import java.util.Optional;

public interface DeviceAuthorizationRepository {
    void insert(DeviceAuthorization authorization);

    Optional<DeviceAuthorization> findByDeviceCode(String deviceCodeHash);

    Optional<DeviceAuthorization> findByUserCode(String userCode);

    /** Records the person's decision on a pending request; false if it was no longer pending. */
    boolean decide(String userCode, DeviceAuthorization.Status decision, Person person);

    void polled(String deviceCodeHash, Instant when, int intervalSeconds);

    /** Moves an approved request to redeemed, atomically; false if it was not approved. */
    boolean redeem(String deviceCodeHash);
}
