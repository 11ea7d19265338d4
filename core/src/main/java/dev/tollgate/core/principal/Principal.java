package dev.tollgate.core.principal;


/** Who is behind a verified credential: a person or a service account. */
public sealed interface Principal {

    String email();

    Member member();

    PrincipalKind kind();

    default PrincipalName name() { return new PrincipalName(kind(), email()); }

    record Person(String userId, String email) implements Principal {
        public Member member() { return Member.user(email); }

        public PrincipalKind kind() { return PrincipalKind.PERSON; }
    }

    record ServiceAccount(String email, String uniqueId, String projectId) implements Principal {
        public Member member() { return Member.serviceAccount(email); }

        public PrincipalKind kind() { return PrincipalKind.SERVICE_ACCOUNT; }
    }
}
