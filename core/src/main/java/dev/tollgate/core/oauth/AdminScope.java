package dev.tollgate.core.oauth;

/**
 * Which clients may ask a person for the {@code admin} scope. Web clients may, through the authorization
 * code flow. Of the installed clients only the built-in command line client may, because it is the one
 * program whose code Tollgate ships ({@code tollgate auth login}); any other installed or device client
 * could be anyone's program, and an admin grant to it would hand over the person's projects.
 */
public final class AdminScope {
    /** The client id of the built-in "Tollgate CLI" client, the same on every installation. */
    public static final String CLI_CLIENT_ID = "tollgate-cli.apps.tollgate";

    private AdminScope() {}

    /**
     * Whether an authorization request may carry the admin scope: a web client, or the CLI client
     * redirecting to a loopback address with a PKCE challenge (RFC 8252 §7.3).
     */
    public static boolean mayAuthorize(OAuthClient client, String redirectUri, String codeChallenge) {
        if (client.type() == ClientType.WEB) {
            return true;
        }
        return isCliClient(client) && codeChallenge != null && !codeChallenge.isEmpty()
                && RedirectUris.isAnyLoopbackRedirect(redirectUri);
    }

    /** Whether a device flow may ask for the admin scope: for the CLI client only ({@code tollgate auth login --no-browser}). */
    public static boolean mayStartDevice(OAuthClient client) {
        return isCliClient(client);
    }

    private static boolean isCliClient(OAuthClient client) {
        return client.type() == ClientType.INSTALLED && CLI_CLIENT_ID.equals(client.clientId());
    }
}
