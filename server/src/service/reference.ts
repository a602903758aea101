import {
	checkedBy, checkingApi, confusionKey, isSendableByWhatwg, isSendableByWs, isSendableOnWire, lookupRegistered, rangeOf, rangeSpecLink, registeredCodes,
	specLinks, type CodeRange,
} from './closeCodes';
import { t, type Locale, type MessageKey } from './l10n';
import { protocolPacks, protocolMeaning, type ProtocolMeaning } from './protocols';
import type { CloseApi } from './recognition/fileContext';
import { reconnectAdvice } from './reconnectPolicy';

/**
 * The full reference page of a close code ("More…" in every hover, and the "Show Reference" command): every text
 * the catalogs hold for it, as Markdown. Pure, like the rest of the service, so the client can show it wherever
 * there is no file system (it opens the text as a virtual document with the Markdown preview).
 */

export type TextField = 'meaning' | 'when' | 'fix' | 'send' | 'brief';

/** A catalog text of a code: its own text when registered, else the text of its range. */
export function codeText(code: number, field: TextField, locale: Locale): string {
	const registered = lookupRegistered(code);
	const id = registered ? `code.${code}` : `range.${rangeOf(code)}`;
	return t(locale, `${id}.${field}` as MessageKey);
}

/** `1001 Going Away`, or just `4401` for a code without a registry entry. */
export function codeTitle(code: number): string {
	const registered = lookupRegistered(code);
	return registered ? `${code} ${registered.name}` : String(code);
}

export function categoryOf(code: number, locale: Locale): string {
	return t(locale, lookupRegistered(code) ? 'hover.category.registered' : `hover.category.${rangeOf(code) as Exclude<CodeRange, 'protocol'>}`);
}

/** The specification links of a code, with localized link texts. */
export function specLinksOf(code: number, locale: Locale): string[] {
	const registered = lookupRegistered(code);
	const links = !registered ? [`[${t(locale, 'link.rfcRanges')}](${rangeSpecLink})`]
		: registered.spec === 'iana' ? [`[${t(locale, 'link.iana')}](${specLinks.iana})`]
		: [`[${t(locale, 'link.rfcCodes')}](${specLinks.rfc6455})`, `[${t(locale, 'link.iana')}](${specLinks.iana})`];
	links.push(`[${t(locale, 'link.whatwg')}](${specLinks.whatwg})`);
	return links;
}

/** Whether the `close()` of `api` accepts `code`, as one sentence ("`ws` accepts it." / "… throws `TypeError` on it."). */
export function acceptance(code: number, api: CloseApi, locale: Locale): string {
	const checking = checkingApi(api);
	const name = t(locale, checking ? `api.${checking}` : 'api.server');
	if (checking) {
		const { accepts, throws } = checkedBy[checking];
		return accepts(code) ? t(locale, 'hover.api.accepts', name) : t(locale, 'hover.api.throws', name, throws);
	}
	// Deno's and Bun's server sockets check no more than RFC 6455 does (and mostly not even that).
	return !isSendableOnWire(code) ? t(locale, 'hover.api.reserved') : api === 'server' ? t(locale, 'hover.api.accepts', name) : t(locale, 'hover.api.rfc');
}

/** "HTTP 401 (Unauthorized)" when `code` is 4000 + a status that the convention commonly uses. */
export function httpConvention(code: number, locale: Locale): string | undefined {
	const status = code - 4000;
	const key = `http.${status}` as MessageKey;
	return rangeOf(code) === 'private' && key in httpKeys ? t(locale, 'hover.convention', status, t(locale, key)) : undefined;
}
const httpKeys = Object.fromEntries([400, 401, 403, 404, 408, 409, 429, 500, 502, 503, 504].map((status) => [`http.${status}`, true]));

/** What the protocol's own client does after the code, when its source says. */
export function protocolReconnect(meaning: ProtocolMeaning, locale: Locale): string | undefined {
	return meaning.reconnect === undefined ? undefined
		: t(locale, meaning.reconnect ? 'hover.protocol.retries' : 'hover.protocol.stops', meaning.pack.name);
}

