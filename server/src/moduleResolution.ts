import type { ModuleText, ReadModule, WorkspaceHost } from './service';
import { isRelativeSpecifier, moduleCandidates } from './service/workspace/moduleResolution';

export { isRelativeSpecifier, moduleCandidates };

/**
 * What the server knows when "Replace with named constant" asks for a module a document imports, and the part of
 * resolving it that does not depend on where the files are (no Node built-ins: the web worker bundles this file).
 * The Node server reads the candidates from disk (moduleReader.ts); the web worker has no file system and only
 * finds them among the documents open in the editor (`createOpenDocumentModuleReader`).
 */
export interface ModuleReaderOptions {
	/** Workspace folder URIs. */
	readonly workspaceFolders: () => readonly string[];
	/** The text of a document open in the editor, which wins over the file on disk. */
	readonly openText?: (uri: string) => string | undefined;
	/** Says (once) in the editor's output why a module was not read. */
	readonly log?: (message: string) => void;
	readonly maxBytes?: number;
}

/** How a server entry reads imported modules: the Node server from disk, the web worker from open documents. */
export type ModuleReaderFactory = (options: ModuleReaderOptions) => ReadModule;

/**
 * The web worker's reader: in vscode.dev, github.dev or any virtual workspace there is no file system to read, so an
 * imported module is found only when the editor has it open (same folder scheme and authority, resolved as a URL).
 * When an import is not open, the refactor falls back to a container in the file itself, and the output says why once.
 */
export const createOpenDocumentModuleReader: ModuleReaderFactory = (options) => {
	let explained = false;
	return (specifier: string, fromUri: string): ModuleText | undefined => {
		if (!isRelativeSpecifier(specifier)) {
			return undefined;
		}
		let base: string;
		try {
			base = new URL(specifier, fromUri).href.replace(/\/$/, '');
		} catch {
			return undefined; // a URI the URL parser rejects: no module
		}
		for (const uri of moduleCandidates(base)) {
			const text = options.openText?.(uri);
			if (text !== undefined) {
				return { uri, text };
			}
		}
		if (!explained) {
			explained = true;
			options.log?.(`"Replace with named constant" could not read '${specifier}' (imported by ${fromUri}): without a file system (web) `
				+ 'the server reads an imported module only while it is open in an editor. Open it to reuse its close-code constants.');
		}
		return undefined;
	};
};

/**
 * The web worker's workspace for the index: the documents open in the editor (there is no file system to list).
 * Close codes link across the open files; a module that is not open is not seen.
 */
export function createOpenDocumentsWorkspace(options: { readonly openText: (uri: string) => string | undefined; readonly openUris: () => Iterable<string> }): WorkspaceHost {
	return { listFiles: () => [...options.openUris()], readFile: options.openText };
}
