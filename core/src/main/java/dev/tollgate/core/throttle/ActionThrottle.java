package dev.tollgate.core.throttle;

import dev.tollgate.core.counter.QuotaCounters;
import dev.tollgate.core.secret.Secrets;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Counts the {@link ThrottledAction}s per client address, per subject and globally, and refuses
 * one with {@link Throttled} once a limit of its window is reached. Every admitted attempt counts;
 * an action that only wants to count failures gives the attempt back when it went right.
 *
 * <pre>{@code
 * throttle.admit(ThrottledAction.PASSWORD_RESET, address, Optional.of(email));   // throws Throttled
 * var guess = throttle.admit(ThrottledAction.DEVICE_CODE_GUESS, address, Optional.of(userId));
 * if (codeWasRight) guess.giveBack();
 * }</pre>
 *
 * Subjects (emails, user ids) are counted by their SHA-256 hash, so Redis never holds them.
 *
 * <p>A loopback client is not counted per address: it is this machine, or a reverse proxy on it
 * that the server was not told to trust ({@code --trusted-proxies}), and then every person would
 * share its address and one abuser could refuse the action to all of them. The per-subject and
 * global limits still count it.
 */
public final class ActionThrottle {
    private static final String GLOBAL = "*";

    private final WindowCounters counters;

    public ActionThrottle(QuotaCounters counters, Clock clock) {
        this.counters = new WindowCounters(counters, clock);
    }

    /** A throttle in this process only (one node, tests). */
    public static ActionThrottle inMemory(Clock clock) {
        return new ActionThrottle(new dev.tollgate.core.counter.LocalQuotaCounters(clock), clock);
    }

    /** An action without a subject (sign-up). */
    public Admission admit(ThrottledAction action, InetAddress client) {
        return admit(action, client, Optional.empty());
    }

    /**
     * Counts one attempt of {@code action} from {@code client} about {@code subject}.
     *
     * @throws Throttled when a limit is reached; then nothing was counted
     */
    public Admission admit(ThrottledAction action, InetAddress client, Optional<String> subject) {
        var slots = new ArrayList<WindowCounters.Slot>(3);
        var limits = new ArrayList<Integer>(3);
        String name = action.name().toLowerCase(Locale.ROOT);
        if (!client.isLoopbackAddress()) {
            slots.add(counters.slot(name + ":a:" + WindowCounters.addressKey(client), action.window()));
            limits.add(action.perAddress());
        }
        if (subject.isPresent() && action.perSubject() > 0) {
            String normalized = subject.get().strip().toLowerCase(Locale.ROOT);
            slots.add(counters.slot(name + ":s:" + Secrets.hash(normalized), action.window()));
            limits.add(action.perSubject());
        }
        slots.add(counters.slot(name + ":" + GLOBAL, action.window()));
        limits.add(action.global());
        List<WindowCounters.Slot> taken = new ArrayList<>(slots.size());
        for (int i = 0; i < slots.size(); i++) {
            if (counters.take(slots.get(i), limits.get(i)) < 0) {
                taken.forEach(s -> counters.giveBack(s, 1));
                throw new Throttled(action, counters.untilEnd(slots.get(i)));
            }
            taken.add(slots.get(i));
        }
        return new Admission(counters, List.copyOf(taken));
    }

    /** An attempt that was counted; {@link #giveBack()} uncounts it (at most once). */
    public static final class Admission {
        private final WindowCounters counters;
        private final List<WindowCounters.Slot> slots;
        private boolean givenBack;

        Admission(WindowCounters counters, List<WindowCounters.Slot> slots) {
            this.counters = counters;
            this.slots = slots;
        }

        public synchronized void giveBack() {
            if (!givenBack) {
                givenBack = true;
                slots.forEach(s -> counters.giveBack(s, 1));
            }
        }
    }
}
