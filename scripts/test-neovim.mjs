// `npm run test:neovim`: the language server in a second, real LSP editor — Neovim (Debian's 0.7.2, installed by
// scripts/setup-vscode.sh) — over stdio: hover, no hover on a timeout, and pushed diagnostics with their fixes.
// Needs `npm run build`. Prints one line per check and a closing `N passed, N failed` line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, reportEditorChecks } from './codeServer.mjs';

const server = join(repoRoot, 'server', 'dist', 'node', 'serverMain.js');
if (spawnSync('nvim', ['--version']).status !== 0) {
	console.error('nvim is not installed: run `bash scripts/setup-vscode.sh` (it installs Debian\'s neovim).');
	process.exit(2);
}
if (!existsSync(server)) {
	console.error(`${server} is missing: run \`npm run build\` first.`);
	process.exit(2);
}

const workspace = mkdtempSync(join(tmpdir(), 'wscc-neovim-'));
const lines = [
	"const socket = new WebSocket('wss://example.test');",
	"socket.close(1001, 'bye');",
	'setTimeout(() => socket.close(1000), 1000);',
];
const file = join(workspace, 'client.ts');
writeFileSync(file, `${lines.join('\n')}\n`);
const out = join(workspace, 'results.json');
// 1001 in close(1001, …); the 1000 of the timeout (last number of line 3).
const positions = [[1, 14], [2, lines[2].lastIndexOf('1000') + 1]];

const checks = [];
try {
	const run = spawnSync('nvim', ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${join(repoRoot, 'test', 'editors', 'neovim.lua')}`], {
		cwd: workspace,
		env: { ...process.env, WSCC_SERVER: server, WSCC_ROOT: workspace, WSCC_FILE: file, WSCC_OUT: out, WSCC_POSITIONS: positions.map((p) => p.join(':')).join(';') },
		timeout: 60_000,
		encoding: 'utf8',
	});
	const results = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : undefined;
	const hovers = results?.hovers ?? [];
	const diagnostics = results?.diagnostics ?? [];
	checks.push(
		['Neovim started the server over stdio and initialized it', results?.initialized === true, run.stderr || `nvim exited with ${run.status}`],
		['hover on 1001 shows Going Away with its docs', typeof hovers[0] === 'string' && hovers[0].startsWith('**1001 Going Away**') && hovers[0].includes('**When to send it**'), String(hovers[0]).slice(0, 120)],
		['no hover on the timeout 1000', hovers[1] === null, String(hovers[1]).slice(0, 120)],
		['pushed diagnostic: browser-close-code on close(1001), with its two fixes in data',
			diagnostics.length === 1 && diagnostics[0].code === 'browser-close-code' && diagnostics[0].data?.fixes?.length === 2,
			JSON.stringify(diagnostics).slice(0, 200)],
	);
} finally {
	rmSync(workspace, { recursive: true, force: true });
}
reportEditorChecks('neovim', checks);
