import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

/** The bundled CLI, exactly as the `ws-close-codes` bin runs it. */
const cli = join(__dirname, '..', '..', '..', 'server', 'dist', 'node', 'cli.js');

/** `WS_CLOSE_CODES_DEBUG` makes the CLI say how many files it analysed, took from the cache and how many threads ran. */
const debugLine = /^ws-close-codes: debug: (\d+) files, (\d+) from the cache, (\d+) analysed, (\d+) worker threads\n/m;

function run(args: string[], cwd: string, nodeOptions: string[] = []) {
	const result = spawnSync(process.execPath, [...nodeOptions, cli, ...args], {
		cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, WS_CLOSE_CODES_DEBUG: '1' },
	});
	const match = debugLine.exec(result.stderr);
	assert.ok(match, `no debug line in: ${result.stderr}`);
	const [files, fromCache, analysed, workers] = match.slice(1).map(Number);
	return { code: result.status, stdout: result.stdout, stderr: result.stderr.replace(debugLine, ''), files, fromCache, analysed, workers };
}

const fileCount = 150;

/** A tree above the worker threshold with every kind of outcome: errors, warnings, clean files, skips. */
function writeTree(root: string) {
	mkdirSync(join(root, 'src', 'nested'), { recursive: true });
	// A large file first: the worker that takes it finishes last, so later files come back before it.
	writeFileSync(join(root, 'src', '000-large.ts'), Array.from({ length: 4000 }, (_, index) =>
		`export function h${index}(socket: WebSocket) { socket.close(${index % 7 === 0 ? 1006 : 4000 + (index % 900)}); }`).join('\n'));
	for (let index = 1; index < fileCount - 3; index++) {
		const name = join(root, 'src', index % 3 === 0 ? 'nested' : '.', `file-${String(index).padStart(3, '0')}.${['js', 'ts', 'mjs', 'tsx'][index % 4]}`);
		const body = index % 5 === 0 ? `const WebSocket = require('ws');\nnew WebSocket('ws://x').close(${1004 + (index % 3)});\n`
			: index % 5 === 1 ? `socket.close(2${String(index).padStart(3, '0')}, 'moved');\n`
			: index % 5 === 2 ? `const socket = new WebSocket('wss://x');\nsocket.close(1001, 'bye');\n`
			: `setTimeout(() => {}, ${index * 100});\nexport const port = 3000;\n`;
		writeFileSync(name, body);
	}
	writeFileSync(join(root, 'src', 'binary.js'), Buffer.from([0x00, 0x01, 0x02, 0x63, 0x6c, 0x6f, 0x73, 0x65]));
	// A close code in it, or the text pre-scan would not even parse it.
	writeFileSync(join(root, 'src', 'generated.js'), `ws.close(1001);\nx = ${'['.repeat(5000)}${']'.repeat(5000)};\n`);
	writeFileSync(join(root, 'src', 'utf16.ts'), Buffer.concat([Buffer.from([0xff, 0xfe]),
		Buffer.from("import WebSocket from 'ws';\ndeclare const ws: WebSocket;\nws.close(1005);\n", 'utf16le')]));
}

let root: string;

before(() => {
	root = mkdtempSync(join(tmpdir(), 'wscc-cli-parallel-'));
	writeTree(root);
});

after(() => rmSync(root, { recursive: true, force: true }));

