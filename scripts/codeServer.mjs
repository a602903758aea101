// Starting a real VS Code (code-server 4.100.3) on this machine, for `npm start` and the end-to-end tests.
// Every run gets its own user-data, extensions and workspace folders (code-server remembers open editors), and
// only the processes started here are stopped.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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

export const userSettings = {
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

/** The files a .vsix ships (see .vscodeignore); the copies below take exactly these. */
const shippedEntries = ['package.json', 'package.nls.json', 'package.nls.ja.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'client/dist', 'server/dist', 'snippets', 'images'];

/** The extension's id (`publisher.name`) and version, from the manifest. */
export function extensionIdentity() {
	const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
	return { id: `${manifest.publisher}.${manifest.name}`, version: manifest.version };
}

/**
 * Copies the built extension into `target` the way installing its .vsix would: the manifest, the bundles,
 * snippets and l10n files — nothing else (source maps excluded, as in the .vsix).
 */
export function copyBuiltExtension(target) {
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	for (const entry of shippedEntries) {
		const source = join(repoRoot, entry);
		if (existsSync(source)) {
			cpSync(source, join(target, entry), { recursive: true, filter: (path) => !path.endsWith('.map') });
		}
	}
	if (!existsSync(join(target, 'client', 'dist', 'node', 'extensionMain.js')) || !existsSync(join(target, 'server', 'dist', 'node', 'serverMain.js'))) {
		throw new Error('The extension is not built: run `npm run build` first');
	}
	return target;
}

/** Copies the built extension into an extensions folder, as `code-server --install-extension` would. */
export function installExtensionCopy(extensionsDir) {
	const { id, version } = extensionIdentity();
	const target = copyBuiltExtension(join(extensionsDir, `${id}-${version}`));
	return { id, path: target };
}

/** Every process below `rootPid` (children, grandchildren, …), read from /proc. */
export function descendantPids(rootPid) {
	const children = new Map();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) {
			continue;
		}
		try {
			// Field 4 of /proc/<pid>/stat is the parent PID; the command name (field 2) may contain spaces.
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			const list = children.get(parent) ?? [];
			list.push(Number(entry));
			children.set(parent, list);
		} catch {
			// the process ended while we were reading
		}
	}
	const result = [];
	const queue = [rootPid];
	while (queue.length > 0) {
		for (const child of children.get(queue.shift()) ?? []) {
			result.push(child);
			queue.push(child);
		}
	}
	return result;
}

function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

function signal(pid, name) {
	try {
		process.kill(pid, name);
	} catch {
		// already gone
	}
}

/**
 * Stops a process and everything below it (extension hosts, tsserver, the language server): SIGTERM to each,
 * SIGKILL to whatever is still there after `graceMs`. The tree is read before the first signal, so that children
 * re-parented to init when their parent ends are still found. Only these PIDs are touched.
 */
export async function stopProcessTree(pid, graceMs = 5000) {
	const targets = new Set([pid, ...descendantPids(pid)]);
	const alive = () => {
		for (const target of [...targets]) {
			if (isAlive(target)) {
				descendantPids(target).forEach((descendant) => targets.add(descendant));
			}
		}
		return [...targets].filter(isAlive);
	};
	for (const target of targets) {
		signal(target, 'SIGTERM');
	}
	const deadline = Date.now() + graceMs;
	while (Date.now() < deadline) {
		if (alive().length === 0) {
			return;
		}
		await new Promise((wait) => setTimeout(wait, 100));
	}
	for (const target of alive()) {
		signal(target, 'SIGKILL');
	}
}

/**
 * Starts code-server on 127.0.0.1 with a fresh profile and a copy of `workspaceSource`.
 * - `installExtension`: copy the built extension into the extensions folder (as installing the .vsix would);
 * - `developmentCopy`: copy it to `<runDir>/extension` instead, for the `extensionDevelopmentPath` of a test run;
 * - `env`: extra environment for code-server and so for its extension hosts.
 * `stop()` ends code-server and every process below it (code-server keeps extension hosts alive after the browser
 * disconnects), then removes the run folder.
 * Returns the URL, the workspace path, the PID and `stop()`.
 */
