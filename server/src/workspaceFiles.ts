import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { WorkspaceHost } from './service';

/** The file kinds recognition reads (`.d.ts` included, as `.ts`). */
export const sourceExtensions = /\.(?:[mc]?[jt]s|[jt]sx)$/i;

/** Folders never entered: dependencies and version control (a package's own close codes are not the workspace's). */
export const skippedFolders = new Set(['node_modules', '.git']);

export interface WorkspaceFilesOptions {
	/** Workspace folder URIs (only `file:` ones are listed). */
	readonly folders: () => readonly string[];
	/** An open document's text, which wins over the disk. */
	readonly openText: (uri: string) => string | undefined;
	/** The open documents, listed even outside the folders. */
	readonly openUris: () => Iterable<string>;
	/** Past this many files the listing stops (and says so once). */
	readonly maxFiles?: number;
	readonly maxBytes?: number;
	readonly log?: (message: string) => void;
}

/**
 * The Node server's view of the workspace for the index: the JS/TS files of the workspace folders on disk (dot
 * folders, `node_modules` and `.git` left out), read from disk unless open in the editor. Bounded: a huge monorepo is
 * listed up to `maxFiles`, and files over `maxBytes` are not read.
 */
export function createWorkspaceFiles(options: WorkspaceFilesOptions): WorkspaceHost {
	const maxFiles = options.maxFiles ?? 20_000;
	const maxBytes = options.maxBytes ?? 1_000_000;
	return {
		listFiles() {
			const found = new Set<string>();
			for (const folder of options.folders()) {
				if (folder.startsWith('file:')) {
					walk(fileURLToPath(folder), found, maxFiles);
				}
			}
			if (found.size >= maxFiles) {
				options.log?.(`The workspace index stopped listing at ${maxFiles} files; close codes in other files are not linked across modules.`);
			}
			for (const uri of options.openUris()) {
				if (sourceExtensions.test(uri)) {
					found.add(uri);
				}
			}
			return [...found];
		},
		readFile(uri) {
			const open = options.openText(uri);
			if (open !== undefined || !uri.startsWith('file:')) {
				return open;
			}
			try {
				const path = fileURLToPath(uri);
				return statSync(path).size > maxBytes ? undefined : readFileSync(path, 'utf8');
			} catch {
				return undefined; // deleted or unreadable since it was listed: it links to nothing
			}
		},
	};
}

function walk(directory: string, found: Set<string>, maxFiles: number): void {
	let entries;
	try {
		entries = readdirSync(directory, { withFileTypes: true });
	} catch {
		return; // an unreadable folder has nothing to index
	}
	for (const entry of entries) {
		if (found.size >= maxFiles) {
			return;
		}
		const path = join(directory, entry.name);
		if (entry.isDirectory()) {
			if (!skippedFolders.has(entry.name) && !entry.name.startsWith('.')) {
				walk(path, found, maxFiles);
			}
		} else if (entry.isFile() && sourceExtensions.test(entry.name)) {
			found.add(pathToFileURL(path).href);
		}
	}
}
