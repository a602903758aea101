import type { ImportedDeclaration, LinkedFacts, LinkModule, ModuleDeclaration, ModuleFacts } from '../recognition/crossModule';
import type { ExportBinding, ModuleShape } from '../recognition/file/moduleShape';
import type { Confidence, Evidence } from '../recognition/types';
import { addExportedNames, namesPattern } from './exportedNames';
import { reExports, relativeImport, scanFile, unreadable, type FileScan } from './fileScan';
import { aliasBasesNaming, aliasPrefix, aliasStem, basesNaming, declarationFirstCandidates, specifierBase } from './moduleResolution';

export { mayMatterToIndex } from './fileScan';

/**
 * The workspace index: what each JS/TS file of the workspace imports, and, for the files a lookup needs, the
 * cross-module facts recognition uses (see `recognition/crossModule.ts`). Pure: the host lists and reads the files (the
 * Node server and the CLI from disk, the web worker from the open documents), and the service supplies the analysis.
 *
 * Lazy and cheap by construction:
 * - Building it is a scan of each file's text (`fileScan.ts`: the pre-scan and a search for the modules it
 *   names) — an import graph, no parse.
 * - A file's facts are computed when a lookup needs them, and kept (plain data, no syntax trees) until it changes:
 *   the modules a document imports (through barrels), and, for "is this declaration used as a close code elsewhere",
 *   only the files that import its module (through barrels again), found with the reverse graph.
 * - A file without any candidate literal is analysed only when a close stands near and it mentions a name that one of
 *   the modules it imports exports as a close code; a barrel only for its shape (a parse, no recognition).
 * - An edit re-reads that file alone; its facts are computed again at once only when some lookup had used them.
 * - `generation` counts changes of what lookups answer (facts that changed, a file that imports a module it did not),
 *   not computations: facts computed on demand were what any earlier lookup would have computed too. Cached analyses
 *   of other files are redone only when what they link to changed.
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
	/** What its text says without a parse; `undefined`: not read yet (an open document the host does not list). */
	scan: FileScan | undefined;
	/** The workspace modules it imports or re-exports (a superset: every specifier the search or its shape names). */
	targets: Set<string>;
	/** `undefined`: not computed yet (or changed since); `null`: computed, it cannot matter to other files. */
	facts: ModuleFacts | null | undefined;
	/** The facts are an open document's (analysed by the service, with links), ahead of the disk. */
	fromDocument: boolean;
	/**
	 * The facts were decided by the names the modules it imports export (a file without candidates): decided again
	 * when the generation has moved since.
	 */
	decidedAt?: number;
	/** The shape of a barrel without candidates, read to follow names through it (see `#passShape`). */
	passShape?: ModuleShape | null;
	/** Changed on disk or closed in the editor: read again before it is used. */
	stale: boolean;
	/** Moves whenever its text may have changed (see `resultKey`). */
	revision: number;
}

/** Evidence one file gives to a declaration of another module (`ws.close(Codes.Kicked)` → `Codes.Kicked` of codes.ts). */
interface Contribution {
	readonly uri: string;
	readonly key: string;
	readonly evidence: Evidence;
}

const maxReExportDepth = 8;