describe('ws-close-codes check on many files', () => {
	test('worker threads print exactly what one thread prints, in the same order, in every format', () => {
		for (const format of ['text', 'json', 'sarif']) {
			const single = run(['check', 'src', '--format', format, '--jobs', '1'], root);
			const parallel = run(['check', 'src', '--format', format, '--jobs', '3'], root);
			assert.equal(single.workers, 0);
			assert.equal(parallel.workers, 3, 'the tree is large enough for workers');
			assert.equal(parallel.analysed, fileCount);
			assert.equal(single.code, 1);
			assert.deepEqual([parallel.code, parallel.stdout, parallel.stderr], [single.code, single.stdout, single.stderr], format);
		}
		const { stdout, stderr } = run(['check', 'src', '--format', 'json', '--jobs', '2'], root);
		const files = JSON.parse(stdout).files as { path: string; diagnostics: unknown[] }[];
		assert.equal(files.length, fileCount);
		assert.equal(files[0].path, join('src', '000-large.ts'));
		assert.equal(files[0].diagnostics.length, 572, 'every 1006 in the large file');
		assert.deepEqual(files.map((file) => file.path), files.map((file) => file.path).sort(), 'in the order the folders are walked');
		assert.deepEqual(stderr.split('\n').filter(Boolean), [
			`ws-close-codes: ${join('src', 'binary.js')}: skipped (binary file)`,
			`ws-close-codes: ${join('src', 'generated.js')}: skipped (nested too deeply to parse)`,
		]);
	});

	test('a few files are checked without starting worker threads', () => {
		const { code, stdout, workers } = run(['check', join('src', 'file-001.ts'), join('src', 'file-004.js'), '--jobs', '4'], root);
		assert.equal(workers, 0);
		assert.equal(code, 0);
		assert.match(stdout, /2 files checked, 1 close code found, 0 errors, 1 warning/);
	});

	test('--cache: an unchanged tree is not analysed again, a changed file is, and the output stays the same', () => {
		const folder = mkdtempSync(join(tmpdir(), 'wscc-cli-cache-'));
		try {
			writeTree(folder);
			const uncached = run(['check', 'src', '--format', 'json'], folder);
			const first = run(['check', 'src', '--format', 'json', '--cache'], folder);
			assert.ok(existsSync(join(folder, '.ws-close-codes-cache')));
			assert.deepEqual([first.fromCache, first.analysed], [0, fileCount]);
			const second = run(['check', 'src', '--format', 'json', '--cache'], folder);
			assert.deepEqual([second.fromCache, second.analysed, second.workers], [fileCount, 0, 0]);
			for (const result of [first, second]) {
				assert.deepEqual([result.code, result.stdout, result.stderr], [uncached.code, uncached.stdout, uncached.stderr],
					'the same results and skip notes, from the cache too');
			}

			writeFileSync(join(folder, 'src', 'file-002.mjs'), "const WebSocket = require('ws');\nnew WebSocket('ws://x').close(1015);\n");
			const changed = run(['check', 'src', '--cache'], folder);
			assert.deepEqual([changed.fromCache, changed.analysed], [fileCount - 1, 1]);
			assert.match(changed.stdout, /file-002\.mjs:2:31 {2}error {2}1015 \(TLS Handshake\) is reserved/);

			// Modification time and size are compared first; a touched file is hashed, and the same content is a hit.
			const touched = join(folder, 'src', 'file-002.mjs');
			const later = new Date(statSync(touched).mtimeMs + 10_000);
			utimesSync(touched, later, later);
			const afterTouch = run(['check', 'src', '--cache'], folder);
			assert.deepEqual([afterTouch.fromCache, afterTouch.analysed], [fileCount, 0], 'the same content is not analysed again');
			// Same size, other content, a newer time: analysed again.
			const before = readFileSync(touched, 'utf8');
			writeFileSync(touched, before.replace('1015', '2015'));
			assert.equal(statSync(touched).size, Buffer.byteLength(before));
			const evenLater = new Date(later.getTime() + 10_000);
			utimesSync(touched, evenLater, evenLater);
			const afterEdit = run(['check', 'src', '--cache'], folder);
			assert.deepEqual([afterEdit.fromCache, afterEdit.analysed], [fileCount - 1, 1], 'an edit of the same size is analysed again');
			assert.match(afterEdit.stdout, /file-002\.mjs:2:31 {2}error {2}2015 is in the unassigned range/);
			writeFileSync(touched, before);

			const japanese = run(['check', 'src', '--cache', '--locale', 'ja'], folder);
			assert.equal(japanese.fromCache, 0, 'results in another language are not taken from an English cache');
			assert.match(japanese.stdout, /file-002\.mjs:2:31 {2}error {2}.*予約/);
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	});

	test('--cache: a corrupt or foreign cache file is ignored and rewritten', () => {
		const folder = mkdtempSync(join(tmpdir(), 'wscc-cli-cache-'));
		try {
			writeTree(folder);
			const expected = run(['check', 'src'], folder);
			const location = join(folder, 'cache', 'results.json');
			mkdirSync(join(folder, 'cache'));
			for (const content of ['{"tool":"ws-close-codes","key":', '\u0000\u0001binary', '{"tool":"ws-close-codes","key":"x","files":[1]}',
				JSON.stringify({ tool: 'ws-close-codes', key: 'x', files: { [join(folder, 'src', 'file-001.ts')]: { hash: 1 } } }), '[]', 'null']) {
				writeFileSync(location, content);
				const result = run(['check', 'src', '--cache-location', location], folder);
				assert.deepEqual([result.code, result.stdout, result.stderr, result.analysed], [expected.code, expected.stdout, expected.stderr, fileCount], content);
				assert.equal(JSON.parse(readFileSync(location, 'utf8')).tool, 'ws-close-codes', 'rewritten');
			}
			// A valid cache with an entry that does not fit is not trusted for that file.
			const cache = JSON.parse(readFileSync(location, 'utf8'));
			cache.files[join(folder, 'src', 'file-005.ts')].diagnostics = [null];
			writeFileSync(location, JSON.stringify(cache));
			const repaired = run(['check', 'src', '--cache-location', location], folder);
			assert.deepEqual([repaired.stdout, repaired.fromCache, repaired.analysed], [expected.stdout, fileCount - 1, 1]);
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	});

	test('progress on stderr only when it is a terminal', () => {
		const plain = run(['check', 'src', '--format', 'json'], root);
		assert.doesNotMatch(plain.stderr, /checked/, 'nothing but the skip notes when stderr is not a terminal');
		// A preload makes stderr claim to be a terminal, as it is for someone running the CLI by hand.
		const fakeTty = join(root, 'fake-tty.js');
		writeFileSync(fakeTty, 'process.stderr.isTTY = true;\n');
		const terminal = run(['check', 'src', '--format', 'json'], root, ['--require', fakeTty]);
		assert.equal(terminal.stdout, plain.stdout);
		assert.ok(terminal.stderr.includes(`\rchecked ${fileCount}/${fileCount} files`), JSON.stringify(terminal.stderr));
		assert.ok(terminal.stderr.lastIndexOf('\r\x1b[K') > terminal.stderr.lastIndexOf('\rchecked'), 'the progress line is erased at the end');
		assert.equal(terminal.stderr.replace(/\rchecked [\d,]+\/[\d,]+ files|\r\x1b\[K/g, ''), plain.stderr, 'the notes are unchanged');
	});
});
