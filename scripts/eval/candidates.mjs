// The candidates of the evaluation: every numeric literal token whose value is an integer in 1000–1015 or
// 3000–4999, in the files corpus.json selects, found with TypeScript's own parser (expressions, types, enum
// initialisers, decorators, everything the AST holds — comments and strings are not literals).
//
// As a module: `candidatesOf(entry)` → [{ file, offset, line, column, value, text }].
// As a script:  node scripts/eval/candidates.mjs [package…] [--context N] [--counts]
//   prints every candidate with N lines of context (default 4) on either side, or only the counts per package.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { packageDir, packageKey, readCorpus, selectedFiles } from './corpusLib.mjs';

export function isCandidateValue(value) {
	return Number.isInteger(value) && ((value >= 1000 && value <= 1015) || (value >= 3000 && value <= 4999));
}

function scriptKindOf(path) {
	if (path.endsWith('.tsx')) {
		return ts.ScriptKind.TSX;
	}
	if (/\.[mc]?ts$/.test(path)) {
		return ts.ScriptKind.TS;
	}
	if (path.endsWith('.jsx')) {
		return ts.ScriptKind.JSX;
	}
	return ts.ScriptKind.JS;
}

/** The value of a numeric literal as written: `1_000`, `1e3`, `0x3E9`, `0o1751`, `0b…` (legacy octal `01750` too). */
export function literalValue(text) {
	const plain = text.replace(/_/g, '');
	if (/^0[0-7]+$/.test(plain)) {
		return parseInt(plain, 8);
	}
	return Number(plain);
}

/** Candidates of one file's text. */
export function candidatesInText(path, text) {
	const sourceFile = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, scriptKindOf(path));
	const found = [];
	const visit = (node) => {
		if (node.kind === ts.SyntaxKind.NumericLiteral) {
			const offset = node.getStart(sourceFile);
			const written = text.slice(offset, node.end);
			const value = literalValue(written);
			if (isCandidateValue(value)) {
				const { line, character } = sourceFile.getLineAndCharacterOfPosition(offset);
				found.push({ file: path, offset, end: node.end, line: line + 1, column: character + 1, value, text: written });
			}
		}
		ts.forEachChild(node, visit);
	};
	visit(sourceFile);
	return found;
}

/** Every candidate of one corpus package, with the text of each file. */
export function candidatesOf(entry) {
	const root = packageDir(entry);
	const files = [];
	for (const file of selectedFiles(entry)) {
		const text = readFileSync(join(root, file), 'utf8');
		files.push({ file, text, candidates: candidatesInText(file, text) });
	}
	return files;
}

function printContext(text, candidate, radius) {
	const lines = text.split(/\r\n|\r|\n/);
	const from = Math.max(0, candidate.line - 1 - radius);
	const to = Math.min(lines.length, candidate.line + radius);
	for (let i = from; i < to; i++) {
		const marker = i === candidate.line - 1 ? '>' : ' ';
		const body = lines[i].length > 240 ? lineWindow(lines[i], i === candidate.line - 1 ? candidate.column - 1 : 0) : lines[i];
		console.log(`${marker}${String(i + 1).padStart(6)}| ${body}`);
	}
}

/** Minified lines are long: show 240 characters around the candidate. */
function lineWindow(line, column) {
	const start = Math.max(0, column - 140);
	return `${start > 0 ? '…' : ''}${line.slice(start, start + 240)}${start + 240 < line.length ? '…' : ''}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const args = process.argv.slice(2);
	const countsOnly = args.includes('--counts');
	const contextIndex = args.indexOf('--context');
	const radius = contextIndex >= 0 ? Number(args[contextIndex + 1]) : 4;
	const wanted = args.filter((arg, i) => !arg.startsWith('--') && !(contextIndex >= 0 && i === contextIndex + 1));
	let total = 0;
	for (const entry of readCorpus()) {
		if (wanted.length > 0 && !wanted.includes(entry.name) && !wanted.includes(packageKey(entry))) {
			continue;
		}
		const files = candidatesOf(entry);
		const count = files.reduce((sum, file) => sum + file.candidates.length, 0);
		total += count;
		if (countsOnly) {
			console.log(`${packageKey(entry).padEnd(40)} ${entry.split.padEnd(5)} ${String(files.length).padStart(4)} files ${String(count).padStart(5)} candidates`);
			for (const file of files.filter((f) => f.candidates.length > 0)) {
				console.log(`    ${String(file.candidates.length).padStart(5)}  ${file.file}`);
			}
			continue;
		}
		for (const file of files) {
			for (const candidate of file.candidates) {
				console.log(`\n=== ${packageKey(entry)} ${file.file}:${candidate.line}:${candidate.column}  ${candidate.text}`);
				printContext(file.text, candidate, radius);
			}
		}
	}
	console.log(`\n${total} candidates`);
}
