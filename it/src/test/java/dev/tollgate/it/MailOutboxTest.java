package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.store.jdbc.TestDatabases;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With no {@code --smtp} (the embedded default) every mail is an .eml file in {@code DATA/outbox/}
 * and its link is in the log; with an SMTP server that cannot be reached, pages still answer and
 * say the mail could not be sent.
 */
class MailOutboxTest extends EndToEnd {
    static final String PASSWORD = "correct horse battery";

    static String uniqueEmail() {
        return "o" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "@example.com";
    }

    /** The .eml written for {@code to}: written before the page answers, so there is nothing to wait for. */
    MimeMessage outboxMail(String to) throws Exception {
        Path outbox = server.dataDir().resolve("outbox");
        try (Stream<Path> files = Files.list(outbox)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".eml")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    var message = new MimeMessage(Session.getInstance(new Properties()), in);
                    if (message.getAllRecipients()[0].toString().equals(to)) {
                        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
                        return message;
                    }
                }
            }
        }
        throw new AssertionError("no .eml for " + to + " in " + outbox);
    }

    @Test
    void withoutSmtpTheMailIsAnEmlInTheOutboxAndItsLinkIsLogged() throws Exception {
        String email = uniqueEmail();
        Browser b = new Browser(server.baseUrl());
        Http.Response r = b.submit(b.get("/signup"), 0, Map.of("email", email, "password", PASSWORD));
        assertThat(r.status()).isEqualTo(303);
        MimeMessage mail = outboxMail(email);
        assertThat(mail.getFrom()[0].toString()).isEqualTo("tollgate@localhost");
        assertThat(mail.getSubject()).isEqualTo("Verify your email address for Tollgate");
        String link = Mailbox.linkIn(mail);
        assertThat(link).contains("/verify-email?token=tgm_");
        assertThat(server.output()).contains("its link: " + link);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.dataDir().resolve("outbox")))).isEqualTo("rwx------");

        assertThat(b.get(Mailbox.pathOf(link)).status()).isEqualTo(200);
        assertThat(b.get("/account").body()).contains(">Verified<");
    }

    @Test
    void anUnreachableSmtpServerNeverFailsAPage() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path data = Files.createTempDirectory("tollgate-it-");
        try (var node = TollgateProcess.start(TestDatabases.Kind.H2, data, "--smtp", "smtp://127.0.0.1:" + closedPort)) {
            Browser b = new Browser(node.baseUrl());
            Http.Response signedUp = b.submit(b.get("/signup"), 0, Map.of("email", uniqueEmail(), "password", PASSWORD));
            assertThat(signedUp.status()).isEqualTo(303);
            assertThat(signedUp.header("Location")).isEqualTo("/account?mail=verification-failed");
            Http.Response account = b.follow(signedUp);
            assertThat(account.status()).isEqualTo(200);
            assertThat(account.body()).contains("The verification mail could not be sent.");

            Http.Response resend = b.submit(account, 0, Map.of());
            assertThat(b.follow(resend).body()).contains("The verification mail could not be sent.");
            Http.Response forgot = b.submit(b.get("/forgot-password"), 0, Map.of("email", uniqueEmail()));
            assertThat(forgot.status()).isEqualTo(200);
            assertThat(node.output()).contains("Could not send the VERIFY_EMAIL mail");
            assertThat(Files.exists(data.resolve("outbox"))).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/verify-email", "/confirm-email-change", "/reset-password"})
    void hostileLinksAreA400PageNeverA500(String page) {
        Browser b = new Browser(server.baseUrl());
        for (String query : List.of("", "?token", "?token=", "?token=%C0%AF", "?token=%00",
                "?token=tgm_" + "A".repeat(7000), "?token=a&token=b", "?token=" + "%F0%9F%92%A9".repeat(10))) {
            Http.Response r = b.get(page + query);
            assertThat(r.status()).as(page + query).isBetween(400, 414);
            assertThat(r.header("Content-Type")).as(page + query).startsWith("text/html");
        }
    }

    @Test
    void mailFormsWithoutCsrfOrAsOtherContentAreRefused() {
        Browser b = new Browser(server.baseUrl());
        assertThat(b.post("/forgot-password", Map.of("email", uniqueEmail())).status()).isEqualTo(403);
        assertThat(b.post("/reset-password", Map.of("token", "tgm_x", "new_password", "whatever it is")).status()).isEqualTo(403);
        assertThat(b.post("/account/email", Map.of("new_email", uniqueEmail(), "current_password", PASSWORD)).status()).isIn(302, 303, 403);
        assertThat(b.post("/account/verification", Map.of()).status()).isIn(302, 303, 403);
        Http.Response json = http.send(http.request("/forgot-password").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"email\":\"x@example.com\"}")));
        assertThat(json.status()).isEqualTo(415);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://mail.example.com", "smtp://", "smtp://mail.example.com/inbox", "smtp://mail.example.com?x=1",
            "mail.example.com:25", "smtp://mail.example.com:99999"})
    void aMalformedSmtpUrlStopsTheStartWithAMessage(String url) throws Exception {
        Path data = Files.createTempDirectory("tollgate-it-");
        var exited = TollgateProcess.runToExit(List.of("--port", "0", "--data", data.toString(), "--smtp", url));
        assertThat(exited.code()).as(exited.output()).isEqualTo(2);
        assertThat(exited.output()).contains("--smtp");
    }

    @Test
    void aMalformedSenderStopsTheStart() throws IOException, InterruptedException {
        Path data = Files.createTempDirectory("tollgate-it-");
        var exited = TollgateProcess.runToExit(List.of("--port", "0", "--data", data.toString(), "--mail-from", "not an address>"));
        assertThat(exited.code()).as(exited.output()).isEqualTo(2);
        assertThat(exited.output()).contains("--mail-from");
    }
}
