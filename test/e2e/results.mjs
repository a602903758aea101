// Printing and checking the results of the extension-host suite (the JSON file test/e2e/suite/index.ts writes)
// and of the UI tests, in the style of node's test runner. Shared by scripts/e2e.mjs and
// scripts/run-electron-tests.mjs.
import { existsSync, readFileSync } from 'node:fs';

const seconds = (ms) => `${((ms ?? 0) / 1000).toFixed(1)} s`;

function printError(error) {
	for (const line of String(error).split('\n').slice(0, 12)) {
		console.log(`    ${line}`);
	}
}

/**
 * Reads and prints the suite's results file. Returns `{ ok, passed, failed, durationMs }`; `ok` is false when the
 * file is missing (the suite did not load or crashed), when a test failed, or when no test ran.
 */
export function reportSuiteResults(file, label = 'extension-host suite') {
	if (!existsSync(file)) {
		console.log(`✖ ${label}: no results file (${file}) — the suite did not load or crashed before the end`);
		return { ok: false, passed: 0, failed: 0, durationMs: 0 };
	}
	const results = JSON.parse(readFileSync(file, 'utf8'));
	console.log(`\n${label} (VS Code ${results.vscodeVersion})`);
	for (const test of results.tests) {
		const mark = test.state === 'passed' ? '✔' : '✖';
		console.log(`${mark} ${test.fullTitle} (${test.durationMs ?? 0} ms)`);
		if (test.error) {
			printError(test.error);
		}
	}
	for (const file of results.filesWithoutTests) {
		console.log(`ℹ ${file}: no tests yet (feature not in this build) — not counted`);
	}
	console.log(`ℹ ${label}: ${results.passed} passed, ${results.failed} failed in ${seconds(results.durationMs)}`);
	return { ok: results.failed === 0 && results.passed > 0, passed: results.passed, failed: results.failed, durationMs: results.durationMs };
}

/** Prints the UI test results (`[{ name, state, durationMs, error?, screenshot? }]`) and the features not covered. */
export function reportUiResults(results, uncovered, durationMs) {
	console.log('\nUI tests (playwright-core + chromium)');
	for (const test of results) {
		console.log(`${test.state === 'passed' ? '✔' : '✖'} ${test.name} (${test.durationMs} ms)${test.screenshot ? ` → ${test.screenshot}` : ''}`);
		if (test.error) {
			printError(test.error);
		}
	}
	for (const { feature, reason } of uncovered) {
		console.log(`ℹ ${feature}: no UI test yet — ${reason} — not counted`);
	}
	const passed = results.filter((test) => test.state === 'passed').length;
	const failed = results.length - passed;
	console.log(`ℹ UI tests: ${passed} passed, ${failed} failed in ${seconds(durationMs)}`);
	return { ok: failed === 0 && passed > 0, passed, failed };
}
