// `npm run test:emacs`: the language server in a third real LSP editor — Emacs 28 with Debian's elpa-eglot 1.9
// (installed by scripts/setup-vscode.sh) — over stdio, with the configuration of test/editors/eglot.el: hover,
// pushed diagnostics (flymake), code actions. Needs `npm run build`. Prints one line per check and a closing
// `N passed, N failed` line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, reportEditorChecks } from './codeServer.mjs';

const server = join(repoRoot, 'server', 'dist', 'node', 'serverMain.js');
if (spawnSync('emacs', ['--version']).status !== 0 || !existsSync('/usr/share/emacs/site-lisp/elpa/eglot-1.9')) {
	console.error('emacs or eglot is not installed: run `bash scripts/setup-vscode.sh` (it installs Debian\'s emacs-nox and elpa-eglot).');
	process.exit(2);
}
if (!existsSync(server)) {
	console.error(`${server} is missing: run \`npm run build\` first.`);
	process.exit(2);
}

// eglot wants a project: a git repository is the one project.el finds without asking.
const workspace = mkdtempSync(join(tmpdir(), 'wscc-emacs-'));
spawnSync('git', ['init', '-q', workspace]);
const file = join(workspace, 'client.js');
writeFileSync(file, "const socket = new WebSocket('wss://example.test');\nsocket.close(1001, 'bye');\n");
const out = join(workspace, 'results.json');

const checks = [];
try {
	const run = spawnSync('emacs', ['--batch', '-Q', '-l', join(repoRoot, 'test', 'editors', 'eglot-test.el')], {
		cwd: workspace,
		// A UTF-8 locale: LSP's Content-Length counts UTF-8 bytes, and the server's messages are not all ASCII.
		env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', WSCC_SERVER: server, WSCC_FILE: file, WSCC_LINE: '2', WSCC_COLUMN: '15', WSCC_OUT: out },
		timeout: 60_000,
		encoding: 'utf8',
	});
	const results = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : undefined;
	checks.push(
		['eglot started the server over stdio and initialized it', results?.initialized === true, run.stderr.slice(-600) || `emacs exited with ${run.status}`],
		['hover on 1001 shows Going Away and what sending it does', typeof results?.hover === 'string' && results.hover.startsWith('**1001 Going Away**') &&
			results.hover.includes('**When to send it**'), String(results?.hover).slice(0, 160)],
		['pushed diagnostic in flymake: browser-close-code on close(1001)', results?.diagnostics?.length === 1 && /\[browser-close-code\]/.test(results.diagnostics[0]),
			JSON.stringify(results?.diagnostics)],
		['code actions at 1001: its two fixes, then the refactor', JSON.stringify(results?.actions) ===
			JSON.stringify(['Use 1000 (Normal Closure)', 'Use 4001 (private-use code mirroring 1001 Going Away)', 'Replace 1001 with CloseCode.GoingAway']),
			JSON.stringify(results?.actions)],
	);
} finally {
	rmSync(workspace, { recursive: true, force: true });
}
reportEditorChecks('emacs', checks);
