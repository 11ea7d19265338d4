/**
 * People's pages and sessions: {@code /signin}, {@code /signup}, {@code /account},
 * {@code /account/password}, {@code /signout}, and {@code POST /admin/v1/users}.
 *
 * <p>For other pages: {@link dev.tollgate.server.account.Sessions} says who is signed in
 * ({@code current}), sends people to sign in and back ({@code requireSignIn}, {@code signInUrl}
 * with {@link dev.tollgate.server.account.SignInPrompt} for OAuth's {@code prompt=login} and
 * {@code select_account} and a {@code login_hint}). {@link dev.tollgate.server.account.People}
 * wires it all and hands out {@code sessions()} and {@code pages()}.
 *
 * <p>The rules themselves (email and password syntax, Argon2id, throttling failed sign-ins, session
 * lifetimes) live in {@code dev.tollgate.core.user} and {@code dev.tollgate.core.session}.
 */
package dev.tollgate.server.account;
