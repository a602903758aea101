// The fixture matrix, shared by the proofs: which fixtures, where each action is asked for, what the file's style
// is, where the result runs and how a test drives it.
import type { ActionKind, AppliedFix, CodeStyleExpectation, FixServer, RunningModule, Runtime } from './harness';
import { reconnectTitle } from './harness';

export interface ClientCase {
	readonly fixture: string;
	readonly what: string;
	readonly style: CodeStyleExpectation;
	readonly runtime: Runtime;
	/** `whatwg`: the runner provides ws's client as the global WebSocket. */
	readonly flavour: 'whatwg' | 'node';
	/** A received retryable code in the close handler: the fix is offered there, preferred. */
	readonly code: { readonly needle: string; readonly delta: number };
	/** Elsewhere in the close handler: offered, not preferred. */
	readonly plain: string;
	/**
	 * Starts the client's `session`-th connection in the same process: `connect()` again, a new instance of the class,
	 * or (a module that connects when imported) a fresh instance of the module.
	 */
	start(module: RunningModule, url: string, session: number): Promise<unknown>;
	/** What the application calls to close that session's connection on purpose (sign out, dispose). */
	closeOnPurpose(module: RunningModule, session: number): Promise<unknown>;
}

const tabs: CodeStyleExpectation['indent'] = '\t';
export const clients: readonly ClientCase[] = [
	{
		fixture: 'browserFunction.ts', what: 'function-based browser client (TS; tabs, single quotes, semicolons)',
		style: { indent: tabs, quote: "'", semicolon: true, eol: '\n' }, runtime: 'browser', flavour: 'whatwg',
		code: { needle: '1001', delta: 2 }, plain: "'The server is going away:'",
		start: (module) => module.call('connect'), closeOnPurpose: (module) => module.call('disconnect'),
	},
	{
		fixture: 'browserClass.tsx', what: 'class-based browser client (TSX; 2 spaces, double quotes, semicolons)',
		style: { indent: '  ', quote: '"', semicolon: true, eol: '\n' }, runtime: 'browser', flavour: 'whatwg',
		code: { needle: 'case 1012', delta: 7 }, plain: 'this.events.push("restarting")',
		start: (module, url, session) => module.construct('FeedClient', [`${url}/feed`], `client${session}`),
		closeOnPurpose: (module, session) => module.call('close', [], { target: `client${session}` }),
	},
	{
		fixture: 'browserArrow.js', what: 'arrow-function browser client with a fixed-delay reconnect (JS; 2 spaces, single quotes, no semicolons)',
		style: { indent: '  ', quote: "'", semicolon: false, eol: '\n' }, runtime: 'browser', flavour: 'whatwg',
		code: { needle: '1013', delta: 0 }, plain: "seen.push('busy')",
		start: (module) => module.call('connect'), closeOnPurpose: (module) => module.call('signOut'),
	},
	{
		fixture: 'browserClass.jsx', what: 'class-based browser client with a `function` handler (JSX; tabs, double quotes, no semicolons)',
		style: { indent: tabs, quote: '"', semicolon: false, eol: '\n' }, runtime: 'browser', flavour: 'whatwg',
		code: { needle: '1006', delta: 1 }, plain: 'console.log("presence lost"',
		start: (module, url, session) => module.construct('PresenceClient', [`${url}/presence`], `client${session}`),
		closeOnPurpose: (module, session) => module.call('dispose', [], { target: `client${session}` }),
	},
	{
		fixture: 'topLevel.mjs', what: 'top-level socket in an ES module (4 spaces, double quotes, semicolons)',
		style: { indent: '    ', quote: '"', semicolon: true, eol: '\n' }, runtime: 'browser', flavour: 'whatwg',
		code: { needle: '1012', delta: 4 }, plain: 'log.push("service restart")',
		start: async (module, _, session) => (session > 0 ? module.reload() : undefined), closeOnPurpose: (module) => module.call('leave'),
	},
	{
		fixture: 'wsClient.cjs', what: '`ws` client in CommonJS with connect(url) (2 spaces, single quotes, semicolons, CRLF)',
		style: { indent: '  ', quote: "'", semicolon: true, eol: '\r\n' }, runtime: 'node', flavour: 'node',
		code: { needle: 'case 1001', delta: 5 }, plain: "'feed going away:'",
		start: (module, url) => module.call('connect', [`${url}/prices`]), closeOnPurpose: (module) => module.call('stopFeed'),
	},
];


