/**
 * Checking one file: read, analyse, report. Runs in the worker threads and, for small trees, in the main thread.
 * This is the only CLI module that loads the analysis service (and with it TypeScript): main.ts requires it lazily,
 * so a run whose files are all analysed by workers or found in the cache never initialises the parser in the main
 * thread.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createLanguageService, mayMatterToIndex, type EnvironmentSetting, type Locale, type ModuleFacts, type SkipReason } from '../service';
import { describeError } from './files';
import { buildReport, type FileReport } from './report';
import { contentHash, decodeSource, readBytes, stampOf, type FileStamp } from './source';

/** The options that change a file's results (and so are part of the cache key). */
export interface CheckSettings {
	readonly locale: Locale;
	readonly environment: EnvironmentSetting;
}

/** What checking one file gave; plain data, so it crosses from a worker thread and into the cache file as it is. */
export type FileOutcome =
	| { readonly kind: 'unreadable'; readonly message: string }
	| {
		readonly kind: 'checked'; readonly report: FileReport; readonly skipped?: SkipReason; readonly hash?: string; readonly stamp?: FileStamp;
		/** What the file tells the other modules (when it was parsed): the input of the cross-module pass. */
		readonly facts?: ModuleFacts;
		/** Not parsed, and its text shows it cannot matter to the other modules: the cross-module pass skips it. */
		readonly unlinked?: true;
	};

/** A checker with its own language service; `hash` adds the content hash the cache needs. */
export function createChecker(settings: CheckSettings, hash: boolean): (path: string) => FileOutcome {
	const service = createLanguageService();
	return (path) => {
		let bytes: Buffer;
		let stamp: FileStamp | undefined;
		try {
			stamp = hash ? stampOf(path) : undefined;
			bytes = readBytes(path);
		} catch (error) {
			return { kind: 'unreadable', message: describeError(error) };
		}
		const text = decodeSource(bytes);
		const document = { uri: path, languageId: '', version: 1, getText: () => text };
		const analysis = service.analyse(document);
		const diagnostics = service.findProblems(document, settings);
		const report = buildReport(path, text, analysis.sites, diagnostics);
		// Keep memory flat on large trees: the report holds all we need.
		service.closeDocument(path);
		return {
			kind: 'checked', report,
			...(analysis.skipped ? { skipped: analysis.skipped } : {}),
			...(hash ? { hash: contentHash(bytes), stamp } : {}),
			...(analysis.facts ? { facts: analysis.facts } : !analysis.skipped && !mayMatterToIndex(text) ? { unlinked: true } : {}),
		};
	};
}

/**
 * The cross-module pass: with every file's facts from the first pass (worker threads or the cache), links the files
 * and checks again, in this thread, only those whose results depend on another module (a constant imported from
 * where it is declared, a declaration used as a close code elsewhere, a helper that closes). Returns their new
 * outcomes by position; the first results of all other files stand.
 */
export function checkAcrossModules(files: readonly string[], outcomes: readonly (FileOutcome | undefined)[], settings: CheckSettings):
	Map<number, FileOutcome> {
	const uris = files.map((path) => pathToFileURL(resolve(path)).href);
	const positions = new Map(uris.map((uri, position) => [uri, position]));
	const texts = new Map<string, string | undefined>();
	const read = (uri: string): string | undefined => {
		if (!texts.has(uri)) {
			let text: string | undefined;
			try {
				text = decodeSource(readBytes(files[positions.get(uri)!]));
			} catch {
				text = undefined; // reported as unreadable by the first pass
			}
			texts.set(uri, text);
		}
		return texts.get(uri);
	};
	const service = createLanguageService({
		workspace: {
			listFiles: () => uris,
			readFile: (uri) => (positions.has(uri) ? read(uri) : undefined),
			factsOf: (uri) => {
				const outcome = outcomes[positions.get(uri) ?? -1];
				return outcome?.kind !== 'checked' || outcome.skipped || outcome.unlinked ? null : outcome.facts;
			},
			staticFiles: true,
		},
	});
	for (const _ of service.indexWorkspace()) {
		// the whole set of files given, in this thread
	}
	const relinked = new Map<number, FileOutcome>();
	for (const uri of service.filesLinkedAcrossModules()) {
		const position = positions.get(uri)!;
		const text = read(uri);
		const first = outcomes[position];
		if (text === undefined || first?.kind !== 'checked') {
			continue;
		}
		const document = { uri, languageId: '', version: 1, getText: () => text };
		const analysis = service.analyse(document);
		relinked.set(position, { ...first, report: buildReport(files[position], text, analysis.sites, service.findProblems(document, settings)) });
		service.closeDocument(uri);
	}
	return relinked;
}