export class WorkspaceIndex {
	readonly #entries = new Map<string, Entry>();
	/** The reverse import graph: who imports each module. */
	readonly #importers = new Map<string, Set<string>>();
	/**
	 * Who resolved a specifier to each base (`resolveRelative`'s answer, before extensions and index files), found or
	 * not: the files to link again when a file appears there or disappears (see `#relinkNamersOf`).
	 */
	readonly #namers = new Map<string, Set<string>>();
	/** The file each resolved base path names (`undefined`: none), while no file is added or removed. */
	readonly #resolved = new Map<string, string | undefined>();
	#listed = false;
	/** Every listed file has been scanned once. */
	#built = false;
	#generation = 0;
	/** Numbers the changes of files (see `Entry.revision`): never reused, not even across a reset. */
	#revisions = 0;
	/** Files changed or closed since they were read: read again before the reverse graph is used. */
	readonly #stale = new Set<string>();
	/** Shapes of documents analysed since the index last stored their facts. */
	readonly #currentShapes = new Map<string, ModuleShape>();
	/**
	 * The local names each shape exports, for `#exportsRootOf`. The flow asks it for every parameter of every top-level
	 * function, so a file of a thousand exported functions would otherwise scan its thousand exports two thousand times.
	 */
	readonly #exportedLocals = new WeakMap<ModuleShape, Set<string>>();
	/** What each file's uses say of other modules' declarations, and the uses of each module, for one generation. */
	readonly #contributions = new Map<string, { generation: number; items: readonly Contribution[] }>();
	readonly #uses = new Map<string, { generation: number; byKey: Map<string, Evidence> }>();
	/** The names near a file (see `#namesNear`) for one generation. */
	readonly #names = new Map<string, { generation: number; pattern: RegExp | undefined }>();
	#mentions: { generation: number; byValue: Map<number, string[]> } | undefined;

	constructor(private readonly host: WorkspaceHost, private readonly analyse: AnalyseForIndex) {}

	/** Moves whenever what the cross-module lookups answer may have changed. */
	get generation(): number {
		return this.#generation;
	}

	/** Builds the import graph (the first call scans every file; later calls only what changed). */
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
		// Once built, only the files changed since need a look.
		const uris = this.#built ? [...this.#stale, ...[...this.#entries].filter(([, entry]) => !entry.scan && !entry.fromDocument).map(([uri]) => uri)]
			: [...this.#entries.keys()];
		let done = 0;
		for (const uri of uris) {
			const entry = this.#entries.get(uri);
			if (entry && (entry.stale || (!entry.scan && !entry.fromDocument))) {
				this.#read(uri, entry);
			}
			yield { done: ++done, total: uris.length };
		}
		if (!this.#built) {
			this.#built = true;
			// Lookups made while the graph was partial may have missed importers.
			this.#generation++;
		}
	}

