import ts from 'typescript';
import type { ImportedDeclaration, LinkedFacts, LinkModule, ModuleDeclaration, ModuleFacts } from '../recognition/crossModule';
import type { ExportBinding, ModuleShape } from '../recognition/file/moduleShape';
import type { Confidence, Evidence } from '../recognition/types';
import { mayHaveSites } from '../prescan';
import { declarationFirstCandidates, resolveRelative } from './moduleResolution';

/**
 * The workspace index: what each JS/TS file of the workspace exports and imports, and the cross-module facts
 * recognition needs (see `recognition/crossModule.ts`). Pure: the host lists and reads the files (the Node server and
 * the CLI from disk, the web worker from the open documents), and the service supplies the analysis.
 *
 * Cheap by construction:
 * - A file that neither exports nor imports a module of the workspace is read once and never parsed.
 * - A file is analysed for the index only when it may hold a close-code site (the pre-scan of `prescan.ts`), or when
 *   its text mentions a name that a module exports for a number in the close-code ranges next to a close (it may
 *   use that name as a close code); a barrel (`export * from`) is only parsed for its imports and exports.
 * - Facts are plain data, kept per file until the file changes; an edit re-indexes that file alone.
 * - `generation` counts changes of the facts themselves, so cached analyses of other files are redone only when what
 *   they link to changed, not on every keystroke somewhere else.
 */

export interface WorkspaceHost {
	/** The URIs of the workspace's JS/TS files (excludes and `node_modules` already left out). */
	listFiles(): readonly string[];
	/** A file's text (an open document's text wins over the disk), or `undefined` when it cannot be read. */
	readFile(uri: string): string | undefined;
	/**
	 * Facts the host computed already (the CLI's worker threads analyse every file once): `null` when the file
	 * cannot matter, `undefined` to let the index read it.
	 */
	factsOf?(uri: string): ModuleFacts | null | undefined;
	/**
	 * The files do not change while the service runs (the CLI): what the index read stays, whatever documents the
	 * service analyses or closes.
	 */
	readonly staticFiles?: boolean;
}

/**
 * Analyses one file's text without links (the service's parse + recognition); `undefined` when it is skipped.
 * `shapeOnly`: only its imports and exports are needed (a barrel that mentions no close-code name), so parsing is
 * enough.
 */
export type AnalyseForIndex = (uri: string, text: string, shapeOnly?: boolean) => ModuleFacts | undefined;

interface Entry {
	/** `undefined`: not read yet, or changed since. */
	facts: ModuleFacts | undefined;
	/** The file was read and needs no analysis (no candidate, no exported close-code name). */
	plain: boolean;
}

const maxReExportDepth = 8;

/** Exports something, or imports a module of the workspace: only such a file can link to another. */
function canLink(text: string): boolean {
	return /\bexports?\b/.test(text) || relativeImport.test(text);
}

/**
 * Can a file without any candidate literal matter to the index — a barrel, or a file where a close stands near
 * (it may use an imported close code)? Judged on its text alone, so the CLI's worker threads tell the main thread
 * which of the files they did not parse it needs to read.
 */
export function mayMatterToIndex(text: string): boolean {
	return canLink(text) && (closeWords.test(text) || reExports.test(text));
}

/**
 * A use of a close code without a literal stands next to a close: `ws.close(Codes.Kicked)`, `event.code ===
 * Codes.Kicked`, `onclose`, an `on('close')` listener, a `CloseEvent`, a `closeCode`. A file that mentions an exported
 * name with none of these around is not analysed for the index (`sourceCode` or a `close` in prose does not count).
 */
