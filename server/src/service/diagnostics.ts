import { checkedBy, checkingApi, isSendableByWhatwg, isSendableOnWire, lookupRegistered, rangeOf } from './closeCodes';
import type { Analysis } from './documentCache';
import { t, type Locale, type MessageKey } from './l10n';
import type { CloseApi, CloseCall, CloseCodeSite } from './recognition/findCloseCodeSites';

/**
 * Diagnostics: close codes that throw or break RFC 6455 before they ship. Only `certain` sites in `close()` calls
 * are checked — a false error in correct code costs more trust than a missed one.
 *
 * Every diagnostic has a stable rule id and carries its fixes (text edits) so that code actions need no second
 * analysis and no server round trip.
 */

export type DiagnosticRule =
	| 'reserved-close-code' | 'invalid-close-code' | 'unassigned-close-code' | 'browser-close-code' | 'reason-too-long'
	| 'forwarded-close-code' | 'unbounded-close-reason';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** One line per rule, in English, for tools that list rules (SARIF, docs). */
export const ruleDescriptions: Record<DiagnosticRule, string> = {
	'reserved-close-code': 'A reserved close code (1004, 1005, 1006, 1015) is sent; it must never appear in a Close frame.',
	'invalid-close-code': 'A close code below 1000 or from 5000 up is sent.',
	'unassigned-close-code': 'A close code in the unassigned range 1016-2999 is sent.',
	'browser-close-code': 'The WHATWG WebSocket#close() is called with a code other than 1000 or 3000-4999 (throws InvalidAccessError).',
	'reason-too-long': 'The close reason is longer than 123 UTF-8 bytes.',
	'forwarded-close-code': 'A received close code is forwarded into close() without mapping 1005/1006/1015.',
	'unbounded-close-reason': 'The close reason is built from text of unbounded length (an error message or stack): past 123 UTF-8 bytes close() throws.',
};

/** `auto`: decide from the file; `browser`/`node`: what to assume when the file does not tell. */
export type EnvironmentSetting = 'auto' | 'browser' | 'node';

export interface Fix {
	readonly title: string;
	/** Offsets of the text to replace, and its replacement. */
	readonly start: number;
	readonly end: number;
	readonly newText: string;
	readonly isPreferred?: boolean;
}

export interface CloseCodeDiagnostic {
	readonly start: number;
	readonly end: number;
	readonly severity: Severity;
	readonly rule: DiagnosticRule;
	readonly message: string;
	readonly fixes: readonly Fix[];
}

export interface DiagnosticSettings {
	readonly locale: Locale;
	readonly environment: EnvironmentSetting;
}

/** A Close frame holds at most 125 bytes: 2 for the code, 123 for the reason (RFC 6455 §5.5). */
export const maxReasonBytes = 123;

export function computeDiagnostics(analysis: Analysis, settings: DiagnosticSettings): CloseCodeDiagnostic[] {
	const diagnostics: CloseCodeDiagnostic[] = [];
	for (const call of analysis.closeCalls) {
		if (call.expectsThrow) {
			continue;
		}
		const api = effectiveApi(call.api, settings.environment);
		const code = call.code;
		if (code) {
			for (const site of sitesWithin(analysis.sites, code.start, code.end)) {
				if (site.rule !== 'closeArgument' || site.confidence !== 'certain') {
					continue;
				}
				const diagnostic = checkSentCode(site, api, settings.locale);
				if (diagnostic) {
					diagnostics.push(diagnostic);
				}
			}
			if (code.received) {
				diagnostics.push(forwardedCode(code, api, settings.locale));
			}
		}
		if (call.reason) {
			const diagnostic = checkReason(call.reason, api, settings.locale);
			if (diagnostic) {
				diagnostics.push(diagnostic);
			}
		}
		if (call.unboundedReason) {
			// The fix writes a helper into the file, so it is a code action of its own (quickFixes/closeReason.ts).
			diagnostics.push({
				start: call.unboundedReason.start, end: call.unboundedReason.end, severity: 'warning', rule: 'unbounded-close-reason',
				message: t(settings.locale, 'diag.unboundedReason') + throwsReasonNote(api, settings.locale), fixes: [],
			});
		}
	}
	return diagnostics;
}

