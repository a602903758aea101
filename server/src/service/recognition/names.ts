/**
 * Evidence from names. Identifiers are split into lower-case words (`GOING_AWAY`, `goingAway` and `GoingAway` all
 * become `going away`) so every rule below works for any naming style.
 */

/** Identifiers repeat a lot in a file (and across keystrokes): their words are remembered, up to a bound. */
const wordCache = new Map<string, readonly string[]>();
const wordCacheLimit = 20_000;

export function words(identifier: string): string[] {
	let cached = wordCache.get(identifier);
	if (cached === undefined) {
		cached = identifier
			.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
			.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
			.split(/[^A-Za-z0-9]+/)
			.filter((word) => word.length > 0)
			.map((word) => word.toLowerCase());
		if (wordCache.size >= wordCacheLimit) {
			wordCache.clear();
		}
		wordCache.set(identifier, cached);
	}
	return cached as string[];
}

/** Words that say a number is something other than a close code, whatever else the name says. */
const contraryWords = new Set([
	'timeout', 'timeouts', 'delay', 'delays', 'interval', 'intervals', 'ms', 'millis', 'milliseconds', 'seconds', 'secs',
	'sec', 'port', 'ports', 'size', 'length', 'len', 'limit', 'max', 'min', 'bytes', 'kb', 'mb', 'duration', 'ttl',
	'wait', 'backoff', 'jitter', 'heartbeat', 'ping', 'pong', 'count', 'attempts', 'retries', 'http', 'width', 'height',
	'offset', 'index', 'id', 'version', 'priority', 'mask', 'flags', 'time', 'period', 'elapsed', 'age', 'expiry',
]);

export function hasContraryWord(identifier: string): boolean {
	return words(identifier).some((word) => contraryWords.has(word));
}

/**
 * Does the name say it holds (or groups) WebSocket close codes? `CloseCode`, `WS_CLOSE_NORMAL`, `closeCodes`,
 * `WebSocketStatus`, `GatewayCloseCodes`, `closeReason`… but not `closeTimeout` or `socketPort`.
 */
export function saysCloseCode(identifier: string): boolean {
	const list = words(identifier);
	// The last word is what the name is: `closeTimeout` is a time, `TIMEOUT_CLOSE_CODE` and `maxCloseCode` are codes.
	const last = list[list.length - 1];
	if (hasContraryWord(identifier) && last !== 'code' && last !== 'codes' && last !== 'status') {
		return false;
	}
	const has = (word: string) => list.includes(word);
	if (has('close') || has('closure') || has('closed')) {
		return has('code') || has('codes') || has('status') || has('event') || has('events') || list.length === 1 ||
			has('ws') || has('websocket') || has('socket');
	}
	return (has('ws') || has('websocket') || has('socket')) && (has('code') || has('codes') || has('status'));
}

/** Words for "the connection ends", used to recognise close handlers and close helpers by their names. */
export function saysClosing(identifier: string): boolean {
	const list = words(identifier);
	return list.some((word) => word === 'close' || word === 'closed' || word === 'closing' || word === 'disconnect' ||
		word === 'disconnected' || word === 'onclose' || word === 'reconnect' || word === 'terminate');
}

/**
 * Words that name a quantity in some unit. Unlike the other contrary words (`Timeout`, `Version`, `Id` are also words
 * of close-code names such as `ConnectionInitialisationTimeout` or `InvalidAPIVersion`), these never name a close
 * code, even inside a close-code enum or table.
 */
const quantityWords = new Set([
	'delay', 'delays', 'interval', 'intervals', 'ms', 'millis', 'milliseconds', 'seconds', 'secs', 'sec', 'port', 'ports',
	'bytes', 'kb', 'mb', 'duration', 'ttl', 'backoff', 'jitter', 'attempts', 'retries', 'width', 'height', 'mask', 'flags',
]);

export function hasQuantityWord(identifier: string): boolean {
	return words(identifier).some((word) => quantityWords.has(word));
}

/** Words that make a close helper's number a time. */
const timingWords = new Set(['schedule', 'scheduled', 'after', 'later', 'defer', 'deferred', 'delayed', 'timer', 'debounce', 'debounced', 'throttle']);

export function hasTimingWord(identifier: string): boolean {
	return words(identifier).some((word) => timingWords.has(word));
}

/**
 * Names of helpers that end or fail a connection and take its close code: `_close`, `closeAndRetry`, `triggerClose`,
 * `failWebsocketConnection`, `failHandshake`, `onClose`, `_beginClose`, `terminate`, `shutdown`. Not `reconnect`
 * (its number is a delay) and not names with a contrary word (`closeTimeout`).
 */
export function saysClosingHelper(identifier: string): boolean {
	if (hasContraryWord(identifier)) {
		return false;
	}
	const list = words(identifier);
	// `scheduleClose(ws, 3000)`, `closeAfter(3000)`, `deferClose`: the number is when, not why.
	if (hasTimingWord(identifier)) {
		return false;
	}
	return list.some((word) => word === 'close' || word === 'closed' || word === 'closing' || word === 'onclose' ||
		word === 'fail' || word === 'failed' || word === 'terminate' || word === 'disconnect' || word === 'shutdown');
}

