/**
 * Counters per window, local or shared between nodes: what quotas, sign-in throttles and other action
 * throttles count with. Knows nothing of what is counted.
 */
package dev.tollgate.core.counter;