export async function startCodeServer({ workspaceSource, port, settings = {}, installExtension = true, developmentCopy = false, env = {}, log = () => {} }) {
	const runDir = mkdtempSync(join(tmpdir(), 'wscc-code-server-'));
	let child;
	let exited = Promise.resolve();
	let stopped = false;
	// Last resort when this process ends without calling stop() (an uncaught error, process.exit).
	const killTreeOnExit = () => {
		if (child?.pid !== undefined) {
			for (const pid of [child.pid, ...descendantPids(child.pid)]) {
				signal(pid, 'SIGKILL');
			}
		}
	};
	process.on('exit', killTreeOnExit);
	const stop = async () => {
		if (stopped) {
			return;
		}
		stopped = true;
		process.off('exit', killTreeOnExit);
		if (child?.pid !== undefined) {
			await stopProcessTree(child.pid);
			await Promise.race([exited, new Promise((wait) => setTimeout(wait, 2000))]);
		}
		rmSync(runDir, { recursive: true, force: true });
	};

	try {
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
		const extensionPath = developmentCopy ? copyBuiltExtension(join(runDir, 'extension')) : undefined;
		const xdg = join(runDir, 'xdg');
		const childTmp = join(runDir, 'tmp');
		mkdirSync(childTmp, { recursive: true });
		child = spawn(codeServerBin, [
			'--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
			'--disable-workspace-trust', '--disable-getting-started-override', '--user-data-dir', join(runDir, 'user-data'),
			'--extensions-dir', extensionsDir, workspace,
		], {
			env: { ...process.env, ...env, XDG_CONFIG_HOME: xdg, XDG_DATA_HOME: join(runDir, 'xdg-data'), TMPDIR: childTmp },
			// Not detached: a Ctrl+C in the terminal, or a CI runner ending the process group, reaches code-server too.
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		exited = new Promise((resolveExit) => child.once('exit', resolveExit));
		child.stdout.on('data', (chunk) => log(chunk.toString()));
		child.stderr.on('data', (chunk) => log(chunk.toString()));

		const url = `http://127.0.0.1:${port}/`;
		const deadline = Date.now() + 60_000;
		for (;;) {
			if (child.exitCode !== null) {
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
				throw new Error('code-server did not answer /healthz within 60 s');
			}
			await new Promise((wait) => setTimeout(wait, 250));
		}
		return { url, workspace, runDir, extensionPath, pid: child.pid, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

/**
 * Everything an e2e runner starts, and how to stop it: `cleanups` run once, in reverse order, then every process still
 * below this one (Chromium helpers, a server that did not stop) is stopped and `runDir` removed — at the end, on
 * Ctrl+C or SIGTERM, and when the overall timeout fires (`watchdog`, to clear at the end).
 */
export function runCleanup(runDir, started, overallTimeoutMs) {
	const cleanups = [];
	let cleanedUp = false;
	const cleanUp = async () => {
		if (cleanedUp) {
			return;
		}
		cleanedUp = true;
		for (const cleanup of cleanups.splice(0).reverse()) {
			try {
				await cleanup();
			} catch (error) {
				console.error(`cleanup: ${error.message}`);
			}
		}
		for (const pid of descendantPids(process.pid)) {
			await stopProcessTree(pid, 2000);
		}
		rmSync(runDir, { recursive: true, force: true });
	};
	const abort = async (message, code) => {
		console.error(`\n${message}`);
		await cleanUp();
		process.exit(code);
	};
	const stopped = `stopped ${started}, removed temporary folders.`;
	process.on('SIGINT', () => void abort(`Interrupted: ${stopped}`, 130));
	process.on('SIGTERM', () => void abort(`Terminated: ${stopped}`, 143));
	const watchdog = setTimeout(() => void abort(`Timed out after ${overallTimeoutMs / 1000} s: ${stopped}`, 1), overallTimeoutMs);
	return { cleanups, cleanUp, abort, watchdog };
}

/**
 * Debian's Chromium with a fresh profile in `profileDir`, for the UI tests; `close` is also registered in `cleanups`
 * (bounded: a hung browser must not hold up the run). Playwright's own signal handlers are off: the runner's stop
 * everything in order.
 */
export async function launchChromium(chromium, profileDir, cleanups) {
	const context = await chromium.launchPersistentContext(profileDir, {
		executablePath: process.env.WSCC_CHROMIUM ?? '/usr/bin/chromium',
		headless: true,
		handleSIGINT: false,
		handleSIGTERM: false,
		handleSIGHUP: false,
		viewport: { width: 1400, height: 900 },
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	const close = () => Promise.race([context.close(), new Promise((done) => setTimeout(done, 10_000))]);
	cleanups.push(close);
	return { context, page: context.pages()[0] ?? (await context.newPage()), close };
}

/** Prints one line per check of another editor's test and the closing `N passed, N failed` line; exits with the result. */
export function reportEditorChecks(editor, checks) {
	for (const [name, ok, detail] of checks) {
		console.log(`${ok ? '✔' : '✖'} ${editor}: ${name}${ok ? '' : `\n    ${detail}`}`);
	}
	const failed = checks.filter(([, ok]) => !ok).length;
	console.log(`${checks.length - failed} passed, ${failed} failed`);
	process.exit(failed === 0 ? 0 : 1);
}
