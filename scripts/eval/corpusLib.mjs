// Shared by fetch.mjs, candidates.mjs and run.mjs: where the corpus lives, which files it selects, and how a
// package's labels are named. Node 20 built-ins and the `typescript` package only.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const corpusFile = join(repoRoot, 'scripts', 'eval', 'corpus.json');
export const labelsDir = join(repoRoot, 'test', 'eval', 'labels');
export const cacheRoot = process.env.WS_CLOSE_CODES_EVAL_CACHE ?? join(homedir(), '.cache', 'websocket-close-codes', 'eval');

/** The file extensions the quality bar covers (`.d.ts`, `.d.mts` and `.d.cts` end in one of them). */
export const sourceExtensions = ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx'];

/** @returns {{ name: string, version: string, split: 'dev' | 'test', include: string[], exclude?: string[], about?: string }[]} */
export function readCorpus() {
	const corpus = JSON.parse(readFileSync(corpusFile, 'utf8'));
	const seen = new Set();
	for (const entry of corpus.packages) {
		if (!entry.name || !/^\d+\.\d+\.\d+(?:[-+][\w.-]+)?$/.test(entry.version ?? '')) {
			throw new Error(`corpus.json: ${JSON.stringify(entry.name)} needs an exact version (got ${JSON.stringify(entry.version)})`);
		}
		if (entry.split !== 'dev' && entry.split !== 'test') {
			throw new Error(`corpus.json: ${entry.name}@${entry.version} has split ${JSON.stringify(entry.split)} (dev or test)`);
		}
		if (!Array.isArray(entry.include) || entry.include.length === 0) {
			throw new Error(`corpus.json: ${entry.name}@${entry.version} has no include globs`);
		}
		const key = packageKey(entry);
		if (seen.has(key)) {
			throw new Error(`corpus.json: ${key} is listed twice`);
		}
		seen.add(key);
	}
	return corpus.packages;
}

/** `@types/ws` 8.18.2 → `@types__ws@8.18.2` (a flat file name: no scope folder). */
export function packageKey({ name, version }) {
	return `${name.replace('/', '__')}@${version}`;
}

/** Where a package's tarball is extracted (the tarball's top folder is stripped). */
export function packageDir(entry) {
	return join(cacheRoot, packageKey(entry));
}

export function labelsFile(entry) {
	return join(labelsDir, `${packageKey(entry)}.json`);
}

/**
 * A glob as a regular expression over `/`-separated paths inside the package: `**` any number of folders,
 * `*` and `?` within one name, `{a,b}` alternatives. A glob without wildcards that names a folder selects it all.
 */
export function globToRegExp(glob) {
	let source = '';
	for (let i = 0; i < glob.length; i++) {
		const char = glob[i];
		if (char === '*' && glob[i + 1] === '*') {
			const slashAfter = glob[i + 2] === '/';
			source += slashAfter ? '(?:.*/)?' : '.*';
			i += slashAfter ? 2 : 1;
		} else if (char === '*') {
			source += '[^/]*';
		} else if (char === '?') {
			source += '[^/]';
		} else if (char === '{') {
			const close = glob.indexOf('}', i);
			const options = glob.slice(i + 1, close).split(',').map((option) => option.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'));
			source += `(?:${options.join('|')})`;
			i = close;
		} else {
			source += char.replace(/[.+^$()|[\]\\]/g, '\\$&');
		}
	}
	return new RegExp(`^${source}(?:/.*)?$`);
}

function walk(directory, root) {
	return readdirSync(directory).sort().flatMap((name) => {
		const path = join(directory, name);
		const stat = statSync(path);
		if (stat.isDirectory()) {
			return name === 'node_modules' ? [] : walk(path, root);
		}
		return [relative(root, path).split(sep).join('/')];
	});
}

export function isSourceFile(path) {
	return sourceExtensions.some((extension) => path.endsWith(extension));
}

/** The package's selected source files, as sorted `/`-separated paths inside the package. */
export function selectedFiles(entry) {
	const root = packageDir(entry);
	if (!existsSync(root)) {
		throw new Error(`${packageKey(entry)} is not fetched (${root}): run \`node scripts/eval/fetch.mjs\` first`);
	}
	const include = entry.include.map(globToRegExp);
	const exclude = (entry.exclude ?? []).map(globToRegExp);
	return walk(root, root).filter((path) => isSourceFile(path) && include.some((re) => re.test(path)) && !exclude.some((re) => re.test(path)));
}

/** The LSP language id the editor would give the file (the service also looks at the URI's extension). */
export function languageIdOf(path) {
	if (path.endsWith('.tsx')) {
		return 'typescriptreact';
	}
	if (/\.[mc]?ts$/.test(path)) {
		return 'typescript';
	}
	if (path.endsWith('.jsx')) {
		return 'javascriptreact';
	}
	return 'javascript';
}
