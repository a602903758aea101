import { readdirSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { minimatch } from 'minimatch';
import { skippedFolders, sourceExtensions } from '../workspaceFiles';

export interface ExpandedFiles {
	/** Paths to check, as given or as `<dir as given>/<relative path>`. */
	readonly files: string[];
	/** Arguments that named nothing readable, with the reason. */
	readonly problems: { readonly argument: string; readonly message: string }[];
}

const hasGlob = (argument: string) => /[*?[\]{}]/.test(argument);

/**
 * Turns command-line arguments into files: files as given, directories recursively, globs matched against the
 * files under their fixed prefix (`src/**\/*.ts` walks `src`).
 */
export function expandArguments(argumentsGiven: readonly string[]): ExpandedFiles {
	const files: string[] = [];
	const problems: { argument: string; message: string }[] = [];
	const seen = new Set<string>();
	const add = (file: string) => {
		const key = resolve(file);
		if (!seen.has(key)) {
			seen.add(key);
			files.push(file);
		}
	};
	for (const argument of argumentsGiven) {
		if (hasGlob(argument)) {
			// `./src/**` and `src/**` mean the same; walked paths come back without the leading `./`.
			const pattern = toPosix(argument).replace(/^(?:\.\/)+/, '');
			const base = globBase(pattern);
			// A missing base folder simply matches nothing; that is reported once, below.
			const matches = walk(base, [], argument).filter((file) => minimatch(toPosix(file), pattern, { dot: true }));
			if (matches.length === 0) {
				problems.push({ argument, message: 'no files match this pattern' });
			}
			matches.forEach(add);
			continue;
		}
		let stats;
		try {
			stats = statSync(argument);
		} catch (error) {
			problems.push({ argument, message: describeError(error) });
			continue;
		}
		if (stats.isDirectory()) {
			walk(argument, problems, argument).forEach(add);
		} else {
			add(argument);
		}
	}
	return { files, problems };
}

/** All source files under `directory`, as `directory/relative/path`, in a stable order. */
function walk(directory: string, problems: { argument: string; message: string }[], argument: string): string[] {
	let entries;
	try {
		entries = readdirSync(directory, { withFileTypes: true });
	} catch (error) {
		problems.push({ argument: directory === argument ? argument : `${argument} (${directory})`, message: describeError(error) });
		return [];
	}
	const found: string[] = [];
	for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
		const path = join(directory, entry.name);
		if (entry.isDirectory()) {
			if (!skippedFolders.has(entry.name)) {
				found.push(...walk(path, problems, argument));
			}
		} else if (entry.isFile() && sourceExtensions.test(entry.name)) {
			found.push(path);
		}
	}
	return found;
}

/** The directory part of a glob before its first wildcard (`src/a/**\/*.ts` → `src/a`). */
function globBase(pattern: string): string {
	const parts = toPosix(pattern).split('/');
	const fixed: string[] = [];
	for (const part of parts) {
		if (hasGlob(part)) {
			break;
		}
		fixed.push(part);
	}
	return fixed.length === 0 ? '.' : fixed.join('/') || '/';
}

function toPosix(path: string): string {
	return sep === '/' ? path : path.split(sep).join('/');
}

export function describeError(error: unknown): string {
	const code = (error as { code?: string }).code;
	switch (code) {
		case 'ENOENT': return 'no such file or directory';
		case 'EACCES': case 'EPERM': return 'permission denied';
		case 'EISDIR': return 'is a directory';
		case 'ELOOP': return 'too many symbolic links';
		default: return error instanceof Error ? error.message : String(error);
	}
}