	/** The facts of a file analysed by the service (an open document): replaces what the index read from disk. */
	update(uri: string, facts: ModuleFacts | undefined): void {
		if (this.host.staticFiles) {
			return;
		}
		this.#list();
		const listed = this.#entries.get(uri);
		const entry = listed ?? this.#newEntry(uri);
		// A document the index did not know (a new file not saved yet): the imports that name it resolve now.
		const appeared = !listed && this.#relinkNamersOf(uri);
		this.#currentShapes.delete(uri);
		const before = entry.facts; // a changed file's last facts too: what lookups may have used
		const gained = facts !== undefined && this.#addTargets(uri, this.#shapeTargets(uri, facts.shape));
		this.#stale.delete(uri);
		Object.assign(entry, { facts: facts ?? null, fromDocument: true, decidedAt: undefined, stale: false, revision: ++this.#revisions });
		if (appeared || gained || (before !== undefined && !sameFacts(before, facts ?? null))) {
			this.#generation++;
		}
	}

	/** A file changed, was created or deleted on disk (`workspace/didChangeWatchedFiles`): it is read again when needed. */
	invalidate(uri: string, deleted = false): void {
		if (this.host.staticFiles && !deleted) {
			return;
		}
		this.#currentShapes.delete(uri);
		const entry = this.#entries.get(uri);
		if (deleted || !entry) {
			if (entry) {
				this.#setTargets(uri, new Set());
				this.#forgetNamer(uri, entry);
				this.#entries.delete(uri);
				this.#resolved.clear();
				this.#stale.delete(uri);
				this.#relinkNamersOf(uri);
			} else if (!deleted && this.#listed) {
				this.#newEntry(uri).stale = true; // created: read with the others
				this.#stale.add(uri);
				this.#relinkNamersOf(uri);
			}
			this.#generation++; // imports of other files may name another file now
			return;
		}
		entry.stale = true;
		entry.fromDocument = false;
		entry.revision = ++this.#revisions;
		this.#stale.add(uri);
	}

	/** The list of files changed (a folder added or removed): everything is listed and read again. */
	reset(): void {
		this.#entries.clear();
		this.#importers.clear();
		this.#namers.clear();
		this.#stale.clear();
		this.#currentShapes.clear();
		this.#contributions.clear();
		this.#uses.clear();
		this.#names.clear();
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
			// Only a declaration bound to an export can be used by another module: the others ask nobody.
			usedElsewhere: (key) => (this.#exportsRootOf(uri, key) ? this.#usesOf(uri)?.get(key) : undefined),
			importedDeclaration: (local, members) => this.#importedDeclaration(uri, local, members),
			importedSendParameter: (local, index) => this.#importedSendParameter(uri, local, index),
			receivedArgument: (local, index) => (this.#exportsRootOf(uri, local) ? this.#usesOf(uri)?.get(argumentKey(local, index)) : undefined),
			listenedArgument: (local, event, index) => (this.#exportsRootOf(uri, local) ? this.#usesOf(uri)?.get(listenerKey(local, event, index)) : undefined),
		};
	}

	/**
	 * Can this text use a close code another module exports? Only then does a file without any candidate literal
	 * (`ws.close(Codes.Kicked)`) need an analysis. With the file's URI, the names the modules it imports export decide
	 * (an open document that mentions one is analysed, so every reference gets its hover); without it, any relative
	 * import may bring one in (the modules are then analysed on demand).
	 */
	mentionsExportedName(text: string, uri?: string): boolean {
		if (reExports.test(text)) {
			return true;
		}
		if (uri === undefined || !this.#entries.has(uri)) {
			return relativeImport.test(text);
		}
		return this.#namesNear(uri)?.test(text) ?? false;
	}

	/** Every listed file (and every document analysed since), for workspace-wide features. */
	files(): string[] {
		this.#list();
		return [...this.#entries.keys()];
	}

	/**
	 * The modules that export a close-code container (an enum or object with recognised members), the one with the
	 * most recognised members first, at most a few: where "Replace with named constant" looks beyond the imports. The
	 * first call analyses the files that may declare one (those with candidates).
	 */
	closeCodeModules(exceptUri: string, limit = 3): { readonly uri: string; readonly containers: string[] }[] {
		const found: { uri: string; containers: string[]; members: number }[] = [];
		for (const [uri, facts] of this.#declaringFacts()) {
			const containerMembers = facts.declarations.filter((declaration) => declaration.key.includes('.') && !declaration.table);
			if (containerMembers.length === 0 || uri === exceptUri) {
				continue;
			}
			const usedElsewhere = containerMembers.some((declaration) => declaration.evidence?.confidence !== 'certain') ? this.#usesOf(uri) : undefined;
			const members = containerMembers.filter((declaration) => (declaration.evidence ?? usedElsewhere?.get(declaration.key))?.confidence === 'certain');
			if (members.length > 0) {
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
	 * constant that stands where nothing says "close code" gets its hover in the editor, not a site in the CLI). Needs
	 * the facts of every file that can matter: the CLI's host gives them.
	 */
	linkedFiles(): string[] {
		const linked: string[] = [];
		for (const uri of [...this.#entries.keys()]) {
			const facts = this.#factsOf(uri);
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

	/**
	 * What a file's problems depend on, as a key that changes whenever they may: its own changes (told by `invalidate`
	 * and `update`), and the generation for a file with candidates that imports or exports something. Problems stand
	 * on `close()` arguments, which the pre-scan never misses, so what other files say cannot give one to a file
	 * without candidates; nor can it change what is found in a file that neither imports nor exports. `undefined` for
	 * a file the index does not list.
	 */
	problemsKey(uri: string): string | undefined {
		const entry = this.#entries.get(uri) && this.#entry(uri);
		const linked = entry?.scan === undefined || (entry.scan.linkable && entry.scan.candidate);
		return entry && (linked ? `${entry.revision}/${this.#generation}` : `${entry.revision}`);
	}

	/** Reads a file through the host (an open document's text wins). */
	read(uri: string): string | undefined {
		return this.host.readFile(uri);
	}

	/**
	 * Could this file hold a site of `value`? Its text has the number or a name some module exports for it (a file that
	 * only writes `1e3` is missed: references are a search, and this keeps it to the files that matter). The first
	 * call analyses the files that may declare one.
	 */
	mayMention(text: string, value: number): boolean {
		if (text.includes(String(value))) {
			return true;
		}
		if (this.#mentions?.generation !== this.#generation) {
			this.#mentions = { generation: this.#generation, byValue: new Map() };
		}
		let names = this.#mentions.byValue.get(value);
		if (!names) {
			names = [];
			for (const [, facts] of this.#declaringFacts()) {
				for (const declaration of facts.declarations) {
					if (declaration.values.includes(value)) {
						names.push(declaration.key.slice(declaration.key.lastIndexOf('.') + 1));
					}
				}
			}
			this.#mentions = { generation: this.#generation, byValue: this.#mentions.byValue.set(value, names) };
		}
		return names.some((name) => text.includes(name));
	}

	// ---- reading ---------------------------------------------------------------------------------------------

	#list(): void {
		if (this.#listed) {
			return;
		}
		this.#listed = true;
		for (const uri of this.host.listFiles()) {
			if (!this.#entries.has(uri)) {
				this.#newEntry(uri);
			}
		}
	}

	#newEntry(uri: string): Entry {
		this.#resolved.clear();
		const entry: Entry = { scan: undefined, targets: new Set(), facts: undefined, fromDocument: false, stale: false, revision: ++this.#revisions };
		this.#entries.set(uri, entry);
		return entry;
	}

	/** The entry of a listed file, read first if it has not been, or changed since. */
	#entry(uri: string): Entry | undefined {
		this.#list();
		const entry = this.#entries.get(uri);
		if (entry && (entry.stale || (!entry.scan && !entry.fromDocument))) {
			this.#read(uri, entry);
		}
		return entry;
	}

	/**
	 * Reads a file: its scan and imports. A file whose facts some lookup had used gets them again at once, and the
	 * generation moves when they differ, or when it imports a module it did not.
	 */
	#read(uri: string, entry: Entry): string | undefined {
		const before = entry.facts;
		const wasStale = entry.stale;
		this.#stale.delete(uri);
		Object.assign(entry, { stale: false, fromDocument: false, facts: undefined, decidedAt: undefined, passShape: undefined });
		const known = this.host.factsOf?.(uri);
		let text: string | undefined;
		let targets: Set<string>;
		if (known !== undefined) {
			entry.scan = known ? { ...unreadable, linkable: true, candidate: true } : unreadable;
			entry.facts = known;
			targets = known ? this.#shapeTargets(uri, known.shape) : new Set();
		} else {
			text = this.host.readFile(uri);
			entry.scan = text === undefined ? unreadable : scanFile(text);
			targets = new Set(entry.scan.specifiers.flatMap((specifier) => this.#resolveModule(uri, specifier) ?? []));
		}
		const gained = this.#setTargets(uri, targets);
		if (before !== undefined && entry.facts === undefined) {
			entry.facts = this.#decide(uri, entry, text);
		}
		if (wasStale && (gained || (before !== undefined && !sameFacts(before, entry.facts ?? null)))) {
			this.#generation++;
		}
		return text;
	}

	/** The facts of a file, computing them now if no lookup has yet. */
	#factsOf(uri: string): ModuleFacts | undefined {
		const entry = this.#entries.get(uri) && this.#entry(uri);
		if (!entry) {
			return undefined;
		}
		if (entry.facts === undefined || (entry.decidedAt !== undefined && entry.decidedAt !== this.#generation)) {
			entry.facts = this.#decide(uri, entry, undefined);
		}
		return entry.facts ?? undefined;
	}

	/**
	 * What a file tells the others: a file that may hold sites is analysed; one without candidates only when a close
	 * stands near and it mentions a name the modules it imports export as close codes (it may use one), else a barrel
	 * for its shape alone; anything else cannot matter.
	 */
	#decide(uri: string, entry: Entry, text: string | undefined): ModuleFacts | null {
		entry.decidedAt = undefined;
		const scan = entry.scan;
		if (!scan?.linkable || (!scan.candidate && !scan.closeWords && !scan.reExports)) {
			return null; // judged by its scan: no need to read it again
		}
		text ??= this.host.readFile(uri);
		if (text === undefined) {
			return null;
		}
		if (scan.candidate) {
			return this.analyse(uri, text) ?? null;
		}
		entry.decidedAt = this.#generation;
		if (scan.closeWords && this.#namesNear(uri)?.test(text)) {
			return this.analyse(uri, text) ?? null;
		}
		return scan.reExports ? this.analyse(uri, text, true) ?? null : null;
	}

	/**
	 * Names that the modules `uri` imports (directly or through barrels) export as close codes: a file without
	 * candidates that mentions none of them cannot use one. Only these modules are analysed for it.
	 */
	#namesNear(uri: string): RegExp | undefined {
		const cached = this.#names.get(uri);
		if (cached?.generation === this.#generation) {
			return cached.pattern;
		}
		const names = new Set<string>();
		const seen = new Set([uri]);
		let frontier = [...(this.#entry(uri)?.targets ?? [])];
		for (let depth = 0; frontier.length > 0 && depth <= maxReExportDepth; depth++) {
			const next: string[] = [];
			for (const target of frontier) {
				if (seen.has(target)) {
					continue;
				}
				seen.add(target);
				const entry = this.#entry(target);
				const facts = entry?.scan?.candidate || entry?.fromDocument ? this.#factsOf(target) : undefined;
				if (facts) {
					addExportedNames(facts, names);
				}
				const shape = facts?.shape ?? (entry && this.#passShape(target, entry));
				if (shape) {
					next.push(...this.#passedOn(target, shape));
				}
			}
			frontier = next;
		}
		const pattern = namesPattern(names);
		this.#names.set(uri, { generation: this.#generation, pattern });
		return pattern;
	}

	/**
	 * The shape of a file without candidates, to follow names through it: what its facts say when they are computed,
	 * else a barrel's shape read for this alone (no recognition, and no look at the modules it imports in turn).
	 */
	#passShape(uri: string, entry: Entry): ModuleShape | undefined {
		if (entry.facts !== undefined) {
			return entry.facts?.shape;
		}
		if (entry.passShape === undefined) {
			const text = entry.scan?.reExports ? this.host.readFile(uri) : undefined;
			entry.passShape = (text !== undefined && this.analyse(uri, text, true)?.shape) || null;
		}
		return entry.passShape ?? undefined;
	}

	/** The modules whose exports a module passes on: `export * from`, `export { X } from`, an import exported again. */
	#passedOn(uri: string, shape: ModuleShape): string[] {
		const specifiers = [...shape.starExports];
		for (const binding of shape.exports) {
			if (binding.from !== undefined) {
				specifiers.push(binding.from);
			} else if (binding.local !== undefined) {
				const root = binding.local.split('.')[0];
				specifiers.push(...shape.imports.filter((imported) => imported.local === root).map((imported) => imported.specifier));
			}
		}
		return specifiers.flatMap((specifier) => this.#resolveModule(uri, specifier) ?? []);
	}

	/** The files with candidates (they alone can declare close codes), with their facts: analysed now if need be. */
	*#declaringFacts(): Generator<[string, ModuleFacts]> {
		this.#list();
		for (const uri of [...this.#entries.keys()]) {
			const entry = this.#entry(uri);
			const facts = entry?.scan?.candidate || entry?.fromDocument ? this.#factsOf(uri) : undefined;
			if (facts && facts.declarations.length > 0) {
				yield [uri, facts];
			}
		}
	}

	// ---- the graph -------------------------------------------------------------------------------------------

	#shapeTargets(uri: string, shape: ModuleShape): Set<string> {
		const specifiers = [...shape.imports.map((binding) => binding.specifier), ...shape.starExports,
			...shape.exports.flatMap((binding) => (binding.from === undefined ? [] : [binding.from]))];
		return new Set(specifiers.flatMap((specifier) => this.#resolveModule(uri, specifier) ?? []));
	}

	/** Replaces a file's imports in the graph; `true` when it imports a module it did not. */
	#setTargets(uri: string, targets: Set<string>): boolean {
		const entry = this.#entries.get(uri);
		let gained = false;
		for (const target of entry?.targets ?? []) {
			if (!targets.has(target)) {
				this.#importers.get(target)?.delete(uri);
			}
		}
		for (const target of targets) {
			if (!entry?.targets.has(target)) {
				gained = true;
				this.#importersOf(target).add(uri);
			}
		}
		if (entry) {
			entry.targets = targets;
		}
		return gained;
	}

	/** Adds imports an open document has beyond what was read (a superset does no harm); `true` when any is new. */
	#addTargets(uri: string, targets: Set<string>): boolean {
		const entry = this.#entries.get(uri);
		let gained = false;
		for (const target of targets) {
			if (entry && !entry.targets.has(target)) {
				gained = true;
				entry.targets.add(target);
				this.#importersOf(target).add(uri);
			}
		}
		return gained;
	}

	#importersOf(uri: string): Set<string> {
		let importers = this.#importers.get(uri);
		if (!importers) {
			importers = new Set();
			this.#importers.set(uri, importers);
		}
		return importers;
	}

	/**
	 * A file appeared at `uri` or disappeared from it: the files that named that place resolve their imports again
	 * (`import { Codes } from './codes'` unresolved until codes.ts is created, or resolved to codes.js until codes.d.ts
	 * is), so that the reverse graph finds them and the names near them are its exports. Their facts stay: read without
	 * links, they do not depend on other files, and those decided by the names near them are decided again once the
	 * generation moves (the caller moves it). `true` when some file named it.
	 */
	#relinkNamersOf(uri: string): boolean {
		let relinked = false;
		for (const base of [...basesNaming(uri), ...aliasBasesNaming(uri)]) {
			for (const namer of [...(this.#namers.get(base) ?? [])]) {
				const entry = this.#entries.get(namer);
				if (entry && namer !== uri) {
					this.#setTargets(namer, this.#targetsOf(namer, entry));
					relinked = true;
				}
			}
		}
		return relinked;
	}

	/** The modules a file names, as far as the index knows it: its scan's specifiers, and its shape's (a document may be ahead of the disk). */
	#targetsOf(uri: string, entry: Entry): Set<string> {
		const targets = new Set(entry.scan?.specifiers.flatMap((specifier) => this.#resolveModule(uri, specifier) ?? []) ?? []);
		for (const shape of [entry.facts?.shape, this.#currentShapes.get(uri)]) {
			for (const target of shape ? this.#shapeTargets(uri, shape) : []) {
				targets.add(target);
			}
		}
		return targets;
	}

	/** A file is gone: it names nothing any more (what a lookup resolved for it beyond its scan stays, and is skipped). */
	#forgetNamer(uri: string, entry: Entry): void {
		for (const specifier of entry.scan?.specifiers ?? []) {
			const base = specifierBase(uri, specifier);
			if (base !== undefined) {
				this.#namers.get(base)?.delete(uri);
			}
		}
	}

	/** The files whose imports may name a declaration of `uri`: its importers, and theirs where they pass names on. */
	#importersReaching(uri: string): Set<string> {
		const found = new Set<string>();
		let frontier = [uri];
		for (let depth = 0; frontier.length > 0 && depth <= maxReExportDepth; depth++) {
			const next: string[] = [];
			for (const module of frontier) {
				for (const importer of [...(this.#importers.get(module) ?? [])]) {
					if (found.has(importer) || importer === uri) {
						continue;
					}
					found.add(importer);
					const shape = this.#shapeOf(importer);
					if (shape && this.#passedOn(importer, shape).includes(module)) {
						next.push(importer);
					}
				}
			}
			frontier = next;
		}
		return found;
	}

	/** A file's imports and exports: as its document is now when it is being analysed, else its facts'. */
	#shapeOf(uri: string): ModuleShape | undefined {
		return this.#currentShapes.get(uri) ?? this.#factsOf(uri)?.shape;
	}

	#useShape(uri: string, shape: ModuleShape): void {
		const entry = this.#entries.get(uri);
		const known = this.#currentShapes.get(uri) ?? (entry?.facts === undefined || entry.stale ? undefined : entry.facts?.shape ?? null);
		this.#currentShapes.set(uri, shape);
		const gained = entry !== undefined && this.#addTargets(uri, this.#shapeTargets(uri, shape));
		if (gained || (known !== undefined && JSON.stringify(known) !== JSON.stringify(shape))) {
			this.#generation++; // other files' imports may resolve differently now
		}
	}

	/** Does a key of this file start with a name it exports (only such a declaration can be used elsewhere)? */
	#exportsRootOf(uri: string, key: string): boolean {
		const shape = this.#shapeOf(uri);
		if (!shape) {
			return false;
		}
		let locals = this.#exportedLocals.get(shape);
		if (!locals) {
			locals = new Set();
			for (const binding of shape.exports) {
				if (binding.local !== undefined) {
					locals.add(binding.local);
				}
			}
			this.#exportedLocals.set(shape, locals);
		}
		if (locals.has(key)) {
			return true;
		}
		// `Codes.Kicked` under an exported `Codes`: the text before each dot of the key is a root it may start with.
		for (let dot = key.indexOf('.'); dot >= 0; dot = key.indexOf('.', dot + 1)) {
			if (locals.has(key.slice(0, dot))) {
				return true;
			}
		}
		return false;
	}

	// ---- linking ---------------------------------------------------------------------------------------------

	#resolveModule(fromUri: string, specifier: string): string | undefined {
		const base = specifierBase(fromUri, specifier);
		if (base === undefined) {
			return undefined;
		}
		this.#list();
		let namers = this.#namers.get(base);
		if (!namers) {
			namers = new Set();
			this.#namers.set(base, namers);
		}
		namers.add(fromUri);
		// Many files name the same module (`../utils`): each base is resolved once while the set of files stays.
		if (!this.#resolved.has(base)) {
			const stem = base.startsWith(aliasPrefix) ? this.#aliasedStem(base.slice(aliasPrefix.length)) : base;
			this.#resolved.set(base, stem === undefined ? undefined : declarationFirstCandidates(stem).find((candidate) => this.#entries.has(candidate)));
		}
		return this.#resolved.get(base);
	}

	/**
	 * The module a path alias names (`@/protocol/codes` → `…/src/protocol/codes`): the one stem of the workspace's files
	 * that ends with its tail. Without the project's configuration, a tail two modules end with names neither.
	 */
	#aliasedStem(tail: string): string | undefined {
		let found: string | undefined;
		for (const uri of this.#entries.keys()) {
			const stem = aliasStem(uri);
			if (stem !== undefined && stem.endsWith(`/${tail}`) && stem !== found) {
				if (found !== undefined) {
					return undefined;
				}
				found = stem;
			}
		}
		return found;
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
		const place = this.#importedPlace(uri, local, members);
		const declaration = place && this.#factsOf(place.uri)?.declarations.find((each) => each.key === place.local);
		return declaration && { ...declaration, uri: place!.uri };
	}

	/** The module and key `local` (an import of `uri`) with `members` read from it names (see `#importedDeclaration`). */
	#importedPlace(uri: string, local: string, members: readonly string[]): { readonly uri: string; readonly local: string } | undefined {
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
		return { uri: place.uri, local: rest.length === 1 ? `${place.local}.${rest[0]}` : place.local };
	}

	/** `const Receiver = require('./receiver')` of a module that ends `module.exports = Receiver`: that class. */
	#requiredClass(uri: string, local: string, members: readonly string[]): { readonly uri: string; readonly local: string } | undefined {
		const module = members.length === 0 ? this.#resolveLocal(uri, local, 0) : undefined;
		const whole = module && module.local === undefined ? this.#shapeOf(module.uri)?.exports.find((each) => each.name === '*') : undefined;
		const place = whole?.local !== undefined && whole.local !== 'exports' ? this.#resolveLocal(module!.uri, whole.local, 1) : undefined;
		return place?.local !== undefined ? { uri: place.uri, local: place.local } : undefined;
	}

	#importedSendParameter(uri: string, local: string, index: number): Confidence | undefined {
		const place = this.#resolveLocal(uri, local, 0);
		if (!place?.local || place.uri === uri) {
			return undefined;
		}
		const functionName = place.local;
		return this.#factsOf(place.uri)?.sendParameters.find((each) => each.local === functionName && each.index === index)?.confidence;
	}

	/** The evidence other modules give to the declarations of `uri`, by key: from the files that import it. */
	#usesOf(uri: string): Map<string, Evidence> | undefined {
		// Files changed on disk or closed in the editor since: read again, or new importers would be missed.
		for (const stale of [...this.#stale]) {
			this.#entry(stale);
		}
		const cached = this.#uses.get(uri);
		if (cached?.generation === this.#generation) {
			return cached.byKey;
		}
		const byKey = new Map<string, Evidence>();
		for (const importer of this.#importersReaching(uri)) {
			for (const { uri: declared, key, evidence } of this.#contributionsOf(importer)) {
				if (declared !== uri) {
					continue;
				}
				const previous = byKey.get(key);
				if (!previous || (previous.confidence === 'likely' && evidence.confidence === 'certain')) {
					byKey.set(key, evidence);
				}
			}
		}
		this.#uses.set(uri, { generation: this.#generation, byKey });
		return byKey;
	}

	/** What the uses of one file say of other modules' declarations (computed once per generation). */
	#contributionsOf(uri: string): readonly Contribution[] {
		const cached = this.#contributions.get(uri);
		if (cached?.generation === this.#generation) {
			return cached.items;
		}
		const items: Contribution[] = [];
		for (const use of this.#factsOf(uri)?.importUses ?? []) {
			if (use.asArgument) {
				// `isFatal(event.code)`: the parameter of the function another module declares.
				const place = this.#importedPlace(uri, use.local, use.members);
				if (place && place.uri !== uri && !place.local.includes('.')) {
					items.push({ uri: place.uri, key: argumentKey(place.local, use.asArgument.index), evidence: use.asArgument.evidence });
				}
				continue;
			}
			if (use.asListener) {
				// `receiver.on('conclude', receiverOnConclude)` on a `new Receiver(…)`: the class's emits in its own module.
				const place = this.#importedPlace(uri, use.local, use.members) ?? this.#requiredClass(uri, use.local, use.members);
				if (place && place.uri !== uri && !place.local.includes('.')) {
					items.push({ uri: place.uri, key: listenerKey(place.local, use.asListener.event, use.asListener.index), evidence: use.asListener.evidence });
				}
				continue;
			}
			const declaration = this.#importedDeclaration(uri, use.local, use.members);
			const evidence = declaration && (declaration.table ? use.asTable : declaration.isList ? use.asList : use.asValue);
			if (declaration && evidence && declaration.uri !== uri) {
				items.push({ uri: declaration.uri, key: declaration.key, evidence });
			} else if (!declaration && use.asTable) {
				// `code in CloseCode`, `CloseCode[code]` of an imported enum (no table): its module decides what the name is.
				// So does a CommonJS module for a member of its whole export (`exports.MESSAGES = { 4001: … }`).
				const place = this.#importedPlace(uri, use.local, use.members);
				if (place && place.uri !== uri && (!place.local.includes('.') || /^exports\.[^.]+$/.test(place.local))) {
					items.push({ uri: place.uri, key: place.local, evidence: use.asTable });
				}
			}
		}
		this.#contributions.set(uri, { generation: this.#generation, items });
		return items;
	}
}

/** The key a use gives to the parameter at `index` of a module's function `local` (never a declaration's key). */
function argumentKey(local: string, index: number): string {
	return `${local}(${index})`;
}

/** The key a listener of another module gives to what class `local` emits for `event` at `index` (never a declaration's key). */
function listenerKey(local: string, event: string, index: number): string {
	return `${local}#${JSON.stringify(event)}(${index})`;
}

function sameFacts(a: ModuleFacts | null, b: ModuleFacts | null): boolean {
	return a === b || (a !== null && b !== null && JSON.stringify(comparable(a)) === JSON.stringify(comparable(b)));
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
