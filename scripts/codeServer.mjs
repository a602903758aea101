// Starting a real VS Code (code-server 4.100.3) on this machine, for `npm start` and the end-to-end tests.
// Every run gets its own user-data, extensions and workspace folders (code-server remembers open editors), and
// only the processes started here are stopped.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = process.env.WSCC_CACHE_DIR ?? join(homedir(), '.cache', 'websocket-close-codes');
export const codeServerBin = join(cacheDir, 'code-server-4.100.3', 'node_modules', '.bin', 'code-server');

/** Installs Debian packages and code-server when missing (scripts/setup-vscode.sh skips what is present). */
export function ensureCodeServer() {
	const result = spawnSync('bash', [join(repoRoot, 'scripts', 'setup-vscode.sh')], { stdio: 'inherit' });
	if (result.status !== 0 || !existsSync(codeServerBin)) {
		throw new Error('code-server is not available; see the output of scripts/setup-vscode.sh above');
	}
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
	return new Promise((resolvePort, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolvePort(port));
		});
	});
}

const userSettings = {
	'workbench.startupEditor': 'none',
	'security.workspace.trust.enabled': false,
	'telemetry.telemetryLevel': 'off',
	'update.mode': 'none',
	'extensions.autoUpdate': false,
	'extensions.autoCheckUpdates': false,
	'workbench.tips.enabled': false,
	'workbench.welcomePage.walkthroughs.openOnInstall': false,
	'chat.disableAIFeatures': true,
	'editor.hover.delay': 200,
	'git.enabled': false,
	// Automatic type acquisition tries the network, which is closed here; while it waits, TypeScript's hover
	// (and so the whole hover widget) stays on "Loading…" for a minute or more.
	'typescript.disableAutomaticTypeAcquisition': true,
};

/**
 * Copies the built extension into an extensions folder the way installing its .vsix would: the manifest, the
 * bundles, snippets and l10n files — nothing else.
 */
export function installExtensionCopy(extensionsDir) {
	const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
	const id = `${manifest.publisher}.${manifest.name}`;
	const target = join(extensionsDir, `${id}-${manifest.version}`);
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	for (const entry of ['package.json', 'package.nls.json', 'package.nls.ja.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'client/dist', 'server/dist', 'snippets']) {
		const source = join(repoRoot, entry);
		if (existsSync(source)) {
			cpSync(source, join(target, entry), { recursive: true });
		}
	}
	if (!existsSync(join(target, 'client', 'dist', 'node', 'extensionMain.js'))) {
		throw new Error('The extension is not built: run `npm run build` first');
	}
	return { id, path: target };
}

/**
 * Starts code-server on 127.0.0.1 with a fresh profile and a copy of `workspaceSource`.
 * Returns the URL, the workspace path and `stop()`, which ends the process and removes the run folder.
 */
export async function startCodeServer({ workspaceSource, port, settings = {}, installExtension = true, log = () => {} }) {
	const runDir = mkdtempSync(join(tmpdir(), 'wscc-code-server-'));
	const workspace = join(runDir, 'workspace');
	cpSync(workspaceSource, workspace, { recursive: true });
	const userDir = join(runDir, 'user-data', 'User');
	mkdirSync(userDir, { recursive: true });
	writeFileSync(join(userDir, 'settings.json'), JSON.stringify({ ...userSettings, ...settings }, null, '\t'));
	const extensionsDir = join(runDir, 'extensions');
	mkdirSync(extensionsDir, { recursive: true });
	if (installExtension) {
		installExtensionCopy(extensionsDir);
	}
	const xdg = join(runDir, 'xdg');
	const childTmp = join(runDir, 'tmp');
	mkdirSync(childTmp, { recursive: true });
	const child = spawn(codeServerBin, [
		'--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
		'--disable-workspace-trust', '--disable-getting-started-override', '--user-data-dir', join(runDir, 'user-data'),
		'--extensions-dir', extensionsDir, workspace,
	], { env: { ...process.env, XDG_CONFIG_HOME: xdg, XDG_DATA_HOME: join(runDir, 'xdg-data'), TMPDIR: childTmp }, stdio: ['ignore', 'pipe', 'pipe'] });
	child.stdout.on('data', (chunk) => log(chunk.toString()));
	child.stderr.on('data', (chunk) => log(chunk.toString()));
	const exited = new Promise((resolveExit) => child.once('exit', resolveExit));

	let stopped = false;
	const stop = async () => {
		if (stopped) {
			return;
		}
		stopped = true;
		if (child.exitCode === null) {
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
			await exited;
			clearTimeout(timer);
		}
		rmSync(runDir, { recursive: true, force: true });
	};

	const url = `http://127.0.0.1:${port}/`;
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (child.exitCode !== null) {
			await stop();
			throw new Error(`code-server exited with ${child.exitCode} before it was ready`);
		}
		try {
			const response = await fetch(`${url}healthz`);
			if (response.ok) {
				break;
			}
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error('code-server did not answer /healthz within 60 s');
		}
		await new Promise((wait) => setTimeout(wait, 250));
	}
	return { url, workspace, runDir, pid: child.pid, stop };
}
