/**
 * What a gateway call is, before and apart from HTTP: the parts of a request that decide what
 * reaches a backend.
 *
 * <p>One parse per concern, so what is checked is what is forwarded:
 * <ul>
 *   <li>{@link dev.tollgate.core.gateway.GatewayPath}: the matched path is the forwarded path; any
 *       segment a backend could resolve differently is refused before matching.</li>
 *   <li>{@link dev.tollgate.core.gateway.GatewayQuery}: the parameters read as credentials and the
 *       parameters removed from the forwarded query are one set, compared after percent-decoding.</li>
 *   <li>{@link dev.tollgate.core.gateway.InboundHeaders}: caller headers are compared as an environ
 *       folds them, so none can pass for Tollgate's identity headers or a credential.</li>
 * </ul>
 *
 * <p>Order of a call, and what a refusal at each step costs:
 * <ol>
 *   <li>request shape (path, query encoding): 400, before any match, not charged (no method is known);</li>
 *   <li>method match, credential, key restrictions, API enabled: refusals are charged to the
 *       project when one is known and take no quota;</li>
 *   <li>anything the request itself makes impossible to forward (a header or URL the backend
 *       client cannot carry, a {@code quotaUser} over 40 characters) is found here, still before
 *       any quota is taken;</li>
 *   <li>quota admission, then the billing gate: a billing refusal gives back the quota the call
 *       took, since it was never served;</li>
 *   <li>forward, then the usage record; a refusal or a backend failure after the match is
 *       recorded once, with the status the caller got.</li>
 * </ol>
 */
package dev.tollgate.core.gateway;
