package dev.tollgate.server.pages;

/**
 * Ends a page request with a redirect to a same-origin location, e.g. to the sign-in page from
 * {@code Sessions.requireSignIn}. Handled like {@link PageError}.
 */
public final class PageRedirect extends RuntimeException {
    private final String location;
    private final int status;

    public PageRedirect(String location, int status) {
        super(location, null, false, false);
        this.location = location;
        this.status = status;
    }

    public String location() { return location; }

    public int status() { return status; }
}
