package dev.tollgate.server.gateway;

import dev.tollgate.core.access.Caller;
import dev.tollgate.core.catalog.MethodMatch;
import dev.tollgate.core.metering.CredentialKind;
import dev.tollgate.core.metering.Journal;
import dev.tollgate.core.metering.UsageRecord;
import dev.tollgate.core.token.AccessToken;
import dev.tollgate.protocol.ApiError;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a charged call's usage record to the journal before its answer leaves: the journal
 * returns once the record is on disk (group commit), so an answered call is never missing from
 * the ledger. If the record cannot be written the call is refused rather than served unmetered.
 */
public final class CallMeter {
    private final Journal journal;
    private final Clock clock;

    public CallMeter(Journal journal, Clock clock) {
        this.journal = journal;
        this.clock = clock;
    }

    public void record(Caller caller, MethodMatch match, int status, long bytesIn, long bytesOut, long startNanos) {
        CredentialKind kind;
        String credential;
        Optional<String> user = Optional.empty();
        if (caller.keyId().isPresent()) {
            kind = CredentialKind.KEY;
            credential = caller.keyId().get();
        } else {
            AccessToken token = caller.token().orElseThrow();
            if (token.subjectKind() == AccessToken.SubjectKind.SERVICE_ACCOUNT) {
                kind = CredentialKind.SERVICE_ACCOUNT;
                credential = token.email();
            } else {
                kind = CredentialKind.CLIENT;
                credential = token.clientId();
                user = Optional.of(token.email());
            }
        }
        var random = ThreadLocalRandom.current();
        var record = new UsageRecord(new UUID(random.nextLong(), random.nextLong()), clock.instant(), caller.projectId(),
                match.api().name(), match.method().id(), kind, credential, user, status, Math.max(0, bytesIn), Math.max(0, bytesOut),
                (System.nanoTime() - startNanos) / 1000);
        try {
            journal.append(record);
        } catch (RuntimeException e) {
            throw ApiError.METERING_UNAVAILABLE.exception();
        }
    }
}