/** The sites (sorted by start) between two offsets: a binary search, as a file may have thousands of both. */
function* sitesWithin(sites: readonly CloseCodeSite[], start: number, end: number): Generator<CloseCodeSite> {
	let low = 0;
	let high = sites.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (sites[middle].start < start) {
			low = middle + 1;
		} else {
			high = middle;
		}
	}
	for (let index = low; index < sites.length && sites[index].start < end; index++) {
		if (sites[index].end <= end) {
			yield sites[index];
		}
	}
}

function effectiveApi(api: CloseApi, environment: EnvironmentSetting): CloseApi {
	if (api !== 'unknown') {
		return api;
	}
	return environment === 'browser' ? 'whatwg' : environment === 'node' ? 'ws' : 'unknown';
}

/** What the runtime does with `code`, when it is known to throw on it (workerd, unlike ws, sends 1016–2999). */
function throwsNote(api: CloseApi, code: number, locale: Locale): string {
	const checking = checkingApi(api);
	return checking && !checkedBy[checking].accepts(code) ? ` ${t(locale, `diag.throws.${checking}`)}` : '';
}

function nameOf(code: number, locale: Locale): string {
	return lookupRegistered(code) ? t(locale, `label.${code}` as MessageKey) : String(code);
}

/** Which rule a code sent through `api` breaks, if any. One diagnostic per site: the most specific rule wins. */
function checkSentCode(site: CloseCodeSite, api: CloseApi, locale: Locale): CloseCodeDiagnostic | undefined {
	const value = site.value;
	const range = rangeOf(value);
	const base = { start: site.start, end: site.end };
	// Fixes replace a literal; a name that refers to a constant is reported but left for the author to change.
	const fixable = site.via === undefined;
	const fixes = (candidates: readonly Candidate[]) => fixable ? toFixes(candidates, site, api, locale) : [];

	if (range === 'invalidLow' || range === 'invalidHigh') {
		return {
			...base, severity: 'error', rule: 'invalid-close-code', message: t(locale, 'diag.invalidCode', value) + throwsNote(api, value, locale),
			fixes: fixes([{ code: 1000, preferred: true }, { code: 4000 }]),
		};
	}
	if (!isSendableOnWire(value) && range === 'protocol') {
		const candidates: Candidate[] = value === 1004 ? [{ code: 1009 }, { code: 1000 }]
			: value === 1005 ? [{ code: 1000, preferred: true }]
			: [{ code: 1011, preferred: api !== 'whatwg' }, { code: 1000, preferred: api === 'whatwg' }];
		return {
			...base, severity: 'error', rule: 'reserved-close-code',
			message: t(locale, 'diag.reservedCode', value, nameOf(value, locale)) + throwsNote(api, value, locale), fixes: fixes(candidates),
		};
	}
	if (api === 'whatwg' && !isSendableByWhatwg(value)) {
		const mirrored = value >= 1001 && value <= 1014 ? [{ code: 4000 + (value - 1000), mirrors: value }] : [];
		return {
			...base, severity: 'error', rule: 'browser-close-code', message: t(locale, 'diag.browserCode', value),
			fixes: fixes([{ code: 1000 }, ...mirrored]),
		};
	}
	if (range === 'unassigned') {
		return {
			...base, severity: api === 'ws' || api === 'whatwg' ? 'error' : 'warning', rule: 'unassigned-close-code',
			message: t(locale, 'diag.unassignedCode', value) + throwsNote(api, value, locale),
			fixes: fixes([{ code: 4000 + (value % 1000), preferred: true }, { code: 1000 }]),
		};
	}
	return undefined;
}

interface Candidate {
	readonly code: number;
	readonly preferred?: boolean;
	/** For a private-use code chosen to keep a registered code's meaning (4001 for 1001). */
	readonly mirrors?: number;
}

/** Turns replacement codes into fixes, dropping any the API would reject too. */
function toFixes(candidates: readonly Candidate[], site: CloseCodeSite, api: CloseApi, locale: Locale): Fix[] {
	return candidates
		.filter((candidate) => api !== 'whatwg' || isSendableByWhatwg(candidate.code))
		.map((candidate) => ({
			title: candidate.mirrors !== undefined
				? t(locale, 'fix.usePrivateCode', candidate.code, `${candidate.mirrors} ${nameOf(candidate.mirrors, locale)}`)
				: t(locale, 'fix.useCode', candidate.code, nameOf(candidate.code, locale)),
			start: site.start,
			end: site.end,
			newText: String(candidate.code),
			...(candidate.preferred ? { isPreferred: true } : {}),
		}));
}

