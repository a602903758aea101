import { retryCodes, slowRetryCodes } from '../reconnectPolicy';

/**
 * The text of the generated `createReconnector` helper and of its options, written once for the reconnect quick fix
 * and the `ws-reconnect` snippet. Lines are indented with `\t` (the caller re-indents them to the file's style).
 *
 * How it behaves, and why:
 * - The helper listens to each socket's own `close` event (`track(socket, reconnect)` right after the socket is
 *   created), so a close handler that reads `this.socket` after a newer socket replaced it can never schedule for
 *   the wrong socket, and the application's own handler stays as it was.
 * - One target per key (the connect function's arguments: `joinRoom('a')` and `joinRoom('b')` are two targets);
 *   tracking a new socket for a target closes the one it replaces and cancels its pending attempt, so a target never
 *   has two sockets — however often the application calls connect.
 * - The backoff starts again only after a connection stayed open for `stableAfterMs`: a server that accepts and then
 *   fails sees the delays grow, not a reconnect storm.
 * - `stop()` holds until the application connects again itself (a call of connect that is not a pending attempt); an
 *   attempt already on its way when stop() came is closed as soon as it is tracked.
 * - Giving up (a code not worth retrying, or the attempt limit) calls `onGiveUp`, never silently.
 */

export interface ReconnectOptions {
	readonly initialDelayMs: number;
	readonly maxDelayMs: number;
	/** 0: no limit. */
	readonly maxAttempts: number;
	/** How long a connection must stay open before the backoff starts again. */
	readonly stableAfterMs: number;
}

export const helperName = 'createReconnector';

/** The object passed to `createReconnector(…)`: the delays from the settings (or snippet placeholders) and the policy's lists. */
export function optionsLines(settings: { readonly [K in keyof ReconnectOptions]: number | string }, quote: string): string[] {
	return [
		`\tinitialDelayMs: ${settings.initialDelayMs},`,
		`\tmaxDelayMs: ${settings.maxDelayMs},`,
		`\tmaxAttempts: ${settings.maxAttempts === 0 ? 'Infinity' : settings.maxAttempts},`,
		`\tstableAfterMs: ${settings.stableAfterMs},`,
		'\t// Reconnect only where the server or the network may recover: going away, a dropped connection, server errors,',
		'\t// restarts, overload, timeouts (and their 4000 + HTTP status forms). Add your application\'s retryable codes.',
		`\tretryCodes: [${retryCodes.join(', ')}],`,
		'\t// The server asked for time (Try Again Later, Too Many Requests, Service Unavailable): wait longer.',
		`\tslowCodes: [${slowRetryCodes.join(', ')}],`,
		`\tonGiveUp: (code, attempts) => console.warn(${quote}WebSocket closed with code${quote}, code, ${quote}after${quote}, attempts, ${quote}attempts: not reconnecting${quote}),`,
	];
}

