import type { CloseCodeDiagnostic, CloseCodeSite, Severity } from '../service';
// Not from the service's index: that would load TypeScript in the main thread, which only reports.
import { lookupRegistered } from '../service/closeCodes';
import { lineStarts, positionAt } from '../service/lines';

/**
 * What the checker found in one file, with positions already converted to 1-based lines and columns
 * (columns in UTF-16 code units, i.e. LSP `character` + 1), and the three output formats.
 */

export interface Span {
	readonly line: number;
	readonly column: number;
	readonly endLine: number;
	readonly endColumn: number;
}

export interface FileReport {
	readonly path: string;
	readonly sites: readonly (Span & { readonly code: number; readonly name: string | null; readonly confidence: CloseCodeSite['confidence'] })[];
	readonly diagnostics: readonly (Span & { readonly severity: Severity; readonly rule: string; readonly message: string })[];
}

/** Converts offsets to 1-based positions for one file's text. */
export function spanMaker(text: string): (start: number, end: number) => Span {
	const starts = lineStarts(text);
	return (start, end) => {
		const from = positionAt(starts, start);
		const to = positionAt(starts, end);
		return { line: from.line + 1, column: from.character + 1, endLine: to.line + 1, endColumn: to.character + 1 };
	};
}

export function buildReport(path: string, text: string, sites: readonly CloseCodeSite[], diagnostics: readonly CloseCodeDiagnostic[]): FileReport {
	if (sites.length === 0 && diagnostics.length === 0) {
		return { path, sites: [], diagnostics: [] }; // most files of a large tree: no line table to build
	}
	const span = spanMaker(text);
	return {
		path,
		sites: sites.map((site) => ({
			...span(site.start, site.end), code: site.value, name: lookupRegistered(site.value)?.name ?? null, confidence: site.confidence,
		})),
		diagnostics: diagnostics.map((problem) => ({
			...span(problem.start, problem.end), severity: problem.severity, rule: problem.rule, message: problem.message,
		})),
	};
}

/**
 * Writes the reports of one run as they come (in the final order), so a large run streams its results; `add`
 * returns what to print for a file, `end` the rest. The concatenation is the same as formatting all at once.
 */
export interface ReportWriter {
	add(report: FileReport): string;
	end(): string;
}

/** Compiler-style lines: `file:line:col  severity  message  [rule]`, then a summary. */
export function textWriter(): ReportWriter {
	let files = 0;
	let errors = 0;
	let warnings = 0;
	let sites = 0;
	return {
		add(report) {
			files++;
			sites += report.sites.length;
			let lines = '';
			for (const diagnostic of report.diagnostics) {
				errors += diagnostic.severity === 'error' ? 1 : 0;
				warnings += diagnostic.severity === 'warning' ? 1 : 0;
				lines += `${report.path}:${diagnostic.line}:${diagnostic.column}  ${diagnostic.severity}  ${plain(diagnostic.message)}  [${diagnostic.rule}]\n`;
			}
			return lines;
		},
		end: () => `${files} file${files === 1 ? '' : 's'} checked, ${sites} close code${sites === 1 ? '' : 's'} found, ` +
			`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`,
	};
}

/** The documented JSON shape: `{"version":1,"files":[{"path","sites":[…],"diagnostics":[…]}]}`, one file at a time. */
export function jsonWriter(): ReportWriter {
	const head = '{"version":1,"files":[';
	let started = false;
	return {
		add(report) {
			const item = JSON.stringify(report);
			const text = started ? `,${item}` : `${head}${item}`;
			started = true;
			return text;
		},
		end: () => `${started ? '' : head}]}\n`,
	};
}

/** SARIF's rule list comes before the results, so it is written at the end. */
export function sarifWriter(toolVersion: string, ruleDescriptions: Record<string, string>): ReportWriter {
	const reports: FileReport[] = [];
	return {
		add(report) {
			reports.push(report);
			return '';
		},
		end: () => formatSarif(reports, toolVersion, ruleDescriptions),
	};
}

const sarifLevels: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** SARIF 2.1.0 for code-scanning upload. Paths are relative URIs; columns count UTF-16 code units. */
function formatSarif(reports: readonly FileReport[], toolVersion: string, ruleDescriptions: Record<string, string>): string {
	const ruleIds = [...new Set(reports.flatMap((report) => report.diagnostics.map((diagnostic) => diagnostic.rule)))].sort();
	const sarif = {
		$schema: 'https://json.schemastore.org/sarif-2.1.0.json',
		version: '2.1.0',
		runs: [{
			tool: {
				driver: {
					name: 'ws-close-codes',
					version: toolVersion,
					informationUri: 'https://www.rfc-editor.org/rfc/rfc6455#section-7.4',
					rules: ruleIds.map((id) => ({ id, shortDescription: { text: ruleDescriptions[id] ?? id } })),
				},
			},
			columnKind: 'utf16CodeUnits',
			results: reports.flatMap((report) => report.diagnostics.map((diagnostic) => ({
				ruleId: diagnostic.rule,
				ruleIndex: ruleIds.indexOf(diagnostic.rule),
				level: sarifLevels[diagnostic.severity],
				message: { text: plain(diagnostic.message) },
				locations: [{
					physicalLocation: {
						artifactLocation: { uri: report.path.split('\\').join('/') },
						region: { startLine: diagnostic.line, startColumn: diagnostic.column, endLine: diagnostic.endLine, endColumn: diagnostic.endColumn },
					},
				}],
			}))),
		}],
	};
	return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** Messages are Markdown-ish for editors; terminals and SARIF viewers read them better without backticks. */
function plain(message: string): string {
	return message.replace(/`/g, '');
}
