import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

/** The bundled CLI, exactly as the `ws-close-codes` bin runs it. */
const cli = join(__dirname, '..', '..', '..', 'server', 'dist', 'node', 'cli.js');

function run(args: string[], cwd: string) {
	const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
	return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let root: string;

before(() => {
	root = mkdtempSync(join(tmpdir(), 'wscc-cli-'));
	mkdirSync(join(root, 'src', 'deep'), { recursive: true });
	mkdirSync(join(root, 'node_modules', 'dep'), { recursive: true });
	mkdirSync(join(root, '.git'), { recursive: true });
	writeFileSync(join(root, 'src', 'client.ts'), "const socket = new WebSocket('wss://x');\n// 👋 an emoji before the code on the same line: 👋 socket.close(1001)\n/* 👋 */ socket.close(1001, 'bye');\n");
	writeFileSync(join(root, 'src', 'deep', 'server.mjs'), "import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ port: 3000 });\nwss.on('connection', (ws) => ws.close(1012, 'restart'));\n");
	writeFileSync(join(root, 'src', 'deep', 'types.d.ts'), 'export declare enum CloseCode { Normal = 1000, GoingAway = 1001 }\n');
	writeFileSync(join(root, 'src', 'warn.cjs'), "socket.close(2500, 'moved');\n");
	writeFileSync(join(root, 'src', 'notes.md'), 'ws.close(1005)\n');
	writeFileSync(join(root, 'node_modules', 'dep', 'index.js'), "const WebSocket = require('ws'); new WebSocket('ws://x').close(1005);\n");
	writeFileSync(join(root, '.git', 'hook.js'), "socket.close(1006, 'x');\n");
	writeFileSync(join(root, 'clean.js'), "const WebSocket = require('ws');\nnew WebSocket('ws://x').close(1000, 'done');\nsetTimeout(() => {}, 1000);\n");
	// UTF-16 with a byte-order mark, as some Windows editors save.
	writeFileSync(join(root, 'utf16.ts'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("import WebSocket from 'ws';\ndeclare const ws: WebSocket;\nws.close(1005);\n", 'utf16le')]));
	writeFileSync(join(root, 'binary.js'), Buffer.from([0x00, 0x01, 0x02, 0x63, 0x6c, 0x6f, 0x73, 0x65]));
});

after(() => rmSync(root, { recursive: true, force: true }));

