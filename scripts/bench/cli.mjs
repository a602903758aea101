// The CLI's rows of `npm run bench`, as whole processes (start-up included, as CI sees it):
//   (a) the CLI against ESLint 9 + @typescript-eslint/parser with four `no-restricted-syntax` selectors on the same
//       real files: the selected JS/TS files of the eval corpus packages (fetched once by scripts/eval/fetch.mjs);
//   (b) the CLI over a large real tree (scripts/bench/fetchLargeTree.mjs) against the bare `ts.createSourceFile` of
//       every file of that tree in one process, and the `--cache` re-check of that unchanged tree.
// Timings are medians of alternating runs, and the targets are ratios, so a busy machine slows both sides alike
// (mostly: the CLI uses every core, the others one).
//
//   node scripts/bench/cli.mjs [--runs N]     prints the rows; WSCC_BENCH_CLI=path/to/cli.js measures another build
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cacheRoot as evalCacheRoot, isSourceFile, packageDir, readCorpus, repoRoot, selectedFiles } from '../eval/corpusLib.mjs';
import { fetchLargeTree } from './fetchLargeTree.mjs';

const bundledCli = join(repoRoot, 'server', 'dist', 'node', 'cli.js');
const eslintBin = join(repoRoot, 'node_modules', 'eslint', 'bin', 'eslint.js');

/** Close-code-like places, as an ESLint user would hunt for them without this tool. */
const selectors = [
	"CallExpression[callee.property.name='close'] > Literal",
	"BinaryExpression[operator=/^[!=]==?$/] > MemberExpression[property.name='code']",
	"SwitchStatement[discriminant.property.name='code'] > SwitchCase > Literal",
	"Property[key.name=/^(code|closeCode)$/] > Literal",
];

/** Wall time of a whole process, in milliseconds; fails loudly when the process does. */
function timeProcess(args, cwd, { okCodes = [0, 1] } = {}) {
	const start = process.hrtime.bigint();
	const result = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 28 });
	const ms = Number(process.hrtime.bigint() - start) / 1e6;
	if (!okCodes.includes(result.status)) {
		throw new Error(`${args.slice(0, 2).join(' ')} … exited ${result.status}: ${result.stderr.slice(0, 2000)}`);
	}
	return ms;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Runs every contender `runs` times, alternating, so load that comes and goes hits each alike. */
function medians(contenders, runs) {
	const times = contenders.map(() => []);
	for (let run = 0; run < runs; run++) {
		contenders.forEach((measure, index) => times[index].push(measure()));
	}
	return times.map(median);
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const count = (n) => n.toLocaleString('en-US');

function ensureBundle(cli) {
	if (cli === bundledCli) {
		// Bundling only (no type-check): `npm run bench` has just run `tsc -b`, and a stale bundle would measure old code.
		const built = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'esbuild.mjs')], { cwd: repoRoot, stdio: 'ignore' });
		if (built.status !== 0) {
			throw new Error('bundling failed: run `npm run build`');
		}
	}
}

function corpusFiles() {
	let entries = readCorpus();
	try {
		entries.forEach(selectedFiles);
	} catch {
		const fetched = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'eval', 'fetch.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
		if (fetched.status !== 0) {
			throw new Error('fetching the eval corpus failed (scripts/eval/fetch.mjs)');
		}
		entries = readCorpus();
	}
	// Relative to the eval cache: ESLint lints only files under its working folder, and the command line stays short.
	return entries.flatMap((entry) => selectedFiles(entry).map((file) => relative(evalCacheRoot, join(packageDir(entry), file))));
}

/** The ESLint configuration: the same files, parsed by @typescript-eslint/parser, four selectors. */
function writeEslintConfig(folder) {
	const config = join(folder, 'eslint.config.mjs');
	const parser = pathToFileURL(join(repoRoot, 'node_modules', '@typescript-eslint', 'parser', 'dist', 'index.js')).href;
	writeFileSync(config, `import * as parser from ${JSON.stringify(parser)};
export default [{
	files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
	languageOptions: { parser },
	linterOptions: { reportUnusedDisableDirectives: 'off' },
	rules: { 'no-restricted-syntax': ['error', ...${JSON.stringify(selectors)}] },
}];
`);
	return config;
}

/** ESLint must really lint every file (not skip them as ignored), or the comparison means nothing. */
function checkEslintLints(config, files) {
	const result = spawnSync(process.execPath, [eslintBin, '-c', config, '--format', 'json', ...files],
		{ cwd: evalCacheRoot, encoding: 'utf8', maxBuffer: 1 << 28 });
	const results = JSON.parse(result.stdout);
	// ESLint's own "File ignored because …" warning, not a file's inline-config notice ("… This configuration is ignored.").
	const ignored = results.filter((file) => file.messages.some((message) => /^File ignored\b/.test(message.message)));
	const hits = results.reduce((sum, file) => sum + file.messages.filter((message) => message.ruleId === 'no-restricted-syntax').length, 0);
	if (results.length !== files.length || ignored.length > 0 || hits === 0) {
		throw new Error(`ESLint linted ${results.length} of ${files.length} files (${ignored.length} ignored, ${hits} selector hits)`);
	}
}

