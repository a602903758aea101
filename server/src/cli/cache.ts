import { existsSync, renameSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FileOutcome } from './check';
import type { FileReport } from './report';
import { contentHash, readBytes, stampOf, type FileStamp } from './source';

/** `--cache` without `--cache-location`: in the current folder, like ESLint's `.eslintcache`. */
export const defaultCacheLocation = '.ws-close-codes-cache';

type Checked = Extract<FileOutcome, { kind: 'checked' }>;
/** A file's cached results: its path is not stored, because the same file may be named differently next time. */
type Entry = {
	readonly hash: string; readonly stamp?: FileStamp; readonly skipped?: Checked['skipped']; readonly facts?: Checked['facts']; readonly unlinked?: true;
} & Omit<FileReport, 'path'>;

const skipReasons: readonly (string | undefined)[] = [undefined, 'binary', 'tooLarge', 'tooComplex'];

/**
 * `--cache`: each file's results keyed by its absolute path and content hash, in one JSON file whose `key` holds
 * the tool's build and the options that change results. A file that is not ours, is corrupt, or was written by
 * another build or with other options is ignored and rewritten: the cache can only save work, never change output.
 */
export class ResultCache {
	readonly #location: string;
	readonly #key: string;
	readonly #old: Record<string, unknown>;
	readonly #entries = new Map<string, Entry>();
	/**
	 * The cross-module pass's results for one set of files (their absolute paths and content hashes, as one key):
	 * reused as long as none of the files changed, none was added and none removed.
	 */
	readonly #oldLinked: { readonly set: string; readonly files: Record<string, unknown> } | undefined;
	#linked: { readonly set: string; readonly files: Map<string, Entry> } | undefined;

	private constructor(location: string, key: string, old: Record<string, unknown>, oldLinked?: { set: string; files: Record<string, unknown> }) {
		this.#location = location;
		this.#key = key;
		this.#old = old;
		this.#oldLinked = oldLinked;
	}

	static open(location: string, key: string): ResultCache {
		const file = isDirectory(location) ? join(location, defaultCacheLocation) : location;
		let old: Record<string, unknown> = {};
		let oldLinked: { set: string; files: Record<string, unknown> } | undefined;
		try {
			const stored = JSON.parse(readFileSync(file, 'utf8'));
			if (stored?.tool === 'ws-close-codes' && stored.key === key && isRecord(stored.files)) {
				old = stored.files;
				if (isRecord(stored.linked) && typeof stored.linked.set === 'string' && isRecord(stored.linked.files)) {
					oldLinked = { set: stored.linked.set, files: stored.linked.files };
				}
			}
		} catch {
			// Missing or unreadable: start empty.
		}
		return new ResultCache(file, key, old, oldLinked);
	}

	/**
	 * The cached outcome of `path` when its content is unchanged: the same modification time and size as stored, or
	 * else (a checkout, a `touch`) the same content hash, which reads the file.
	 */
	lookup(path: string): Checked | undefined {
		const entry = this.#old[resolve(path)];
		if (!isEntry(entry)) {
			return undefined;
		}
		let stamp: FileStamp;
		try {
			stamp = stampOf(path);
			if (entry.stamp?.mtime !== stamp.mtime || entry.stamp.size !== stamp.size) {
				if (contentHash(readBytes(path)) !== entry.hash) {
					return undefined;
				}
			}
		} catch {
			return undefined; // the checker reports it as unreadable
		}
		const { hash, sites, diagnostics, skipped, facts, unlinked } = entry;
		return {
			kind: 'checked', report: { path, sites, diagnostics }, hash, stamp, ...(skipped ? { skipped } : {}), ...(facts ? { facts } : {}),
			...(unlinked ? { unlinked } : {}),
		};
	}