describe('ws-close-codes check', () => {
	test('text output like a compiler; exit 1 on errors; node_modules, .git and non-source files are skipped', () => {
		const { code, stdout } = run(['check', 'src'], root);
		assert.equal(code, 1);
		const lines = stdout.trim().split('\n');
		assert.deepEqual(lines.slice(0, -1), [
			'src/client.ts:3:23  error  WebSocket#close() accepts only 1000 and 3000–4999, so close(1001) throws InvalidAccessError.  [browser-close-code]',
			"src/warn.cjs:1:14  warning  2500 is in the unassigned range 1016–2999: no spec defines it, and peers may fail the connection with 1002.  [unassigned-close-code]",
		]);
		assert.equal(lines.at(-1), '4 files checked, 5 close codes found, 1 error, 1 warning');
	});

	// Columns count UTF-16 code units: the emoji before `socket.close(1001` counts 2, so 1001 starts at column 23.
	test('JSON output has exactly the documented shape, 1-based columns in UTF-16 code units', () => {
		const { code, stdout } = run(['check', 'src/client.ts', 'src/deep', '--format', 'json'], root);
		assert.equal(code, 1);
		const report = JSON.parse(stdout);
		assert.deepEqual(report, {
			version: 1,
			files: [
				{
					path: 'src/client.ts',
					sites: [{ line: 3, column: 23, endLine: 3, endColumn: 27, code: 1001, name: 'Going Away', confidence: 'certain' }],
					diagnostics: [{
						line: 3, column: 23, endLine: 3, endColumn: 27, severity: 'error', rule: 'browser-close-code',
						message: '`WebSocket#close()` accepts only 1000 and 3000–4999, so `close(1001)` throws `InvalidAccessError`.',
					}],
				},
				{
					path: 'src/deep/server.mjs',
					sites: [{ line: 3, column: 39, endLine: 3, endColumn: 43, code: 1012, name: 'Service Restart', confidence: 'certain' }],
					diagnostics: [],
				},
				{
					path: 'src/deep/types.d.ts',
					sites: [
						{ line: 1, column: 42, endLine: 1, endColumn: 46, code: 1000, name: 'Normal Closure', confidence: 'certain' },
						{ line: 1, column: 60, endLine: 1, endColumn: 64, code: 1001, name: 'Going Away', confidence: 'certain' },
					],
					diagnostics: [],
				},
			],
		});
	});

	test('SARIF 2.1.0 for code scanning', () => {
		const { code, stdout } = run(['check', 'src', '--format=sarif'], root);
		assert.equal(code, 1);
		const sarif = JSON.parse(stdout);
		assert.equal(sarif.version, '2.1.0');
		const [runResult] = sarif.runs;
		assert.equal(runResult.tool.driver.name, 'ws-close-codes');
		assert.deepEqual(runResult.tool.driver.rules.map((rule: { id: string }) => rule.id), ['browser-close-code', 'unassigned-close-code']);
		assert.equal(runResult.columnKind, 'utf16CodeUnits');
		assert.deepEqual(runResult.results.map((result: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }) => [
			result.ruleId, result.level, result.locations[0].physicalLocation.artifactLocation.uri,
			result.locations[0].physicalLocation.region.startLine, result.locations[0].physicalLocation.region.startColumn,
		]), [['browser-close-code', 'error', 'src/client.ts', 3, 23], ['unassigned-close-code', 'warning', 'src/warn.cjs', 1, 14]]);
	});

	test('globs, exit 0 on clean code, and Japanese messages', () => {
		const clean = run(['check', 'clean.js', 'src/deep/*.mjs'], root);
		assert.equal(clean.code, 0);
		assert.match(clean.stdout, /2 files checked, 2 close codes found, 0 errors, 0 warnings/);
		const globbed = run(['check', './src/**/*.ts'], root);
		assert.match(globbed.stdout, /2 files checked/);
		const japanese = run(['check', 'src/client.ts', '--locale', 'ja'], root);
		assert.match(japanese.stdout, /InvalidAccessError をスローします。  \[browser-close-code\]/);
	});

	test('odd encodings and binary files: UTF-16 with BOM is read, binary is skipped with a note', () => {
		const utf16 = run(['check', 'utf16.ts'], root);
		assert.equal(utf16.code, 1);
		assert.match(utf16.stdout, /utf16\.ts:3:10 {2}error {2}1005 \(No Status Received\) is reserved/);
		const binary = run(['check', 'binary.js'], root);
		assert.equal(binary.code, 0);
		assert.match(binary.stderr, /binary\.js: skipped \(binary file\)/);
	});

	test('unreadable paths: exit 2 with a clear message, and the other files are still checked', () => {
		const unreadableFile = join(root, 'locked.js');
		writeFileSync(unreadableFile, 'ws.close(1000);\n');
		chmodSync(unreadableFile, 0o000);
		const asRoot = process.getuid?.() === 0;
		const { code, stdout, stderr } = run(['check', 'missing.ts', 'clean.js', 'locked.js', 'nothing/**/*.js'], root);
		assert.equal(code, 2);
		assert.match(stderr, /ws-close-codes: missing\.ts: no such file or directory/);
		assert.match(stderr, /ws-close-codes: nothing\/\*\*\/\*\.js: no files match this pattern/);
		if (!asRoot) {
			assert.match(stderr, /locked\.js: permission denied/);
		}
		assert.match(stdout, /clean\.js|files checked/);
		assert.match(stdout, new RegExp(`${asRoot ? 2 : 1} files? checked`));
	});

	test('usage errors exit 2 with the usage text; --help and --version exit 0', () => {
		for (const args of [['lint'], ['check', '--format', 'xml'], ['check', '--locale'], ['check', '--bogus']]) {
			const { code, stderr } = run(args, root);
			assert.equal(code, 2, args.join(' '));
			assert.match(stderr, /^ws-close-codes: .+\n\nUsage: ws-close-codes check/);
		}
		assert.equal(run(['--help'], root).code, 0);
		assert.match(run(['--version'], root).stdout, /^\d+\.\d+\.\d+\n$/);
	});
});
