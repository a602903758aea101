#!/usr/bin/env node
/**
 * `ws-close-codes check [paths or globs…] [--format text|json|sarif] [--locale en|ja] [--environment auto|browser|node]
 *   [--jobs N] [--cache] [--cache-location PATH] [--no-workspace]`
 *
 * The same analysis as the editor, for CI. Exit codes: 0 no error diagnostics, 1 error diagnostics found,
 * 2 usage error or an unreadable path (the readable files are still checked and reported).
 *
 * This script is also the worker threads' script. The analysis (TypeScript's parser included) is only required
 * where it runs, so the main thread of a run that uses workers or the cache never loads it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { isMainThread, workerData } from 'node:worker_threads';
import type { EnvironmentSetting, Locale } from '../service';
// Not from the service's index, which would load TypeScript: see above.
import { ruleDescriptions } from '../service/diagnostics';
import { defaultCacheLocation, ResultCache } from './cache';
import type { CheckSettings, FileOutcome } from './check';
import { expandArguments } from './files';
import { checkInWorkers, workerCount, workerRole, type WorkerData, type WorkerTask } from './pool';
import { createProgress } from './progress';
import { jsonWriter, sarifWriter, textWriter, type ReportWriter } from './report';

declare const WSCC_VERSION: string | undefined;
const version = typeof WSCC_VERSION === 'string' ? WSCC_VERSION : 'dev';

const usage = `Usage: ws-close-codes check [paths or globs...] [options]

Finds WebSocket close codes in JavaScript and TypeScript files and reports those that throw or break RFC 6455.
Directories are searched recursively (node_modules and .git are skipped) for .js .mjs .cjs .jsx .ts .mts .cts .tsx.

Options:
  --format text|json|sarif         output format (default: text)
  --locale en|ja                   language of messages (default: en)
  --environment auto|browser|node  close() rules to assume when a file does not tell (default: auto)
  --jobs N                         threads that analyse files (default: one per two cores)
  --cache                          reuse the results of files whose content did not change
  --cache-location PATH            the cache file (default: ${defaultCacheLocation}; implies --cache)
  --no-workspace                   check each file on its own (by default, close codes declared in one of the
                                   files given and used in another are followed across modules)
  -h, --help                       show this help
  -v, --version                    show the version

Exit status: 0 no errors, 1 errors found, 2 usage error or unreadable path.
`;

type Format = 'text' | 'json' | 'sarif';

interface Options extends CheckSettings {
	readonly paths: string[];
	readonly format: Format;
	readonly jobs: number;
	/** The cache file, when `--cache` is on. */
	readonly cache: string | undefined;
	/** Follow close codes across the modules given (off with `--no-workspace`). */
	readonly workspace: boolean;
}
class UsageError extends Error {}

function parseArguments(argv: readonly string[]): Options | 'help' | 'version' {
	const [command, ...rest] = argv;
	if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
		return 'help';
	}
	if (command === '-v' || command === '--version') {
		return 'version';
	}
	if (command !== 'check') {
		throw new UsageError(`unknown command '${command}' (expected 'check')`);
	}
	const paths: string[] = [];
	let format: Format = 'text';
	let locale: Locale = 'en';
	let environment: EnvironmentSetting = 'auto';
	let jobs = defaultJobs();
	let cache: string | undefined;
	let workspace = true;
	for (let index = 0; index < rest.length; index++) {
		const argument = rest[index];
		const [flag, inline] = argument.startsWith('--') && argument.includes('=') ? argument.split(/=(.*)/s) : [argument, undefined];
		const value = () => {
			const next = inline ?? rest[++index];
			if (next === undefined) {
				throw new UsageError(`${flag} needs a value`);
			}
			return next;
		};
		switch (flag) {
			case '--format': format = oneOf(flag, value(), ['text', 'json', 'sarif'] as const); break;
			case '--locale': locale = oneOf(flag, value(), ['en', 'ja'] as const); break;
			case '--environment': environment = oneOf(flag, value(), ['auto', 'browser', 'node'] as const); break;
			case '--jobs': jobs = positiveInteger(flag, value()); break;
			case '--cache': cache ??= defaultCacheLocation; break;
			case '--cache-location': cache = value(); break;
			case '--no-workspace': workspace = false; break;
			case '-h': case '--help': return 'help';
			case '-v': case '--version': return 'version';
			case '--': paths.push(...rest.slice(index + 1)); index = rest.length; break;
			default:
				if (argument.startsWith('-') && argument !== '-') {
					throw new UsageError(`unknown option '${argument}'`);
				}
				paths.push(argument);
		}
	}
	return { paths: paths.length > 0 ? paths : ['.'], format, locale, environment, jobs, cache, workspace };
}

