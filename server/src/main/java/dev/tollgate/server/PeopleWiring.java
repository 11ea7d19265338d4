package dev.tollgate.server;

import dev.tollgate.core.Issuer;
import dev.tollgate.core.net.ClientAddressResolver;
import dev.tollgate.core.project.ProjectPermissions;
import dev.tollgate.core.throttle.ActionThrottle;
import dev.tollgate.server.account.AccountMail;
import dev.tollgate.server.account.People;
import dev.tollgate.server.mail.Mailers;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** The people part of a node: mail, the throttles on people's actions, accounts and sessions. */
record PeopleWiring(ClientAddressResolver addresses, ActionThrottle throttles, People people, ExecutorService mailSender)
        implements AutoCloseable {
    /** How long a stopping node gives the mails already queued (a reset link someone is waiting for). */
    private static final Duration MAIL_DRAIN = Duration.ofSeconds(10);

    static PeopleWiring wire(ServerConfig config, Stores stores, SharedState shared, OAuthWiring oauth, ProjectPermissions permissions,
                             Issuer issuer, Clock clock) {
        var addresses = new ClientAddressResolver(config.trustedProxies());
        ExecutorService mailSender = AccountMail.backgroundSender();
        var mail = new AccountMail(Mailers.of(config.mail(), config.dataDir(), issuer, clock), stores.emailTokens(), stores.verifiedAddresses(),
                oauth.revoker(), mailSender);
        // Shared by the nodes through Redis when there is one, like the quota counters they live in.
        var throttles = new ActionThrottle(shared.quotaCounters(), clock);
        var people = new People(stores.users(), stores.sessions(), permissions, issuer, config.signUp(), addresses, mail, clock,
                shared.quotaCounters(), stores.knownDevices(), throttles);
        return new PeopleWiring(addresses, throttles, people, mailSender);
    }

    /** Sends the mails already queued, for a while, then lets the mail threads go. */
    @Override
    public void close() throws InterruptedException {
        mailSender.shutdown();
        if (!mailSender.awaitTermination(MAIL_DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
            mailSender.shutdownNow();
        }
    }
}
