import { readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ModuleText, ReadModule } from './service';

/**
 * Resolves and reads the modules a document imports with relative specifiers (`./closeCodes`, `../shared/ws`), for
 * the service's "Replace with named constant". Only files inside the workspace folders (or, with no workspace, the
 * importing file's own folder) and at most `maxBytes` long are read; anything that fails is `undefined`.
 */

const extensions = ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.mts', '.cts'];
/** `./x.js` in TypeScript's ESM style names `./x.ts`. */
const sourceOf: Readonly<Record<string, readonly string[]>> = { '.js': ['.ts', '.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'], '.jsx': ['.tsx'] };

export interface ModuleReaderOptions {
	/** Workspace folder URIs (`file:` ones are used). */
	readonly workspaceFolders: () => readonly string[];
	/** The text of a document open in the editor, which wins over the file on disk. */
	readonly openText?: (uri: string) => string | undefined;
	readonly maxBytes?: number;
}

export function createModuleReader(options: ModuleReaderOptions): ReadModule {
	const maxBytes = options.maxBytes ?? 1_000_000;
	return (specifier: string, fromUri: string): ModuleText | undefined => {
		try {
			if (!/^\.\.?(?:\/|$)/.test(specifier) || !fromUri.startsWith('file:')) {
				return undefined;
			}
			const fromPath = fileURLToPath(fromUri);
			const folders = options.workspaceFolders().filter((uri) => uri.startsWith('file:')).map((uri) => fileURLToPath(uri));
			const roots = (folders.length > 0 ? folders : [dirname(fromPath)]).map(realOrSelf);
			for (const candidate of candidates(resolve(dirname(fromPath), specifier))) {
				const stats = statSync(candidate, { throwIfNoEntry: false });
				if (!stats?.isFile()) {
					continue;
				}
				const real = realpathSync(candidate);
				if (stats.size > maxBytes || !roots.some((root) => isInside(root, real))) {
					return undefined;
				}
				const uri = pathToFileURL(candidate).href;
				return { uri, text: options.openText?.(uri) ?? readFileSync(real, 'utf8') };
			}
		} catch {
			// unreadable, a bad URI, a race with a deletion: no module
		}
		return undefined;
	};
}

function candidates(base: string): string[] {
	const extension = extname(base);
	const swapped = (sourceOf[extension] ?? []).map((source) => base.slice(0, -extension.length) + source);
	return [
		...swapped,
		...(extensions.includes(extension) ? [base] : []),
		...extensions.map((candidate) => base + candidate),
		...extensions.map((candidate) => join(base, `index${candidate}`)),
	];
}

function realOrSelf(path: string): string {
	try {
		return realpathSync(path);
	} catch {
		return path;
	}
}

function isInside(root: string, path: string): boolean {
	const between = relative(root, path);
	return between !== '' && between !== '..' && !between.startsWith(`..${sep}`) && !isAbsolute(between);
}
