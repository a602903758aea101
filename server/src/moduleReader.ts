import { readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isRelativeSpecifier, moduleCandidates, type ModuleReaderFactory } from './moduleResolution';
import type { ModuleText } from './service';

/**
 * Resolves and reads the modules a document imports with relative specifiers (`./closeCodes`, `../shared/ws`), for
 * the service's "Replace with named constant". Only files inside the workspace folders (or, with no workspace, the
 * importing file's own folder) and at most `maxBytes` long are read; anything that fails is `undefined`.
 */

export const createModuleReader: ModuleReaderFactory = (options) => {
	const maxBytes = options.maxBytes ?? 1_000_000;
	return (specifier: string, fromUri: string): ModuleText | undefined => {
		try {
			if (!isRelativeSpecifier(specifier) || !fromUri.startsWith('file:')) {
				return undefined;
			}
			const fromPath = fileURLToPath(fromUri);
			const folders = options.workspaceFolders().filter((uri) => uri.startsWith('file:')).map((uri) => fileURLToPath(uri));
			const roots = (folders.length > 0 ? folders : [dirname(fromPath)]).map(realOrSelf);
			for (const candidate of moduleCandidates(resolve(dirname(fromPath), specifier))) {
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
};

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
