/**
 * The close-code registry: language-neutral facts about every WebSocket close code.
 *
 * Text that a person reads (meaning, causes, fixes) lives in `l10n/en.ts` and `l10n/ja.ts`, keyed by the ids
 * defined here. To add a code: add an entry to `registeredCodes`, then its texts to both catalogs (the Japanese
 * catalog is typed against the English one, so a missing translation is a compile error).
 */

/** Where the meaning of a code is defined. */
export type SpecRef = 'rfc6455' | 'iana' | 'whatwg';

export const specLinks: Record<SpecRef, string> = {
	rfc6455: 'https://www.rfc-editor.org/rfc/rfc6455#section-7.4.1',
	iana: 'https://www.iana.org/assignments/websocket/websocket.xhtml#close-code-number',
	whatwg: 'https://websockets.spec.whatwg.org/#dom-websocket-close',
};

export const rangeSpecLink = 'https://www.rfc-editor.org/rfc/rfc6455#section-7.4.2';

export interface RegisteredCode {
	readonly code: number;
	/** The name in the IANA registry, kept in English in every locale (it is an identifier, not prose). */
	readonly name: string;
	readonly spec: SpecRef;
	/** May an endpoint put this code in a Close frame? (1005, 1006, 1015 are local-only; 1004 is reserved.) */
	readonly wire: boolean;
	/** Codes that people mix up with this one; each pair has a `confused.A.B` text in the catalogs (A < B). */
	readonly confusedWith: readonly number[];
	/**
	 * The neighbours a hover contrasts this code with ("which to use when"), from `confusedWith`: the choice that
	 * matters most when writing or handling this code. The reference page shows every pair.
	 */
	readonly contrast: readonly number[];
}

/** Every code in the IANA registry as of this release (RFC 6455 §7.4.1 plus later IANA registrations). */
export const registeredCodes: readonly RegisteredCode[] = [
	{ code: 1000, name: 'Normal Closure', spec: 'rfc6455', wire: true, confusedWith: [1001, 1005], contrast: [1001] },
	{ code: 1001, name: 'Going Away', spec: 'rfc6455', wire: true, confusedWith: [1000, 1003, 1012, 3008], contrast: [1003] },
	{ code: 1002, name: 'Protocol Error', spec: 'rfc6455', wire: true, confusedWith: [1007, 1008, 1010], contrast: [1008] },
	{ code: 1003, name: 'Unsupported Data', spec: 'rfc6455', wire: true, confusedWith: [1001, 1007, 1008, 1009], contrast: [1001] },
	{ code: 1004, name: 'Reserved', spec: 'rfc6455', wire: false, confusedWith: [1009], contrast: [1009] },
	{ code: 1005, name: 'No Status Received', spec: 'rfc6455', wire: false, confusedWith: [1000, 1006], contrast: [1006] },
	{ code: 1006, name: 'Abnormal Closure', spec: 'rfc6455', wire: false, confusedWith: [1005, 1011, 1015, 3008], contrast: [1011] },
	{ code: 1007, name: 'Invalid Frame Payload Data', spec: 'rfc6455', wire: true, confusedWith: [1002, 1003], contrast: [1003] },
	{ code: 1008, name: 'Policy Violation', spec: 'rfc6455', wire: true, confusedWith: [1002, 1003, 1009, 1011, 3000, 3003], contrast: [1003, 1009] },
	{ code: 1009, name: 'Message Too Big', spec: 'rfc6455', wire: true, confusedWith: [1003, 1004, 1008], contrast: [1008] },
	{ code: 1010, name: 'Mandatory Extension', spec: 'rfc6455', wire: true, confusedWith: [1002], contrast: [1002] },
	{ code: 1011, name: 'Internal Error', spec: 'rfc6455', wire: true, confusedWith: [1006, 1008, 1012, 1014], contrast: [1006] },
	{ code: 1012, name: 'Service Restart', spec: 'iana', wire: true, confusedWith: [1001, 1011, 1013], contrast: [1001] },
	{ code: 1013, name: 'Try Again Later', spec: 'iana', wire: true, confusedWith: [1012, 1014], contrast: [1012] },
	{ code: 1014, name: 'Bad Gateway', spec: 'iana', wire: true, confusedWith: [1011, 1013], contrast: [1011] },
	{ code: 1015, name: 'TLS Handshake', spec: 'rfc6455', wire: false, confusedWith: [1006], contrast: [1006] },
	{ code: 3000, name: 'Unauthorized', spec: 'iana', wire: true, confusedWith: [1008, 3003], contrast: [3003] },
	{ code: 3003, name: 'Forbidden', spec: 'iana', wire: true, confusedWith: [1008, 3000], contrast: [3000] },
	{ code: 3008, name: 'Timeout', spec: 'iana', wire: true, confusedWith: [1001, 1006], contrast: [1006] },
];

