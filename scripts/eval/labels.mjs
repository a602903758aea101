// Reading, checking and drafting the committed labels (test/eval/labels/<package>@<version>.json).
//
// As a module: `loadLabels(entry, files)` matches a package's labels to its candidates.
// As a script:  node scripts/eval/labels.mjs draft <package…>
//   writes the package's label file with every candidate: labels already there are kept (matched by file, line,
//   column and text), new candidates get
//   `"isCloseCode": null, "why": "TODO"` — run.mjs refuses to score until a person has labelled them by reading
//   the code (`node scripts/eval/candidates.mjs <package>` prints each with its context). Labels of candidates
//   that no longer exist are dropped.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { candidatesOf } from './candidates.mjs';
import { labelsDir, labelsFile, packageKey, readCorpus } from './corpusLib.mjs';

export const keyOf = (item) => `${item.file}:${item.line}:${item.column}:${item.text}`;

/**
 * @returns {{ labelled: Map<string, object>, missing: object[], stale: object[], unlabelled: object[], exists: boolean }}
 * `labelled`: candidate key → label; `missing`: candidates without a label; `stale`: labels without a candidate;
 * `unlabelled`: labels still `null` (a draft nobody finished).
 */
export function loadLabels(entry, files) {
	const path = labelsFile(entry);
	const exists = existsSync(path);
	const labels = exists ? JSON.parse(readFileSync(path, 'utf8')) : [];
	const byKey = new Map(labels.map((label) => [keyOf(label), label]));
	const labelled = new Map();
	const missing = [];
	const unlabelled = [];
	for (const { candidates } of files) {
		for (const candidate of candidates) {
			const key = keyOf(candidate);
			const label = byKey.get(key);
			if (!label) {
				missing.push(candidate);
			} else if (typeof label.isCloseCode !== 'boolean') {
				unlabelled.push(label);
			} else {
				labelled.set(key, label);
			}
			byKey.delete(key);
		}
	}
	return { labelled, missing, stale: [...byKey.values()], unlabelled, exists };
}

function draft(entry) {
	const files = candidatesOf(entry);
	const path = labelsFile(entry);
	const old = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : [];
	const exact = new Map(old.map((label) => [keyOf(label), label]));
	const result = [];
	let kept = 0;
	for (const { file, candidates } of files) {
		for (const candidate of candidates) {
			const base = { file, line: candidate.line, column: candidate.column, value: candidate.value, text: candidate.text };
			const same = exact.get(keyOf(candidate));
			if (same) {
				kept++;
				result.push({ ...base, isCloseCode: same.isCloseCode, why: same.why });
			} else {
				result.push({ ...base, isCloseCode: null, why: 'TODO' });
			}
		}
	}
	mkdirSync(labelsDir, { recursive: true });
	writeFileSync(path, formatLabels(result));
	console.log(`${packageKey(entry)}: ${result.length} candidates, ${kept} labels kept, ${result.length - kept} TODO`);
}

/** One label per line: the files stay reviewable in diffs. */
export function formatLabels(labels) {
	const lines = labels.map((label) => `\t${JSON.stringify({
		file: label.file, line: label.line, column: label.column, value: label.value, text: label.text,
		isCloseCode: label.isCloseCode, why: label.why,
	})}`);
	return lines.length === 0 ? '[]\n' : `[\n${lines.join(',\n')}\n]\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const [command, ...names] = process.argv.slice(2);
	if (command !== 'draft' || names.length === 0) {
		console.error('usage: node scripts/eval/labels.mjs draft <package|package@version|--all>…');
		process.exit(2);
	}
	const corpus = readCorpus();
	const chosen = names.includes('--all') ? corpus : corpus.filter((entry) => names.includes(entry.name) || names.includes(packageKey(entry)));
	if (chosen.length === 0) {
		console.error(`no corpus package matches ${names.join(', ')}`);
		process.exit(2);
	}
	for (const entry of chosen) {
		draft(entry);
	}
}
