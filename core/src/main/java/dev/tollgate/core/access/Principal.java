package dev.tollgate.core.access;

import dev.tollgate.core.project.Member;

/** Who is behind a verified credential: a person or a service account. */
public sealed interface Principal {

    String email();

    Member member();

    record Person(String userId, String email) implements Principal {
        public Member member() { return Member.user(email); }
    }

    record ServiceAccount(String email, String uniqueId, String projectId) implements Principal {
        public Member member() { return Member.serviceAccount(email); }
    }
}
