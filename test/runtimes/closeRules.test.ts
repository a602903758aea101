// The close() rules our diagnostics state, checked against what real runtimes do: Deno's WHATWG WebSocket client,
// the `ws` package's client (in Node), Bun's client, the server-side sockets of Deno.upgradeWebSocket and
// Bun.serve (the "server" API our diagnostics treat as accepting any code), and Cloudflare's workerd. Every client talks to a local `ws` server
// on 127.0.0.1 that records the Close frame it received, so an accepted code is also checked on the wire.
// Finally a browser-style client with the `browser-close-code` and `reason-too-long` errors is run in Deno as written
// and after the service's own quick fixes.
import { strict as assert } from 'node:assert';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import WebSocket, { WebSocketServer } from 'ws';
import { createLanguageService } from '../../server/src/service';
import { isSendableByWhatwg, isSendableByWorkerd, isSendableByWs } from '../../server/src/service/closeCodes';
import { en } from '../../server/src/service/l10n/en';
import { basename } from 'node:path';
import { LineChild, SilentClient, withTimeout } from '../snippets/harness';
import {
	RuntimeChild, RuntimeScratch, probeSource, resultOf, runArguments, runtimeBinary, runToCompletion, type Runtime,
} from './runtimeHarness';

const SWEEP: readonly number[] = [
	0, 1, 999,
	...Array.from({ length: 17 }, (_, i) => 1000 + i), // 1000–1016
	1999, 2000, 2999, 3000, 3001, 3999, 4000, 4999, 5000, 65535,
];

/** Close reasons by name: the limit is 123 bytes of UTF-8, not 123 characters. */
const REASONS: Readonly<Record<string, string>> = {
	'ascii-123': 'a'.repeat(123),
	'ascii-124': 'a'.repeat(124),
	'japanese-123': 'あ'.repeat(41), // 41 characters, 3 bytes each
	'japanese-124': `a${'あ'.repeat(41)}`, // 42 UTF-16 code units, 124 bytes
	'japanese-126': 'あ'.repeat(42),
	'emoji-120': '😀'.repeat(30), // surrogate pairs: 60 code units, 4 bytes each
	'emoji-124': '😀'.repeat(31),
};

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

type Thrown = { readonly name: string; readonly message: string } | null;
interface ProbeResult {
	readonly codes: Record<string, Thrown>;
	readonly reasons: Record<string, Thrown>;
}

/** A `ws` server on 127.0.0.1 that records, per request path, the close code and reason it received. */
class RecordingServer {
	readonly server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
	readonly received = new Map<string, { code: number; reason: string }>();
	readonly listening: Promise<number>;

	constructor() {
		this.listening = new Promise((resolve, reject) => {
			this.server.once('listening', () => resolve((this.server.address() as { port: number }).port));
			this.server.once('error', reject);
		});
		this.server.on('connection', (socket, request) => {
			const path = request.url ?? '';
			socket.on('error', () => undefined);
			socket.on('close', (code, reason) => this.received.set(path, { code, reason: reason.toString('utf8') }));
		});
	}