export const sendText = 'Send text frames';
export const sendBinary = 'Send binary frames';
export const rejectBinary = 'Reject binary frames with 1003';
export const rejectText = 'Reject text frames with 1003';

export interface FixCase {
	readonly fixture: string;
	readonly title: string;
	readonly needle: string;
	readonly delta: number;
	/** Asked for as a refactor (the frame guards), not as a quick fix. */
	readonly kind?: ActionKind;
	/** Every title offered there, in order. */
	readonly offered: readonly string[];
	readonly style: CodeStyleExpectation;
	readonly runtime: Runtime;
}

const browserFunction = { style: { indent: '\t', quote: "'", semicolon: true, eol: '\n' }, runtime: 'browser' } as const;
const browserClass = { style: { indent: '  ', quote: '"', semicolon: true, eol: '\n' }, runtime: 'browser' } as const;
const wsClient = { style: { indent: '  ', quote: "'", semicolon: true, eol: '\r\n' }, runtime: 'node' } as const;
const wsServer = { style: { indent: '\t', quote: "'", semicolon: true, eol: '\n' }, runtime: 'node' } as const;
const echoServer = { style: { indent: '  ', quote: '"', semicolon: false, eol: '\n' }, runtime: 'node' } as const;
const reconnect = reconnectTitle;

export const frameCases: readonly FixCase[] = [
	{ fixture: 'browserFunction.ts', title: sendText, needle: '1003', delta: 1, offered: [reconnect, sendText, sendBinary], ...browserFunction },
	{ fixture: 'browserFunction.ts', title: sendBinary, needle: '1003', delta: 1, offered: [reconnect, sendText, sendBinary], ...browserFunction },
	// FeedClient also sends an ArrayBuffer it knows nothing about: no text can carry it unchanged, so only binary.
	{ fixture: 'browserClass.tsx', title: sendBinary, needle: 'case 1003', delta: 6, offered: [reconnect, sendBinary], ...browserClass },
	// The payloads are in local constants: followed to their values, the encoded bytes sent as the text they encode.
	{ fixture: 'browserVariables.ts', title: sendText, needle: '1003', delta: 2, offered: [reconnect, sendText, sendBinary], ...browserFunction },
	{ fixture: 'browserVariables.ts', title: sendBinary, needle: '1003', delta: 2, offered: [reconnect, sendText, sendBinary], ...browserFunction },
	{ fixture: 'wsClient.cjs', title: sendText, needle: 'case 1003', delta: 6, offered: [reconnect, sendText, sendBinary], ...wsClient },
	{ fixture: 'wsClient.cjs', title: sendBinary, needle: 'case 1003', delta: 6, offered: [reconnect, sendText, sendBinary], ...wsClient },
	// The guards are refactors offered on the handler's signature only.
	{ fixture: 'wsServer.ts', title: rejectBinary, needle: "ws.on('message'", delta: 1, kind: 'refactor.rewrite', offered: [rejectBinary, rejectText], ...wsServer },
	{ fixture: 'wsServer.ts', title: rejectText, needle: "ws.on('message', (data", delta: 19, kind: 'refactor.rewrite', offered: [rejectBinary, rejectText], ...wsServer },
	{ fixture: 'echoServer.mjs', title: rejectBinary, needle: 'function (message', delta: 0, kind: 'refactor.rewrite', offered: [rejectBinary, rejectText], ...echoServer },
	{ fixture: 'echoServer.mjs', title: rejectText, needle: 'socket.on("message"', delta: 0, kind: 'refactor.rewrite', offered: [rejectBinary, rejectText], ...echoServer },
];


/** Paths of the generator that the matrix above does not take: checked as text and type-checked, not run. */
export interface EdgeCase {
	readonly fixture: string;
	readonly what: string;
	readonly needle: string;
	readonly delta: number;
	readonly style: CodeStyleExpectation;
	readonly runtime: Runtime;
	/** What the result must contain. */
	readonly expect: readonly RegExp[];
}

