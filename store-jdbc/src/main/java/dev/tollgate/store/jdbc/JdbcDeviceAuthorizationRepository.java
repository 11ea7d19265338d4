package dev.tollgate.store.jdbc;

import dev.tollgate.core.oauth.DeviceAuthorization;
import dev.tollgate.core.oauth.DeviceAuthorizationRepository;
import dev.tollgate.core.oauth.Person;
import dev.tollgate.protocol.Scopes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

public final class JdbcDeviceAuthorizationRepository implements DeviceAuthorizationRepository {
    private final Jdbi jdbi;

    public JdbcDeviceAuthorizationRepository(Database db) {
        this.jdbi = db.jdbi();
    }

    @Override
    public void insert(DeviceAuthorization d) {
        Database.unique("user code", () -> jdbi.withHandle(h -> h.createUpdate("INSERT INTO device_authorizations (device_code_hash, user_code,"
                        + " client_id, scopes, expire_time_ms, interval_seconds, status) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .bind(0, d.deviceCodeHash()).bind(1, d.userCode()).bind(2, d.clientId()).bind(3, d.scopes().toString())
                .bind(4, d.expireTime().toEpochMilli()).bind(5, d.intervalSeconds()).bind(6, d.status().name()).execute()));
    }

    @Override
    public Optional<DeviceAuthorization> findByDeviceCode(String deviceCodeHash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM device_authorizations WHERE device_code_hash = ?")
                .bind(0, deviceCodeHash).map((rs, ctx) -> device(rs)).findOne());
    }

    @Override
    public Optional<DeviceAuthorization> findByUserCode(String userCode) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM device_authorizations WHERE user_code = ?")
                .bind(0, userCode).map((rs, ctx) -> device(rs)).findOne());
    }

    @Override
    public boolean decide(String userCode, DeviceAuthorization.Status decision, Person person) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE device_authorizations SET status = ?, user_id = ?, email = ?, auth_time_ms = ?"
                        + " WHERE user_code = ? AND status = 'PENDING'")
                .bind(0, decision.name()).bind(1, person.userId()).bind(2, person.email()).bind(3, person.authTime().toEpochMilli())
                .bind(4, userCode).execute()) == 1;
    }

    @Override
    public void polled(String deviceCodeHash, Instant when, int intervalSeconds) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE device_authorizations SET last_poll_time_ms = ?, interval_seconds = ? WHERE device_code_hash = ?")
                .bind(0, when.toEpochMilli()).bind(1, intervalSeconds).bind(2, deviceCodeHash).execute());
    }

    @Override
    public boolean redeem(String deviceCodeHash) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE device_authorizations SET status = 'REDEEMED' WHERE device_code_hash = ? AND status = 'APPROVED'")
                .bind(0, deviceCodeHash).execute()) == 1;
    }

    private static DeviceAuthorization device(ResultSet rs) throws SQLException {
        Optional<Person> person = Rows.optionalString(rs, "user_id").isEmpty() ? Optional.empty()
                : Optional.of(new Person(rs.getString("user_id"), rs.getString("email"), Rows.instant(rs, "auth_time_ms")));
        return new DeviceAuthorization(rs.getString("device_code_hash"), rs.getString("user_code"), rs.getString("client_id"),
                Scopes.ofStored(rs.getString("scopes")), Rows.instant(rs, "expire_time_ms"), rs.getInt("interval_seconds"),
                DeviceAuthorization.Status.valueOf(rs.getString("status")), person, Rows.optionalInstant(rs, "last_poll_time_ms"));
    }
}
