// "Reconnect with exponential backoff", proven end to end: the action comes from the built server over LSP, its edit
// is applied, the result must parse, keep the file's style, not be offered again, type-check under `strict`, and —
// run in a child process against a real `ws` server — reconnect the way the generated comments say. (The results
// are type-checked with the others in typeCheck.test.ts.)
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import {
	Barrier, BASE_MS, CAP_MS, FixServer, STABLE_MS, LATENESS_MS, now, QUIET_MS, readFixture, reconnectTitle, RunningModule, sleep, styleProblems,
	syntaxErrors, TestServer, type AppliedFix,
} from './harness';
import { applyAll, clients, type ClientCase } from './matrix';
import type { ScheduledTimer } from './runner';

let server: FixServer;
const fixed = new Map<string, AppliedFix>();

before(async () => {
	server = await FixServer.start();
	for (const [client, fix] of await applyAll(server, clients, () => reconnectTitle, (client) => client.code)) {
		fixed.set(client.fixture, fix);
	}
});

after(async () => {
	await RunningModule.stopAll();
	await TestServer.closeAll();
	await server?.stop();
});

const resultOf = (client: ClientCase): AppliedFix => {
	const fix = fixed.get(client.fixture);
	assert.ok(fix, `no result for ${client.fixture}`);
	return fix;
};

