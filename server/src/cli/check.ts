/**
 * Checking one file: read, analyse, report. Runs in the worker threads and, for small trees, in the main thread.
 * This is the only CLI module that loads the analysis service (and with it TypeScript): main.ts requires it lazily,
 * so a run whose files are all analysed by workers or found in the cache never initialises the parser in the main
 * thread.
 */
import { createLanguageService, type EnvironmentSetting, type Locale, type SkipReason } from '../service';
import { describeError } from './files';
import { buildReport, type FileReport } from './report';
import { contentHash, decodeSource, readBytes } from './source';

/** The options that change a file's results (and so are part of the cache key). */
export interface CheckSettings {
	readonly locale: Locale;
	readonly environment: EnvironmentSetting;
}

/** What checking one file gave; plain data, so it crosses from a worker thread and into the cache file as it is. */
export type FileOutcome =
	| { readonly kind: 'unreadable'; readonly message: string }
	| { readonly kind: 'checked'; readonly report: FileReport; readonly skipped?: SkipReason; readonly hash?: string };

/** A checker with its own language service; `hash` adds the content hash the cache needs. */
export function createChecker(settings: CheckSettings, hash: boolean): (path: string) => FileOutcome {
	const service = createLanguageService();
	return (path) => {
		let bytes: Buffer;
		try {
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
			...(hash ? { hash: contentHash(bytes) } : {}),
		};
	};
}