/** `createReconnector`, typed for TypeScript or with JSDoc for JavaScript (so `checkJs` accepts it). */
export function helperLines(isTypeScript: boolean, semi: string, quote: string, socketType: string): string[] {
	const q = (text: string) => `${quote}${text}${quote}`;
	const typed = (typescript: string, javascript = '') => (isTypeScript ? typescript : javascript);
	const jsdoc = (...lines: string[]) => (isTypeScript ? [] : lines);
	const description = [
		' * Brings WebSocket connections back after closes worth retrying (retryCodes): exponential backoff with full',
		' * jitter, so retry n waits a random time up to min(maxDelayMs, initialDelayMs * 2^n), and between half the cap',
		' * and the cap after slowCodes. The backoff starts again once a connection has stayed open for stableAfterMs.',
		' * One connection per target (the connect function\'s arguments): connecting again replaces the previous socket.',
	];
	const optionFields = [
		`\tinitialDelayMs: number${semi}`,
		`\tmaxDelayMs: number${semi}`,
		'\t/** Attempts in a row before giving up; Infinity never gives up. */',
		`\tmaxAttempts: number${semi}`,
		'\t/** How long a connection must stay open before the backoff starts again from initialDelayMs. */',
		`\tstableAfterMs: number${semi}`,
		'\t/** Close codes worth retrying; after any other code the connection stays closed. */',
		`\tretryCodes: readonly number[]${semi}`,
		'\t/** Close codes whose sender asked for time: the retry waits between half the cap and the cap. */',
		`\tslowCodes: readonly number[]${semi}`,
		'\t/** The connection closed and will not come back by itself (not called after stop()). */',
		`\tonGiveUp: (code: number, attempts: number) => void${semi}`,
	];
	const signature = isTypeScript
		? ['/**', ...description, ' */', `function ${helperName}(options: {`, ...optionFields, '}) {']
		: [
			'/**', ...description,
			' * @param {{ initialDelayMs: number, maxDelayMs: number, maxAttempts: number, stableAfterMs: number,',
			' *   retryCodes: readonly number[], slowCodes: readonly number[], onGiveUp: (code: number, attempts: number) => void }} options',
			' */',
			`function ${helperName}(options) {`,
		];
	const target = isTypeScript
		? [
			'\tinterface Target {',
			`\t\treadonly key: readonly unknown[]${semi}`,
			`\t\tsocket?: ${socketType}${semi}`,
			`\t\tattempt: number${semi}`,
			`\t\ttimer?: ReturnType<typeof setTimeout>${semi}`,
			'\t\t/** A pending attempt is connecting: the next socket tracked is that attempt, not a new start. */',
			`\t\treconnecting?: boolean${semi}`,
			`\t\tstopped?: boolean${semi}`,
			'\t}',
		]
		: [
			'\t/**',
			`\t * @typedef {{ key: readonly unknown[], socket?: ${socketType}, attempt: number, timer?: ReturnType<typeof setTimeout>,`,
			'\t *   reconnecting?: boolean, stopped?: boolean }} Target',
			'\t *   reconnecting: a pending attempt is connecting, so the next socket tracked is that attempt, not a new start.',
			'\t */',
		];
	return [
		...signature,
		...target,
		...jsdoc('\t/** @type {Target[]} */'),
		`\tconst targets${typed(': Target[]')} = []${semi}`,
		...jsdoc('\t/** @param {Target} target @param {readonly unknown[]} key */'),
		`\tconst sameKey = (target${typed(': Target')}, key${typed(': readonly unknown[]')}) =>`,
		`\t\ttarget.key.length === key.length && target.key.every((value, index) => Object.is(value, key[index]))${semi}`,
		...jsdoc('\t/** @param {Target} target */'),
		`\tconst forget = (target${typed(': Target')}) => {`,
		`\t\tclearTimeout(target.timer)${semi}`,
		`\t\ttarget.timer = undefined${semi}`,
		`\t\tconst index = targets.indexOf(target)${semi}`,
		'\t\tif (index >= 0) {',
		`\t\t\ttargets.splice(index, 1)${semi}`,
		'\t\t}',
		`\t}${semi}`,
		'\t// `ws` reports closing a socket that is still connecting as an \'error\' event, which throws when nobody listens.',
		...jsdoc(`\t/** @param {${socketType}} socket */`),
		`\tconst closeQuietly = (socket${typed(`: ${socketType}`)}) => {`,
		`\t\tsocket.addEventListener(${q('error')}, () => undefined)${semi}`,
		`\t\tsocket.close(1000)${semi}`,
		`\t}${semi}`,
		...jsdoc('\t/** @param {Target} target @param {number} code @param {() => unknown} reconnect */'),
		`\tfunction schedule(target${typed(': Target')}, code${typed(': number')}, reconnect${typed(': () => unknown')})${typed(': void')} {`,
		'\t\tif (!options.retryCodes.includes(code) || target.attempt >= options.maxAttempts) {',
		`\t\t\tforget(target)${semi}`,
		`\t\t\toptions.onGiveUp(code, target.attempt)${semi}`,
		`\t\t\treturn${semi}`,
		'\t\t}',
		'\t\t// Full jitter spreads out the clients that dropped together; a server that asked for time gets it.',
		`\t\tconst ceiling = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** target.attempt)${semi}`,
		'\t\tconst delay = options.slowCodes.includes(code)',
		'\t\t\t? options.maxDelayMs / 2 + Math.random() * (options.maxDelayMs / 2)',
		`\t\t\t: Math.random() * ceiling${semi}`,
		`\t\ttarget.attempt += 1${semi}`,
		'\t\ttarget.timer = setTimeout(() => {',
		`\t\t\ttarget.timer = undefined${semi}`,
		`\t\t\ttarget.reconnecting = true${semi}`,
		`\t\t\treconnect()${semi}`,
		`\t\t}, delay)${semi}`,
		'\t}',
		'\treturn {',
		'\t\t/**',
		'\t\t * Call right after creating each socket. `reconnect` creates the next one; `key` tells targets apart (the',
		'\t\t * arguments of a connect(room) function). Tracking a new socket for a target closes the one it replaces and',
		'\t\t * cancels its pending attempt.',
		...jsdoc(`\t\t * @param {${socketType}} socket`, '\t\t * @param {() => unknown} reconnect', '\t\t * @param {...unknown} key'),
		'\t\t */',
		`\t\ttrack(socket${typed(`: ${socketType}`)}, reconnect${typed(': () => unknown')}, ...key${typed(': unknown[]')})${typed(': void')} {`,
		`\t\t\tlet target = targets.find((candidate) => sameKey(candidate, key))${semi}`,
		'\t\t\tif (!target) {',
		`\t\t\t\ttarget = { key, attempt: 0 }${semi}`,
		`\t\t\t\ttargets.push(target)${semi}`,
		'\t\t\t} else if (!target.reconnecting) {',
		'\t\t\t\t// The application connects by itself (a "Retry" button, a new session): a fresh start.',
		`\t\t\t\ttarget.attempt = 0${semi}`,
		`\t\t\t\ttarget.stopped = false${semi}`,
		'\t\t\t}',
		`\t\t\ttarget.reconnecting = false${semi}`,
		`\t\t\tclearTimeout(target.timer)${semi}`,
		`\t\t\ttarget.timer = undefined${semi}`,
		`\t\t\tconst previous = target.socket${semi}`,
		`\t\t\ttarget.socket = socket${semi}`,
		'\t\t\tif (previous && previous !== socket && (previous.readyState === previous.CONNECTING || previous.readyState === previous.OPEN)) {',
		`\t\t\t\tcloseQuietly(previous)${semi}`,
		'\t\t\t}',
		'\t\t\tif (target.stopped) {',
		`\t\t\t\tcloseQuietly(socket)${semi} // an attempt that was on its way when stop() came`,
		'\t\t\t}',
		`\t\t\tconst tracked = target${semi}`,
		...(isTypeScript ? [`\t\t\tlet openedAt: number | undefined${semi}`] : ['\t\t\t/** @type {number | undefined} */', `\t\t\tlet openedAt${semi}`]),
		`\t\t\tsocket.addEventListener(${q('open')}, () => {`,
		`\t\t\t\topenedAt = Date.now()${semi}`,
		`\t\t\t}, { once: true })${semi}`,
		`\t\t\tsocket.addEventListener(${q('close')}, (event) => {`,
		'\t\t\t\tif (tracked.socket !== socket) {',
		`\t\t\t\t\treturn${semi} // replaced by a newer socket`,
		'\t\t\t\t}',
		`\t\t\t\ttracked.socket = undefined${semi}`,
		'\t\t\t\tif (tracked.stopped) {',
		`\t\t\t\t\tforget(tracked)${semi}`,
		`\t\t\t\t\treturn${semi}`,
		'\t\t\t\t}',
		'\t\t\t\tif (openedAt !== undefined && Date.now() - openedAt >= options.stableAfterMs) {',
		`\t\t\t\t\ttracked.attempt = 0${semi}`,
		'\t\t\t\t}',
		`\t\t\t\tschedule(tracked, event.code, reconnect)${semi}`,
		`\t\t\t}, { once: true })${semi}`,
		'\t\t},',
		'\t\t/**',
		'\t\t * Closing on purpose (sign-out, unmount, dispose): cancels pending attempts and ignores the next close, until',
		'\t\t * the application connects again. With a key, only that target.',
		...jsdoc('\t\t * @param {...unknown} key'),
		'\t\t */',
		`\t\tstop(...key${typed(': unknown[]')})${typed(': void')} {`,
		'\t\t\tfor (const target of targets.filter((candidate) => key.length === 0 || sameKey(candidate, key))) {',
		`\t\t\t\ttarget.stopped = true${semi}`,
		`\t\t\t\tclearTimeout(target.timer)${semi}`,
		`\t\t\t\ttarget.timer = undefined${semi}`,
		'\t\t\t\tif (!target.socket && !target.reconnecting) {',
		`\t\t\t\t\tforget(target)${semi}`,
		'\t\t\t\t}',
		'\t\t\t}',
		'\t\t},',
		`\t}${semi}`,
		'}',
	];
}

