import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';

// `ws-close-codes check` follows close codes across the modules it is given, whether the files are analysed in this
// thread, in worker threads or come from the cache: the first pass gives every file's facts, a second pass checks
// again only the files that depend on another module.
const cli = join(__dirname, '..', '..', '..', 'server', 'dist', 'node', 'cli.js');

let project: string;
before(() => {
	project = mkdtempSync(join(tmpdir(), 'wscc-workspace-'));
	const files: Record<string, string> = {
		'src/protocol/codes.ts': 'export const ChatCodes = {\n\tKicked: 4002,\n\tCrashed: 1006,\n};\n',
		'src/protocol/index.ts': "export * from './codes';\n",
		'src/rooms/room.ts': "import { ChatCodes } from '../protocol';\nexport const kick = (ws: WebSocket) => ws.close(ChatCodes.Kicked);\n",
		'src/rooms/crash.ts': "import WebSocket from 'ws';\nimport { ChatCodes } from '../protocol';\nexport const fail = (ws: WebSocket) => ws.close(ChatCodes.Crashed);\n",
	};
	// Enough ordinary files for the CLI to use worker threads (it stays in one thread below 64 files).
	for (let index = 0; index < 80; index++) {
		files[`src/util/u${index}.ts`] = `export const total${index} = (a: number) => a * ${index};\n`;
	}
	for (const [path, text] of Object.entries(files)) {
		mkdirSync(dirname(join(project, path)), { recursive: true });
		writeFileSync(join(project, path), text);
	}
});
after(() => rmSync(project, { recursive: true, force: true }));

function check(...args: string[]) {
	const result = spawnSync(process.execPath, [cli, 'check', ...args], { cwd: project, encoding: 'utf8' });
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonReport { files: { path: string; sites: { line: number; code: number }[]; diagnostics: { rule: string; line: number }[] }[] }

describe('CLI across modules', () => {
	test('a reserved code sent through a constant of another module is an error; its declaration is a close code', () => {
		const result = check('src', '--format', 'json', '--jobs', '1');
		assert.equal(result.status, 1, result.stderr);
		const report = JSON.parse(result.stdout) as JsonReport;
		const crash = report.files.find((file) => file.path.endsWith('crash.ts'));
		assert.deepEqual(crash?.diagnostics.map((diagnostic) => [diagnostic.rule, diagnostic.line]), [['reserved-close-code', 3]]);
		const codes = report.files.find((file) => file.path.endsWith('codes.ts'));
		assert.deepEqual(codes?.sites.map((site) => site.code), [4002, 1006]);
	});

	test('the same with worker threads and from the cache; --no-workspace checks each file on its own', () => {
		const single = check('src', '--jobs', '1');
		const threads = check('src', '--jobs', '2');
		assert.equal(threads.stdout, single.stdout);
		const cacheFile = join(project, 'cache.json');
		const first = check('src', '--cache-location', cacheFile);
		const again = check('src', '--cache-location', cacheFile);
		assert.equal(first.stdout, single.stdout);
		assert.equal(again.stdout, single.stdout, 'a cached run links the modules too');
		// A change in the declaring module reaches the file that uses it, cache or not.
		const codes = join(project, 'src', 'protocol', 'codes.ts');
		writeFileSync(codes, 'export const ChatCodes = {\n\tKicked: 4002,\n\tCrashed: 1011,\n};\n');
		try {
			const changed = check('src', '--cache-location', cacheFile);
			assert.equal(changed.status, 0, changed.stdout);
			assert.match(changed.stdout, /0 errors/);
		} finally {
			writeFileSync(codes, 'export const ChatCodes = {\n\tKicked: 4002,\n\tCrashed: 1006,\n};\n');
		}
		assert.equal(check('src', '--cache-location', cacheFile).stdout, single.stdout, 'and back');
		const alone = check('src', '--no-workspace');
		assert.equal(alone.status, 0);
		assert.match(alone.stdout, /0 errors/);
		assert.match(single.stdout, /1 error/);
	});
});
