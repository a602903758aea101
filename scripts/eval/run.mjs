// Scores recognition on the labelled corpus (issue 3's quality bar: precision ≥ 0.98, recall ≥ 0.95).
//
// Runs the built language service (out/: `npx tsc -b` first) on every selected file of every package in
// scripts/eval/corpus.json (fetched by fetch.mjs), matches each recognised site to the candidate at the same
// offset, and compares with the committed labels. `certain` and `likely` sites both count as positives;
// the precision of `certain` sites alone is printed too (diagnostics will use only those).
//
// Each package is one workspace: the service gets its selected files through a workspace host, as the server and
// the CLI get a project's, so close codes declared in one module and used in another count as they would there.
//
// Usage: node scripts/eval/run.mjs [--details] [--split dev|test] [--files-alone] [package…]
//   --details       every false positive and false negative of the dev split (never of the held-out test split)
//   --files-alone   recognise each file on its own (no workspace), to see what cross-module recognition adds
//   --dump FILE     write every recognised site at a candidate to FILE (`split package file:offset`), to diff two builds
// Exit 0 whatever the scores; 2 when labels are missing or stale (a candidate without a label, a label without a
// candidate, an undecided label, a label file for a package not in corpus.json: the pinned package changed or a label
// file was not drafted), or when the corpus is not fetched.
import { createRequire } from 'node:module';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { candidatesOf } from './candidates.mjs';
import { labelsDir, labelsFile, languageIdOf, packageKey, readCorpus, repoRoot } from './corpusLib.mjs';
import { keyOf, loadLabels } from './labels.mjs';

const args = process.argv.slice(2);
const details = args.includes('--details');
const filesAlone = args.includes('--files-alone');
const splitIndex = args.indexOf('--split');
const onlySplit = splitIndex >= 0 ? args[splitIndex + 1] : undefined;
const dumpIndex = args.indexOf('--dump');
const dumpFile = dumpIndex >= 0 ? args[dumpIndex + 1] : undefined;
const names = args.filter((arg, i) => !arg.startsWith('--') && !(splitIndex >= 0 && i === splitIndex + 1) && !(dumpIndex >= 0 && i === dumpIndex + 1));

const servicePath = join(repoRoot, 'out', 'server', 'src', 'service', 'index.js');
if (!existsSync(servicePath)) {
	console.error(`${servicePath} does not exist: run \`npx tsc -b\` first.`);
	process.exit(2);
}
const { createLanguageService } = createRequire(import.meta.url)(servicePath);

const problems = [];
const corpus = readCorpus().filter((entry) =>
	(onlySplit === undefined || entry.split === onlySplit) &&
	(names.length === 0 || names.includes(entry.name) || names.includes(packageKey(entry))));
if (corpus.length === 0) {
	console.error('No corpus package matches the arguments.');
	process.exit(2);
}

// A label file of a package no longer in the corpus (a version bump without `labels.mjs draft`) is stale too.
if (names.length === 0 && onlySplit === undefined && existsSync(labelsDir)) {
	const expected = new Set(readCorpus().map((entry) => `${packageKey(entry)}.json`));
	for (const file of readdirSync(labelsDir).filter((name) => name.endsWith('.json') && !expected.has(name))) {
		problems.push(`${file}: label file of a package that is not in corpus.json (bumped or removed?)`);
	}
}

const emptyTally = () => ({ packages: 0, files: 0, candidates: 0, positives: 0, tp: 0, fp: 0, fn: 0, certain: 0, certainTp: 0, outside: 0, skipped: 0 });
const tallies = { dev: emptyTally(), test: emptyTally() };
const rows = [];
const findings = [];
/** `--dump FILE`: every recognised site at a candidate, `split package file:offset` a line (to check that a change loses none). */
const dumped = [];

for (const entry of corpus) {
	let files;
	try {
		files = candidatesOf(entry);
	} catch (error) {
		console.error(error.message);
		process.exit(2);
	}
	const labels = loadLabels(entry, files);
	if (!labels.exists) {
		problems.push(`${packageKey(entry)}: no label file ${labelsFile(entry)}`);
	}
	for (const candidate of labels.missing) {
		problems.push(`${packageKey(entry)}: candidate without a label: ${candidate.file}:${candidate.line}:${candidate.column} ${candidate.text}`);
	}
	for (const label of labels.unlabelled) {
		problems.push(`${packageKey(entry)}: label not decided (isCloseCode is ${JSON.stringify(label.isCloseCode)}): ${label.file}:${label.line}:${label.column} ${label.text}`);
	}
	for (const label of labels.stale) {
		problems.push(`${packageKey(entry)}: label without a candidate: ${label.file}:${label.line}:${label.column} ${label.text}`);
	}
	if (labels.missing.length + labels.unlabelled.length + labels.stale.length > 0 || !labels.exists) {
		continue;
	}

	const tally = emptyTally();
	tally.packages = 1;
	const uriOf = (file) => `file:///eval/${packageKey(entry)}/${file}`;
	const texts = new Map(files.map(({ file, text }) => [uriOf(file), text]));
	const service = createLanguageService(filesAlone ? {} : { workspace: { listFiles: () => [...texts.keys()], readFile: (uri) => texts.get(uri) } });
	for (const _ of service.indexWorkspace()) {
		// the whole package is indexed first, as the server does in the background
	}
	for (const { file, text, candidates } of files) {
		tally.files++;
		const uri = uriOf(file);
		const analysis = service.analyse({ uri, languageId: languageIdOf(file), version: 1, getText: () => text });
		if (filesAlone) {
			service.closeDocument(uri); // in a workspace the index keeps what the file tells the others
		}
		if (analysis.skipped) {
			tally.skipped++;
		}
		const siteAt = new Map(analysis.sites.map((site) => [site.start, site]));
		const candidateOffsets = new Set(candidates.map((candidate) => candidate.offset));
		tally.outside += analysis.sites.filter((site) => !candidateOffsets.has(site.start)).length;
		for (const candidate of candidates) {
			const label = labels.labelled.get(keyOf(candidate));
			const site = siteAt.get(candidate.offset);
			tally.candidates++;
			tally.positives += label.isCloseCode ? 1 : 0;
			if (site) {
				dumped.push(`${entry.split} ${packageKey(entry)} ${file}:${candidate.offset}`);
				if (label.isCloseCode) {
					tally.tp++;
				} else {
					tally.fp++;
				}
				if (site.confidence === 'certain') {
					tally.certain++;
					tally.certainTp += label.isCloseCode ? 1 : 0;
				}
			} else if (label.isCloseCode) {
				tally.fn++;
			}
			if (details && entry.split === 'dev' && (site ? !label.isCloseCode : label.isCloseCode)) {
				findings.push({ kind: site ? 'FP' : 'FN', entry, file, text, candidate, site, label });
			}
		}
	}
	rows.push({ entry, tally });
	add(tallies[entry.split], tally);
}

