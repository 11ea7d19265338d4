package dev.tollgate.server.account;

/**
 * The sign-in page's model.
 *
 * @param continueAsEmail the signed-in person's email when the page offers to continue as them
 *                        ({@code prompt=select_account}); null otherwise
 * @param signUpUrl       the link to the sign-up page; null when sign-up is closed
 */
public record SignInForm(String email, String continueUrl, String error, String continueAsEmail, String signUpUrl) {}
