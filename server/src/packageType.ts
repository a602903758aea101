import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModuleSystem } from './service';

/**
 * The `type` of the nearest package.json above a file — what Node decides a `.js` file's module system by (no
 * `type`: CommonJS). Undefined for documents that are not files, or when no package.json can be read.
 */
export function packageModuleType(uri: string): ModuleSystem | undefined {
	if (!uri.startsWith('file:')) {
		return undefined; // a virtual document: nothing to read
	}
	let directory = dirname(fileURLToPath(uri));
	for (;;) {
		try {
			const json = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { type?: unknown } | null;
			return json?.type === 'module' ? 'module' : 'commonjs';
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
				return undefined; // unreadable or not JSON: let the file decide
			}
		}
		const parent = dirname(directory);
		if (parent === directory) {
			return undefined;
		}
		directory = parent;
	}
}
