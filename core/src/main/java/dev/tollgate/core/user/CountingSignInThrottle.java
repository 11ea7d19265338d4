package dev.tollgate.core.user;

import dev.tollgate.core.counter.QuotaCounters;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.throttle.WindowCounters.Slot;
import dev.tollgate.core.throttle.WindowCounters;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * The {@link SignInThrottle} on counters that one node keeps in memory and several nodes share in
 * Redis (the quota counters), so that the limits hold for the whole deployment.
 *
 * <p>A browser the account knows counts its failures by itself ({@code perAccount} per window), and
 * nothing else applies to it. Any other attempt takes, in this order: one from its (account, address)
 * counter, one from its address's counter, one from the account's counter; past the account's
 * ceiling it must also take the single place of the current delay slot. What it took is given back
 * when a limit refuses it, and when its password is right.
 */
public class CountingSignInThrottle implements SignInThrottle {
    private static final int MAX_DOUBLINGS = 30;

    private final WindowCounters counters;
    private final ThrottleLimits limits;

    public CountingSignInThrottle(QuotaCounters counters, ThrottleLimits limits, Clock clock) {
        this.counters = new WindowCounters(counters, clock);
        this.limits = limits;
    }

    @Override
    public Attempt begin(SignInSource source) {
        String account = accountKey(source.account());
        if (source.knownDevice().isPresent()) {
            Slot device = counters.slot("signin:device:" + account + ":" + source.knownDevice().get(), limits.window());
            take(device, limits.perAccount());
            return attempt(() -> counters.giveBack(device, counters.count(device)), () -> counters.giveBack(device, 1));
        }
        String address = WindowCounters.addressKey(source.address());
        Slot pair = counters.slot("signin:pair:" + account + ":" + address, limits.window());
        Slot fromAddress = counters.slot("signin:address:" + address, limits.window());
        Slot ofAccount = counters.slot("signin:account:" + account, limits.window());
        take(pair, limits.perAccount());
        try {
            take(fromAddress, limits.perAddress());
        } catch (AccountException e) {
            counters.giveBack(pair, 1);
            throw e;
        }
        long failuresBefore = counters.take(ofAccount, WindowCounters.UNBOUNDED) - 1;
        if (failuresBefore >= limits.accountCeiling() && !passSlowDown(account, failuresBefore - limits.accountCeiling())) {
            counters.giveBack(ofAccount, 1);
            counters.giveBack(fromAddress, 1);
            counters.giveBack(pair, 1);
            throw AccountProblem.TOO_MANY_ATTEMPTS.exception(counters.untilEnd(counters.slot(slowKey(account), delay(
                    failuresBefore - limits.accountCeiling()))));
        }
        return attempt(() -> {
            counters.giveBack(pair, counters.count(pair));
            counters.giveBack(fromAddress, 1);
            counters.giveBack(ofAccount, 1);
        }, () -> {
            counters.giveBack(pair, 1);
            counters.giveBack(fromAddress, 1);
            counters.giveBack(ofAccount, 1);
        });
    }

    private static Attempt attempt(Runnable succeeded, Runnable abandoned) {
        return new Attempt() {
            @Override
            public void succeeded() { succeeded.run(); }

            @Override
            public void abandoned() { abandoned.run(); }
        };
    }

    /**
     * Past the ceiling, an attempt passes only if no attempt passed in the current window of its
     * delay (aligned to the clock). Every attempt that passes is recorded in the windows of all the
     * delays, so that the next one, which has a longer delay, finds it there: at most one attempt per
     * window of the delay, for the whole account.
     */
    private boolean passSlowDown(String account, long beyond) {
        Duration own = delay(beyond);
        if (counters.take(counters.slot(slowKey(account), own), 1) < 0) {
            return false;
        }
        for (int level = 0; ; level++) {
            Duration d = delay(level);
            if (!d.equals(own)) {
                counters.take(counters.slot(slowKey(account), d), WindowCounters.UNBOUNDED);
            }
            if (d.equals(limits.maxDelay())) {
                return true;
            }
        }
    }

    private static String slowKey(String account) {
        return "signin:slow:" + account;
    }

    /** One attempt per this long for the whole account, {@code beyond} failures past its ceiling. */
    Duration delay(long beyond) {
        Duration delay = limits.firstDelay().multipliedBy(1L << Math.min(beyond, MAX_DOUBLINGS));
        return delay.compareTo(limits.maxDelay()) > 0 ? limits.maxDelay() : delay;
    }

    private void take(Slot slot, int limit) {
        if (counters.take(slot, limit) < 0) {
            throw AccountProblem.TOO_MANY_ATTEMPTS.exception(counters.untilEnd(slot));
        }
    }

    /** Compared ignoring case and surrounding spaces; hashed, so that shared counters hold no emails. */
    private static String accountKey(String account) {
        String key = account == null ? "" : account.strip().toLowerCase(Locale.ROOT);
        if (key.length() > EmailAddress.MAX_LENGTH) {
            key = key.substring(0, EmailAddress.MAX_LENGTH);
        }
        return Secrets.hash(key);
    }
}