/**
 * One analysing thread per two cores. A thread that parses keeps about one and a half cores busy (V8's garbage
 * collector and optimising compiler run beside it), so on two cores a second thread only slows both down: measured
 * on the large tree, 6.8 s with two threads against 5.7 s with one.
 */
function defaultJobs(): number {
	return Math.max(1, Math.floor(availableParallelism() / 2));
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
	if (!(allowed as readonly string[]).includes(value)) {
		throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got '${value}')`);
	}
	return value as T;
}

function positiveInteger(flag: string, value: string): number {
	if (!/^[1-9]\d{0,3}$/.test(value)) {
		throw new UsageError(`${flag} must be a whole number from 1 to 9999 (got '${value}')`);
	}
	return Number(value);
}

/** Skips are notes, not errors: the exit status stays what the checked files give. */
const skipNotes = { binary: 'binary file', tooLarge: 'file too large', tooComplex: 'nested too deeply to parse' } as const;

export interface CliIo {
	write(text: string): void;
	writeError(text: string): void;
	/** Progress is drawn only on a terminal. */
	readonly errorIsTTY: boolean;
}

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
	const { write, writeError } = io;
	let options;
	try {
		options = parseArguments(argv);
	} catch (error) {
		if (error instanceof UsageError) {
			writeError(`ws-close-codes: ${error.message}\n\n${usage}`);
			return 2;
		}
		throw error;
	}
	if (options === 'help') {
		write(usage);
		return 0;
	}
	if (options === 'version') {
		write(`${version}\n`);
		return 0;
	}

	const settings: CheckSettings = { locale: options.locale, environment: options.environment };
	const { files, problems } = expandArguments(options.paths);
	let unreadable = problems.length;
	for (const problem of problems) {
		writeError(`ws-close-codes: ${problem.argument}: ${problem.message}\n`);
	}
	const cache = options.cache === undefined ? undefined : ResultCache.open(options.cache, cacheKey(settings));
	const writer: ReportWriter = options.format === 'json' ? jsonWriter()
		: options.format === 'sarif' ? sarifWriter(version, ruleDescriptions)
		: textWriter();
	const progress = createProgress(files.length, io.errorIsTTY, writeError);
	let errors = false;

	// Outcomes arrive in any order (cache hits first, then whichever worker is done); they are printed in the
	// order of `files`, each as soon as all before it are in — or, when files are linked across modules, once the
	// cross-module pass has checked again the files that depend on others.
	const outcomes: (FileOutcome | undefined)[] = new Array(files.length);
	let printed = 0;
	const print = () => {
		let output = '';
		let notes = '';
		for (let current = outcomes[printed]; current !== undefined && printed < files.length; current = outcomes[++printed]) {
			outcomes[printed] = undefined; // printed: only the writer keeps what it needs
			if (current.kind === 'unreadable') {
				notes += `ws-close-codes: ${files[printed]}: ${current.message}\n`;
				unreadable++;
				continue;
			}
			if (current.skipped) {
				notes += `ws-close-codes: ${files[printed]}: skipped (${skipNotes[current.skipped]})\n`;
			}
			errors ||= current.report.diagnostics.some((diagnostic) => diagnostic.severity === 'error');
			output += writer.add(current.report);
		}
		if (notes || output) {
			progress.clear();
			if (notes) {
				writeError(notes);
			}
			if (output) {
				write(output);
			}
		}
	};
	const deliver = (position: number, outcome: FileOutcome) => {
		outcomes[position] = outcome;
		cache?.record(outcome); // the file's own results: the cross-module pass runs again every time
		progress.step();
		if (!options.workspace) {
			print();
		}
	};

	const tasks: WorkerTask[] = [];
	let fromCache = 0;
	files.forEach((path, position) => {
		const cached = cache?.lookup(path);
		if (cached) {
			fromCache++;
			deliver(position, cached);
		} else {
			tasks.push({ position, path });
		}
	});
	const workers = workerCount(tasks.length, options.jobs);
	if (process.env.WS_CLOSE_CODES_DEBUG) {
		writeError(`ws-close-codes: debug: ${files.length} files, ${fromCache} from the cache, ` +
			`${tasks.length} analysed, ${workers} worker threads\n`);
	}
	if (tasks.length === 0) {
		// Everything came from the cache: the parser is never loaded.
	} else if (workers === 0) {
		const { createChecker } = require('./check') as typeof import('./check');
		const check = createChecker(settings, cache !== undefined);
		for (const { position, path } of tasks) {
			deliver(position, check(path));
		}
	} else {
		await checkInWorkers(tasks, workers, __filename, { settings, hash: cache !== undefined }, deliver);
	}
	// Only a file that declares a number or a closing function for other modules can link them: without one, the
	// cross-module pass (which loads the parser in this thread) has nothing to do.
	const exportsCloseCodes = outcomes.some((outcome) => outcome?.kind === 'checked' &&
		((outcome.facts?.declarations.length ?? 0) > 0 || (outcome.facts?.sendParameters.length ?? 0) > 0));
	if (options.workspace && files.length > 1 && exportsCloseCodes) {
		// With --cache, the pass's results are reused while the set of files and their contents are the same.
		const set = cache && fileSetKey(files, outcomes);
		const reused = set === undefined ? undefined : cache!.linkedOutcomes(set);
		if (reused) {
			cache!.recordLinked(set!, reused); // kept for the next run
			files.forEach((path, position) => {
				const outcome = reused.get(resolve(path));
				if (outcome) {
					outcomes[position] = { ...outcome, report: { ...outcome.report, path } };
				}
			});
		} else {
			const { checkAcrossModules } = require('./check') as typeof import('./check');
			const relinked = checkAcrossModules(files, outcomes, settings);
			for (const [position, outcome] of relinked) {
				outcomes[position] = outcome;
			}
			if (set !== undefined) {
				cache!.recordLinked(set, new Map([...relinked].map(([position, outcome]) => [resolve(files[position]), outcome])));
			}
		}
	}
	print();

	progress.clear();
	write(writer.end());
	const failure = cache?.save();
	if (failure !== undefined) {
		writeError(`ws-close-codes: the cache was not written: ${failure}\n`);
	}
	return unreadable > 0 ? 2 : errors ? 1 : 0;
}

/** The set of files of this run and their contents, as one key; `undefined` when a file has no content hash. */
function fileSetKey(files: readonly string[], outcomes: readonly (FileOutcome | undefined)[]): string | undefined {
	const pairs: string[] = [];
	for (const [position, path] of files.entries()) {
		const outcome = outcomes[position];
		if (outcome?.kind !== 'checked' || outcome.hash === undefined) {
			return undefined;
		}
		pairs.push(`${resolve(path)}\0${outcome.hash}`);
	}
	return createHash('sha1').update(pairs.sort().join('\n')).digest('base64');
}

/**
 * What a cached result depends on besides the file: this build (its version and the bytes of this script, so a
 * rebuilt checker never reuses an older one's results) and the options that change the results.
 */
function cacheKey(settings: CheckSettings): string {
	const build = createHash('sha1').update(readFileSync(__filename)).digest('base64');
	return JSON.stringify([version, build, settings.locale, settings.environment]);
}

if (!isMainThread && (workerData as WorkerData | undefined)?.role === workerRole) {
	(require('./worker') as typeof import('./worker')).serveChecks(workerData as WorkerData);
} else if (require.main === module) {
	// `ws-close-codes check . | head`: the reader went away. The rest of the report has nobody to read it, but the run
	// still ends with its exit status (1 when errors were found), as with `set -o pipefail` a script expects.
	let readerGone = false;
	process.stdout.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') {
			throw error;
		}
		readerGone = true;
	});
	run(process.argv.slice(2), {
		write: (text) => void (readerGone || process.stdout.write(text)),
		writeError: (text) => process.stderr.write(text),
		errorIsTTY: process.stderr.isTTY === true,
	}).then((code) => {
		process.exitCode = code;
	}, (error: unknown) => {
		process.stderr.write(`ws-close-codes: ${error instanceof Error ? error.stack : String(error)}\n`);
		process.exitCode = 2;
	});
}
