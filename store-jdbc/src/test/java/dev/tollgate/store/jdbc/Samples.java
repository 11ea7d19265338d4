package dev.tollgate.store.jdbc;

import dev.tollgate.core.key.ApiKey;
import dev.tollgate.core.key.KeyRestrictions;
import dev.tollgate.core.principal.Member;
import dev.tollgate.core.project.Project;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.serviceaccount.KeyMaterial;
import dev.tollgate.core.serviceaccount.ServiceAccount;
import dev.tollgate.core.serviceaccount.ServiceAccountKey;
import dev.tollgate.core.user.User;
import dev.tollgate.protocol.Scopes;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Sample records for the repository tests, with times to the millisecond as the store keeps them. */
final class Samples {
    /** A time with a non-zero millisecond part, so that truncation to seconds would show. */
    static final Instant T0 = Instant.parse("2026-03-04T05:06:07.891Z");

    static final Member ALICE = Member.user("alice@example.com");
    static final Member BOB = Member.user("bob@example.com");

    private static RSAPublicKey rsaKey;

    private Samples() {}

    static Instant at(long secondsAfterT0) {
        return T0.plusSeconds(secondsAfterT0);
    }

    static Project project(String projectId) {
        return new Project(projectId, Secrets.randomDigits(12), "Project " + projectId, T0);
    }

    static KeyRestrictions everyRestriction() {
        return new KeyRestrictions(
                List.of(new KeyRestrictions.ApiTarget("posts", List.of("posts.get", "posts.list")),
                        new KeyRestrictions.ApiTarget("calendar", List.of())),
                List.of("192.0.2.0/24", "2001:db8::/32"),
                List.of("https://*.example.com/*"),
                List.of(new KeyRestrictions.AndroidApp("com.example.app", "DA:39:A3:EE:5E:6B:4B:0D:32:55:BF:EF:95:60:18:90:AF:D8:07:09")),
                List.of("com.example.ios"));
    }

    static ApiKey apiKey(String projectId, String keyId) {
        return new ApiKey(keyId, projectId, "Key " + keyId, KeyRestrictions.NONE, T0, Secrets.hash("secret-of-" + keyId));
    }

    static ServiceAccount serviceAccount(String projectId, String accountId) {
        return new ServiceAccount(ServiceAccount.emailOf(accountId, projectId), Secrets.randomDigits(21), projectId,
                "Account " + accountId, false, T0);
    }

    static ServiceAccountKey serviceAccountKey(String email, String keyId) {
        return new ServiceAccountKey(keyId, email, rsaPublicKey(), ServiceAccountKey.Origin.GENERATED, false, T0);
    }

    /** One generated RSA key shared by all tests: generating one takes a noticeable fraction of a second. */
    static synchronized RSAPublicKey rsaPublicKey() {
        if (rsaKey == null) {
            rsaKey = (RSAPublicKey) KeyMaterial.generateRsa2048().getPublic();
        }
        return rsaKey;
    }

    static User user(String email) {
        return new User(Secrets.randomHex(16), email, "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", T0);
    }
}
