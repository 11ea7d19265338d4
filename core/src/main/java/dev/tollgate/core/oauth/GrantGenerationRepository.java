package dev.tollgate.core.oauth;

import java.util.OptionalLong;

/**
 * Generations of a person's grant to a client, and the generation each artefact was issued under.
 * A generation outlives the grant it counts: removing the grant advances it, so nothing issued
 * before the removal matches again, even after the person consents anew.
 */
public interface GrantGenerationRepository {
    /** The current generation; 0 for a person and client whose grant was never removed. */
    long current(String userId, String clientId);

    /** Moves the person's grant to the client on to its next generation. */
    void advance(String userId, String clientId);

    /** Records the generation an artefact (a code, a device approval, a refresh-token family) was issued under. */
    void bind(String artifactId, long generation);

    /** The generation an artefact was issued under; empty for one issued before generations were kept. */
    OptionalLong boundTo(String artifactId);

    /**
     * Whether the person's grant to the client exists and is in the generation the artefact was issued
     * under (an artefact bound to none counts as generation 0): one read, since a refresh asks it twice.
     */
    boolean isLive(String artifactId, String userId, String clientId);
}
