package dev.tollgate.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real SMTP server in the test process (GreenMail) that Tollgate is started against with
 * {@code --smtp}, and what it received. It asks for a login, so Tollgate's SMTP authentication
 * (with a password that needs percent-encoding in the URL) is exercised too.
 */
final class Mailbox implements AutoCloseable {
    static final String LOGIN = "tollgate";
    static final String PASSWORD = "p@ss:w/rd";
    private static final Pattern LINK = Pattern.compile("https?://[^\\s]+\\?token=[A-Za-z0-9_%]+");

    private final GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private final Set<String> seen = new HashSet<>();

    Mailbox() {
        greenMail.setUser("tollgate@localhost", LOGIN, PASSWORD);
        greenMail.start();
    }

    /** {@code --smtp} for this server. */
    String smtpUrl() {
        return "smtp://" + LOGIN + ":p%40ss%3Aw%2Frd@127.0.0.1:" + greenMail.getSmtp().getPort();
    }

    /** Every message received for {@code to}, oldest first. */
    List<MimeMessage> to(String to) {
        var out = new ArrayList<MimeMessage>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            try {
                for (Address a : m.getAllRecipients()) {
                    if (a.toString().equalsIgnoreCase(to)) {
                        out.add(m);
                    }
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** Waits for a mail to {@code to} with a link to {@code path} not returned before; returns that link. */
    String awaitLink(String to, String path) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            for (MimeMessage m : to(to)) {
                String link = linkIn(m);
                if (link != null && link.contains(path + "?token=") && seen.add(link)) {
                    return link;
                }
            }
            greenMail.waitForIncomingEmail(200, greenMail.getReceivedMessages().length + 1);
        }
        throw new AssertionError("No new mail to " + to + " with a link to " + path);
    }

    static String linkIn(MimeMessage m) {
        try {
            Matcher matcher = LINK.matcher(m.getContent().toString());
            return matcher.find() ? matcher.group() : null;
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The path and query of a link, for a {@link Browser} of the server. */
    static String pathOf(String link) {
        return link.substring(link.indexOf('/', link.indexOf("//") + 2));
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
