package dev.tollgate.core.user;

/** What became of a mail Tollgate was asked to send; pages say which. */
public enum MailOutcome {
    SENT,
    /** The mail server refused or could not be reached; the failure is in the log. */
    FAILED,
    /** Too many mails for this address or from this client lately; nothing was sent. */
    THROTTLED
}
