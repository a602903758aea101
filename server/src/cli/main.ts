#!/usr/bin/env node
/**
 * `ws-close-codes check [paths or globs…] [--format text|json|sarif] [--locale en|ja] [--environment auto|browser|node]`
 *
 * The same analysis as the editor, for CI. Exit codes: 0 no error diagnostics, 1 error diagnostics found,
 * 2 usage error or an unreadable path (the readable files are still checked and reported).
 */
import { readFileSync } from 'node:fs';
import { createLanguageService, ruleDescriptions, type EnvironmentSetting, type Locale } from '../service';
import { describeError, expandArguments } from './files';
import { buildReport, formatJson, formatSarif, formatText, type FileReport } from './report';

declare const WSCC_VERSION: string | undefined;
const version = typeof WSCC_VERSION === 'string' ? WSCC_VERSION : 'dev';

const usage = `Usage: ws-close-codes check [paths or globs...] [options]

Finds WebSocket close codes in JavaScript and TypeScript files and reports those that throw or break RFC 6455.
Directories are searched recursively (node_modules and .git are skipped) for .js .mjs .cjs .jsx .ts .mts .cts .tsx.

Options:
  --format text|json|sarif         output format (default: text)
  --locale en|ja                   language of messages (default: en)
  --environment auto|browser|node  close() rules to assume when a file does not tell (default: auto)
  -h, --help                       show this help
  -v, --version                    show the version

Exit status: 0 no errors, 1 errors found, 2 usage error or unreadable path.
`;

type Format = 'text' | 'json' | 'sarif';

interface Options {
	readonly paths: string[];
	readonly format: Format;
	readonly locale: Locale;
	readonly environment: EnvironmentSetting;
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
	return { paths: paths.length > 0 ? paths : ['.'], format, locale, environment };
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
	if (!(allowed as readonly string[]).includes(value)) {
		throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got '${value}')`);
	}
	return value as T;
}

/** Reads a source file: UTF-8 by default, UTF-16 when it starts with a byte-order mark. */
function readSource(path: string): string {
	const bytes = readFileSync(path);
	if (bytes[0] === 0xff && bytes[1] === 0xfe) {
		return bytes.subarray(2).toString('utf16le');
	}
	if (bytes[0] === 0xfe && bytes[1] === 0xff) {
		const swapped = Buffer.from(bytes.subarray(2));
		swapped.swap16();
		return swapped.toString('utf16le');
	}
	const text = bytes.toString('utf8');
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Skips are notes, not errors: the exit status stays what the checked files give. */
const skipNotes = { binary: 'binary file', tooLarge: 'file too large', tooComplex: 'nested too deeply to parse' } as const;

export function run(argv: readonly string[], write: (text: string) => void, writeError: (text: string) => void): number {
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

	const service = createLanguageService();
	const { files, problems } = expandArguments(options.paths);
	let unreadable = problems.length;
	for (const problem of problems) {
		writeError(`ws-close-codes: ${problem.argument}: ${problem.message}\n`);
	}
	const reports: FileReport[] = [];
	for (const path of files) {
		let text: string;
		try {
			text = readSource(path);
		} catch (error) {
			writeError(`ws-close-codes: ${path}: ${describeError(error)}\n`);
			unreadable++;
			continue;
		}
		const document = { uri: path, languageId: '', version: 1, getText: () => text };
		const analysis = service.analyse(document);
		if (analysis.skipped) {
			writeError(`ws-close-codes: ${path}: skipped (${skipNotes[analysis.skipped]})\n`);
		}
		const diagnostics = service.findProblems(document, { locale: options.locale, environment: options.environment });
		reports.push(buildReport(path, text, analysis.sites, diagnostics));
		// Keep memory flat on large trees: the report holds all we need.
		service.closeDocument(path);
	}

	write(options.format === 'json' ? formatJson(reports)
		: options.format === 'sarif' ? formatSarif(reports, version, ruleDescriptions)
		: formatText(reports));
	if (unreadable > 0) {
		return 2;
	}
	return reports.some((report) => report.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) ? 1 : 0;
}

if (require.main === module) {
	process.exitCode = run(process.argv.slice(2), (text) => process.stdout.write(text), (text) => process.stderr.write(text));
}
