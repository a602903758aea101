/**
 * The one reconnect policy of this product: which close codes a client should reconnect after, which ones call for a
 * longer wait, and when the backoff starts again. The reconnect quick fix writes it into the generated options, the
 * `ws-reconnect` snippet carries the same lists, and the hover's "Reconnect?" line reads it, so the three never
 * disagree. The README's "Reconnect policy" section explains it.
 *
 * An allow-list on purpose: retrying is right only where the server or the network may recover by itself. After any
 * other code (a deliberate close, a protocol, data, auth or policy error, an application code nobody listed) a retry
 * repeats what failed, so the connection stays closed and the application hears about it (`onGiveUp`).
 */

export type ReconnectAdvice = 'retry' | 'retrySlowly' | 'stop';

/** Codes after which the server or the network may recover: reconnect with backoff. */
export const retryCodes: readonly number[] = [
	1001, // Going Away: a server shutting down or a proxy dropping idle connections
	1006, // Abnormal Closure: the connection dropped without a Close frame (network, crash, proxy)
	1011, // Internal Error: transient server failure
	1012, // Service Restart
	1013, // Try Again Later
	1014, // Bad Gateway
	3008, // Timeout (IANA): idle or heartbeat timeout
	// The common "4000 + HTTP status" convention (graphql-ws and others) for the transient statuses:
	4408, // Request Timeout
	4429, // Too Many Requests
	4500, // Internal Server Error
	4502, // Bad Gateway
	4503, // Service Unavailable
	4504, // Gateway Timeout
];

/** Codes whose sender asked for time: the retry waits between half the cap and the cap. */
export const slowRetryCodes: readonly number[] = [1013, 4429, 4503];

/** A connection that stays open this long counts as healthy: the next drop starts from the shortest delay again. */
export const defaultStableAfterMs = 5000;

export function reconnectAdvice(code: number): ReconnectAdvice {
	if (slowRetryCodes.includes(code)) {
		return 'retrySlowly';
	}
	return retryCodes.includes(code) ? 'retry' : 'stop';
}
