package dev.tollgate.core.user;

import dev.tollgate.core.mail.Mail;
import dev.tollgate.core.mail.MailException;
import dev.tollgate.core.mail.Mailer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Mailed links, verified addresses and a mailbox in memory, for tests of the mail rules. */
final class InMemoryMail implements EmailTokenRepository, VerifiedAddressRepository, Mailer {
    private static final Pattern TOKEN = Pattern.compile("[?&]token=([A-Za-z0-9_]+)");

    private final InMemoryUsers users;
    private final Map<String, EmailToken> tokens = new ConcurrentHashMap<>();
    private final Map<String, String> verified = new ConcurrentHashMap<>();
    final List<Mail> sent = new CopyOnWriteArrayList<>();
    volatile boolean serverDown;

    InMemoryMail(InMemoryUsers users) {
        this.users = users;
    }

    /** The token of the last link mailed to {@code to}. */
    String lastToken(String to) {
        for (int i = sent.size() - 1; i >= 0; i--) {
            if (sent.get(i).to().equals(to)) {
                Matcher m = TOKEN.matcher(sent.get(i).link());
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        throw new AssertionError("no mail to " + to);
    }

    @Override public void send(Mail mail) {
        if (serverDown) {
            throw new MailException("connection refused", null);
        }
        sent.add(mail);
    }

    @Override public void insert(EmailToken token) { tokens.put(token.tokenHash(), token); }
    @Override public Optional<EmailToken> find(String tokenHash) { return Optional.ofNullable(tokens.get(tokenHash)); }
    @Override public boolean consume(String tokenHash) { return tokens.remove(tokenHash) != null; }
    @Override public void deleteFor(String userId, EmailToken.Purpose purpose) {
        tokens.values().removeIf(t -> t.userId().equals(userId) && t.purpose() == purpose);
    }
    @Override public int deleteExpired(Instant now) {
        int before = tokens.size();
        tokens.values().removeIf(t -> t.isExpiredAt(now));
        return before - tokens.size();
    }

    @Override public boolean isVerifiedOwner(String userId, String email) {
        return email.equals(verified.get(userId)) && users.find(userId).filter(u -> u.email().equals(email)).isPresent();
    }
    @Override public void markVerified(String userId, String email, Instant when) { verified.put(userId, email); }
    @Override public void revoke(String userId) { verified.remove(userId); }
    @Override public void changeEmail(String userId, String newEmail, Instant when) {
        users.changeEmail(userId, newEmail);
        verified.put(userId, newEmail);
    }
}
