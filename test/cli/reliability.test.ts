import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

const cli = join(__dirname, '..', '..', '..', 'server', 'dist', 'node', 'cli.js');
const problem = "const WebSocket = require('ws');\nnew WebSocket('ws://x').close(1005);\n";

function run(args: string[], cwd: string) {
	const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 30_000 });
	return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('CLI reliability', () => {
	let root: string;
	let outside: string;
	before(() => {
		root = mkdtempSync(join(tmpdir(), 'wscc-cli-root-'));
		outside = mkdtempSync(join(tmpdir(), 'wscc-cli-outside-'));
		writeFileSync(join(outside, 'secret.js'), problem);
		mkdirSync(join(root, 'src'));
		writeFileSync(join(root, 'src', 'ok.js'), "const WebSocket = require('ws');\nnew WebSocket('ws://x').close(1000);\n");
		symlinkSync(outside, join(root, 'src', 'linked-dir'));
		symlinkSync(join(outside, 'secret.js'), join(root, 'src', 'linked.js'));
		symlinkSync(root, join(root, 'src', 'loop'));
	});
	after(() => {
		rmSync(root, { recursive: true, force: true });
		rmSync(outside, { recursive: true, force: true });
	});

	test('symbolic links are not followed out of the given roots (nor round a loop)', () => {
		for (const args of [['check', 'src'], ['check', 'src/**/*.js']]) {
			const { code, stdout } = run([...args, '--format', 'json'], root);
			assert.equal(code, 0, `${args.join(' ')}: the 1005 behind the links is not reported`);
			assert.deepEqual(JSON.parse(stdout).files.map((file: { path: string }) => file.path), [join('src', 'ok.js')]);
		}
	});

	test('JSON and SARIF stay valid for any file name and message', () => {
		const names = ['quote "and\' back\\slash.js', 'new\nline.js', 'tab\tand \u2028 ✓ 😀.js', '<script>&amp;.js'];
		const folder = join(root, 'names');
		mkdirSync(folder);
		for (const name of names) {
			writeFileSync(join(folder, name), `${problem}// \ud800 a lone surrogate in a comment\n`);
		}
		const json = run(['check', 'names', '--format', 'json'], root);
		assert.equal(json.code, 1);
		const files = JSON.parse(json.stdout).files as { path: string; diagnostics: unknown[] }[];
		assert.deepEqual(files.map((file) => file.path).sort(), names.map((name) => join('names', name)).sort());
		assert.ok(files.every((file) => file.diagnostics.length === 1));
		const sarif = run(['check', 'names', '--format', 'sarif'], root);
		assert.equal(sarif.code, 1);
		assert.equal(JSON.parse(sarif.stdout).runs[0].results.length, names.length);
		rmSync(folder, { recursive: true, force: true });
	});

	test('a file nested too deeply to parse is skipped with a note; the others are still checked', () => {
		const folder = join(root, 'deep');
		mkdirSync(folder);
		// With a close code in it: a file with nothing that could be one is not even parsed (the text pre-scan).
		writeFileSync(join(folder, 'generated.js'), `ws.close(1001);\nx = ${'['.repeat(5000)}${']'.repeat(5000)};\n`);
		writeFileSync(join(folder, 'problem.js'), problem);
		const { code, stdout, stderr } = run(['check', 'deep'], root);
		assert.equal(code, 1, 'the error in problem.js still counts');
		assert.match(stderr, /generated\.js: skipped \(nested too deeply to parse\)/);
		assert.match(stdout, /problem\.js:2:31 {2}error {2}1005/);
		rmSync(folder, { recursive: true, force: true });
	});

	test('a reader that stops early (`| head`) ends the run quietly with its exit status, not a stack trace', () => {
		const folder = join(root, 'many');
		mkdirSync(folder);
		for (let index = 0; index < 300; index++) {
			writeFileSync(join(folder, `f${index}.js`), problem);
		}
		// The shell's `check many | head -c 1`: stdout is a pipe whose reader has gone.
		const result = spawnSync('bash', ['-c', `"${process.execPath}" "${cli}" check many --jobs 1 | head -c 1 >/dev/null; exit \${PIPESTATUS[0]}`],
			{ cwd: root, encoding: 'utf8', timeout: 30_000 });
		assert.doesNotMatch(result.stderr, /EPIPE|Error|\bat /, result.stderr);
		assert.equal(result.status, 1, 'the errors found still decide the exit status');
		rmSync(folder, { recursive: true, force: true });
	});
});
