package dev.tollgate.core.audit;

import dev.tollgate.core.principal.Principal;
import java.util.Optional;

/** Who made a change: a person, a service account, or nobody who proved who they are. */
public sealed interface AuditActor {

    /** As the log shows it: {@code person}, {@code serviceAccount} or {@code anonymous}. */
    String kind();

    /** The person's user id or the service account's unique id. */
    Optional<String> actorId();

    Optional<String> actorEmail();

    record Person(String userId, String email) implements AuditActor {
        public String kind() { return "person"; }
        public Optional<String> actorId() { return Optional.of(userId); }
        public Optional<String> actorEmail() { return Optional.of(email); }
    }

    record ServiceAccount(String uniqueId, String email) implements AuditActor {
        public String kind() { return "serviceAccount"; }
        public Optional<String> actorId() { return Optional.of(uniqueId); }
        public Optional<String> actorEmail() { return Optional.of(email); }
    }

    record Anonymous() implements AuditActor {
        public String kind() { return "anonymous"; }
        public Optional<String> actorId() { return Optional.empty(); }
        public Optional<String> actorEmail() { return Optional.empty(); }
    }

    AuditActor ANONYMOUS = new Anonymous();

    static AuditActor of(Principal principal) {
        if (principal instanceof Principal.Person p) {
            return new Person(p.userId(), p.email());
        }
        if (principal instanceof Principal.ServiceAccount sa) {
            return new ServiceAccount(sa.uniqueId(), sa.email());
        }
        return ANONYMOUS;
    }

    /** Reads back what {@link #kind()}, {@link #actorId()} and {@link #actorEmail()} stored. */
    static AuditActor of(String kind, String id, String email) {
        return switch (kind) {
            case "person" -> new Person(id, email);
            case "serviceAccount" -> new ServiceAccount(id, email);
            default -> ANONYMOUS;
        };
    }
}