function throwsReasonNote(api: CloseApi, locale: Locale): string {
	const checking = checkingApi(api);
	return checking ? ` ${t(locale, `diag.throws.reason.${checking}`)}` : '';
}

function checkReason(reason: NonNullable<CloseCall['reason']>, api: CloseApi, locale: Locale): CloseCodeDiagnostic | undefined {
	const bytes = utf8Length(reason.value);
	if (bytes <= maxReasonBytes) {
		return undefined;
	}
	const note = throwsReasonNote(api, locale);
	const shortened = shortenReason(reason.value, maxReasonBytes);
	const closing = reason.quote === '`' ? '`' : reason.quote;
	return {
		start: reason.start, end: reason.end, severity: 'error', rule: 'reason-too-long',
		message: t(locale, 'diag.reasonTooLong', bytes) + note,
		fixes: [{
			title: t(locale, 'fix.shortenReason'), start: reason.start, end: reason.end, isPreferred: true,
			newText: `${reason.quote}${escapeForQuote(shortened, reason.quote)}${closing}`,
		}],
	};
}

function forwardedCode(code: NonNullable<CloseCall['code']>, api: CloseApi, locale: Locale): CloseCodeDiagnostic {
	const value = code.text;
	const simple = /^[\w$.]+$/.test(value);
	// Repeating the expression is only safe when it is a plain name or property chain (no calls, no side effects).
	const operand = simple ? value : `(${value})`;
	const newText = api === 'whatwg'
		? `${operand} === 1000 || (${operand} >= 3000 && ${operand} <= 4999) ? ${operand} : 1000`
		: `${operand} === 1005 ? 1000 : ${operand} === 1006 || ${operand} === 1015 ? 1011 : ${operand}`;
	return {
		start: code.start, end: code.end, severity: 'warning', rule: 'forwarded-close-code',
		message: t(locale, api === 'whatwg' ? 'diag.forwardedWhatwg' : 'diag.forwarded'),
		fixes: simple ? [{
			title: t(locale, api === 'whatwg' ? 'fix.mapForwardedWhatwg' : 'fix.mapForwarded'), start: code.start, end: code.end,
			newText, isPreferred: true,
		}] : [],
	};
}

/** UTF-8 byte length without TextEncoder (the service has no DOM or Node globals). */
export function utf8Length(text: string): number {
	let bytes = 0;
	for (const character of text) {
		const point = character.codePointAt(0) ?? 0;
		bytes += point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4;
	}
	return bytes;
}

/** The longest prefix of `text` that fits in `maxBytes` of UTF-8, cut between code points (never inside one). */
export function truncateUtf8(text: string, maxBytes: number): string {
	let bytes = 0;
	let result = '';
	for (const character of text) {
		const size = utf8Length(character);
		if (bytes + size > maxBytes) {
			break;
		}
		bytes += size;
		result += character;
	}
	return result;
}

/**
 * A reason cut to fit `maxBytes` that still reads as text: at the last word boundary (a space) that fits, or between
 * code points when the fitting part has no space (Japanese, one long token), without the whitespace or punctuation a
 * cut leaves dangling (`"Restarting for maintenance,"`, a trailing `、` or `(`, the zero-width joiner of a cut emoji).
 */
export function shortenReason(text: string, maxBytes: number): string {
	const cut = truncateUtf8(text, maxBytes);
	if (cut.length === text.length) {
		return text;
	}
	// The cut already ends a word when the text goes on with a space.
	const endsWord = /^\s/.test(text.slice(cut.length));
	const lastSpace = cut.search(/\s\S*$/);
	const words = endsWord || lastSpace <= 0 ? cut : cut.slice(0, lastSpace);
	// Only what leads on to the cut-off part: separators, dashes, opening brackets and quotes. A closing quote or a
	// full stop completes the text before it and stays (trimming `"quoted"` to `"quoted` would unbalance it).
	const dangling = /[\s\p{Pd}\p{Ps}\p{Pi}\p{Pc},;:、，；：・\u200D]+$/u;
	// A reason that is all punctuation is still better cut than emptied.
	return words.replace(dangling, '') || cut.trimEnd();
}

function escapeForQuote(text: string, quote: string): string {
	const escaped = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
	return quote === '`' ? escaped.replace(/`/g, '\\`').replace(/\$\{/g, '\\${') : escaped.split(quote).join(`\\${quote}`);
}