/**
 * The body of the `ws-reconnect` snippet (VS Code snippet syntax, `\t`-indented): the same helper and options as the
 * quick fix, wired to a browser client. scripts/snippets.mjs writes it into the snippet files; a test keeps them equal.
 */
export function reconnectSnippetLines(isTypeScript: boolean): string[] {
	const escape = (line: string) => line.replace(/\$/g, '\\$');
	const semi = ';';
	return [
		...helperLines(isTypeScript, semi, "'", 'WebSocket').map(escape),
		'',
		`const reconnector = ${helperName}({`,
		...optionsLines({ initialDelayMs: '${1:1000}', maxDelayMs: '${2:30000}', maxAttempts: 0, stableAfterMs: '${3:5000}' }, "'")
			.map((line) => (/\$\{\d/.test(line) ? line : escape(line))),
		`})${semi}`,
		'',
		...(isTypeScript ? [`let socket: WebSocket${semi} // the current connection`] : ['/** @type {WebSocket} */', `let socket${semi} // the current connection`]),
		'',
		`function connect()${isTypeScript ? ': void' : ''} {`,
		`\tsocket = new WebSocket('\${4:wss://example.com/socket}')${semi}`,
		`\treconnector.track(socket, connect)${semi}`,
		'\tsocket.addEventListener(\'error\', () => {',
		'\t\t// Browsers expose no details here; the close event that follows (usually 1006) decides about reconnecting.',
		`\t})${semi}`,
		'\tsocket.addEventListener(\'message\', (event) => {',
		'\t\t$0',
		`\t})${semi}`,
		'}',
		'',
		'/** Closing on purpose (sign-out): no reconnect until connect() is called again. */',
		`function disconnect()${isTypeScript ? ': void' : ''} {`,
		`\treconnector.stop()${semi}`,
		`\tsocket.close(1000, 'signed out')${semi}`,
		'}',
		'',
		`connect()${semi}`,
	];
}