if (dumpFile !== undefined) {
	writeFileSync(dumpFile, `${dumped.join('\n')}\n`);
}

function add(into, tally) {
	for (const key of Object.keys(into)) {
		into[key] += tally[key];
	}
}

const ratio = (numerator, denominator) => (denominator === 0 ? '    -' : (numerator / denominator).toFixed(3));
const precision = (t) => ratio(t.tp, t.tp + t.fp);
const recall = (t) => ratio(t.tp, t.tp + t.fn);
const certainPrecision = (t) => ratio(t.certainTp, t.certain);

const header = `${'package'.padEnd(38)} ${'split'.padEnd(5)} ${'cand'.padStart(5)} ${'pos'.padStart(4)} ${'TP'.padStart(4)} ${'FP'.padStart(4)} ${'FN'.padStart(4)}  ${'prec'.padStart(5)}  ${'recall'.padStart(6)}  ${'cert.prec'.padStart(9)} ${'cert'.padStart(4)}`;
const line = (name, split, t) => `${name.padEnd(38)} ${split.padEnd(5)} ${String(t.candidates).padStart(5)} ${String(t.positives).padStart(4)} ${String(t.tp).padStart(4)} ${String(t.fp).padStart(4)} ${String(t.fn).padStart(4)}  ${precision(t).padStart(5)}  ${recall(t).padStart(6)}  ${certainPrecision(t).padStart(9)} ${String(t.certain).padStart(4)}`;

console.log(header);
for (const split of ['dev', 'test']) {
	const splitRows = rows.filter((row) => row.entry.split === split);
	for (const { entry, tally } of splitRows) {
		console.log(line(packageKey(entry), split, tally));
	}
	if (splitRows.length > 0) {
		console.log(`${'-'.repeat(header.length)}`);
	}
}
console.log();
for (const split of ['dev', 'test']) {
	const t = tallies[split];
	if (t.packages === 0) {
		continue;
	}
	console.log(`${split.toUpperCase().padEnd(4)} ${t.packages} packages, ${t.files} files, ${t.candidates} candidates (${t.positives} close codes): ` +
		`TP ${t.tp}  FP ${t.fp}  FN ${t.fn}  precision ${precision(t)}  recall ${recall(t)}  certain-only precision ${certainPrecision(t)} (${t.certain} certain sites)` +
		`${t.skipped ? `  [${t.skipped} files skipped by the service]` : ''}`);
}
const all = emptyTally();
add(all, tallies.dev);
add(all, tallies.test);
console.log(`ALL  ${all.candidates} candidates: precision ${precision(all)}  recall ${recall(all)}  certain-only precision ${certainPrecision(all)}   (target: precision ≥ 0.98, recall ≥ 0.95)`);
console.log(`(${all.outside} recognised sites are not at a candidate — names that refer to constants, or values outside the candidate ranges — and are not scored.)`);

if (details) {
	console.log(`\nDev-split false positives and false negatives (${findings.length}):`);
	for (const { kind, entry, file, text, candidate, site, label } of findings) {
		const lineText = text.split(/\r\n|\r|\n/)[candidate.line - 1];
		const shown = lineText.length > 200
			? `…${lineText.slice(Math.max(0, candidate.column - 100), candidate.column + 100)}…`
			: lineText.trim();
		const what = kind === 'FP' ? `recognised ${site.confidence} by ${site.rule}, labelled not: ${label.why}` : `missed, labelled close code: ${label.why}`;
		console.log(`${kind} ${packageKey(entry)} ${file}:${candidate.line}:${candidate.column}  ${candidate.text}  (${what})\n     ${shown}`);
	}
}

if (problems.length > 0) {
	console.error(`\nLabels are missing or out of date (${problems.length} problems) — a pinned package changed, or labels were not drafted:`);
	for (const problem of problems.slice(0, 50)) {
		console.error(`  ${problem}`);
	}
	if (problems.length > 50) {
		console.error(`  … and ${problems.length - 50} more`);
	}
	console.error('Draft with `node scripts/eval/labels.mjs draft <package>`, then label every TODO by reading the code.');
	process.exit(2);
}
