// `unbounded-close-reason` and its fix, at run time against a real `ws` server: a close reason built from an error's
// message throws past 123 bytes (so the error path crashes the server); the fixed code closes with the reason cut at a
// character boundary.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { WebSocket } from 'ws';
import { createLanguageService } from '../../server/src/service';
import { makeDocument } from '../unit/helpers';
import { applyChanges } from '../../server/src/service/quickFixes/textChanges';
import { readFixture, repoRoot, syntaxErrors, typeCheck, withTimeout } from './harness';

const service = createLanguageService();
const title = 'Cut the reason to 123 bytes';
let directory = '';

before(() => {
	directory = mkdtempSync(join(repoRoot, 'out', 'close-reason-'));
	writeFileSync(join(directory, 'package.json'), '{ "type": "module" }\n');
});
after(() => rmSync(directory, { recursive: true, force: true }));

const rules = (text: string, fileName = 'server.js') => service.findProblems(makeDocument(text, fileName), { locale: 'en' }).map((problem) => problem.rule);
const wsServer = (...body: string[]) => ["import { WebSocketServer } from 'ws';", 'const wss = new WebSocketServer({ port: 8080 });',
	"wss.on('connection', (ws) => {", ...body.map((line) => `\t${line}`), '});'].join('\n');

/** The fixed text: the fix offered at `needle`, applied. */
function fixed(text: string, needle: string, fileName: string): string {
	const document = makeDocument(text, fileName);
	const position = document.positionAt(text.indexOf(needle) + 1);
	const action = service.getCodeActions(document, { start: position, end: position }, { locale: 'en' }).find((candidate) => candidate.title === title);
	assert.ok(action, `"${title}" is offered at ${needle}`);
	assert.equal(action.isPreferred, true);
	const edits = action.edit?.changes?.[document.uri] ?? [];
	return applyChanges(text, edits.map((edit) => ({ start: document.offsetAt(edit.range.start), end: document.offsetAt(edit.range.end), newText: edit.newText })));
}

/** Runs a server module; resolves with its port. */
function startServer(source: string): Promise<{ port: number; exited: Promise<number | null>; stderr: () => string; kill: () => void }> {
	const file = join(directory, `server-${Math.random().toString(36).slice(2)}.mjs`);
	writeFileSync(file, source);
	const child = spawn(process.execPath, [file], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
	let stderr = '';
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	return withTimeout(new Promise((resolve) => {
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			const port = /LISTENING (\d+)/.exec(chunk)?.[1];
			if (port) {
				resolve({ port: Number(port), exited, stderr: () => stderr, kill: () => child.kill('SIGKILL') });
			}
		});
	}), 10_000, 'the server to listen');
}

/** Connects, sends a message that makes the server fail, and resolves with how the connection closed. */
function provokeClose(port: number): Promise<{ code: number; reason: Buffer }> {
	const client = new WebSocket(`ws://127.0.0.1:${port}`);
	client.on('error', () => undefined);
	client.on('open', () => client.send('order 42'));
	return withTimeout(new Promise((resolve) => client.on('close', (code: number, reason: Buffer) => resolve({ code, reason }))), 10_000, 'the close');
}

describe('unbounded-close-reason', () => {
	test('reported where the reason is an error message or stack, String(error), or a template or constant built on one', () => {
		for (const reason of ['error.message', 'err.stack', 'String(err)', '`Error: ${error.message}`', "'failed: ' + e.message", 'JSON.stringify(details)',
			"error?.toString() ?? 'Unknown error'", "err.message || 'failed'", "details ? err.stack : 'failed'", "error.toString()"]) {
			assert.deepEqual(rules(wsServer('try { work(); } catch (error) {', `\tconst err = error, e = error, details = {}; ws.close(1011, ${reason});`, '}')), ['unbounded-close-reason'], reason);
		}
		assert.deepEqual(rules(wsServer('const text = err.message;', 'ws.close(1011, text);')), ['unbounded-close-reason']);
		// The variable of a `catch` is an error whatever it is called; another object's `toString()` is not.
		assert.deepEqual(rules(wsServer('try { work(); } catch (x) {', "\tws.close(1011, x?.toString() ?? 'Unknown error');", '}')), ['unbounded-close-reason']);
		assert.deepEqual(rules(wsServer('const x = { toString: () => "short" };', 'ws.close(1011, x.toString());')), []);
	});

	test('quiet for bounded reasons: a literal, a received reason, a cut message, a plain variable', () => {
		for (const reason of ["'server error'", 'error.message.slice(0, 100)', 'reason', "'code ' + 5", "reason ?? 'Unknown error'", "reason ? 'a' : 'b'"]) {
			assert.deepEqual(rules(wsServer("ws.on('close', (code, reason) => {", `\tws.close(1000, ${reason});`, '});')), [], reason);
		}
	});

	test('the fix adds the helper once, parses and type-checks (TS), and leaves no diagnostic', () => {
		const text = wsServer("ws.on('message', () => {", '\ttry { JSON.parse(\'\'); } catch (error) {', '\t\tws.close(1011, (error as Error).message);', '\t}', '});');
		const result = fixed(text, '(error as Error).message', 'server.ts');
		assert.match(result, /ws\.close\(1011, truncateCloseReason\(\(error as Error\)\.message\)\);/);
		assert.equal(result.match(/function truncateCloseReason\(reason: string\): string \{/g)?.length, 1);
		assert.deepEqual(syntaxErrors('server.ts', result), []);
		assert.deepEqual(typeCheck([{ fileName: 'server.ts', text: result }], 'node'), []);
		assert.deepEqual(rules(result, 'server.ts'), [], 'no diagnostic after the fix');
	});

	test('at run time: unfixed, the error path throws and the server dies; fixed, the client gets 1011 and the message cut at 123 bytes', async () => {
		const original = readFixture('errorServer.mjs');
		assert.deepEqual(rules(original, 'errorServer.mjs'), ['unbounded-close-reason']);
		const before = await startServer(original);
		try {
			const closed = await provokeClose(before.port);
			assert.equal(closed.code, 1006, 'the server died instead of closing');
			assert.equal(await withTimeout(before.exited, 5000, 'the server to exit'), 1);
			assert.match(before.stderr(), /RangeError|SyntaxError/);
		} finally {
			before.kill();
		}
		const after = await startServer(fixed(original, 'error.message', 'errorServer.mjs'));
		try {
			const closed = await provokeClose(after.port);
			assert.equal(closed.code, 1011);
			const message = `処理できません: order 42 ${'詳細'.repeat(60)}`;
			const reason = closed.reason.toString('utf8');
			assert.ok(closed.reason.length <= 123 && closed.reason.length >= 120, `${closed.reason.length} bytes`);
			assert.ok(message.startsWith(reason), 'a whole-character prefix of the message');
		} finally {
			after.kill();
		}
	});
});