/** Every JS/TS file of the tree, parsed once with `ts.createSourceFile`, in one process: the floor a parser-bound tool cannot beat alone. */
const bareParseScript = `
const ts = require(${JSON.stringify(join(repoRoot, 'node_modules', 'typescript'))});
const { readFileSync, readdirSync } = require('node:fs');
const { join } = require('node:path');
const sources = /\\.(?:[mc]?[jt]s|[jt]sx)$/i;
(function walk(folder) {
	for (const entry of readdirSync(folder, { withFileTypes: true })) {
		const path = join(folder, entry.name);
		if (entry.isDirectory()) walk(path);
		else if (sources.test(entry.name)) ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
	}
})(process.argv[1]);
`;

function treeSize(folder) {
	let files = 0;
	let bytes = 0;
	(function walk(directory) {
		for (const entry of readdirSync(directory, { withFileTypes: true })) {
			const path = join(directory, entry.name);
			if (entry.isDirectory()) {
				walk(path);
			} else if (isSourceFile(entry.name)) {
				files++;
				bytes += statSync(path).size;
			}
		}
	})(folder);
	return { files, bytes };
}

export async function cliRows({ runs = 3, cli = process.env.WSCC_BENCH_CLI ?? bundledCli, log = (line) => console.error(line) } = {}) {
	ensureBundle(cli);
	const scratch = mkdtempSync(join(tmpdir(), 'wscc-bench-cli-'));
	const rows = [];
	try {
		const cores = cpus().length;
		// (a) the eval corpus files, CLI vs ESLint.
		const files = corpusFiles();
		const bytes = files.reduce((sum, file) => sum + statSync(join(evalCacheRoot, file)).size, 0);
		const config = writeEslintConfig(scratch);
		checkEslintLints(config, files);
		log(`CLI vs ESLint on ${count(files.length)} files (${mb(bytes)}), ${runs} runs each …`);
		const [cliMs, eslintMs] = medians([
			() => timeProcess([cli, 'check', ...files, '--format', 'json'], evalCacheRoot),
			() => timeProcess([eslintBin, '-c', config, '--format', 'json', ...files], evalCacheRoot),
		], runs);
		const speedup = eslintMs / cliMs;
		rows.push({
			row: `CLI vs ESLint 9 + @typescript-eslint/parser, 4 no-restricted-syntax selectors: eval corpus, ${count(files.length)} files, ${mb(bytes)}, whole processes, ${cores} cores`,
			figure: `${speedup.toFixed(1)}× faster (CLI ${seconds(cliMs)}, ESLint ${seconds(eslintMs)})`,
			target: '≥ 6× faster',
			met: speedup >= 6,
		});

		// (b) the large tree, CLI vs the bare parse, then the cache.
		const tree = fetchLargeTree({ log });
		const size = treeSize(tree);
		log(`CLI vs bare parse on ${count(size.files)} files (${mb(size.bytes)}), ${runs} runs each …`);
		const [treeMs, parseMs] = medians([
			() => timeProcess([cli, 'check', '.', '--format', 'json'], tree),
			() => timeProcess(['-e', bareParseScript, tree], tree),
		], runs);
		const ratio = treeMs / parseMs;
		rows.push({
			row: `CLI over a large tree (eslint, typescript-eslint, webpack, rxjs, socket.io + dependencies: ${count(size.files)} files, ${mb(size.bytes)}) vs bare ts.createSourceFile of every file in one process`,
			figure: `${ratio.toFixed(2)}× (CLI ${seconds(treeMs)}, parse ${seconds(parseMs)})`,
			target: '≤ 0.6×',
			met: ratio <= 0.6,
		});

		const cacheFile = join(scratch, 'cache');
		timeProcess([cli, 'check', '.', '--format', 'json', '--cache-location', cacheFile], tree);
		const [recheckMs] = medians([() => timeProcess([cli, 'check', '.', '--format', 'json', '--cache-location', cacheFile], tree)], Math.max(runs, 5));
		rows.push({
			row: `CLI --cache re-check of that unchanged tree (${count(size.files)} files)`,
			figure: `${seconds(recheckMs)} (${(recheckMs / treeMs * 100).toFixed(0)}% of a full check)`,
			target: '< 1 s',
			met: recheckMs < 1000,
		});
	} finally {
		rmSync(scratch, { recursive: true, force: true });
	}
	return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
	const runsIndex = process.argv.indexOf('--runs');
	const rows = await cliRows({ runs: runsIndex > 0 ? Number(process.argv[runsIndex + 1]) : 3 });
	console.log('| row | figure | target | met |\n| --- | --- | --- | --- |');
	for (const { row, figure, target, met } of rows) {
		console.log(`| ${row} | ${figure} | ${target} | ${met ? 'yes' : 'no'} |`);
	}
}
