import type { ModuleText, ReadModule } from './service';

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

/** Only `./x` and `../x` are read: a package import is not the workspace's own close-code container. */
export function isRelativeSpecifier(specifier: string): boolean {
	return /^\.\.?(?:\/|$)/.test(specifier);
}

const extensions = ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.mts', '.cts'];
/** `./x.js` in TypeScript's ESM style names `./x.ts`. */
const sourceOf: Readonly<Record<string, readonly string[]>> = { '.js': ['.ts', '.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'], '.jsx': ['.tsx'] };

/**
 * The files an import of `base` (a resolved path or URI, `/`-separated; Node's fs accepts `/` on Windows too) may
 * name, in TypeScript's order: the source of a `.js` specifier, the file itself, an added extension, an index file.
 */
export function moduleCandidates(base: string): string[] {
	const name = base.slice(base.lastIndexOf('/') + 1);
	const dot = name.lastIndexOf('.');
	const extension = dot > 0 ? name.slice(dot) : '';
	const swapped = (sourceOf[extension] ?? []).map((source) => base.slice(0, -extension.length) + source);
	return [
		...swapped,
		...(extensions.includes(extension) ? [base] : []),
		...extensions.map((candidate) => base + candidate),
		...extensions.map((candidate) => `${base}/index${candidate}`),
	];
}

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
