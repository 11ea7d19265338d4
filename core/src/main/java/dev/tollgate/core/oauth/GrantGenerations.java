package dev.tollgate.core.oauth;

import dev.tollgate.protocol.OAuthError;
import dev.tollgate.protocol.OAuthException;

/**
 * Keeps removed grants removed. Every code, device approval and refresh-token family carries the
 * generation of the grant it was issued under; removing the grant (on the permissions page, by
 * {@code /revoke}, or with its client) advances the generation before deleting the grant, so an
 * artefact is honoured only while its grant exists and is still the generation it was issued under.
 */
public final class GrantGenerations {
    private final GrantGenerationRepository generations;

    public GrantGenerations(GrantGenerationRepository generations) {
        this.generations = generations;
    }

    public static String code(String codeHash) {
        return "code:" + codeHash;
    }

    public static String device(String deviceCodeHash) {
        return "device:" + deviceCodeHash;
    }

    public static String family(String familyId) {
        return "family:" + familyId;
    }

    /** Binds an artefact to the grant's current generation; call once the grant it stems from is remembered. */
    void issue(String artifactId, String userId, String clientId) {
        generations.bind(artifactId, generations.current(userId, clientId));
    }

    /** Hands an artefact's generation on to what is minted from it (a code's or a device's refresh-token family). */
    void inherit(String fromArtifactId, String toArtifactId) {
        generations.bind(toArtifactId, generations.boundTo(fromArtifactId).orElse(0));
    }

    /** Whether the person still sees this grant, in the generation the artefact was issued under. */
    boolean isLive(String artifactId, String userId, String clientId) {
        return generations.isLive(artifactId, userId, clientId);
    }

    void requireLive(String artifactId, String userId, String clientId) throws OAuthException {
        if (!isLive(artifactId, userId, clientId)) {
            throw removed();
        }
    }

    /** Ends the current generation: call before the grant is deleted, so that a concurrent redemption sees one or the other. */
    void advance(String userId, String clientId) {
        generations.advance(userId, clientId);
    }

    static OAuthException removed() {
        return OAuthError.INVALID_GRANT.exception("The person has removed this application's access.");
    }
}
