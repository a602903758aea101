import type { MarkupContent } from 'vscode-languageserver-types';
import { confusionKey, isSendableByWhatwg, isSendableByWs, isSendableOnWire, lookupRegistered } from './closeCodes';
import { t, type Locale, type MessageKey } from './l10n';
import type { ProtocolMeaning } from './protocols';
import {
	acceptance, categoryOf, codeText, codeTitle, httpConvention, protocolReconnect, referenceCommandLink, specLinksOf,
} from './reference';
import type { CloseApi } from './recognition/fileContext';
import type { Confidence, SiteRole } from './recognition/findCloseCodeSites';
import { reconnectAdvice } from './reconnectPolicy';

/** What the hover knows about the place it is shown at. Everything but the value is optional (completion items have less). */
export interface HoverFacts {
	readonly value: number;
	readonly confidence: Confidence;
	readonly role?: SiteRole;
	/** The constant the site refers to (`GOING_AWAY`, `AppClose.SessionExpired`). */
	readonly via?: string;
	/** Whose `close()` rules apply: the socket's API at a sending site, the file's side at a receiving one. */
	readonly api?: CloseApi;
	/** What the protocol library this file uses says about the code. */
	readonly protocol?: ProtocolMeaning;
	/** The project's own name for the code and the doc comment written on it. */
	readonly own?: { readonly name: string; readonly doc?: string };
	/** The handler reconnects through this code of its own (so the reconnect fix is not offered). */
	readonly reconnectsVia?: string;
	/** Where another module of the workspace declares the constant the site refers to (line 0-based). */
	readonly definition?: { readonly uri: string; readonly line: number };
}

export interface HoverOptions {
	/** Add the "More…" command link (only VS Code runs `command:` links; other editors get the spec link alone). */
	readonly commandLinks?: boolean;
}

/**
 * The hover: short and about this place. It must fit VS Code's hover box (about 12 lines) without a scroll, so it
 * says what matters for the role of the site and leaves the rest to the reference page behind "More…":
 * - certainty first (a likely site says so on top), then the project's own name and doc comment, then the code;
 * - sending: whether to send it here, whether this socket's `close()` accepts it, what the peer will do, the
 *   neighbour to choose instead;
 * - receiving: what it means for you and how to fix it, whether to reconnect, the neighbour it is confused with;
 * - a declaration: a neutral summary and who may send it.
 */
export function renderCloseCodeDocs(facts: HoverFacts, locale: Locale, options: HoverOptions = {}): MarkupContent {
	const code = facts.value;
	const { protocol, role } = facts;
	const lines: string[] = [];
	const paragraph = (text: string) => lines.push(text, '');
	const labelled = (key: MessageKey, text: string, ...args: (string | number)[]) => paragraph(`**${t(locale, key, ...args)}** — ${text}`);

	if (facts.confidence === 'likely') {
		paragraph(t(locale, 'hover.likely'));
	}
	const where = [role && t(locale, `hover.role.${role}`), role !== 'define' && facts.api && facts.api !== 'unknown' ? t(locale, `hover.side.${facts.api}`) : undefined]
		.filter((part): part is string => part !== undefined);
	const name = protocol ? `${code} ${protocol.name}` : codeTitle(code);
	const kind = protocol ? protocol.pack.name : categoryOf(code, locale);
	// A name that refers to a constant (`ws.close(ChatCodes.Kicked)`): TypeScript's hover shows its declaration and doc
	// comment in the same box, so ours is short — the code, where it is defined, and what to do here.
	const reference = facts.via !== undefined && facts.own !== undefined;
	if (reference) {
		const defined = facts.definition ? [t(locale, 'hover.definedIn', definitionLink(facts.definition))] : [];
		paragraph([`**${facts.own!.name}** = ${name}`, kind, ...where, ...defined].join(' · '));
	} else if (facts.own) {
		paragraph([`**${facts.own.name}** = ${code}`, ...where].join(' · '));
		if (facts.own.doc) {
			paragraph(facts.own.doc);
		}
		paragraph(`${name} · ${kind}`);
	} else {
		paragraph([`**${name}** · ${kind}`, ...where].join(' · '));
		if (facts.via !== undefined) {
			paragraph(t(locale, 'hover.via', facts.via));
		}
	}

	// The protocol's meaning replaces the generic private-use text; without a protocol, the common convention is
	// mentioned as what it is.
	// At a receiving site the brief ("what it means for you, what to do") says the meaning already.
	if ((protocol || role !== 'receive') && !(reference && !protocol && role !== 'define')) {
		paragraph(protocol ? protocol[locale] : codeText(code, 'meaning', locale));
	}
	const convention = protocol ? undefined : httpConvention(code, locale);
	if (convention && role !== 'define') {
		paragraph(convention);
	}

	if (role === 'send') {
		const api = facts.api ?? 'unknown';
		labelled('hover.heading.send', `${codeText(code, 'send', locale)} ${acceptance(code, api, locale)}`);
		if (isSendableOnWire(code)) {
			labelled('hover.heading.peer', protocol && protocolReconnect(protocol, locale) || t(locale, `hover.peer.${reconnectAdvice(code)}`));
		}
	} else if (role === 'receive') {
		if (!protocol) {
			labelled('hover.heading.fix', codeText(code, 'brief', locale));
		}
		// The product's one reconnect policy (the quick fix and the ws-reconnect snippet follow it too); a protocol's own
		// client behaviour wins where its source documents one.
		const advice = protocol && protocolReconnect(protocol, locale) || t(locale, `hover.reconnect.${reconnectAdvice(code)}`);
		// Sentences join with a space in English and without one in Japanese.
		const existing = facts.reconnectsVia === undefined ? '' : `${locale === 'ja' ? '' : ' '}${t(locale, 'hover.reconnect.existing', facts.reconnectsVia)}`;
		labelled('hover.heading.reconnect', `${advice}${existing}`);
	} else {
		const mark = (allowed: boolean) => (allowed ? '✓' : '✗');
		paragraph(`${t(locale, 'hover.sendable')}: ${t(locale, 'api.wire')} ${mark(isSendableOnWire(code))} · WHATWG ${mark(isSendableByWhatwg(code))} · ${t(locale, 'api.ws')} ${mark(isSendableByWs(code))}`);
	}

	if ((role === 'send' || role === 'receive') && !reference) {
		for (const other of lookupRegistered(code)?.contrast ?? []) {
			labelled('hover.heading.versus', t(locale, confusionKey(code, other) as MessageKey), code, other);
		}
	}

	const links = [specLinksOf(code, locale)[0]];
	if (protocol) {
		links.unshift(`[${t(locale, 'link.protocol', protocol.pack.name)}](${protocol.pack.source})`);
	}
	if (options.commandLinks) {
		links.unshift(`[${t(locale, 'hover.more')}](${referenceCommandLink({ code, locale, ...(protocol ? { protocol: protocol.pack.id } : {}) })})`);
	}
	lines.push(links.join(' · '));
	return { kind: 'markdown', value: lines.join('\n') };
}

/** `[codes.ts:12](file:///…/codes.ts#L12)`: editors open a `#L` fragment at that line. */
function definitionLink({ uri, line }: { readonly uri: string; readonly line: number }): string {
	const file = uri.slice(uri.lastIndexOf('/') + 1);
	let name = file;
	try {
		name = decodeURIComponent(file);
	} catch {
		// a malformed escape: show the name as it is written
	}
	name = name.replace(/[[\]\\]/g, '\\$&');
	return `[${name}:${line + 1}](${uri}#L${line + 1})`;
}
