package dev.tollgate.core.gateway;

import dev.tollgate.core.access.Caller;
import dev.tollgate.core.access.Credential;
import dev.tollgate.core.catalog.MethodMatch;
import dev.tollgate.core.metering.CredentialKind;
import dev.tollgate.core.metering.Journal;
import dev.tollgate.core.metering.UsageRecord;
import dev.tollgate.protocol.ApiError;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a call's usage to the journal. A call the gateway answers itself is recorded once, on disk
 * before the answer leaves. A forwarded call is charged, on disk, before the backend sees it; its
 * outcome settles the charge after the answer has been sent, without waiting for the disk, since the
 * charge already holds the call (see {@link UsageRecord}).
 */
public final class CallMeter {
    private static final Logger LOG = LoggerFactory.getLogger(CallMeter.class);

    private final Journal journal;
    private final Clock clock;

    public CallMeter(Journal journal, Clock clock) {
        this.journal = journal;
        this.clock = clock;
    }

    /**
     * Charges a call about to be forwarded: completes once the charge is on disk, and fails with a 503
     * {@link dev.tollgate.protocol.ApiException} when it cannot be made durable (the call must then not be forwarded).
     */
    public CompletionStage<UsageRecord> charge(Caller caller, MethodMatch match, long bytesIn) {
        Principal p = Principal.of(caller);
        UsageRecord charge = UsageRecord.charge(UsageRecord.newCallId(), clock.instant(), caller.projectId(), match.api().name(),
                match.method().id(), p.kind(), p.id(), p.user(), Math.max(0, bytesIn));
        return durably(charge).thenApply(onDisk -> charge);
    }

    /** The outcome of a charged call; never throws, since the caller has had its answer. */
    public void settle(UsageRecord charge, int status, long bytesOut, long latencyMicros) {
        if (!journal.appendWithoutWaiting(charge.settled(status, Math.max(0, bytesOut), Math.max(0, latencyMicros)))) {
            LOG.warn("The outcome of call {} could not be journaled; the ledger counts it without a status", charge.callId());
        }
    }

    /**
     * Records a call the gateway answered itself (a refusal after its project was known): completes once
     * the record is on disk, and fails with a 503 {@link dev.tollgate.protocol.ApiException} when it cannot
     * be recorded (the answer is then not given).
     */
    public CompletionStage<Void> record(Caller caller, String api, String methodId, int status, long bytesIn, long latencyMicros) {
        Principal p = Principal.of(caller);
        return durably(new UsageRecord(UsageRecord.newCallId(), clock.instant(), caller.projectId(), api, methodId,
                p.kind(), p.id(), p.user(), status, Math.max(0, bytesIn), 0, Math.max(0, latencyMicros)));
    }

    private CompletionStage<Void> durably(UsageRecord record) {
        CompletionStage<Void> written;
        try {
            written = journal.appendAsync(record);
        } catch (RuntimeException e) {
            written = CompletableFuture.failedFuture(e);
        }
        return written.exceptionallyCompose(e -> CompletableFuture.failedFuture(ApiError.METERING_UNAVAILABLE.exception()));
    }

    /** How the ledger names who called: the key, the service account, or the client a person used. */
    private record Principal(CredentialKind kind, String id, Optional<String> user) {
        static Principal of(Caller caller) {
            Credential credential = caller.credential();
            if (credential instanceof Credential.ApiKey key) {
                return new Principal(CredentialKind.KEY, key.keyId(), Optional.empty());
            }
            if (credential instanceof Credential.ServiceAccountToken account) {
                return new Principal(CredentialKind.SERVICE_ACCOUNT, account.token().email(), Optional.empty());
            }
            var person = ((Credential.PersonToken) credential).token();
            return new Principal(CredentialKind.CLIENT, person.clientId(), Optional.of(person.email()));
        }
    }
}