const byCode = new Map(registeredCodes.map((entry) => [entry.code, entry]));

export function lookupRegistered(code: number): RegisteredCode | undefined {
	return byCode.get(code);
}

/** The range a value falls in (RFC 6455 §7.4.2), used for codes that have no registry entry of their own. */
export type CodeRange = 'invalidLow' | 'protocol' | 'unassigned' | 'library' | 'private' | 'invalidHigh';

export function rangeOf(code: number): CodeRange {
	if (code < 1000) {
		return 'invalidLow';
	}
	if (code <= 1015) {
		return 'protocol';
	}
	if (code <= 2999) {
		return 'unassigned';
	}
	if (code <= 3999) {
		return 'library';
	}
	if (code <= 4999) {
		return 'private';
	}
	return 'invalidHigh';
}

/**
 * Who accepts a code in `close()`. The rules differ by runtime and bite in production:
 * the WHATWG `close()` (browsers, Node 22+ global WebSocket, Deno clients) allows only 1000 and 3000–4999;
 * the `ws` package allows 1000–1014 except 1004–1006, and 3000–4999 (lib/validation.js).
 */
export function isSendableByWhatwg(code: number): boolean {
	return code === 1000 || (code >= 3000 && code <= 4999);
}

export function isSendableByWs(code: number): boolean {
	return (code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) || (code >= 3000 && code <= 4999);
}

/**
 * What Cloudflare's workerd (Workers, Durable Objects, Miniflare 3+) lets `close()` send: 1000–4999 except the four
 * codes only reported locally; anything else throws `InvalidAccessError` (checked against workerd in test/runtimes).
 */
export function isSendableByWorkerd(code: number): boolean {
	return code >= 1000 && code <= 4999 && code !== 1004 && code !== 1005 && code !== 1006 && code !== 1015;
}

/** The `close()` implementations that check the code themselves: what each accepts, and what it throws otherwise. */
export const checkedBy = {
	whatwg: { accepts: isSendableByWhatwg, throws: 'InvalidAccessError' },
	ws: { accepts: isSendableByWs, throws: 'TypeError' },
	workerd: { accepts: isSendableByWorkerd, throws: 'InvalidAccessError' },
} as const;

export type CheckingApi = keyof typeof checkedBy;

/** `api` when it is one of `checkedBy` (the others — server sockets, unknown — leave the code to RFC 6455). */
export function checkingApi(api: string): CheckingApi | undefined {
	return api === 'whatwg' || api === 'ws' || api === 'workerd' ? api : undefined;
}

/** May this value appear in a Close frame at all? */
export function isSendableOnWire(code: number): boolean {
	const registered = lookupRegistered(code);
	if (registered) {
		return registered.wire;
	}
	const range = rangeOf(code);
	return range === 'library' || range === 'private';
}

/** A stable key for a "often confused" pair, smaller code first. */
export function confusionKey(a: number, b: number): `confused.${number}.${number}` {
	return a < b ? `confused.${a}.${b}` : `confused.${b}.${a}`;
}
