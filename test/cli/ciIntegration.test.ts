import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { load } from 'js-yaml';

// The CI integrations the README shows, run for real: the GitHub Actions example's check step and the pre-commit
// hook's entry against the bundled CLI, and the npm package that `npx` installs.
const repo = join(__dirname, '..', '..', '..');
const cli = join(repo, 'server', 'dist', 'node', 'cli.js');
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { name: string; version: string; bin: Record<string, string> };
/** How the examples run the published CLI; the tests run the local bundle in its place. */
const npxPrefix = `npx --yes --package ${manifest.name}@${manifest.version} ws-close-codes`;

interface Step { name?: string; id?: string; run?: string; uses?: string; if?: string; with?: Record<string, string>; 'continue-on-error'?: boolean }
interface Workflow { permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> }

let project: string;
before(() => {
	project = mkdtempSync(join(tmpdir(), 'wscc-ci-'));
	mkdirSync(join(project, 'src'), { recursive: true });
	writeFileSync(join(project, 'src', 'client.ts'), "const socket = new WebSocket('wss://x');\nsocket.close(1001, 'bye');\n");
	writeFileSync(join(project, 'src', 'server.js'), "const WebSocket = require('ws');\nnew WebSocket('ws://x').close(1000, 'done');\n");
});
after(() => rmSync(project, { recursive: true, force: true }));

function bash(command: string, cwd: string) {
	return spawnSync('bash', ['-c', command], { cwd, encoding: 'utf8' });
}

describe('GitHub Actions example (examples/github-actions/ws-close-codes.yml)', () => {
	const workflow = load(readFileSync(join(repo, 'examples', 'github-actions', 'ws-close-codes.yml'), 'utf8')) as Workflow;
	const steps = Object.values(workflow.jobs)[0].steps;
	const check = steps.find((step) => step.run?.includes('ws-close-codes check'));
	const upload = steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));

	test('installs the published package by name and version, and may upload to code scanning', () => {
		assert.ok(check?.run?.startsWith(npxPrefix), `the check step runs ${JSON.stringify(check?.run)}, not ${npxPrefix} …`);
		assert.equal(workflow.permissions['security-events'], 'write');
		assert.ok(manifest.bin['ws-close-codes'], 'the package has the ws-close-codes bin');
	});

	test('its check step writes the SARIF file the upload step reads, with the finding where it is; exit 1 fails the job after the upload', () => {
		const command = check!.run!.replace(npxPrefix, `node ${JSON.stringify(cli)}`);
		const result = bash(command, project);
		assert.equal(result.status, 1, `errors found → exit 1 (stderr: ${result.stderr})`);
		// Exit 1 must not skip the upload, and must still fail the job.
		assert.equal(check!['continue-on-error'], true);
		assert.equal(upload?.if, 'always()');
		assert.ok(steps.some((step) => step.if === `steps.${check!.id}.outcome == 'failure'` && step.run === 'exit 1'));

		const sarif = JSON.parse(readFileSync(join(project, upload!.with!.sarif_file), 'utf8'));
		assert.equal(sarif.version, '2.1.0');
		const [run] = sarif.runs;
		assert.equal(run.tool.driver.name, 'ws-close-codes');
		assert.equal(run.results.length, 1);
		const [result0] = run.results;
		assert.equal(result0.ruleId, 'browser-close-code');
		assert.equal(result0.level, 'error');
		// Code scanning places a result by its path relative to the repository root and a 1-based line.
		assert.equal(result0.locations[0].physicalLocation.artifactLocation.uri, 'src/client.ts');
		assert.equal(result0.locations[0].physicalLocation.region.startLine, 2);
		assert.ok(run.tool.driver.rules.some((rule: { id: string }) => rule.id === 'browser-close-code'), 'the rule is described in the run');
	});
});

describe('pre-commit hook (examples/pre-commit/.pre-commit-config.yaml)', () => {
	const config = load(readFileSync(join(repo, 'examples', 'pre-commit', '.pre-commit-config.yaml'), 'utf8')) as { repos: { hooks: { entry: string; files: string; additional_dependencies: string[] }[] }[] };
	const hook = config.repos[0].hooks[0];

	test('installs the published package and runs its CLI on the staged files it matches: a bad file refuses the commit', () => {
		assert.deepEqual(hook.additional_dependencies, [`${manifest.name}@${manifest.version}`]);
		const staged = ['src/client.ts', 'src/server.js', 'README.md'].filter((file) => new RegExp(hook.files).test(file));
		assert.deepEqual(staged, ['src/client.ts', 'src/server.js']);
		const entry = hook.entry.replace(/^ws-close-codes/, `node ${JSON.stringify(cli)}`);
		assert.equal(bash(`${entry} ${staged.join(' ')}`, project).status, 1);
		assert.equal(bash(`${entry} src/server.js`, project).status, 0);
	});
});

describe('the npm package (what `npx` installs)', () => {
	test('packs the bundled CLI and server with no dependencies to install, and its ws-close-codes bin runs from the tarball', () => {
		const packDir = mkdtempSync(join(tmpdir(), 'wscc-pack-'));
		try {
			// --ignore-scripts: pack the bundles already built, without rebuilding them under the other tests' feet.
			const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], { cwd: repo, encoding: 'utf8' });
			assert.equal(pack.status, 0, pack.stderr);
			const [{ files }] = JSON.parse(pack.stdout) as [{ files: { path: string }[] }];
			const paths = files.map((file) => file.path);
			for (const bin of Object.values(manifest.bin)) {
				assert.ok(paths.includes(bin.replace(/^\.\//, '')), `the package lacks the bin ${bin}`);
			}
			assert.deepEqual(paths.filter((path) => path.endsWith('.map') || path.endsWith('.ts')), [], 'no maps or sources');
			// The language server requires the shared TypeScript file next to its bundle.
			assert.ok(paths.includes('server/dist/typescript.js'), 'the package has the shared TypeScript file');
			const tarball = join(packDir, readdirSync(packDir).find((name) => name.endsWith('.tgz'))!);
			const npx = spawnSync('npm', ['exec', '--yes', '--package', tarball, '--', 'ws-close-codes', 'check', 'src', '--format', 'json'],
				{ cwd: project, encoding: 'utf8', env: { ...process.env, npm_config_cache: join(packDir, 'cache'), npm_config_offline: 'true' } });
			assert.equal(npx.status, 1, npx.stderr);
			const report = JSON.parse(npx.stdout) as { files: { path: string; diagnostics: { rule: string }[] }[] };
			assert.deepEqual(report.files.flatMap((file) => file.diagnostics.map((diagnostic) => `${file.path} ${diagnostic.rule}`)), ['src/client.ts browser-close-code']);
		} finally {
			rmSync(packDir, { recursive: true, force: true });
		}
	});
});
