// `npm run test:e2e`: the real-VS-Code layers on this machine (no internet), in code-server 4.100.3 + Debian chromium.
//   1. the extension-host suite (out/e2e/suite: Mocha + the `vscode` API), started through the workbench URL payload
//      (`extensionDevelopmentPath` / `extensionTestsPath`); its exit code arrives through `codeAutomationExit`;
//   2. the UI tests (test/e2e/ui/*.ui.mjs) with playwright-core, in a second code-server with the extension installed.
// Builds nothing: run `npm run build` first. Each phase gets its own code-server (fresh profile, fresh copy of
// test/e2e/workspace, one at a time: 2 cores); every process started here is stopped by PID and every temporary
// folder removed, also on failure, Ctrl+C or the overall timeout.
//
// Usage: node scripts/e2e.mjs [--suite-only | --ui-only] [--verbose]
//   WSCC_E2E_TIMEOUT_MS  overall timeout (default 300000)
//   WSCC_E2E_GREP        run only the extension-host tests whose full title matches
// Results: test-results/e2e/{suite-results.json,ui-results.json,extension-host.log}, screenshots in
// test-results/screenshots/.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { descendantPids, ensureCodeServer, freePort, launchChromium, repoRoot, runCleanup, startCodeServer, stopProcessTree } from './codeServer.mjs';
import { reportSuiteResults, reportUiResults } from '../test/e2e/results.mjs';
import { reset, waitForWorkbench } from '../test/e2e/ui/workbench.mjs';

const args = new Set(process.argv.slice(2));
const verbose = args.has('--verbose');
const runSuite = !args.has('--ui-only');
const runUi = !args.has('--suite-only');
const overallTimeoutMs = Number(process.env.WSCC_E2E_TIMEOUT_MS ?? 300_000);
const suiteTimeoutMs = 180_000;
const uiTestTimeoutMs = 60_000;

const workspaceSource = join(repoRoot, 'test', 'e2e', 'workspace');
const suiteEntry = join(repoRoot, 'out', 'e2e', 'suite', 'index.js');
const resultsDir = join(repoRoot, 'test-results', 'e2e');
const screenshotsDir = join(repoRoot, 'test-results', 'screenshots');
const suiteResultsFile = join(resultsDir, 'suite-results.json');
const uiResultsFile = join(resultsDir, 'ui-results.json');
const extensionHostLog = join(resultsDir, 'extension-host.log');

for (const [path, what] of [[suiteEntry, 'the extension-host suite'], [join(repoRoot, 'client', 'dist', 'node', 'extensionMain.js'), 'the extension bundle']]) {
	if (!existsSync(path)) {
		console.error(`${what} is not built (${path} is missing): run \`npm run build\` first.`);
		process.exit(2);
	}
}

// ---- everything started here, and how to stop it --------------------------------------------------------------
const runDir = mkdtempSync(join(tmpdir(), 'wscc-e2e-'));
const { cleanups, cleanUp, abort, watchdog } = runCleanup(runDir, 'code-server and Chromium', overallTimeoutMs);

// ---- measuring: peak number of processes and summed RSS below this one ------------------------------------------
const peak = { processes: 0, rssMb: 0 };
const pageSize = 4096;
const sampler = setInterval(() => {
	const pids = descendantPids(process.pid);
	let rss = 0;
	for (const pid of pids) {
		try {
			rss += Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * pageSize;
		} catch {
			// ended meanwhile
		}
	}
	peak.processes = Math.max(peak.processes, pids.length);
	peak.rssMb = Math.max(peak.rssMb, Math.round(rss / 2 ** 20));
}, 1000);
cleanups.push(() => clearInterval(sampler));

// ---- helpers -------------------------------------------------------------------------------------------------------
// In the browser, VS Code saves files 1 s after a change by default (`files.autoSave` is `afterDelay` on the web,
// `off` on the desktop): the tests save with Ctrl+S / `document.save()` like a desktop user, so turn it off.
const testSettings = { 'files.autoSave': 'off' };

async function launchCodeServer(options) {
	const port = await freePort();
	const server = await startCodeServer({
		workspaceSource,
		port,
		settings: testSettings,
		log: verbose ? (text) => process.stderr.write(`[code-server] ${text}`) : () => {},
		...options,
	});
	cleanups.push(server.stop);
	return server;
}

