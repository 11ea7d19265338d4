package dev.tollgate.server.account;

import dev.tollgate.core.user.MailOutcome;
import java.util.Optional;

/** What the account page says after a mail was (or could not be) sent, named in its {@code ?mail=} parameter. */
enum MailNotice {
    VERIFICATION_SENT("verification-sent", false, "We sent you a mail. Open the link in it to verify your address."),
    VERIFICATION_FAILED("verification-failed", true, "The verification mail could not be sent. Try again in a few minutes."),
    THROTTLED("throttled", true, "Too many mails were sent for this address lately. Wait an hour, then try again."),
    CHANGE_SENT("change-sent", false, "We sent a link to the new address. Your account's address changes when it is opened;"
            + " until then it stays as it is."),
    CHANGE_FAILED("change-failed", true, "The mail to the new address could not be sent. Try again in a few minutes."),
    VERIFIED("verified", false, "Your address is verified.");

    private final String wireName;
    private final boolean error;
    private final String text;

    MailNotice(String wireName, boolean error, String text) {
        this.wireName = wireName;
        this.error = error;
        this.text = text;
    }

    static MailNotice of(MailOutcome outcome) {
        return switch (outcome) {
            case SENT -> VERIFICATION_SENT;
            case FAILED -> VERIFICATION_FAILED;
            case THROTTLED -> THROTTLED;
        };
    }

    static MailNotice ofChange(MailOutcome outcome) {
        return switch (outcome) {
            case SENT -> CHANGE_SENT;
            case FAILED -> CHANGE_FAILED;
            case THROTTLED -> THROTTLED;
        };
    }

    static Optional<MailNotice> parse(String wireName) {
        for (MailNotice n : values()) {
            if (n.wireName.equals(wireName)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    String wireName() { return wireName; }

    boolean isError() { return error; }

    String text() { return text; }
}
