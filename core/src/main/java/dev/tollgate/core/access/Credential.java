package dev.tollgate.core.access;

import dev.tollgate.core.token.AccessToken;
import java.util.Objects;

/**
 * What identified an admitted caller: exactly one of an API key, a person's access token or a
 * service account's access token, so that no code can read a call as both, or as the wrong kind.
 */
public sealed interface Credential {

    /** Simple access: the key names a project and nothing else. */
    record ApiKey(String keyId) implements Credential {
        public ApiKey {
            Objects.requireNonNull(keyId, "keyId");
        }
    }

    /** A token a person granted to an OAuth client. */
    record PersonToken(AccessToken token) implements Credential {
        public PersonToken {
            if (token.subjectKind() != AccessToken.SubjectKind.USER) {
                throw new IllegalArgumentException("not a person's token");
            }
        }
    }

    /** A token a service account obtained for itself. */
    record ServiceAccountToken(AccessToken token) implements Credential {
        public ServiceAccountToken {
            if (token.subjectKind() != AccessToken.SubjectKind.SERVICE_ACCOUNT) {
                throw new IllegalArgumentException("not a service account's token");
            }
        }
    }

    /** The credential an access token is, by the kind of principal that holds it. */
    static Credential of(AccessToken token) {
        return token.subjectKind() == AccessToken.SubjectKind.SERVICE_ACCOUNT ? new ServiceAccountToken(token) : new PersonToken(token);
    }
}
