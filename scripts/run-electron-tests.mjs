// `npm run test:electron`: the same extension-host suite as `npm run test:e2e` (out/e2e/suite), run in desktop
// VS Code through @vscode/test-electron — for machines that can download VS Code. This machine cannot (no
// internet): the download fails within seconds with a message pointing to `npm run test:e2e`.
// Builds nothing: run `npm run build` first. On a Linux machine without a display, run it under `xvfb-run -a`.
//
//   VSCODE_EXECUTABLE=/path/to/code   use an installed VS Code instead of downloading one
//   VSCODE_VERSION=1.100.3            the version to download (default: stable)
//   WSCC_E2E_GREP=Hover               run only the tests whose full title matches
// Downloads are cached in ~/.cache/websocket-close-codes/vscode-test (outside the repository).
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { repoRoot, userSettings } from './codeServer.mjs';
import { reportSuiteResults } from '../test/e2e/results.mjs';

const suiteEntry = join(repoRoot, 'out', 'e2e', 'suite', 'index.js');
const resultsFile = join(repoRoot, 'test-results', 'e2e', 'electron-suite-results.json');
const cachePath = join(process.env.WSCC_CACHE_DIR ?? join(homedir(), '.cache', 'websocket-close-codes'), 'vscode-test');
const downloadTimeoutMs = 120_000;

if (!existsSync(suiteEntry) || !existsSync(join(repoRoot, 'client', 'dist', 'node', 'extensionMain.js'))) {
	console.error('The extension or the extension-host suite is not built: run `npm run build` first.');
	process.exit(2);
}

async function vscodeExecutable() {
	if (process.env.VSCODE_EXECUTABLE) {
		return process.env.VSCODE_EXECUTABLE;
	}
	const version = process.env.VSCODE_VERSION ?? 'stable';
	console.log(`test:electron: getting VS Code ${version} (cache: ${cachePath})`);
	let timer;
	try {
		return await Promise.race([
			// `timeout`: give up when the server sends nothing for 15 s (a closed network that does not refuse).
			downloadAndUnzipVSCode({ version, cachePath, timeout: 15_000 }),
			new Promise((_, reject) => {
				timer = setTimeout(() => reject(new Error(`no VS Code after ${downloadTimeoutMs / 1000} s`)), downloadTimeoutMs);
			}),
		]);
	} finally {
		clearTimeout(timer);
	}
}

const runDir = mkdtempSync(join(tmpdir(), 'wscc-electron-'));
let exitCode = 1;
try {
	let executable;
	try {
		executable = await vscodeExecutable();
	} catch (error) {
		console.error(`✖ test:electron: could not download VS Code: ${error.message ?? error}`);
		console.error('  @vscode/test-electron needs internet access to update.code.visualstudio.com. On a machine without it,');
		console.error('  run the same suite in code-server with `npm run test:e2e`, or point VSCODE_EXECUTABLE at an installed VS Code.');
		process.exitCode = 1;
		throw error;
	}

	const workspace = join(runDir, 'workspace');
	cpSync(join(repoRoot, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
	const userDir = join(runDir, 'user-data', 'User');
	mkdirSync(userDir, { recursive: true });
	writeFileSync(join(userDir, 'settings.json'), JSON.stringify({ ...userSettings, 'files.autoSave': 'off' }, null, '\t'));
	rmSync(resultsFile, { force: true });

	const code = await runTests({
		vscodeExecutablePath: executable,
		extensionDevelopmentPath: repoRoot,
		extensionTestsPath: suiteEntry,
		extensionTestsEnv: {
			WSCC_E2E_RESULTS: resultsFile,
			...(process.env.WSCC_E2E_GREP ? { WSCC_E2E_GREP: process.env.WSCC_E2E_GREP } : {}),
		},
		launchArgs: [
			workspace,
			// A fresh profile: no installed extensions (built-in ones stay), no restored editors.
			'--user-data-dir', join(runDir, 'user-data'),
			'--extensions-dir', join(runDir, 'extensions'),
			'--disable-workspace-trust',
			'--skip-welcome',
			'--skip-release-notes',
			'--disable-telemetry',
			'--disable-updates',
		],
	}).catch((error) => {
		// runTests rejects when VS Code exits with a non-zero code (a failing test, or a crash).
		console.error(`VS Code exited: ${error.message ?? error}`);
		return typeof error.code === 'number' ? error.code : 1;
	});
	const report = reportSuiteResults(resultsFile, 'extension-host suite (desktop VS Code)');
	exitCode = code === 0 && report.ok ? 0 : 1;
	console.log(`${exitCode === 0 ? '✔' : '✖'} test:electron: ${report.passed} passed, ${report.failed} failed`);
} catch {
	exitCode = 1;
} finally {
	rmSync(runDir, { recursive: true, force: true });
}
process.exit(exitCode);