	/** Records a checked file's outcome (an unreadable file is left out, so it is read again next time). */
	record(outcome: FileOutcome): void {
		if (outcome.kind === 'checked' && outcome.hash !== undefined) {
			const { report: { sites, diagnostics }, hash, stamp, skipped, facts, unlinked } = outcome;
			this.#entries.set(resolve(outcome.report.path), {
				hash, ...(stamp ? { stamp } : {}), ...(skipped ? { skipped } : {}), ...(facts ? { facts } : {}), ...(unlinked ? { unlinked } : {}), sites, diagnostics,
			});
		}
	}

	/** The cross-module results of the last run over exactly this set of files, by absolute path (see `#oldLinked`). */
	linkedOutcomes(set: string): Map<string, Checked> | undefined {
		if (this.#oldLinked?.set !== set || !Object.values(this.#oldLinked.files).every(isEntry)) {
			return undefined;
		}
		const outcomes = new Map<string, Checked>();
		for (const [path, entry] of Object.entries(this.#oldLinked.files) as [string, Entry][]) {
			const { sites, diagnostics, skipped, hash } = entry;
			outcomes.set(path, { kind: 'checked', report: { path, sites, diagnostics }, hash, ...(skipped ? { skipped } : {}) });
		}
		return outcomes;
	}

	/** Records the cross-module pass's results for this set of files, by absolute path. */
	recordLinked(set: string, outcomes: ReadonlyMap<string, FileOutcome>): void {
		const files = new Map<string, Entry>();
		for (const [path, outcome] of outcomes) {
			if (outcome.kind === 'checked' && outcome.hash !== undefined) {
				const { report: { sites, diagnostics }, hash, skipped } = outcome;
				files.set(path, { hash, ...(skipped ? { skipped } : {}), sites, diagnostics });
			}
		}
		this.#linked = { set, files };
	}

	/**
	 * Writes this run's entries and keeps those of files this run did not check (another folder, another glob) while
	 * they exist. Written to a temporary file first, so a concurrent run never reads half a cache.
	 * @returns why the cache could not be written, or undefined.
	 */
	save(): string | undefined {
		const files: Record<string, unknown> = {};
		for (const [path, entry] of Object.entries(this.#old)) {
			if (!this.#entries.has(path) && isEntry(entry) && existsSync(path)) {
				files[path] = entry;
			}
		}
		for (const [path, entry] of this.#entries) {
			files[path] = entry;
		}
		const temporary = `${this.#location}.${process.pid}.tmp`;
		try {
			const linked = this.#linked && { set: this.#linked.set, files: Object.fromEntries(this.#linked.files) };
			writeFileSync(temporary, JSON.stringify({ tool: 'ws-close-codes', key: this.#key, files, ...(linked ? { linked } : {}) }));
			renameSync(temporary, this.#location);
			return undefined;
		} catch (error) {
			rmSync(temporary, { force: true });
			return error instanceof Error ? error.message : String(error);
		}
	}
}

function isDirectory(path: string): boolean {
	try {
		return statSync(path).isDirectory();
	} catch {
		return false;
	}
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEntry(value: unknown): value is Entry {
	return isRecord(value) && typeof value.hash === 'string' && (value.stamp === undefined || isStamp(value.stamp)) && skipReasons.includes(value.skipped as string | undefined)
		&& Array.isArray(value.sites) && value.sites.every(isRecord) && Array.isArray(value.diagnostics) && value.diagnostics.every(isRecord)
		&& (value.facts === undefined || isFacts(value.facts)) && (value.unlinked === undefined || value.unlinked === true);
}

function isStamp(value: unknown): boolean {
	return isRecord(value) && typeof value.mtime === 'number' && typeof value.size === 'number';
}

/** Facts as the first pass wrote them (a cache file edited by hand is ignored, not trusted). */
function isFacts(value: unknown): boolean {
	return isRecord(value) && isRecord(value.shape) && ['imports', 'exports', 'starExports'].every((key) => Array.isArray((value.shape as Record<string, unknown>)[key]))
		&& ['declarations', 'importUses', 'sendParameters'].every((key) => Array.isArray(value[key]));
}