/** The complete page of one code; `protocolId` adds what that protocol pack says about it. */
export function referencePage(code: number, locale: Locale, protocolId?: string): string {
	const registered = lookupRegistered(code);
	const pack = protocolPacks.find((candidate) => candidate.id === protocolId);
	const meaning = pack && protocolMeaning(pack, code);
	const heading = (key: MessageKey) => `## ${t(locale, key)}`;
	const out: string[] = [];
	out.push(`# ${meaning ? `${code} ${meaning.name} · ${meaning.pack.name}` : codeTitle(code)}`, '', `_${categoryOf(code, locale)}_`, '');
	if (meaning) {
		out.push(`## ${t(locale, 'ref.heading.protocol', meaning.pack.name)}`, '', meaning[locale]);
		const reconnect = protocolReconnect(meaning, locale);
		out.push(...(reconnect ? ['', reconnect] : []), '', t(locale, 'ref.source', `[${t(locale, 'link.protocol', meaning.pack.name)}](${meaning.pack.source})`), '');
	}
	out.push(heading('ref.heading.meaning'), '', codeText(code, 'meaning', locale), '');
	const convention = meaning ? undefined : httpConvention(code, locale);
	if (convention) {
		out.push(convention, '');
	}
	out.push(heading('hover.heading.when'), '', codeText(code, 'when', locale), '');
	out.push(heading('hover.heading.fix'), '', codeText(code, 'fix', locale), '');
	out.push(heading('hover.heading.reconnect'), '', t(locale, `hover.reconnect.${reconnectAdvice(code)}`), '');
	out.push(heading('hover.heading.send'), '', codeText(code, 'send', locale), '');
	out.push(heading('hover.heading.whoMaySend'), '');
	out.push(`- ${t(locale, 'hover.sender.wire')}: ${t(locale, isSendableOnWire(code) ? 'hover.allowed' : 'hover.notOnWire')}`);
	out.push(`- ${t(locale, 'hover.sender.whatwg')}: ${t(locale, isSendableByWhatwg(code) ? 'hover.allowed' : 'hover.throwsInvalidAccess')}`);
	out.push(`- ${t(locale, 'hover.sender.ws')}: ${t(locale, isSendableByWs(code) ? 'hover.allowed' : 'hover.throwsTypeError')}`);
	out.push(`- ${t(locale, 'ref.sender.server')}: ${t(locale, isSendableOnWire(code) ? 'hover.allowed' : 'hover.notOnWire')}`, '');
	if (registered && registered.confusedWith.length > 0) {
		out.push(heading('hover.heading.confused'), '');
		for (const other of registered.confusedWith) {
			out.push(`### ${codeTitle(other)}`, '', t(locale, confusionKey(code, other) as MessageKey), '');
		}
	}
	out.push(heading('ref.heading.links'), '', ...specLinksOf(code, locale).map((link) => `- ${link}`), '');
	return out.join('\n');
}

/** Every registered code and every range on one page (the "Show Reference" command's overview). */
export function referenceIndex(locale: Locale): string {
	const row = (code: string, name: string, meaning: string) => `| ${code} | ${name} | ${meaning.replace(/\|/g, '\\|')} |`;
	const header = [`| ${t(locale, 'ref.column.code')} | ${t(locale, 'ref.column.name')} | ${t(locale, 'ref.column.meaning')} |`, '| --- | --- | --- |'];
	const out = [`# ${t(locale, 'ref.title.index')}`, '', ...header];
	for (const { code } of registeredCodes) {
		out.push(row(String(code), `${lookupRegistered(code)?.name} · ${t(locale, `label.${code}` as MessageKey)}`, codeText(code, 'meaning', locale)));
	}
	out.push('', `## ${t(locale, 'ref.heading.ranges')}`, '', ...header);
	for (const [span, sample] of [['0〜999', 0], ['1016〜2999', 1016], ['3000〜3999', 3001], ['4000〜4999', 4000], ['5000〜', 5000]] as const) {
		out.push(row(locale === 'ja' ? span : span.replace('〜', '–'), categoryOf(sample, locale), codeText(sample, 'meaning', locale)));
	}
	out.push('', `## ${t(locale, 'ref.heading.links')}`, '', ...specLinksOf(1000, locale).map((link) => `- ${link}`), '');
	return out.join('\n');
}

/** The arguments of the `websocketCloseCodes.showReference` command that the hover's "More…" link carries. */
export interface ReferenceArguments {
	readonly code?: number;
	readonly locale?: Locale;
	readonly protocol?: string;
}

export const showReferenceCommand = 'websocketCloseCodes.showReference';

/** A `command:` link (VS Code runs the command with these arguments when the hover trusts it). */
export function referenceCommandLink(args: ReferenceArguments): string {
	return `command:${showReferenceCommand}?${encodeURIComponent(JSON.stringify([args]))}`;
}
