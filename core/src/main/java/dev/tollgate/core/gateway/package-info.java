/**
 * A gateway call, before and apart from HTTP: {@link dev.tollgate.core.gateway.GatewayCall} runs it
 * from request to ledger, one named step per line; the server only adapts HTTP to it and back.
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
 * <h2>Steps, and what a refusal at each costs</h2>
 * <ol>
 *   <li>request shape (path, query encoding), method match: 400 or 404, before any credential is
 *       checked; recorded for the project of a live key or token the call carries, under its API and
 *       the method {@value dev.tollgate.core.gateway.GatewayCall#UNMATCHED}, else nowhere;</li>
 *   <li>access ({@link dev.tollgate.core.access.AccessDecider}): identify the credential, then its
 *       restrictions and whether the API is enabled. A refusal before the credential named a project
 *       (missing, malformed, unknown) is recorded nowhere; after it, it is recorded for that project;</li>
 *   <li>prepare the backend request: what the request itself makes impossible to forward (a header
 *       or URL the backend client cannot carry, a {@code quotaUser} over 40 characters) is a 400,
 *       recorded, still before any quota is taken;</li>
 *   <li>admit: quota, then the billing gate; a billing refusal gives back the quota it took;</li>
 *   <li>charge: a {@link dev.tollgate.core.metering.UsageRecord.Phase#CHARGED} record, on disk,
 *       before the backend sees the call;</li>
 *   <li>forward, deliver: the backend's answer streams to the caller, counting the bytes sent;</li>
 *   <li>settle: the outcome (status, bytes actually sent, latency) is queued to the journal.</li>
 * </ol>
 *
 * <h2>Threads</h2>
 * The steps up to admission run on the thread that received the call. The charge completes when the
 * journal's writer has it on disk, and the call goes on from the exchange's
 * {@link dev.tollgate.core.gateway.BackendExchange#resumeOn executor}: for the blocking backend client,
 * the request thread that waits for the call; for an event-driven listener, its event loop. So one
 * pipeline serves both, and neither runs a backend exchange on the journal's writer.
 *
 * <h2>Failure semantics</h2>
 * <ol type="a">
 *   <li>No call reaches a backend without a durable record that charges it: the charge is on disk
 *       before {@code forward}. A node that stops mid-call leaves the charge in the ledger under
 *       status {@link dev.tollgate.core.metering.UsageRecord#NO_OUTCOME} (0), billed (the backend may
 *       have acted).</li>
 *   <li>A journal failure never happens after the backend has acted: the only write after
 *       {@code forward} is the settlement, which does not wait for the disk and cannot fail the call.
 *       If the charge cannot be written the call is answered 503 and never forwarded.</li>
 *   <li>A call refused after quota admission gives back what it took: a billing refusal inside
 *       {@link dev.tollgate.core.gateway.CallAccounting#admit}, a failed charge in
 *       {@code GatewayCall.refused}. Calls that reached the backend keep their quota, whatever it
 *       answered (502 and 504 included).</li>
 *   <li>Every answer for a call tied to a project lands in the ledger exactly once: a refusal as one
 *       complete record (an answer that cannot be recorded is replaced by 503), a forwarded call as
 *       its charge moved to its settled status. The journal's positions make the drain idempotent.</li>
 * </ol>
 */
package dev.tollgate.core.gateway;
