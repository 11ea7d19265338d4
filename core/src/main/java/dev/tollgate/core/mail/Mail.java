package dev.tollgate.core.mail;

/**
 * One plain-text message to one address, carrying one link ({@code link} is also in {@code text}):
 * the outbox logs the link so that a person on the same machine can open it without a mail server.
 */
public record Mail(String to, String subject, String text, String link) {
    @Override
    public String toString() {
        // The link is single-use and secret: it goes to the recipient, never into an ordinary log line.
        return "Mail[to=" + to + ", subject=" + subject + "]";
    }
}
