/**
 * English texts: the source of truth. `ja.ts` is typed against these keys, so adding a key here without a
 * translation there fails the type check.
 *
 * Per code: `meaning` (one line), `when` (when you see it), `fix` (what to do), `send` (when to send it yourself).
 * Per range (codes without a registry entry): the same four fields under `range.<name>`.
 * Per confusion pair (smaller code first): one or two sentences telling the two apart.
 * Texts are Markdown; `{0}`-style placeholders are filled by `format()`.
 */
export const en = {
	// ---- hover layout -------------------------------------------------------------------------------------
	'hover.heading.when': 'When you see it',
	'hover.heading.fix': 'How to fix',
	'hover.heading.send': 'When to send it',
	'hover.heading.whoMaySend': 'Who may send it',
	'hover.heading.confused': 'Often confused with',
	'hover.category.registered': 'registered close code',
	'hover.category.invalidLow': 'invalid close code',
	'hover.category.unassigned': 'unassigned close code',
	'hover.category.library': 'library/framework range',
	'hover.category.private': 'private-use range',
	'hover.category.invalidHigh': 'invalid close code',
	'hover.sender.wire': 'On the wire (in a Close frame)',
	'hover.sender.whatwg': 'Browser / WHATWG `WebSocket#close()`',
	'hover.sender.ws': '`ws` (Node) `WebSocket#close()`',
	'hover.allowed': 'yes',
	'hover.notOnWire': 'no — reserved, never sent in a Close frame',
	'hover.throwsInvalidAccess': 'no — throws `InvalidAccessError`',
	'hover.throwsTypeError': 'no — throws `TypeError`',
	'hover.spec': 'Specification',
	'hover.via': 'Resolved from `{0}`',
	'hover.likely': '_Probably a close code (inferred from the surrounding code)._',

	// ---- registered codes ---------------------------------------------------------------------------------
	'code.1000.meaning': 'The connection did what it was opened for and is being closed on purpose.',
	'code.1000.when': 'A deliberate close: the user logged out, a component unmounted, a job finished, or the peer called `close(1000)`. It is the only 1xxx code page script may send, so browser apps use it when they close on purpose (a bare `close()` sends no code at all).',
	'code.1000.fix': 'Nothing is broken. Do **not** reconnect automatically after it. If you see 1000 where you expected a drop, log who initiated the close: some servers send 1000 for every close, so give other situations (re-authenticate, restart) their own codes.',
	'code.1000.send': 'When the session is finished and the other side should not reconnect. Prefer `close(1000, reason)` to a bare `close()`, which sends no code at all (the peer sees 1005).',

	'code.1001.meaning': 'The endpoint is going away: a server is shutting down, or a browser is leaving the page.',
	'code.1001.when': 'A server stopping for a deploy, scale-down or maintenance; a browser tab that is closed or navigates away (the browser sends 1001 by itself); Deno closing a socket whose peer stopped answering pings ("No response from ping frame.").',
	'code.1001.fix': 'On the client, reconnect with exponential backoff and full jitter (`delay = random(0, min(cap, base · 2^attempt))`), reset the attempt counter after a successful open, and stop when the user closed on purpose. On a server, 1001 from a client usually just means the tab went away — nothing to fix. An unexpected 1001 with an idle socket points at a ping/idle timeout.',
	'code.1001.send': 'From a server that is shutting down or leaving for good (the graceful-shutdown signal clients should reconnect on). Browsers cannot send it: use 1000 or a 4xxx code from page script.',

	'code.1002.meaning': 'The peer broke the WebSocket framing rules.',
	'code.1002.when': 'Unmasked client frames, masked server frames, reserved bits set without a negotiated extension, unknown opcodes, fragmented or oversized control frames, or a Close frame carrying an invalid status code. Older libraries also answer the newer codes 1012–1014 with 1002.',
	'code.1002.fix': 'Capture the frames (browser devtools, Wireshark) and check masking, RSV bits and the `Sec-WebSocket-Extensions` response. Use a conformant client/server library and upgrade ones that reject 1012–1014. Retrying will not help until the bug is fixed.',
	'code.1002.send': 'Only for real framing violations. Authentication or validation failures are not protocol errors: use 1008 or a 4xxx code.',

	'code.1003.meaning': 'The endpoint received a type of data it cannot accept — for example binary on a text-only endpoint, or the reverse.',
	'code.1003.when': 'A client sent a binary frame (ArrayBuffer, Blob, typed array, Buffer) to a server that only handles text, or a string to a binary-only endpoint. Some servers also use it for payloads in a format they never accept.',
	'code.1003.fix': 'Send the frame type the endpoint expects: `send(JSON.stringify(payload))` makes a text frame; `send(new TextEncoder().encode(text))` or an `ArrayBuffer` makes a binary frame; with `ws`, pass `{ binary: false }` or `{ binary: true }`. Reconnecting without changing what you send ends the same way.',
	'code.1003.send': 'From a message handler that receives a frame type it never accepts (check `isBinary` with `ws`, or `typeof event.data !== \'string\'`), before processing the data.',

	'code.1004.meaning': 'Reserved by RFC 6455; it has no meaning yet.',
	'code.1004.when': 'Practically never. Old documentation tables wrongly called it "too large" (the real code for that is 1009).',
	'code.1004.fix': 'If your code sends or expects 1004, it is working from a stale table: use 1009 for oversized messages.',
	'code.1004.send': 'Never. Every major implementation rejects it.',

	'code.1005.meaning': 'Reported locally when a Close frame arrived without a status code.',
	'code.1005.when': 'The peer called `close()` with no arguments (browsers and `ws` then send an empty Close frame), or a server or ingress shut the socket without a code.',
	'code.1005.fix': 'Make the closing side call `close(1000, reason)` (or the code that fits) instead of a bare `close()`. Decide deliberately whether your client reconnects on 1005: it is usually an intentional close, but some ingresses produce it during redeploys.',
	'code.1005.send': 'Never: it is reserved for reporting. `ws` throws `TypeError` and browsers throw `InvalidAccessError`. When forwarding a received 1005, send 1000 (or no code) instead.',

	'code.1006.meaning': 'Reported locally when the connection ended without a Close frame.',
	'code.1006.when': 'TCP dropped with no closing handshake: a proxy or load-balancer idle timeout (nginx 60 s, AWS ALB 60 s, Heroku 55 s, Cloudflare 100 s), a server crash or `terminate()`, a laptop waking from sleep, a network switch. In browsers, DNS, TLS, refused connections and rejected upgrades (401/403/429) also all arrive as 1006.',
	'code.1006.fix': 'Reconnect with exponential backoff and jitter. Send heartbeats well below the smallest idle timeout on the path (every 20–30 s). Measure how long the socket lived: a constant 55/60/100 s points at a specific proxy. Check `wasClean`, the server log and the browser console, which shows the hidden TLS/DNS error.',
	'code.1006.send': 'Never: it is reserved for reporting. A proxy forwarding a received 1006 should send 1011 (or 1001) instead; `ws` throws `TypeError` on 1006.',

	'code.1007.meaning': 'The message payload does not match its frame type — typically a text frame that is not valid UTF-8.',
	'code.1007.when': 'Raw bytes (terminal output, files, Latin-1 strings) sent as text, or a close reason that is not valid UTF-8.',
	'code.1007.fix': 'Send arbitrary bytes as binary frames or base64-encode them, and make sure strings are UTF-8 before sending. Retrying the same message fails again.',
	'code.1007.send': 'When you received a text message (or close reason) that is not valid UTF-8, or data inconsistent with the message type.',

	'code.1008.meaning': 'The message or the client violated the endpoint\'s policy; a generic code when no more specific one fits.',
	'code.1008.when': 'Authentication, origin or rate checks failed after the socket opened; gateways rejecting a client; the server wants to hide why it closed.',
	'code.1008.fix': 'Read the close reason and the server\'s auth/origin logs. Fix the credentials or origin, or refresh the token before reconnecting; do not blindly retry, or a rejected client loops forever.',
	'code.1008.send': 'For auth, origin or policy rejections after the socket is open, especially if details should stay hidden. Prefer 1003/1009 when they fit, and 4xxx codes when clients need different recovery paths (refresh token vs re-login). Browsers cannot send it.',

	'code.1009.meaning': 'A message was too big for the receiver to process.',
	'code.1009.when': 'A message exceeded a limit somewhere on the path: `ws` `maxPayload` (100 MiB by default), AWS API Gateway (128 KB per message, 32 KB per frame), a server\'s own cap, or a decompression limit. The sender often sees 1006 instead, so look at the receiver\'s log.',
	'code.1009.fix': 'Chunk or stream large payloads, or send a URL instead of the data; raise the limit only for peers you trust. Do not resend the same oversized message in a retry loop.',
	'code.1009.send': 'When you reject an incoming message because of its size — prefer it to 1008 so the sender can tell why.',

	'code.1010.meaning': 'The client ends the connection because the server did not negotiate an extension the client requires.',
	'code.1010.when': 'Rare: a client that insists on an extension such as permessage-deflate, which the server did not accept. The reason should list the missing extension.',
	'code.1010.fix': 'Align the `Sec-WebSocket-Extensions` configuration of both sides, or make the extension optional on the client.',
	'code.1010.send': 'Only from a client, when an extension is truly required. A server should not send it.',

	'code.1011.meaning': 'An endpoint — usually the server — hit an unexpected condition that stopped it from fulfilling the request.',
	'code.1011.when': 'An unhandled exception in a message handler, a failure between upgrade and setup, a proxy that could not forward the backend\'s code.',
	'code.1011.fix': 'Look at the server\'s exception log at the close time and catch errors in handlers. Clients usually treat it as transient and retry with backoff.',
	'code.1011.send': 'For unexpected or transient server-side failures (the HTTP 5xx of WebSockets), and instead of the reserved 1006 when your code means "abnormal". Not for invalid tokens: clients retry 1011, so an auth failure becomes a retry loop.',

	'code.1012.meaning': 'The service is restarting; clients should reconnect shortly.',
	'code.1012.when': 'Deploys and in-place restarts (for example Uvicorn on shutdown), edge proxies restarting.',
	'code.1012.fix': 'Reconnect with backoff and jitter. The close is clean (`wasClean: true`), so a client that only retries on `!wasClean` never comes back. Give the retry budget enough time to outlast a restart.',
	'code.1012.send': 'On a planned restart or deploy, when the same service will be back soon. Some older libraries reject the post-RFC codes 1012–1014 as protocol errors (Starscream before 3.0 for 1012, OkHttp for 1013, Boost.Beast for 1014).',

	'code.1013.meaning': 'A temporary condition, such as overload, made the server close; try again later.',
	'code.1013.when': 'Load shedding, capacity limits, rate limiting done after the upgrade (a 429 on the upgrade itself would reach browsers as a bare 1006).',
	'code.1013.fix': 'Back off for longer than for other retryable codes — start at a larger minimum delay or jump straight to the cap — and keep the jitter so clients do not return together.',
	'code.1013.send': 'When the server is temporarily over capacity and wants clients to come back later.',

	'code.1014.meaning': 'A gateway or proxy received an invalid response from the upstream server (the HTTP 502 of WebSockets).',
	'code.1014.when': 'A WebSocket proxy or gateway could not reach, or lost, its backend.',
	'code.1014.fix': 'Check the proxy\'s upstream health and logs; clients retry with backoff. `ws` accepts it since 2020, but older libraries reject it as a protocol error.',
	'code.1014.send': 'From a WebSocket proxy whose upstream failed, whether at connect time or mid-stream.',

	'code.1015.meaning': 'Reported locally by some libraries when the TLS handshake failed.',
	'code.1015.when': 'Certificate verification failed, or `wss://` was used against a plain `ws://` server (or the reverse). Browsers never show it: they report TLS failures as 1006.',
	'code.1015.fix': 'Match `ws://`/`wss://` to the server, fix the certificate chain and hostname, and check the client\'s trust store.',
	'code.1015.send': 'Never: it is reserved for reporting. `ws` throws `TypeError` on 1015 (unlike 1012–1014, which it accepts).',

	'code.3000.meaning': 'Unauthorized — the IANA-registered library code modelled on HTTP 401.',
	'code.3000.when': 'A server or framework closes the socket because the client is not authenticated (missing or expired credentials).',
	'code.3000.fix': 'Authenticate (or refresh the token) before reconnecting; retrying with the same credentials fails again.',
	'code.3000.send': 'When a connection lacks valid authentication. Browsers may send it (3000–4999 are allowed in `close()`).',

	'code.3003.meaning': 'Forbidden — the IANA-registered library code modelled on HTTP 403.',
	'code.3003.when': 'The client is authenticated but not allowed to use this resource or channel.',
	'code.3003.fix': 'Check the user\'s permissions; do not retry automatically unless permissions can change.',
	'code.3003.send': 'When an authenticated client is not permitted to do what it asked.',

	'code.3008.meaning': 'Timeout — the IANA-registered library code modelled on HTTP 408.',
	'code.3008.when': 'The peer took too long: no handshake, authentication or heartbeat within the allowed time.',
	'code.3008.fix': 'Send the expected message or heartbeat sooner, and check for timers throttled in background tabs; reconnecting is usually safe.',
	'code.3008.send': 'When a peer missed a deadline your protocol sets.',

	// ---- ranges (values without a registry entry) --------------------------------------------------------
	'range.invalidLow.meaning': 'Codes 0–999 are not used by WebSocket: no endpoint may send them.',
	'range.invalidLow.when': 'Usually a bug: a default of 0 or -1, an HTTP status passed by mistake, or a counter used as a code.',
	'range.invalidLow.fix': 'Use 1000 for a normal close, or a 4000–4999 code for an application reason. Browsers throw `InvalidAccessError`, and `ws` throws `TypeError`.',
	'range.invalidLow.send': 'Never.',

	'range.unassigned.meaning': 'Codes 1016–2999 are reserved for future revisions of the protocol and are currently unassigned.',
	'range.unassigned.when': 'Rarely on purpose: usually a typo or an application code put in the wrong range.',
	'range.unassigned.fix': 'Use a registered code, or move your application codes to 4000–4999.',
	'range.unassigned.send': 'Never: only the IETF can assign these, and browsers and `ws` reject them.',

	'range.library.meaning': 'Codes 3000–3999 are for libraries, frameworks and applications, registered with IANA first come, first served. This value is not one of the registrations this extension knows (3000, 3003, 3008).',
	'range.library.when': 'A library or framework defined its own meaning: check its documentation for this value.',
	'range.library.fix': 'Look up the library that sent it. If you own the code, consider registering it with IANA, or use the private 4000–4999 range instead.',
	'range.library.send': 'When your library or framework publishes (ideally registers) the meaning. Browsers and `ws` both allow it.',

	'range.private.meaning': 'Codes 4000–4999 are for private use: their meaning is agreed between your own endpoints and cannot be registered.',
	'range.private.when': 'Your application (or a protocol on top, such as graphql-ws or a chat gateway) defined this code. Many teams use 4000 + an HTTP status (4401 unauthorized, 4403 forbidden, 4429 rate limited).',
	'range.private.fix': 'Find where the server defines this code and handle it on the client; decide for each code whether the client should reconnect (auth-style codes usually should not).',
	'range.private.send': 'For application-specific reasons the standard codes lack (token expired, kicked, document deleted). Document the codes and keep a clear split between retryable and terminal ones. Browsers and `ws` both allow it.',

	'range.invalidHigh.meaning': 'Codes from 5000 up are outside every range RFC 6455 defines; no endpoint may send them.',
	'range.invalidHigh.when': 'Usually an application code with one digit too many, or an HTTP-style number used directly.',
	'range.invalidHigh.fix': 'Move the code into 4000–4999. Browsers throw `InvalidAccessError`; `ws` throws `TypeError`; a peer that receives it fails the connection with 1002.',
	'range.invalidHigh.send': 'Never.',

	// ---- often confused ----------------------------------------------------------------------------------
	'confused.1000.1001': '1000 means "done, do not come back"; 1001 means "this endpoint is leaving" — a server shutting down, where clients should reconnect. Page script can send 1000 but not 1001 (the browser itself sends 1001 when a tab closes).',
	'confused.1000.1005': '1000 is an explicit normal close; 1005 is what the peer reports when `close()` was called with no code at all.',
	'confused.1001.1003': '1001 is about the endpoint (it is going away; reconnect later); 1003 is about your data (wrong frame type; reconnecting will not help until you change what you send).',
	'confused.1001.1012': '1001: the server is going away, possibly for good; 1012: it is restarting and will be back soon. Clients should reconnect on both.',
	'confused.1001.3008': '1001 comes from an endpoint that is leaving (Deno also uses it when pings go unanswered); 3008 is an explicit timeout chosen by a library or application.',
	'confused.1002.1007': '1002 is a broken frame (masking, opcodes, RSV bits); 1007 is a well-formed frame whose payload is invalid, such as non-UTF-8 text.',
	'confused.1002.1008': '1002 is for framing violations only; auth and validation failures are policy (1008) or application (4xxx) closes.',
	'confused.1002.1010': '1002 means the frames broke the protocol; 1010 means the handshake lacked an extension the client requires.',
	'confused.1003.1007': '1003: you sent the wrong frame type; 1007: the frame type was right but its content was invalid (non-UTF-8 text).',
	'confused.1003.1008': '1003 is specifically the wrong data type; 1008 is the generic "policy" code for anything else the endpoint refuses.',
	'confused.1003.1009': '1003 rejects the type of a message; 1009 rejects its size.',
	'confused.1004.1009': 'Stale tables call 1004 "too large"; the real "message too big" code is 1009. 1004 is reserved and never sent.',
	'confused.1005.1006': 'Both are reported locally, never sent. 1005: a Close frame arrived without a code (usually an intentional bare `close()`); 1006: no Close frame arrived at all (the connection dropped).',
	'confused.1006.1011': '1006 means no Close frame arrived (a drop you observe locally); 1011 is a code the server actually sends after an internal error. Servers must send 1011, never 1006.',
	'confused.1006.1015': 'Both are local-only. Libraries that report TLS failures separately use 1015; browsers report them as 1006.',
	'confused.1006.3008': '1006 is an observed drop with no Close frame (often an idle timeout in a proxy); 3008 is a timeout that an endpoint announced explicitly.',
	'confused.1008.1009': '1008 is a generic policy refusal; 1009 says precisely that the message was too big. Prefer 1009 when size is the reason.',
	'confused.1008.1011': '1008: the client did something the server refuses (do not retry as is); 1011: the server failed (retry with backoff). Using 1011 for auth failures causes retry loops.',
	'confused.1008.3000': '1008 hides the reason behind "policy"; 3000 says explicitly that authentication is missing, so the client can re-authenticate.',
	'confused.1008.3003': '1008 is a generic refusal; 3003 says the client is known but not allowed, which a client can show to its user.',
	'confused.1011.1012': '1011 is an unexpected failure; 1012 is a planned restart. Both invite a reconnect, but 1012 tells operators nothing went wrong.',
	'confused.1011.1014': '1011: this server failed; 1014: this is a gateway, and the server behind it failed.',
	'confused.1012.1013': '1012: the service is restarting and will be back soon; 1013: it is up but overloaded, so back off longer.',
	'confused.1013.1014': '1013: the server itself is overloaded; 1014: a gateway could not get a valid response from its upstream.',
	'confused.3000.3003': '3000 (Unauthorized) means "who are you?" — authenticate and retry; 3003 (Forbidden) means "I know you, and no".',
	// ---- short names (inlay hints, completions) -------------------------------------------------------------
	// English labels are the IANA registry names (a unit test keeps them equal to closeCodes.ts).
	'label.1000': 'Normal Closure',
	'label.1001': 'Going Away',
	'label.1002': 'Protocol Error',
	'label.1003': 'Unsupported Data',
	'label.1004': 'Reserved',
	'label.1005': 'No Status Received',
	'label.1006': 'Abnormal Closure',
	'label.1007': 'Invalid Frame Payload Data',
	'label.1008': 'Policy Violation',
	'label.1009': 'Message Too Big',
	'label.1010': 'Mandatory Extension',
	'label.1011': 'Internal Error',
	'label.1012': 'Service Restart',
	'label.1013': 'Try Again Later',
	'label.1014': 'Bad Gateway',
	'label.1015': 'TLS Handshake',
	'label.3000': 'Unauthorized',
	'label.3003': 'Forbidden',
	'label.3008': 'Timeout',

	// ---- diagnostics ---------------------------------------------------------------------------------------
	'diag.reservedCode': '{0} ({1}) is reserved for reporting and must never be sent in a Close frame.',
	'diag.invalidCode': '{0} is not a valid close code: close codes run from 1000 to 4999.',
	'diag.unassignedCode': '{0} is in the unassigned range 1016–2999: no spec defines it, and peers may fail the connection with 1002.',
	'diag.browserCode': '`WebSocket#close()` accepts only 1000 and 3000–4999, so `close({0})` throws `InvalidAccessError`.',
	'diag.reasonTooLong': 'The close reason is {0} bytes of UTF-8, over the 123-byte limit (a Close frame carries at most 125 bytes).',
	'diag.forwarded': 'This forwards a received close code. 1005, 1006 and 1015 are only reported locally and cannot be sent, so the call fails when the peer closed without a code or the connection dropped.',
	'diag.forwardedWhatwg': 'This forwards a received close code to `WebSocket#close()`, which accepts only 1000 and 3000–4999: it throws `InvalidAccessError` for 1001, 1005, 1006 and most other codes a peer sends.',
	'diag.throws.whatwg': 'Here `close()` throws `InvalidAccessError`.',
	'diag.throws.ws': 'Here `ws` throws `TypeError`.',
	'diag.throws.reason.whatwg': 'Here `close()` throws `SyntaxError`.',
	'diag.throws.reason.ws': 'Here `ws` throws `RangeError`.',
	'fix.useCode': 'Use {0} ({1})',
	'fix.usePrivateCode': 'Use {0} (private-use code mirroring {1})',
	'fix.shortenReason': 'Shorten the reason to 123 bytes',
	'fix.mapForwarded': 'Map 1005/1006/1015 to 1000/1011 before forwarding',
	'fix.mapForwardedWhatwg': 'Forward only 1000 and 3000–4999 (send 1000 otherwise)',
	'fix.reconnect': 'Reconnect with exponential backoff',
	'fix.sendText': 'Send text frames',
	'fix.sendBinary': 'Send binary frames',
	'fix.rejectBinary': 'Reject binary frames with 1003',
	'fix.rejectText': 'Reject text frames with 1003',
	'refactor.replaceOne': 'Replace {0} with {1}',
	'refactor.replaceAll': 'Replace all {0} occurrences of {1} with {2}',
} as const;

export type MessageKey = keyof typeof en;
