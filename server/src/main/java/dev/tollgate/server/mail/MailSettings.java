package dev.tollgate.server.mail;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * How mail leaves this node: an SMTP server ({@code --smtp}), or none, in which case every mail
 * is written to {@code DATA/outbox/}; and the sender's address ({@code --mail-from}).
 */
public record MailSettings(Optional<Smtp> smtp, Optional<String> from) {
    /** A sender address as {@code --mail-from} gives it, checked as RFC 822 requires. */
    public static String parseSender(String from) {
        try {
            new jakarta.mail.internet.InternetAddress(from, true).validate();
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException("not a valid address: " + from);
        }
        return from;
    }

    public static final MailSettings OUTBOX = new MailSettings(Optional.empty(), Optional.empty());

    /**
     * @param implicitTls {@code smtps://}: TLS from the first byte; otherwise STARTTLS when the server offers it
     */
    public record Smtp(String host, int port, boolean implicitTls, Optional<String> user, Optional<String> password) {
        @Override
        public String toString() {
            return (implicitTls ? "smtps://" : "smtp://") + user.map(u -> u + "@").orElse("") + host + ":" + port;
        }
    }

    /**
     * Reads {@code smtp://user:pass@host:port} or {@code smtps://…}; user and password may be
     * percent-encoded. The port defaults to 587 (submission) for smtp and 465 for smtps.
     *
     * @throws IllegalArgumentException with a message for the command line
     */
    public static Smtp parseSmtp(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--smtp: not a URL: expected smtp://user:password@host:port or smtps://…");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("smtp") && !scheme.equals("smtps")) {
            throw new IllegalArgumentException("--smtp: the URL must start with smtp:// or smtps://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("--smtp: the URL names no host");
        }
        if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("--smtp: the URL must be only smtp://user:password@host:port");
        }
        boolean tls = scheme.equals("smtps");
        int port = uri.getPort() == -1 ? (tls ? 465 : 587) : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--smtp: the port must be between 1 and 65535");
        }
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            password = colon < 0 ? Optional.empty() : Optional.of(decode(userInfo.substring(colon + 1)));
        }
        return new Smtp(uri.getHost(), port, tls, user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