const closeWords = /\.close\s*\(|\.code\b|onclose|['"`]close['"`]|CloseEvent|close_?code/i;

/** Words of the language: never evidence that a file uses an exported constant of that name. */
const keywords = new Set([
	'async', 'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
	'export', 'extends', 'false', 'finally', 'for', 'function', 'get', 'if', 'import', 'in', 'instanceof', 'let', 'new', 'null', 'of',
	'return', 'set', 'static', 'super', 'switch', 'this', 'throw', 'true', 'try', 'type', 'typeof', 'var', 'void', 'while', 'with', 'yield',
]);

const relativeImport = /(?:\bfrom\s*|\brequire\s*\(\s*)['"]\.\.?\//;

/**
 * `export * from`, `export { X } from`, `module.exports = require(…)`: a barrel passes names on without mentioning
 * them, so it is read for its shape whatever it says.
 */
const reExports = /\bexport\s*(?:\*|\{[^}]*\}\s*from)|\bexports\b[^;\n]*=\s*require\s*\(/;

export class WorkspaceIndex {
	readonly #entries = new Map<string, Entry>();
	#listed = false;
	/** Every listed file has been looked at once. */
	#built = false;
	#generation = 0;
	/** Other modules' uses of this file's declarations, by URI and key; rebuilt when the generation moves. */
	#uses: { generation: number; byUri: Map<string, Map<string, Evidence>> } | undefined;
	#namesPattern: { generation: number; pattern: RegExp | undefined } | undefined;
	/** Files changed or closed since they were read: read again before other files' evidence is collected. */
	readonly #stale = new Set<string>();
	/** Shapes of documents analysed since the index last stored their facts. */
	readonly #currentShapes = new Map<string, ModuleShape>();

	constructor(private readonly host: WorkspaceHost, private readonly analyse: AnalyseForIndex) {}

	/** Moves whenever the cross-module facts of any file change. */
	get generation(): number {
		return this.#generation;
	}

	/** Indexes every listed file that can matter (the first call does the work; later calls only what changed). */
	build(): void {
		for (const _ of this.buildSteps()) {
			// run to completion
		}
	}

	/**
	 * The same work in steps of one file each, so a server can interleave it with requests. Yields the number of files
	 * done and the total.
	 */
	*buildSteps(): Generator<{ readonly done: number; readonly total: number }> {
		this.#list();
		const uris = [...this.#entries.keys()];
		// Files that may hold sites first: their exports decide which of the other files need a look.
		const deferred: [string, string][] = [];
		let done = 0;
		for (const uri of uris) {
			const entry = this.#entries.get(uri)!;
			if (entry.facts || entry.plain) {
				done++;
				continue;
			}
			this.#stale.delete(uri);
			const known = this.host.factsOf?.(uri);
			if (known !== undefined) {
				this.#store(uri, known ?? undefined);
				yield { done: ++done, total: uris.length };
				continue;
			}
			const text = this.host.readFile(uri);
			if (text === undefined || !canLink(text)) {
				entry.plain = true; // unreadable, or neither exports nor imports a module of the workspace
			} else if (mayHaveSites(text)) {
				this.#store(uri, this.analyse(uri, text));
			} else {
				deferred.push([uri, text]);
				continue;
			}
			yield { done: ++done, total: uris.length };
		}
		// Barrels first (their shapes alone), so that a file importing through one is seen to import close codes.
		for (const [uri, text] of deferred) {
			if (reExports.test(text) && !this.#entries.get(uri)?.facts) {
				this.#store(uri, this.analyse(uri, text, true));
			}
		}
		const names = deferred.length > 0 ? this.#exportedNamesPattern() : undefined;
		for (const [uri, text] of deferred) {
			const entry = this.#entries.get(uri);
			if (entry && names && names.test(text) && closeWords.test(text) && this.#importsDeclaringModule(uri, text)) {
				this.#store(uri, this.analyse(uri, text));
			} else if (entry && !entry.facts) {
				entry.plain = true;
			}
			yield { done: ++done, total: uris.length };
		}
		this.#built = true;
	}

	/** The facts of a file analysed by the service (an open document): replaces what the index read from disk. */
	update(uri: string, facts: ModuleFacts | undefined): void {
		if (this.host.staticFiles) {
			return;
		}
		this.#list();
		const entry = this.#entries.get(uri);
		this.#currentShapes.delete(uri);
		const same = entry?.facts !== undefined && facts !== undefined && sameFacts(entry.facts, facts);
		this.#entries.set(uri, { facts, plain: facts === undefined });
		if (!same && (facts !== undefined || entry?.facts !== undefined)) {
			this.#generation++;
		}
	}

	/** A file changed, was created or deleted on disk (`workspace/didChangeWatchedFiles`): it is read again when needed. */
	invalidate(uri: string, deleted = false): void {
		if (this.host.staticFiles && !deleted) {
			return;
		}
		const entry = this.#entries.get(uri);
		this.#currentShapes.delete(uri);
		if (deleted) {
			this.#entries.delete(uri);
			this.#stale.delete(uri);
		} else {
			this.#entries.set(uri, { facts: undefined, plain: false });
			this.#stale.add(uri);
		}
		if (entry?.facts || deleted) {
			this.#generation++;
		}
	}

	/** The list of files changed (a folder added or removed): everything is listed and read again. */
	reset(): void {
		this.#entries.clear();
		this.#stale.clear();
		this.#currentShapes.clear();
		this.#listed = false;
		this.#built = false;
		this.#generation++;
	}

	/**
	 * What the workspace tells the recognition of `uri`, given the file's imports and exports as they are now (an open
	 * document is ahead of what the index read from disk).
	 */
	linkedFor(uri: string): LinkModule {
		return (shape) => {
			this.#useShape(uri, shape);
			return this.#lookups(uri);
		};
	}

	#lookups(uri: string): LinkedFacts {
		return {
			usedElsewhere: (key) => this.#usesOf(uri)?.get(key),
			importedDeclaration: (local, members) => this.#importedDeclaration(uri, local, members),
			importedSendParameter: (local, index) => this.#importedSendParameter(uri, local, index),
		};
	}

	/**
	 * Can this text use a close code another module exports? Only then does a file without any candidate literal
	 * (`ws.close(Codes.Kicked)`) need an analysis.
	 */
	mentionsExportedName(text: string): boolean {
		return this.#mentionsNames(text) || reExports.test(text);
	}

	/**
	 * Does the text mention a name some module exports as a close code (or, before indexing, import a module)? An
	 * open document that does is analysed (every reference gets its hover); a file on disk only when a close stands
	 * near too (see `closeWords`).
	 */
	#mentionsNames(text: string): boolean {
		if (!this.#built) {
			// Not indexed yet: any relative import may bring one in (the modules are then read on demand).
			return relativeImport.test(text);
		}
		if (this.#namesPattern?.generation !== this.#generation) {
			this.#namesPattern = { generation: this.#generation, pattern: this.#exportedNamesPattern() };
		}
		return this.#namesPattern.pattern?.test(text) ?? false;
	}

	/** Every listed file (and every document analysed since), for workspace-wide features. */
	files(): string[] {
		this.#list();
		return [...this.#entries.keys()];
	}

	/**
	 * The modules that export a close-code container (an enum or object with recognised members), the one with the
	 * most recognised members first, at most a few: where "Replace with named constant" looks beyond the imports.
	 */
	closeCodeModules(exceptUri: string, limit = 3): { readonly uri: string; readonly containers: string[] }[] {
		const found: { uri: string; containers: string[]; members: number }[] = [];
		for (const [uri, entry] of [...this.#entries]) {
			const usedElsewhere = entry.facts ? this.#usesOf(uri) : undefined;
			const members = entry.facts?.declarations.filter((declaration) => declaration.key.includes('.') && !declaration.table &&
				(declaration.evidence ?? usedElsewhere?.get(declaration.key))?.confidence === 'certain') ?? [];
			if (members.length > 0 && uri !== exceptUri) {
				const containers = [...new Set(members.map((declaration) => declaration.key.slice(0, declaration.key.indexOf('.'))))];
				found.push({ uri, containers, members: members.length });
			}
		}
		return found.sort((a, b) => b.members - a.members || a.uri.length - b.uri.length).slice(0, limit).map(({ uri, containers }) => ({ uri, containers }));
	}

	/**
	 * The files whose recognition changes with what other modules say: they use an imported constant where a close code
	 * goes or call an imported function that closes with a parameter, or other modules use their declarations as close
	 * codes. The CLI checks these again with links; every other file's first result stands (a reference to an imported
	 * constant that stands where nothing says "close code" gets its hover in the editor, not a site in the CLI).
	 */
	linkedFiles(): string[] {
		const linked: string[] = [];
		for (const [uri, entry] of [...this.#entries]) {
			const facts = entry.facts;
			if (!facts) {
				continue;
			}
			// It uses an imported constant where a close code goes, or calls an imported function that closes with an argument.
			const usesImported = facts.importUses.some((use) => this.#importedDeclaration(uri, use.local, use.members) !== undefined) ||
				facts.shape.imports.some((binding) => {
					const place = this.#resolveLocal(uri, binding.local, 0);
					const local = place?.local;
					return local !== undefined && place!.uri !== uri &&
						(this.#factsOf(place!.uri)?.sendParameters.some((parameter) => parameter.local === local) ?? false);
				});
			if (usesImported || (this.#usesOf(uri)?.size ?? 0) > 0) {
				linked.push(uri);
			}
		}
		return linked;
	}

	/** Reads a file through the host (an open document's text wins). */
	read(uri: string): string | undefined {
		return this.host.readFile(uri);
	}

	/**
	 * Could this file hold a site of `value`? Its text has the number or a name some module exports for it (a file that
	 * only writes `1e3` is missed: references are a search, and this keeps it to the files that matter).
	 */
	mayMention(text: string, value: number): boolean {
		if (text.includes(String(value))) {
			return true;
		}
		for (const entry of this.#entries.values()) {
			for (const declaration of entry.facts?.declarations ?? []) {
				if (declaration.values.includes(value) && text.includes(declaration.key.slice(declaration.key.lastIndexOf('.') + 1))) {
					return true;
				}
			}
		}
		return false;
	}

	// ---- reading ---------------------------------------------------------------------------------------------

	/** A file's imports and exports: as its document is now when it is being analysed, else as the index read it. */
	#shapeOf(uri: string): ModuleShape | undefined {
		return this.#currentShapes.get(uri) ?? this.#factsOf(uri)?.shape;
	}

	#useShape(uri: string, shape: ModuleShape): void {
		const known = this.#shapeOf(uri);
		if (!known || JSON.stringify(known) !== JSON.stringify(shape)) {
			this.#currentShapes.set(uri, shape);
			this.#generation++; // other files' imports may resolve differently now
		}
	}

	#list(): void {
		if (this.#listed) {
			return;
		}
		this.#listed = true;
		for (const uri of this.host.listFiles()) {
			if (!this.#entries.has(uri)) {
				this.#entries.set(uri, { facts: undefined, plain: false });
			}
		}
	}

	#store(uri: string, facts: ModuleFacts | undefined): void {
		this.#entries.set(uri, { facts, plain: facts === undefined });
		if (facts) {
			this.#generation++;
		}
	}

	/** The facts of a file, reading (and if it can matter, analysing) it now if the index has not yet. */
	#factsOf(uri: string): ModuleFacts | undefined {
		const entry = this.#entries.get(uri);
		if (!entry) {
			return undefined;
		}
		if (!entry.facts && !entry.plain) {
			this.#stale.delete(uri);
			const text = this.host.readFile(uri);
			const uses = text !== undefined && (mayHaveSites(text) || (this.#mentionsNames(text) && closeWords.test(text)));
			this.#store(uri, uses ? this.analyse(uri, text!) : text !== undefined && reExports.test(text) ? this.analyse(uri, text, true) : undefined);
		}
		return this.#entries.get(uri)?.facts;
	}

	/** Names exported by modules that declare numbers: a file that mentions none of them cannot use one. */
	#exportedNamesPattern(): RegExp | undefined {
		const names = new Set<string>();
		for (const entry of this.#entries.values()) {
			const facts = entry.facts;
			if (!facts) {
				continue;
			}
			// The names a use of an exported close code is written with: the member itself (`Kicked` in
			// `ChatCodes.Kicked`, `P.ChatCodes.Kicked`, `require('./codes').Kicked`) or the variable and the names it is
			// exported under (`GOING_AWAY`, `export { GOING_AWAY as AWAY }`). A container's name alone is not enough:
			// `Compilation` is imported everywhere in webpack, its `PROCESS_ASSETS_STAGE_*` members almost nowhere.
			const roots = new Set<string>(facts.sendParameters.map((parameter) => parameter.local));
			for (const declaration of facts.declarations) {
				if (declaration.values.some((value) => value >= 1000 && value <= 4999)) {
					if (!declaration.key.includes('.')) {
						roots.add(declaration.key);
					}
					names.add(declaration.key.slice(declaration.key.lastIndexOf('.') + 1));
				}
			}
			for (const binding of facts.shape.exports) {
				if (binding.local !== undefined && roots.has(binding.local) && binding.name !== '*' && binding.name !== 'default') {
					names.add(binding.name);
				}
			}
		}
		for (const word of keywords) {
			names.delete(word); // `Flag.await = 4096`: as a name to look for, `await` is in every async file
		}
		if (names.size === 0) {
			return undefined;
		}
		const escaped = [...names].map((name) => name.replace(/[$]/g, '\\$'));
		return new RegExp(`(?<![\\w$])(?:${escaped.join('|')})(?![\\w$])`);
	}

	// ---- linking ---------------------------------------------------------------------------------------------

	/**
	 * Does the file import (or re-export) a module that declares numbers or closing functions, or a barrel? Read with
	 * TypeScript's scanner alone (`preProcessFile`: the specifiers, no syntax tree), so `@types/node` declaring an
	 * `Agent` is not analysed because some module exports a member of that name.
	 */
	#importsDeclaringModule(uri: string, text: string): boolean {
		return ts.preProcessFile(text, true, true).importedFiles.some(({ fileName }) => {
			const target = this.#resolveModule(uri, fileName);
			const facts = target && target !== uri ? this.#entries.get(target)?.facts : undefined;
			return facts !== undefined && (facts.declarations.length > 0 || facts.sendParameters.length > 0 || facts.shape.starExports.length > 0 ||
				facts.shape.exports.some((binding) => binding.from !== undefined));
		});
	}

	#resolveModule(fromUri: string, specifier: string): string | undefined {
		const base = resolveRelative(fromUri, specifier);
		if (base === undefined) {
			return undefined;
		}
		this.#list();
		return declarationFirstCandidates(base).find((candidate) => this.#entries.has(candidate));
	}

	/**
	 * Where the export `name` of module `uri` is declared: a local name of some module, or a whole module (`export * as
	 * N from`). Follows re-exports, `export *` and aliases.
	 */
	#resolveExport(uri: string, name: string, depth = 0): { readonly uri: string; readonly local?: string } | undefined {
		const shape = depth > maxReExportDepth ? undefined : this.#shapeOf(uri);
		if (!shape) {
			return undefined;
		}
		const binding = shape.exports.find((each) => each.name === name);
		if (binding) {
			return this.#resolveBinding(uri, binding, depth);
		}
		// An import passed on under its own name: `import { Codes } from './codes'; export { Codes }` is a local
		// binding here, handled by `#resolveLocal`.
		for (const specifier of shape.starExports) {
			const target = this.#resolveModule(uri, specifier);
			const found = target && name !== 'default' ? this.#resolveExport(target, name, depth + 1) : undefined;
			if (found) {
				return found;
			}
		}
		// CommonJS: a member of the whole `module.exports` (`module.exports = Codes`, `exports.Kicked = 4002`).
		const whole = shape.exports.find((each) => each.name === '*');
		return whole?.local === undefined || name === 'default' ? undefined : { uri, local: `${whole.local}.${name}` };
	}

	#resolveBinding(uri: string, binding: ExportBinding, depth: number): { readonly uri: string; readonly local?: string } | undefined {
		if (binding.from !== undefined) {
			const target = this.#resolveModule(uri, binding.from);
			if (!target) {
				return undefined;
			}
			return binding.imported === '*' ? { uri: target } : this.#resolveExport(target, binding.imported ?? binding.name, depth + 1);
		}
		return binding.local === undefined ? undefined : this.#resolveLocal(uri, binding.local, depth);
	}

	/** A local name of a module: declared there, or itself imported (`import { X } from './a'; export { X }`). */
	#resolveLocal(uri: string, local: string, depth: number): { readonly uri: string; readonly local?: string } | undefined {
		const imported = this.#shapeOf(uri)?.imports.find((each) => each.local === local);
		if (!imported) {
			return { uri, local };
		}
		const target = this.#resolveModule(uri, imported.specifier);
		if (!target) {
			return undefined;
		}
		return imported.imported === '*' ? { uri: target } : this.#resolveExport(target, imported.imported, depth + 1);
	}

	/**
	 * The declaration a reference names: `local` (an import of `uri`) with `members` read from it. `Codes.Kicked` where
	 * `Codes` is a named import, `P.Codes.Kicked` where `P` is a namespace import, `GOING_AWAY`, `require('./codes').X`.
	 */
	#importedDeclaration(uri: string, local: string, members: readonly string[]): ImportedDeclaration | undefined {
		let place = this.#resolveLocal(uri, local, 0);
		let rest = [...members];
		// A whole module (namespace import, `require()`): its first member is an export of it.
		while (place && place.local === undefined && rest.length > 0) {
			const [name, ...others] = rest;
			place = this.#resolveExport(place.uri, name);
			rest = others;
		}
		if (!place || place.local === undefined || rest.length > 1) {
			return undefined;
		}
		const key = rest.length === 1 ? `${place.local}.${rest[0]}` : place.local;
		const declaration = this.#factsOf(place.uri)?.declarations.find((each) => each.key === key);
		return declaration && { ...declaration, uri: place.uri };
	}

	#importedSendParameter(uri: string, local: string, index: number): Confidence | undefined {
		const place = this.#resolveLocal(uri, local, 0);
		if (!place?.local || place.uri === uri) {
			return undefined;
		}
		const functionName = place.local;
		return this.#factsOf(place.uri)?.sendParameters.find((each) => each.local === functionName && each.index === index)?.confidence;
	}

	/** The evidence other modules give to the declarations of `uri`, by key. */
	#usesOf(uri: string): Map<string, Evidence> | undefined {
		if (this.#uses?.generation !== this.#generation) {
			this.#uses = { generation: this.#generation, byUri: this.#collectUses() };
		}
		return this.#uses.byUri.get(uri);
	}

	#collectUses(): Map<string, Map<string, Evidence>> {
		// Files changed on disk or closed in the editor since: read again, or their uses would be lost.
		for (const uri of [...this.#stale]) {
			this.#factsOf(uri);
		}
		const byUri = new Map<string, Map<string, Evidence>>();
		for (const [uri, entry] of [...this.#entries]) {
			for (const use of entry.facts?.importUses ?? []) {
				const declaration = this.#importedDeclaration(uri, use.local, use.members);
				const evidence = declaration && (declaration.table ? use.asTable : declaration.isList ? use.asList : use.asValue);
				if (!declaration || !evidence || declaration.uri === uri) {
					continue;
				}
				const keys = byUri.get(declaration.uri) ?? new Map<string, Evidence>();
				byUri.set(declaration.uri, keys);
				const previous = keys.get(declaration.key);
				if (!previous || (previous.confidence === 'likely' && evidence.confidence === 'certain')) {
					keys.set(declaration.key, evidence);
				}
			}
		}
		return byUri;
	}
}

function sameFacts(a: ModuleFacts, b: ModuleFacts): boolean {
	return JSON.stringify(comparable(a)) === JSON.stringify(comparable(b));
}

/**
 * Offsets and lines move with every edit above a declaration; what other files recognise does not (their "Resolved
 * from" link may point a few lines off until they are analysed again).
 */
function comparable(facts: ModuleFacts): unknown {
	return {
		...facts,
		declarations: facts.declarations.map(({ key, values, isList, evidence }: ModuleDeclaration) => ({ key, values, isList, evidence })),
	};
}