	/** Waits (up to `ms`) until a close has been recorded for every path. */
	async waitFor(paths: readonly string[], ms = 3000): Promise<void> {
		const deadline = Date.now() + ms;
		while (paths.some((path) => !this.received.has(path))) {
			if (Date.now() > deadline) {
				throw new Error(`No close recorded for ${paths.filter((path) => !this.received.has(path)).join(', ')}`);
			}
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
	}

	close(): Promise<void> {
		for (const client of this.server.clients) {
			client.terminate();
		}
		return new Promise((resolve) => this.server.close(() => resolve()));
	}
}

const scratch = new RuntimeScratch();
const recorder = new RecordingServer();
let port = 0;

before(async () => {
	port = await recorder.listening;
});

after(async () => {
	RuntimeChild.killAll();
	scratch.dispose();
	await recorder.close();
});

/** A TCP port free on 127.0.0.1 right now (workerd takes its listening addresses from its configuration). */
function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

/** Runs probes/clientClose.mjs in a runtime against the recording server, under `/<prefix>/…`. */
async function runClientProbe(runtime: Runtime, prefix: string): Promise<ProbeResult> {
	const file = scratch.write(probeSource('clientClose.mjs'), 'mjs');
	const input = JSON.stringify({ url: `ws://127.0.0.1:${port}/${prefix}`, codes: SWEEP, reasons: REASONS });
	const { exit, child } = await runToCompletion(runtime, runArguments(runtime, file, [input]), scratch, 20_000);
	assert.equal(exit.code, 0, child.transcript());
	assert.equal(child.stderr, '');
	return resultOf<ProbeResult>(child);
}

/** The codes whose close() threw, and the error names seen. */
function summarise(result: Record<string, Thrown>): { threw: number[]; names: string[] } {
	assert.deepEqual(Object.keys(result).map(Number).sort((a, b) => a - b), SWEEP, 'a result for every code');
	const threw = Object.entries(result).filter(([, thrown]) => thrown !== null).map(([code]) => Number(code)).sort((a, b) => a - b);
	const names = [...new Set(Object.values(result).filter((thrown): thrown is NonNullable<Thrown> => thrown !== null).map((thrown) => thrown.name))];
	return { threw, names };
}

/** Asserts that every accepted code and reason reached the server as sent, and that a refused one sent no code. */
async function assertOnTheWire(prefix: string, result: ProbeResult): Promise<void> {
	const paths = [...SWEEP.map((code) => `/${prefix}/code/${code}`), ...Object.keys(REASONS).map((name) => `/${prefix}/reason/${name}`)];
	await recorder.waitFor(paths);
	for (const code of SWEEP) {
		const received = recorder.received.get(`/${prefix}/code/${code}`);
		assert.equal(received?.code, result.codes[code] === null ? code : 1005, `${prefix} close(${code}) on the wire`);
	}
	for (const [name, reason] of Object.entries(REASONS)) {
		const received = recorder.received.get(`/${prefix}/reason/${name}`);
		assert.deepEqual(received, result.reasons[name] === null ? { code: 1000, reason } : { code: 1005, reason: '' }, `${prefix} reason ${name}`);
	}
}

describe('close(code) in real clients against isSendableByWhatwg / isSendableByWs', () => {
	let denoRun: Promise<ProbeResult> | undefined;
	const denoResult = () => denoRun ??= runClientProbe('deno', 'deno'); // one Deno run for the codes and the reasons

	test('Deno\'s WebSocket client throws InvalidAccessError exactly when isSendableByWhatwg is false', async () => {
		const result = await denoResult();
		const { threw, names } = summarise(result.codes);
		assert.deepEqual(threw, SWEEP.filter((code) => !isSendableByWhatwg(code)));
		assert.deepEqual(names, ['InvalidAccessError']);
		await assertOnTheWire('deno', result);
	});

	test('Deno: a reason over 123 UTF-8 bytes throws SyntaxError, counted in bytes (Japanese, emoji)', async () => {
		const result = await denoResult();
		for (const [name, reason] of Object.entries(REASONS)) {
			assert.equal(result.reasons[name]?.name ?? 'accepted', bytes(reason) > 123 ? 'SyntaxError' : 'accepted', `${name} (${bytes(reason)} bytes)`);
		}
	});

	test('the ws client throws TypeError exactly when isSendableByWs is false, and RangeError over 123 bytes', async () => {
		const attempt = async (path: string, args: [number, string?]): Promise<Thrown> => {
			const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`);
			socket.on('error', () => undefined);
			const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
			await withTimeout(new Promise((resolve) => socket.once('open', resolve)), 3000, `${path} to open`);
			let thrown: Thrown = null;
			try {
				socket.close(...args);
			} catch (error) {
				thrown = { name: (error as Error).name, message: (error as Error).message };
				socket.close();
			}
			await withTimeout(closed, 3000, `${path} to close`);
			return thrown;
		};
		const result: ProbeResult = { codes: {}, reasons: {} };
		await Promise.all([
			...SWEEP.map(async (code) => {
				result.codes[code] = await attempt(`/ws/code/${code}`, [code]);
			}),
			...Object.entries(REASONS).map(async ([name, reason]) => {
				result.reasons[name] = await attempt(`/ws/reason/${name}`, [1000, reason]);
			}),
		]);
		const { threw, names } = summarise(result.codes);
		assert.deepEqual(threw, SWEEP.filter((code) => !isSendableByWs(code)));
		assert.deepEqual(names, ['TypeError']);
		for (const [name, reason] of Object.entries(REASONS)) {
			assert.equal(result.reasons[name]?.name ?? 'accepted', bytes(reason) > 123 ? 'RangeError' : 'accepted', `${name} (${bytes(reason)} bytes)`);
		}
		await assertOnTheWire('ws', result);
	});

	test('Bun\'s WebSocket client (recorded): it follows the ws rule, not WHATWG — 1001 accepted, 1005 and 5000 rejected', async () => {
		const result = await runClientProbe('bun', 'bun');
		const { threw, names } = summarise(result.codes);
		assert.equal(result.codes[1001], null, 'close(1001) is accepted');
		assert.equal(result.codes[1005]?.name, 'InvalidAccessError');
		assert.equal(result.codes[5000]?.name, 'InvalidAccessError');
		// Observed with Bun 1.4.5: exactly the ws package's set, with WHATWG's error type.
		assert.deepEqual(threw, SWEEP.filter((code) => !isSendableByWs(code)));
		assert.deepEqual(names, ['InvalidAccessError']);
		assert.deepEqual(SWEEP.filter((code) => result.codes[code] === null && !isSendableByWhatwg(code)),
			[1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014], 'accepted by Bun, InvalidAccessError in browsers and Deno');
		for (const [name, reason] of Object.entries(REASONS)) {
			assert.equal(result.reasons[name]?.name ?? 'accepted', bytes(reason) > 123 ? 'SyntaxError' : 'accepted', `${name} (${bytes(reason)} bytes)`);
		}
		await assertOnTheWire('bun', result);
	});
});

describe('server-side sockets (the permissive "server" API): close(code) never throws, and the code goes on the wire', () => {
	for (const runtime of ['deno', 'bun'] as const) {
		test(`${runtime === 'deno' ? 'Deno.upgradeWebSocket' : 'Bun.serve'}: every code of the sweep is accepted`, async () => {
			const file = scratch.write(probeSource(runtime === 'deno' ? 'denoServerClose.mjs' : 'bunServerClose.mjs'), 'mjs');
			const child = new RuntimeChild(runtime, runArguments(runtime, file), scratch);
			const clients: SilentClient[] = [];
			try {
				const serverPort = Number((await child.waitForLine(/^LISTENING \d+$/, 15_000)).text.split(' ')[1]);
				const frames = new Map<number, { code: number; empty: boolean; reason: string }>();
				await Promise.all(SWEEP.map(async (code) => {
					const client = new SilentClient(serverPort, `/code/${code}`);
					clients.push(client);
					await withTimeout(client.opened, 3000, `/code/${code} to open`);
					const frame = await client.firstCloseFrame(3000);
					frames.set(code, { code: frame.code, empty: frame.empty, reason: frame.reason });
				}));
				await Promise.all(SWEEP.map((code) => child.waitForLine(new RegExp(`^CLOSE ${code} `), 3000)));
				assert.deepEqual(child.matching(/^CLOSE \d+ /).filter((line) => !line.text.endsWith(' ok')).map((line) => line.text), [],
					'no close() threw');
				// Deno writes whatever it is given, 1005 and 65535 included; Bun writes an empty Close frame for 0, 1005 and
				// 1006 and the code as given otherwise. Neither stops a code that RFC 6455 forbids on the wire.
				const emptied = runtime === 'bun' ? [0, 1005, 1006] : [];
				for (const code of SWEEP) {
					const expected = emptied.includes(code) ? { code: 1005, empty: true, reason: '' } : { code, empty: false, reason: 'bye' };
					assert.deepEqual(frames.get(code), expected, `${runtime} close(${code}) on the wire`);
				}
				assert.equal(child.stderr.trim(), '');
			} finally {
				clients.forEach((client) => client.dispose());
				child.kill();
			}
		});
	}
});

describe('Cloudflare workerd (Workers, Durable Objects): close() against isSendableByWorkerd and the reason limit', () => {
	// The diagnostics quote the compatibility date from which workerd enforces the 123-byte reason limit: one
	// instance runs the probe with that date, one with the day before.
	const limitDate = /compatibility date (\d{4}-\d{2}-\d{2})/.exec(en['diag.throws.reason.workerd'])?.[1] ?? '';
	const dayBefore = new Date(Date.parse(limitDate) - 86_400_000).toISOString().slice(0, 10);
	let child: LineChild | undefined;
	let ports: { from: number; before: number } | undefined;

	before(async () => {
		const [from, earlier] = [await freePort(), await freePort()];
		const probe = scratch.write(probeSource('workerdClose.mjs'), 'mjs');
		const worker = (date: string) => `( modules = [ (name = "probe", esModule = embed "${basename(probe)}") ], compatibilityDate = "${date}" )`;
		const config = scratch.write([
			'using Workerd = import "/workerd/workerd.capnp";',
			'const config :Workerd.Config = (',
			'  services = [ (name = "from", worker = .from), (name = "before", worker = .before) ],',
			`  sockets = [ (name = "from", address = "127.0.0.1:${from}", http = (), service = "from"),`,
			`              (name = "before", address = "127.0.0.1:${earlier}", http = (), service = "before") ],`,
			');',
			`const from :Workerd.Worker = ${worker(limitDate)};`,
			`const before :Workerd.Worker = ${worker(dayBefore)};`,
		].join('\n'), 'capnp');
		child = new LineChild(runtimeBinary('workerd'), ['serve', config], { cwd: scratch.directory });
		ports = { from, before: earlier };
	});

	after(() => child?.kill());

	/** The probe's `/sweep` answer from one instance, retried while workerd starts. */
	const sweep = async (instance: 'from' | 'before'): Promise<ProbeResult> => {
		const input = encodeURIComponent(JSON.stringify({ codes: SWEEP, reasons: REASONS }));
		const deadline = Date.now() + 15_000;
		for (;;) {
			try {
				const response = await fetch(`http://127.0.0.1:${ports![instance]}/sweep?input=${input}`);
				return await response.json() as ProbeResult;
			} catch (error) {
				if (Date.now() > deadline || child?.process.exitCode !== null) {
					throw new Error(`workerd did not answer: ${String(error)}\n${child?.stderr ?? ''}`);
				}
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
		}
	};

	test('close(code) throws InvalidAccessError exactly when isSendableByWorkerd is false, and the code goes on the wire', async () => {
		assert.match(limitDate, /^\d{4}-\d{2}-\d{2}$/);
		const result = await sweep('from');
		const { threw, names } = summarise(result.codes);
		assert.deepEqual(threw, SWEEP.filter((code) => !isSendableByWorkerd(code)));
		assert.deepEqual(names, ['InvalidAccessError']);
		assert.deepEqual(SWEEP.filter((code) => result.codes[code] === null && !isSendableByWs(code)), [1016, 1999, 2000, 2999],
			'workerd sends 1016–2999, where ws throws');
		const clients = SWEEP.map((code) => new SilentClient(ports!.from, `/code/${code}`));
		try {
			const frames = await Promise.all(clients.map(async (client) => {
				await withTimeout(client.opened, 3000, 'a workerd socket to open');
				return client.firstCloseFrame(3000);
			}));
			SWEEP.forEach((code, index) => {
				const expected = result.codes[code] === null ? { code, empty: false, reason: 'bye' } : { code: 1005, empty: true, reason: '' };
				const { at: _at, ...frame } = frames[index];
				assert.deepEqual(frame, expected, `workerd close(${code}) on the wire`);
			});
		} finally {
			clients.forEach((client) => client.dispose());
		}
	});

	test(`a reason over 123 UTF-8 bytes throws SyntaxError from the compatibility date the diagnostics quote, not the day before`, async () => {
		const [from, earlier] = await Promise.all([sweep('from'), sweep('before')]);
		for (const [name, reason] of Object.entries(REASONS)) {
			assert.equal(from.reasons[name]?.name ?? 'accepted', bytes(reason) > 123 ? 'SyntaxError' : 'accepted', `${limitDate}: ${name} (${bytes(reason)} bytes)`);
			assert.equal(earlier.reasons[name], null, `${dayBefore}: ${name} is accepted`);
		}
	});
});

describe('a generated WHATWG example, run in Deno as written and after the service\'s quick fixes', () => {
	const service = createLanguageService();
	let documents = 0;
	const problems = (text: string) => {
		documents++;
		const document = TextDocument.create(`file:///runtimes/example-${documents}.ts`, 'typescript', 1, text);
		return service.findProblems(document, { locale: 'en', environment: 'auto' });
	};
	const example = (path: string, closeArguments: string) => [
		`const socket = new WebSocket('ws://127.0.0.1:${port}/example/${path}');`,
		"socket.addEventListener('open', () => {",
		`\tsocket.close(${closeArguments});`,
		'});',
		'',
	].join('\n');
	const runExample = async (text: string) => {
		const file = scratch.write(text, 'ts');
		return runToCompletion('deno', runArguments('deno', file), scratch, 15_000);
	};

	test('close(1001) throws InvalidAccessError, close(4001) (the "Use 4001" fix) goes through; the reason fix keeps 123 bytes', async () => {
		const longReason = `'a${'あ'.repeat(41)}'`; // 124 bytes
		const original = example('original', `1001, ${longReason}`);
		const found = problems(original);
		assert.deepEqual(found.map((problem) => problem.rule).sort(), ['browser-close-code', 'reason-too-long']);
		const codeProblem = found.find((problem) => problem.rule === 'browser-close-code');
		const reasonProblem = found.find((problem) => problem.rule === 'reason-too-long');
		const use4001 = codeProblem?.fixes.find((fix) => fix.newText === '4001');
		assert.ok(use4001 && reasonProblem?.fixes[0], JSON.stringify(found));
		assert.match(use4001.title, /^Use 4001 /);
		const apply = (text: string, fix: { start: number; end: number; newText: string }) => text.slice(0, fix.start) + fix.newText + text.slice(fix.end);
		const cut = reasonProblem.fixes[0];
		// The fixes' offsets are the original's; the reason comes after the code, so apply it first.
		const fixed = apply(apply(original, cut), use4001).replace('/example/original', '/example/fixed');
		const codeOnly = apply(original, use4001).replace('/example/original', '/example/code-only');
		assert.match(fixed, /socket\.close\(4001, 'a(あ){40}'\);/);
		assert.deepEqual(problems(fixed), [], 'nothing left to report');

		const [asWritten, withCodeFix, withBothFixes] = await Promise.all([
			runExample(original), runExample(codeOnly), runExample(fixed),
		]);
		assert.equal(asWritten.exit.code, 1);
		assert.match(asWritten.child.stderr, /Uncaught InvalidAccessError: The close code must be either 1000 or in the range of 3000 to 4999/);
		assert.equal(withCodeFix.exit.code, 1, 'the code is checked first; the reason still throws');
		assert.match(withCodeFix.child.stderr, /Uncaught SyntaxError: The close reason may not be longer than 123 bytes/);
		assert.equal(withBothFixes.exit.code, 0, withBothFixes.child.transcript());
		assert.equal(withBothFixes.child.stderr, '');

		await recorder.waitFor(['/example/original', '/example/code-only', '/example/fixed']);
		// A client that dies on the throw is seen by the server as an abnormal closure.
		assert.equal(recorder.received.get('/example/original')?.code, 1006);
		assert.equal(recorder.received.get('/example/code-only')?.code, 1006);
		assert.deepEqual(recorder.received.get('/example/fixed'), { code: 4001, reason: `a${'あ'.repeat(40)}` });
	});
});

describe('facts the hover texts rely on', () => {
	test('Deno closes a socket whose peer stops answering pings with 1001 "No response from ping frame." (code.1001.when)', async () => {
		const quoted = /Deno closing a socket whose peer stopped answering pings \("([^"]+)"\)/.exec(en['code.1001.when'])?.[1];
		assert.equal(quoted, 'No response from ping frame.', 'the hover still quotes the reason');
		const file = scratch.write(probeSource('denoPingTimeout.mjs'), 'mjs');
		const child = new RuntimeChild('deno', runArguments('deno', file), scratch);
		let client: SilentClient | undefined;
		try {
			const serverPort = Number((await child.waitForLine(/^LISTENING \d+$/, 15_000)).text.split(' ')[1]);
			client = new SilentClient(serverPort); // never answers the ping
			await withTimeout(client.opened, 3000, 'the client to connect');
			const openedAt = Date.now();
			const frame = await client.firstCloseFrame(5000);
			assert.deepEqual({ code: frame.code, reason: frame.reason }, { code: 1001, reason: quoted });
			assert.deepEqual(client.frames.map((received) => received.opcode), [0x9, 0x8], 'a Ping, then the Close frame');
			assert.ok(frame.at - openedAt >= 900, `after the 1 s idle timeout (${frame.at - openedAt} ms)`);
			await withTimeout(client.ended, 3000, 'the connection to end');
			const serverSide = await child.waitForLine(/^SERVER CLOSE /, 3000);
			assert.equal(serverSide.text, `SERVER CLOSE 1001 ${JSON.stringify(quoted)}`, 'the server\'s close event has the same code');
		} finally {
			client?.dispose();
			child.kill();
		}
	});
});
