/**
 * The extension-host test runner: VS Code loads this module (`extensionTestsPath`) inside the extension host and
 * calls `run()`; a rejected promise makes VS Code exit with code 1.
 *
 * Runs every `*.test.js` next to this file with Mocha and writes a JSON results file (pass/fail per test), because
 * console output through code-server arrives unformatted. The file goes to `$WSCC_E2E_RESULTS`, or to
 * `test-results/e2e/suite-results.json` in the repository.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Mocha from 'mocha';

export interface TestResult {
	title: string;
	fullTitle: string;
	file: string | undefined;
	state: 'passed' | 'failed';
	durationMs: number | undefined;
	error?: string;
}

export interface SuiteResults {
	startedAt: string;
	durationMs: number;
	vscodeVersion: string;
	passed: number;
	failed: number;
	tests: TestResult[];
	/** Test files that registered no test yet (features still being built). Not counted as passes. */
	filesWithoutTests: string[];
}

export async function run(): Promise<void> {
	const startedAt = new Date();
	const mocha = new Mocha({
		ui: 'bdd',
		color: false,
		timeout: 60_000,
		slow: 5_000,
		// A skipped or focused test is a failure here, not a silent pass.
		forbidOnly: true,
		forbidPending: true,
	});
	const files = readdirSync(__dirname)
		.filter((name) => name.endsWith('.test.js'))
		.sort()
		.map((name) => join(__dirname, name));
	for (const file of files) {
		mocha.addFile(file);
	}
	if (process.env.WSCC_E2E_GREP) {
		mocha.grep(process.env.WSCC_E2E_GREP);
	}

	const tests: TestResult[] = [];
	const record = (test: Mocha.Runnable, state: TestResult['state'], error?: Error) => {
		tests.push({
			title: test.title,
			fullTitle: test.fullTitle(),
			file: test.file === undefined ? undefined : basename(test.file),
			state,
			durationMs: test.duration,
			...(error ? { error: error.stack ?? String(error) } : {}),
		});
	};
	const failures = await new Promise<number>((resolveRun, rejectRun) => {
		try {
			const runner = mocha.run(resolveRun);
			runner.on('pass', (test) => record(test, 'passed'));
			runner.on('fail', (test, error) => record(test, 'failed', error));
		} catch (error) {
			// A test file that does not load (syntax error, missing module) throws here.
			rejectRun(error);
		}
	});

	const filesWithTests = new Set<string>();
	const collect = (suite: Mocha.Suite) => {
		for (const test of suite.tests) {
			if (test.file) {
				filesWithTests.add(test.file);
			}
		}
		suite.suites.forEach(collect);
	};
	collect(mocha.suite);

	const vscode = await import('vscode');
	const results: SuiteResults = {
		startedAt: startedAt.toISOString(),
		durationMs: Date.now() - startedAt.getTime(),
		vscodeVersion: vscode.version,
		passed: tests.filter((test) => test.state === 'passed').length,
		failed: tests.filter((test) => test.state === 'failed').length,
		tests,
		filesWithoutTests: files.filter((file) => !filesWithTests.has(file)).map((file) => basename(file)),
	};
	const resultsFile = process.env.WSCC_E2E_RESULTS ?? resolve(__dirname, '..', '..', '..', 'test-results', 'e2e', 'suite-results.json');
	mkdirSync(dirname(resultsFile), { recursive: true });
	writeFileSync(resultsFile, JSON.stringify(results, null, '\t'));
	console.log(`${results.passed} passed, ${results.failed} failed (results in ${resultsFile})`);

	if (failures > 0 || results.failed > 0) {
		throw new Error(`${Math.max(failures, results.failed)} extension-host test(s) failed`);
	}
	if (results.passed === 0) {
		throw new Error('No extension-host test ran');
	}
}