export const edgeCases: readonly EdgeCase[] = [
	{
		fixture: 'edgeEmptyHandler.ts', what: 'an empty handler stays as it is: the helper listens to the socket itself', needle: 'socket.onclose = (', delta: 18,
		style: { indent: '  ', quote: "'", semicolon: true, eol: '\n' }, runtime: 'browser',
		expect: [/const socket = new WebSocket\('ws:\/\/localhost:8080\/empty'\);\n {2}reconnector\.track\(socket, connect\);\n {2}socket\.onclose = \(\) => \{\};/],
	},
	{
		fixture: 'edgeExpressionBody.cjs', what: 'an expression-bodied handler stays; follow(url) is called with url again, url is the key', needle: '1001', delta: 1,
		style: { indent: '  ', quote: "'", semicolon: false, eol: '\r\n' }, runtime: 'node',
		expect: [/const ws = new WebSocket\(url\)\r\n {2}reconnector\.track\(ws, \(\) => follow\(url\), url\)\r\n/, /ws\.on\('close', \(code\) => console\.log\('closed', code === 1001\)\)/],
	},
	{
		fixture: 'edgeExportedTopLevel.ts', what: 'an exported top-level socket stays exported, as a live binding', needle: '1001', delta: 1,
		style: { indent: '\t', quote: "'", semicolon: true, eol: '\n' }, runtime: 'browser',
		expect: [
			/\n\/\/ An exported top-level socket: [^\n]*\nexport let socket: WebSocket;\nfunction connect\(\): void \{\n\tsocket = new WebSocket\('ws:\/\/localhost:8080\/exported'\);\n\treconnector\.track\(socket, connect\);\n/,
			/\n\}\);\nconnect\(\);\n$/,
		],
	},
	{
		fixture: 'edgeNames.ts', what: 'taken names: connectSocket and socketReconnector', needle: '1006', delta: 1,
		style: { indent: '\t', quote: "'", semicolon: true, eol: '\n' }, runtime: 'browser',
		expect: [/\nlet socket: WebSocket;\nfunction connectSocket\(\): void \{/, /socketReconnector\.track\(socket, connectSocket\);/, /\nconst socketReconnector = createReconnector\(\{/],
	},
	{
		fixture: 'edgeShebang.mjs', what: 'after the shebang, directive and imports; above the JSDoc of the function, not between', needle: "'closed'", delta: 1,
		style: { indent: '  ', quote: "'", semicolon: true, eol: '\n' }, runtime: 'node',
		expect: [
			/^#!\/usr\/bin\/env node\n'use strict';\nimport WebSocket from 'ws';\n\n\/\*\*\n \* Brings/,
			/\n\}\);\n\n\/\*\*\n \* Follows the deploy feed\.\n \*\/\nfunction follow\(\) \{\n/,
			/const ws = new WebSocket\('ws:\/\/localhost:8080\/deploys'\);\n {2}reconnector\.track\(ws, follow\);\n/,
		],
	},
	{
		fixture: 'edgeNested.ts', what: 'a nested connect function: one reconnector per call of the outer function, next to it', needle: '1001', delta: 1,
		style: { indent: '  ', quote: "'", semicolon: true, eol: '\n' }, runtime: 'browser',
		expect: [/export function start\(url: string\): void \{\n {2}const reconnector = createReconnector\(\{\n/, /const socket = new WebSocket\(url\);\n {4}reconnector\.track\(socket, open\);\n/],
	},
];

/** Asks the server for each case's action and applies it, one document at a time. */
export async function applyAll<T extends { readonly fixture: string }>(server: FixServer, cases: readonly T[], title: (fixCase: T) => string,
	at: (fixCase: T) => { readonly needle: string; readonly delta: number; readonly kind?: ActionKind }): Promise<Map<T, AppliedFix>> {
	const fixed = new Map<T, AppliedFix>();
	for (const fixCase of cases) {
		const { needle, delta, kind } = at(fixCase);
		fixed.set(fixCase, await server.apply(fixCase.fixture, needle, title(fixCase), delta, undefined, kind));
	}
	return fixed;
}