describe('reconnect: the action over LSP and the text it writes', () => {
	for (const client of clients) {
		test(`${client.fixture}: ${client.what}`, async () => {
			const fix = resultOf(client);
			const action = fix.action;
			assert.equal(action.isPreferred, true, 'preferred on a received retryable code');
			assert.equal(fix.offered.filter((candidate) => candidate.title === reconnectTitle).length, 1);
			// Elsewhere in the handler: offered, but not preferred (no code says a retry is clearly right).
			const uri = await server.open(client.fixture, fix.original);
			const plain = (await server.quickFixes(uri, fix.original, client.plain, 1)).find((candidate) => candidate.title === reconnectTitle);
			assert.ok(plain, 'offered anywhere in the close handler');
			assert.equal(plain.isPreferred, undefined);
			await server.client.close(uri);

			assert.deepEqual(syntaxErrors(client.fixture, fix.result), []);
			assert.deepEqual(styleProblems(fix, client.style), []);
			// Applied once: not offered again, neither on the code nor elsewhere in the handler.
			assert.ok(!(await server.titlesAt(client.fixture, fix.result, client.code.needle, client.code.delta)).includes(reconnectTitle));
			assert.ok(!(await server.titlesAt(client.fixture, fix.result, client.plain, 1)).includes(reconnectTitle));
			// The generated code raises none of the server's own diagnostics.
			assert.deepEqual((await server.diagnostics(client.fixture, fix.result)).map((diagnostic) => diagnostic.code),
				(await server.diagnostics(client.fixture, fix.original)).map((diagnostic) => diagnostic.code));
			// The delays come from the LSP settings.
			assert.match(fix.result, new RegExp(`initialDelayMs: ${BASE_MS},`));
			assert.match(fix.result, new RegExp(`maxDelayMs: ${CAP_MS},`));
			assert.match(fix.result, /maxAttempts: Infinity,/);
		});
	}

	test('what each client tracks, what a reconnect calls, and where stop() goes', () => {
		const result = (fixture: string) => (fixed.get(fixture) as AppliedFix).result;
		// Right after the socket is created: the helper listens to that socket's own close event.
		assert.match(result('browserFunction.ts'), /\tconst socket = new WebSocket\(url\);\n\treconnector\.track\(socket, connect\);\n/);
		assert.match(result('browserFunction.ts'), /export function disconnect\(\): void \{\n\treconnector\.stop\(\);\n\tcurrent\?\.close/);
		// A class: one reconnector per instance, a field.
		assert.match(result('browserClass.tsx'), /\n {2}private readonly reconnector = createReconnector\(\{\n/);
		assert.match(result('browserClass.tsx'), /this\.socket = new WebSocket\(this\.url\);\n {4}this\.reconnector\.track\(this\.socket, \(\) => this\.connect\(\)\);/);
		assert.match(result('browserClass.tsx'), /close\(\): void \{\n {4}this\.reconnector\.stop\(\);/);
		// The fixed one-second retry and the `if` that only guarded it are gone (the helper retries now; two paths
		// would open two sockets); the rest of the handler is the application's, untouched.
		assert.doesNotMatch(result('browserArrow.js'), /setTimeout\(connect, 1000\)|event\.code !== 1000/);
		assert.match(result('browserArrow.js'), /socket\.onclose = function \(event\) \{\n {4}if \(event\.code === 1013\) \{\n {6}seen\.push\('busy'\)\n {4}\}\n {2}\}/);
		// A `function` handler is left alone: the helper does not need the handler's `this`.
		assert.match(result('browserClass.jsx'), /this\.reconnector\.track\(this\.socket, \(\) => this\.connect\(\)\)\n/);
		// connect(url): the same arguments again, and the arguments are the target's key.
		assert.match(result('wsClient.cjs'), /reconnector\.track\(ws, \(\) => connect\(url\), url\);/);
		assert.match(result('wsClient.cjs'), /function stopFeed\(\) \{\r\n {2}reconnector\.stop\(\);/);
		// The helper is JSDoc-typed in JavaScript and typed in TypeScript; the policy's lists are in the options.
		assert.match(result('browserArrow.js'), /@param \{WebSocket\} socket/);
		assert.match(result('browserFunction.ts'), /track\(socket: WebSocket, reconnect: \(\) => unknown, \.\.\.key: unknown\[\]\): void \{/);
		assert.match(result('browserFunction.ts'), /retryCodes: \[1001, 1006, 1011, 1012, 1013, 1014, 3008, 4408, 4429, 4500, 4502, 4503, 4504\],/);
		assert.match(result('browserFunction.ts'), new RegExp(`stableAfterMs: ${STABLE_MS},`));
	});

	test('a top-level socket is moved into connect(), with every statement that sets it up', () => {
		const { result } = resultOf(clients.find((client) => client.fixture === 'topLevel.mjs') as ClientCase);
		const connectBody = /\nfunction connect\(\) \{\n([\s\S]*?)\n\}\n/.exec(result)?.[1] ?? '';
		assert.match(connectBody, /^ {4}socket = new WebSocket\("ws:\/\/localhost:8080\/status"\);/);
		// The listener registered after other top-level code moves too, or a new socket would not have it.
		assert.match(connectBody, /socket\.addEventListener\("message"/);
		assert.match(connectBody, /socket\.addEventListener\("open", \(\) => log\.push\("open"\)\);/);
		assert.match(connectBody, /^ {4}socket = new WebSocket\("ws:\/\/localhost:8080\/status"\);\n {4}reconnector\.track\(socket, connect\);\n/);
		assert.match(result, /\/\*\* @type \{WebSocket\} \*\/\nlet socket;\n/);
		// Called once where the setup used to end, after the code that ran before it.
		assert.match(result, /\nlog\.push\("starting"\);\n\nfunction connect\(\) \{\n/);
		assert.match(result, /\n\}\);\nconnect\(\);\n\n\/\*\* @param \{string\} text \*\/\nexport function publish/);
		assert.match(result, /export function leave\(\) \{\n {4}reconnector\.stop\(\);\n {4}socket\.close\(1000, "leaving"\);/);
		assert.equal(result.match(/new WebSocket\(/g)?.length, 1);
	});

	test('not offered where it cannot write code that works', async () => {
		const none = async (fixture: string, needle: string, delta = 1) =>
			assert.ok(!(await server.titlesAt(fixture, readFixture(fixture), needle, delta)).includes(reconnectTitle), `${fixture} at ${needle}`);
		await none('notOffered.ts', '1001'); // an anonymous function creates the socket
		await none('notOffered.ts', '1012'); // the socket is a parameter
		await none('notOffered.ts', '1014'); // a constructor creates it
		await none('notOffered.ts', '1011'); // an object literal's method creates it
		await none('anonymousDefault.js', '1001'); // export default function () {…}
		await none('topLevelUsed.js', '1001'); // other top-level code keeps the first socket
	});
});

// ---- at run time ----------------------------------------------------------------------------------------------------

/** The fixed client, running in a child process, pointed at `server`. */
async function startClient(client: ClientCase, server: TestServer): Promise<RunningModule> {
	const source = resultOf(client).result.split('ws://localhost:8080').join(server.url);
	const module = await RunningModule.start(client.fixture, source, client.flavour);
	await client.start(module, server.url, 0);
	return module;
}

/** A server and a running client; everything is stopped afterwards, whatever happens. */
async function withClient<T>(client: ClientCase, scenario: (server: TestServer, module: RunningModule) => Promise<T>): Promise<T> {
	const server = await TestServer.start();
	let module: RunningModule | undefined;
	try {
		module = await startClient(client, server);
		const value = await scenario(server, module);
		assert.deepEqual(module.uncaught, [], 'no uncaught errors in the client');
		return value;
	} finally {
		await module?.stop();
		await server.close();
	}
}

const windowOf = (attempt: number) => Math.min(CAP_MS, BASE_MS * 2 ** attempt);
const round = (values: readonly number[]) => values.map((value) => Math.round(value));

/** Delays seen per fixture, for the report at the end. */
const observed: Record<string, unknown> = {};

/** Polls the child until `condition` holds for the timers its `schedule()` has set. */
async function scheduledWhen(module: RunningModule, condition: (timers: ScheduledTimer[]) => boolean, ms = 10_000): Promise<ScheduledTimer[]> {
	const deadline = Date.now() + ms;
	for (;;) {
		const timers = await module.scheduled();
		if (condition(timers)) {
			return timers;
		}
		assert.ok(Date.now() < deadline, `timed out waiting for the client to schedule: ${JSON.stringify(timers)}`);
		await sleep(20);
	}
}

describe('reconnect: delays, chosen by the code and seen on the wire', { concurrency: true }, () => {
	const barrier = new Barrier(clients.length);
	after(() => {
		console.log(`# reconnect delays (ms; base ${BASE_MS}, cap ${CAP_MS}): chosen by schedule() / seen by the server\n${JSON.stringify(observed)}`);
	});

	for (const client of clients) {
		test(`${client.fixture}: 1001, 6 refused attempts, the server back: growing jittered delays; reset after a stable connection; 1013 waits at least half the cap`, async () => {
			const failures = 6;
			const ticket = barrier.ticket();
			try {
				await withClient(client, async (server, module) => {
					const first = await server.connection(0, 20_000);
					await ticket.arrive();
					// The wire: when each close (or refused attempt) ended, and when the next attempt arrived.
					const gaps: number[] = [];
					/** When the server saw each attempt: compared with when the client set its timer (same wall clock). */
					const seenAt: number[] = [];
					server.accepting = false;
					let endedAt = await first.closeWith(1001, 'restarting');
					for (let attempt = 0; attempt <= failures; attempt++) {
						if (attempt === failures) {
							server.accepting = true; // the server is back: the next attempt opens
						}
						const seen = await server.attempt(1 + attempt, windowOf(attempt) + LATENESS_MS + 5000);
						gaps.push(seen.at - endedAt);
						seenAt.push(seen.at);
						endedAt = seen.refusedAt ?? endedAt;
					}
					// The connection stays up past stableAfterMs, then drops: the backoff starts again. Then a 1013 right away.
					let connection = await server.connection(1 + failures, 0);
					await sleep(STABLE_MS + 200);
					for (const code of [1001, 1013]) {
						const ended = await connection.closeWith(code, code === 1013 ? 'busy' : 'restarting');
						const index = server.attempts.length;
						const seen = await server.attempt(index, CAP_MS + LATENESS_MS + 5000);
						gaps.push(seen.at - ended);
						seenAt.push(seen.at);
						connection = await server.connection(index, 0);
					}
					const timers = await module.scheduled();
					const chosen = timers.map((timer) => timer.delay);
					observed[client.fixture] = { chosen: round(chosen), seen: round(gaps) };
					assert.equal(chosen.length, gaps.length, 'one scheduled attempt per close');

					// The delays the code chose: full jitter in a window that doubles per failed attempt, up to the cap.
					const streak = chosen.slice(0, failures + 1);
					streak.forEach((delay, attempt) => assert.ok(delay >= 0 && delay <= windowOf(attempt),
						`retry ${attempt} chose ${delay} ms, outside [0, ${windowOf(attempt)}]`));
					assert.ok(new Set(streak).size === streak.length, 'jittered: no two delays equal');
					// Retries 1–6 draw from windows of 200–800 ms: at least one exceeds the first window (p of none < 1/30000).
					assert.ok(streak.slice(1).some((delay) => delay > BASE_MS), 'the window grows');
					// After a connection that stayed up, the attempt counter starts again: the first window.
					const afterStable = chosen[failures + 1] ?? -1;
					assert.ok(afterStable >= 0 && afterStable <= BASE_MS, `after a stable connection: ${afterStable}`);
					// 1013 Try Again Later: between half the cap and the cap.
					const tryAgainLater = chosen[failures + 2] ?? -1;
					assert.ok(tryAgainLater >= CAP_MS / 2 && tryAgainLater <= CAP_MS, `1013 chose ${tryAgainLater} ms`);

					// On the wire, each reconnect came after its delay (a timer never fires early) and not much later. Measured
					// from the moment the client set the timer: the server's own close timestamp can trail the client's close
					// event under load, which made a reconnect look early.
					seenAt.forEach((at, index) => {
						const delay = chosen[index] ?? 0;
						const gap = at - (timers[index]?.at ?? at);
						assert.ok(gap >= delay - 5 && gap <= delay + LATENESS_MS, `reconnect ${index} seen ${Math.round(gap)} ms after its ${Math.round(delay)} ms timer was set`);
					});
				});
			} finally {
				ticket.leave();
			}
		});
	}
});

describe('reconnect: where it must not reconnect, against a real ws server', { concurrency: true }, () => {
	for (const client of clients) {
		// One process and one server per client; each scenario is a session of its own (a new connection), one after
		// the other, and must end with no attempt scheduled and none seen on the wire.
		test(`${client.fixture}: does not reconnect`, async (t) => {
			await withClient(client, async (server, module) => {
				let session = 0;
				const expectQuiet = async (what: string, timersBefore: number) => {
					const attempts = server.attempts.length;
					await sleep(QUIET_MS);
					assert.equal((await module.scheduled()).length, timersBefore, `nothing scheduled ${what}`);
					assert.equal(server.attempts.length, attempts, `no reconnect ${what}`);
				};
				const next = async () => {
					if (session > 0) {
						await client.start(module, server.url, session);
					}
					session++;
					return server.connection(server.attempts.length, 20_000);
				};

				await t.test('after its own close(1000)', async () => {
					const connection = await next();
					const timers = (await module.scheduled()).length;
					await client.closeOnPurpose(module, session - 1);
					assert.equal((await connection.ended).code, 1000);
					await expectQuiet('after our own close', timers);
				});
				for (const code of [1008, 4401, 1000]) {
					await t.test(`after the server closes with ${code}`, async () => {
						const connection = await next();
						const timers = (await module.scheduled()).length;
						await connection.closeWith(code, 'no');
						await expectQuiet(`after ${code}`, timers);
					});
				}
				await t.test('closing on purpose while an attempt is pending cancels it (stop())', async () => {
					const connection = await next();
					const timers = (await module.scheduled()).length;
					await connection.closeWith(1013, 'busy');
					const timer = (await scheduledWhen(module, (scheduled) => scheduled.length > timers))[timers];
					await client.closeOnPurpose(module, session - 1);
					assert.ok(timer && now() < timer.at + timer.delay, 'closed on purpose while the attempt was still pending');
					const attempts = server.attempts.length;
					await sleep(timer.at + timer.delay + LATENESS_MS - now());
					assert.equal(server.attempts.length, attempts, 'the pending attempt was cancelled');
				});
			});
		});
	}

	test('topLevel.mjs: after a reconnect the moved listeners and the other top-level functions use the new socket', async () => {
		const client = clients.find((candidate) => candidate.fixture === 'topLevel.mjs') as ClientCase;
		await withClient(client, async (server, module) => {
			const first = await server.connection(0, 20_000);
			first.socket.send('one');
			await first.closeWith(1012, 'restart');
			const second = await server.connection(1, BASE_MS + LATENESS_MS + 5000);
			second.socket.send('two');
			await module.call('publish', ['hello again']);
			const [frame] = await second.framesArrived(1);
			assert.equal(frame?.data.toString(), 'hello again');
			const log = await module.get('log') as string[];
			assert.deepEqual(log, ['starting', 'open', 'message one', 'service restart', 'open', 'message two']);
		});
	});
});