async function launchBrowser(name) {
	const { context, page, close } = await launchChromium(chromium, join(runDir, name), cleanups);
	if (verbose) {
		page.on('pageerror', (error) => process.stderr.write(`[page error] ${error.message}\n`));
	}
	return { context, page, close };
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

// ---- 1. the extension-host suite -------------------------------------------------------------------------------
async function extensionHostSuite() {
	const started = Date.now();
	rmSync(suiteResultsFile, { force: true });
	writeFileSync(extensionHostLog, '');
	const server = await launchCodeServer({
		installExtension: false,
		developmentCopy: true,
		env: { WSCC_E2E_RESULTS: suiteResultsFile, ...(process.env.WSCC_E2E_GREP ? { WSCC_E2E_GREP: process.env.WSCC_E2E_GREP } : {}) },
	});
	const serverReady = Date.now();
	const authority = new URL(server.url).host;
	const payload = [
		['extensionDevelopmentPath', `vscode-remote://${authority}${server.extensionPath}`],
		['extensionTestsPath', `vscode-remote://${authority}${suiteEntry}`],
		['skipWelcome', 'true'],
	];
	const { page, close } = await launchBrowser('chromium-suite');
	let exitCode;
	let resolveExit;
	const exited = new Promise((resolve) => {
		resolveExit = resolve;
	});
	await page.exposeFunction('codeAutomationExit', (code) => {
		exitCode = code;
		resolveExit(code);
	});
	await page.exposeFunction('codeAutomationLog', (type, logArgs) => {
		const line = `[${type}] ${(Array.isArray(logArgs) ? logArgs : [logArgs]).map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ')}\n`;
		appendFileSync(extensionHostLog, line);
		if (verbose) {
			process.stderr.write(line);
		}
	});
	await page.goto(`${server.url}?folder=${encodeURIComponent(server.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
	const outcome = await Promise.race([exited, new Promise((done) => setTimeout(() => done('timeout'), suiteTimeoutMs))]);
	const finished = Date.now();
	await close();
	await server.stop();
	console.log(`ℹ suite phase: code-server ready after ${seconds(serverReady - started)}, workbench + suite ${seconds(finished - serverReady)}, stopping ${seconds(Date.now() - finished)}`);

	const report = reportSuiteResults(suiteResultsFile);
	if (!existsSync(suiteResultsFile)) {
		// Why it did not load: the extension host's errors (a test file that throws, a missing module).
		const errors = readFileSync(extensionHostLog, 'utf8').split('\n').filter((line) => line.startsWith('[error]'));
		for (const line of errors.slice(-10)) {
			console.log(`    ${line}`);
		}
	}
	if (outcome === 'timeout') {
		console.log(`✖ the extension-host suite did not finish within ${suiteTimeoutMs / 1000} s (log: ${extensionHostLog})`);
	} else if (exitCode !== 0) {
		console.log(`ℹ VS Code exited with code ${exitCode} (log: ${extensionHostLog})`);
	}
	return { ok: outcome !== 'timeout' && exitCode === 0 && report.ok, ...report, wallMs: Date.now() - started };
}

// ---- 2. the UI tests ---------------------------------------------------------------------------------------------
async function uiTests() {
	const started = Date.now();
	// Screenshots are this run's artifacts: none from an earlier run may be mistaken for them.
	rmSync(screenshotsDir, { recursive: true, force: true });
	mkdirSync(screenshotsDir, { recursive: true });
	const uiDir = join(repoRoot, 'test', 'e2e', 'ui');
	const modules = [];
	for (const name of readdirSync(uiDir).filter((file) => file.endsWith('.ui.mjs')).sort()) {
		modules.push(await import(pathToFileURL(join(uiDir, name)).href));
	}
	const uncovered = modules.filter((module) => module.tests.length === 0).map((module) => ({ feature: module.feature, reason: module.missing ?? 'no tests' }));

	const server = await launchCodeServer({ installExtension: true });
	const { page, close } = await launchBrowser('chromium-ui');
	await page.goto(`${server.url}?folder=${encodeURIComponent(server.workspace)}`);
	await waitForWorkbench(page);

	const results = [];
	for (const module of modules) {
		for (const test of module.tests) {
			const testStarted = Date.now();
			let lastScreenshot;
			const screenshot = async (name) => {
				lastScreenshot = join('test-results', 'screenshots', `${name}.png`);
				await page.screenshot({ path: join(repoRoot, lastScreenshot) });
			};
			try {
				let timer;
				await Promise.race([
					test.run({ page, workspace: server.workspace, screenshot }),
					new Promise((_, reject) => {
						timer = setTimeout(() => reject(new Error(`timed out after ${uiTestTimeoutMs / 1000} s`)), uiTestTimeoutMs);
					}),
				]).finally(() => clearTimeout(timer));
				results.push({ name: `${module.feature}: ${test.name}`, state: 'passed', durationMs: Date.now() - testStarted, screenshot: lastScreenshot });
			} catch (error) {
				const failedShot = `failed-${module.feature}-${results.length + 1}`.replace(/[^\w-]+/g, '-');
				await screenshot(failedShot).catch(() => {});
				results.push({ name: `${module.feature}: ${test.name}`, state: 'failed', durationMs: Date.now() - testStarted, error: error.stack ?? String(error), screenshot: lastScreenshot });
			}
			await reset(page).catch((error) => console.error(`could not reset the workbench after "${test.name}": ${error.message}`));
		}
	}
	await close();
	await server.stop();
	writeFileSync(uiResultsFile, JSON.stringify({ results, uncovered }, null, '\t'));
	return { ...reportUiResults(results, uncovered, Date.now() - started), wallMs: Date.now() - started };
}

// ---- run -----------------------------------------------------------------------------------------------------------
let ok = true;
const started = Date.now();
try {
	ensureCodeServer();
	mkdirSync(resultsDir, { recursive: true });
	const summary = [];
	if (runSuite) {
		const suite = await extensionHostSuite();
		ok &&= suite.ok;
		summary.push(`suite ${suite.passed} passed, ${suite.failed} failed (${seconds(suite.wallMs)} with code-server start)`);
	}
	if (runUi) {
		const ui = await uiTests();
		ok &&= ui.ok;
		summary.push(`UI ${ui.passed} passed, ${ui.failed} failed (${seconds(ui.wallMs)})`);
	}
	console.log(`\nℹ peak: ${peak.processes} processes, ${peak.rssMb} MB RSS; total ${seconds(Date.now() - started)}`);
	console.log(`${ok ? '✔' : '✖'} e2e: ${summary.join('; ')}`);
} catch (error) {
	ok = false;
	console.error(`✖ e2e run failed: ${error.stack ?? error}`);
} finally {
	clearTimeout(watchdog);
	await cleanUp();
}
process.exit(ok ? 0 : 1);
