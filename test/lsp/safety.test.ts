import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { positionOf, serverPath, TestClient } from './lspClient';

const repositoryRoot = join(__dirname, '..', '..', '..');
const preload = join(__dirname, 'noSideEffects.js');

/** A workspace whose modules would leave a mark (and try the network and a process) if anything ran them. */
function trapWorkspace(): { folder: string; marker: string; main: string; text: string } {
	const folder = mkdtempSync(join(tmpdir(), 'wscc-safety-'));
	const marker = join(folder, 'EXECUTED');
	const payload = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran'); require('child_process').execSync('true'); fetch('http://127.0.0.1:9');\n`;
	writeFileSync(join(folder, 'closeCodes.js'), `${payload}exports.CloseCode = Object.freeze({ GOING_AWAY: 1001 });\n`);
	writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'trap', scripts: { postinstall: payload }, main: 'closeCodes.js' }));
	writeFileSync(join(folder, 'tsconfig.json'), JSON.stringify({ compilerOptions: { plugins: [{ name: './closeCodes.js' }] } }));
	const text = "import { CloseCode } from './closeCodes';\nimport ws from 'ws';\nconst socket = new ws('wss://x');\nsocket.close(1001);\nsocket.on('close', (code) => { if (code === 1006) reconnect(); });\n";
	const main = join(folder, 'main.ts');
	writeFileSync(main, text);
	return { folder, marker, main, text };
}

describe('safety: no workspace code runs, no connection, no process', () => {
	test('the server, through every feature on a workspace full of traps', async () => {
		const { folder, marker, main, text } = trapWorkspace();
		const log = join(folder, 'side-effects.log');
		process.env.WSCC_SIDE_EFFECTS = log;
		process.env.WSCC_ALLOWED_CODE = join(repositoryRoot, 'server', 'dist');
		const { client } = await TestClient.start({ transport: 'stdio', pullDiagnostics: true, nodeArguments: ['--require', preload] });
		try {
			const uri = pathToFileURL(main).href;
			await client.open(uri, text);
			const at = positionOf(text, '1001', 1);
			assert.ok(await client.hover(uri, at), 'the server works under the preload');
			const diagnostics = await client.pullDiagnostics(uri);
			const range = { start: at, end: at };
			const actions = [
				...(await client.codeActions(uri, range, diagnostics)) ?? [],
				...(await client.codeActions(uri, { start: positionOf(text, '1006'), end: positionOf(text, '1006') }, [])) ?? [],
			];
			assert.ok(actions.some((action) => action.kind === 'refactor.extract.constant'), 'the refactor read the imported module');
			await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: positionOf(text, 'close(', 6) });
			await client.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } } });
		} finally {
			await client.stop();
			delete process.env.WSCC_SIDE_EFFECTS;
			delete process.env.WSCC_ALLOWED_CODE;
		}
		try {
			assert.equal(existsSync(log) ? readFileSync(log, 'utf8') : '', '');
			assert.equal(existsSync(marker), false, 'workspace code ran');
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	});

	test('the CLI, checking the same workspace', () => {
		const { folder, marker } = trapWorkspace();
		const log = join(folder, 'side-effects.log');
		try {
			const result = spawnSync(process.execPath, ['--require', preload, join(repositoryRoot, 'server', 'dist', 'node', 'cli.js'), 'check', folder, '--format', 'json'], {
				encoding: 'utf8', env: { ...process.env, WSCC_SIDE_EFFECTS: log, WSCC_ALLOWED_CODE: join(repositoryRoot, 'server', 'dist') },
			});
			assert.equal(result.status, 0, result.stderr);
			assert.equal(JSON.parse(result.stdout).files.length, 2, 'closeCodes.js and main.ts were read');
			assert.equal(existsSync(log) ? readFileSync(log, 'utf8') : '', '');
			assert.equal(existsSync(marker), false, 'workspace code ran');
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	});

	test('the preload does catch a side effect (so the tests above cannot pass vacuously)', () => {
		const folder = mkdtempSync(join(tmpdir(), 'wscc-safety-'));
		const log = join(folder, 'side-effects.log');
		try {
			spawnSync(process.execPath, ['--require', preload, '-e', "require('child_process').execSync('true')"], { env: { ...process.env, WSCC_SIDE_EFFECTS: log } });
			assert.match(readFileSync(log, 'utf8'), /child_process\.execSync\(true\)/);
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
		assert.ok(existsSync(serverPath));
	});
});