/**
 * A numeric constant named as a close *reason* is the reason's code: `CLOSE_REASON_NORMAL = 1000` (WebSocket-Node's
 * style), `CloseReason.GoingAway`. A name that ends in `reason` (`closeReason`) is the text, not the code.
 */
export function saysCloseReasonCode(identifier: string): boolean {
	if (hasContraryWord(identifier)) {
		return false;
	}
	const list = words(identifier);
	const closeAt = list.findIndex((word) => word === 'close' || word === 'closure');
	return closeAt >= 0 && list[closeAt + 1] === 'reason' && list.length > closeAt + 2;
}

/** Last words of a table that says what each key means: `CLOSE_MESSAGES`, `closeReasons`, `disconnectDescriptions`. */
const descriptionWords = new Set(['messages', 'reasons', 'descriptions', 'texts', 'names', 'labels', 'explanations', 'strings', 'meanings']);

/**
 * Does the name say it describes closes, one entry per code? `CLOSE_MESSAGES`, `closeReasons`, `CloseCodeNames`,
 * `DISCONNECT_REASONS` — a table looked up by a code (`closeReasons[1006]`). Not `closeTimeouts` or `messages` alone.
 */
export function saysCloseDescriptions(identifier: string): boolean {
	const list = words(identifier);
	const last = list[list.length - 1];
	return descriptionWords.has(last) && !hasContraryWord(identifier) &&
		list.some((word) => word === 'close' || word === 'closure' || word === 'closing' || word === 'disconnect');
}

/** Parameter and variable names that mean "a close code" once we know we are in a close path. */
export function isCodeName(identifier: string): boolean {
	const list = words(identifier);
	return list.length > 0 && !hasContraryWord(identifier) && (list[list.length - 1] === 'code' || identifier === 'c' ||
		identifier === 'status');
}

/** Names people give to a close event object (`event.code`). */
export function isEventName(identifier: string): boolean {
	return /^(?:e|ev|evt|event|ce|closeEvt|closeEv)$/i.test(identifier) || /close_?event$/i.test(identifier);
}

/**
 * Names that are specific to one close code. A constant or member whose name matches the alias of its own value
 * (`GOING_AWAY = 1001`, `NormalClosure = 1000`) is a close code even when nothing else in the file says so.
 * Each alias is a list of words that must all appear in the name.
 */
const aliases: ReadonlyMap<number, readonly (readonly string[])[]> = new Map([
	[1000, [['normal', 'closure'], ['close', 'normal'], ['normal', 'close'], ['closed', 'normally'], ['normal', 'closed']]],
	[1001, [['going', 'away'], ['goingaway']]],
	[1002, [['protocol', 'error', 'close'], ['close', 'protocol'], ['protocol', 'error']]],
	[1003, [['unsupported', 'data'], ['close', 'unsupported'], ['cannot', 'accept'], ['unsupported']]],
	[1004, [['close', 'reserved']]],
	[1005, [['no', 'status'], ['no', 'status', 'received'], ['no', 'status', 'rcvd'], ['closed', 'no', 'status'], ['no', 'status', 'code']]],
	[1006, [['abnormal', 'closure'], ['close', 'abnormal'], ['abnormal'], ['closed', 'abnormally'], ['abnormal', 'close']]],
	[1007, [['invalid', 'frame', 'payload'], ['invalid', 'payload'], ['unsupported', 'payload'], ['not', 'consistent'], ['inconsistent', 'data']]],
	[1008, [['policy', 'violation'], ['violated', 'policy'], ['policy']]],
	[1009, [['message', 'too', 'big'], ['too', 'big'], ['too', 'large'], ['message', 'too', 'large'], ['close', 'too', 'large']]],
	[1010, [['mandatory', 'extension'], ['missing', 'extension'], ['extension', 'required'], ['no', 'extension'], ['mandatory', 'ext']]],
	[1011, [['internal', 'error'], ['internal', 'server', 'error'], ['unexpected', 'condition'], ['server', 'error']]],
	[1012, [['service', 'restart'], ['restart'], ['restarting']]],
	[1013, [['try', 'again', 'later'], ['try', 'again']]],
	[1014, [['bad', 'gateway']]],
	[1015, [['tls', 'handshake'], ['tls', 'handshake', 'failure'], ['tls']]],
	[3000, [['unauthorized']]],
	[3003, [['forbidden']]],
	[3008, [['timeout']]],
]);

/** True when the name is one people give to exactly this close code. */
export function nameMatchesCode(identifier: string, code: number): boolean {
	const options = aliases.get(code);
	if (!options) {
		return false;
	}
	const list = words(identifier);
	return options.some((alias) => alias.every((word) => list.includes(word)));
}
