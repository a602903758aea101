import type { MarkupContent } from 'vscode-languageserver-types';
import {
	confusionKey, isSendableByWhatwg, isSendableByWs, isSendableOnWire, lookupRegistered, rangeOf, rangeSpecLink, specLinks,
	type CodeRange,
} from './closeCodes';
import { t, type Locale, type MessageKey } from './l10n';
import type { CloseCodeSite } from './recognition/findCloseCodeSites';
import { reconnectAdvice } from './reconnectPolicy';

/**
 * The Markdown a person reads when hovering a close code: name, meaning, when you see it, how to fix, when to send
 * it, who may send it, often-confused codes, and the spec. Pure formatting; every sentence comes from the catalogs.
 */
export function renderCloseCodeDocs(site: Pick<CloseCodeSite, 'value' | 'confidence' | 'via'> & Partial<Pick<CloseCodeSite, 'role'>>, locale: Locale,
	reconnectsVia?: string): MarkupContent {
	const code = site.value;
	const registered = lookupRegistered(code);
	// Every code in 1000–1015 is registered, so only the other ranges need texts of their own.
	const range = rangeOf(code) as Exclude<CodeRange, 'protocol'>;
	const prefix: 'code' | 'range' = registered ? 'code' : 'range';
	const id = registered ? String(code) : range;
	const text = (field: 'meaning' | 'when' | 'fix' | 'send') => t(locale, `${prefix}.${id}.${field}` as MessageKey);

	const lines: string[] = [];
	const title = registered ? `**${code} ${registered.name}**` : `**${code}**`;
	lines.push(`${title} · ${t(locale, categoryKey(registered !== undefined, range))}`, '');
	if (site.via !== undefined) {
		lines.push(t(locale, 'hover.via', site.via), '');
	}
	lines.push(text('meaning'), '');
	lines.push(`**${t(locale, 'hover.heading.when')}** — ${text('when')}`, '');
	lines.push(`**${t(locale, 'hover.heading.fix')}** — ${text('fix')}`, '');
	if (site.role === 'receive') {
		// The product's one reconnect policy (the quick fix and the ws-reconnect snippet follow it too).
		const advice = t(locale, `hover.reconnect.${reconnectAdvice(code)}`);
		const existing = reconnectsVia === undefined ? '' : ` ${t(locale, 'hover.reconnect.existing', reconnectsVia)}`;
		lines.push(`**${t(locale, 'hover.heading.reconnect')}** — ${advice}${existing}`, '');
	}
	lines.push(`**${t(locale, 'hover.heading.send')}** — ${text('send')}`, '');

	lines.push(`**${t(locale, 'hover.heading.whoMaySend')}**`, '');
	lines.push(`- ${t(locale, 'hover.sender.wire')}: ${t(locale, isSendableOnWire(code) ? 'hover.allowed' : 'hover.notOnWire')}`);
	lines.push(`- ${t(locale, 'hover.sender.whatwg')}: ${t(locale, isSendableByWhatwg(code) ? 'hover.allowed' : 'hover.throwsInvalidAccess')}`);
	lines.push(`- ${t(locale, 'hover.sender.ws')}: ${t(locale, isSendableByWs(code) ? 'hover.allowed' : 'hover.throwsTypeError')}`, '');

	if (registered && registered.confusedWith.length > 0) {
		lines.push(`**${t(locale, 'hover.heading.confused')}**`, '');
		for (const other of registered.confusedWith) {
			const otherName = lookupRegistered(other)?.name ?? '';
			lines.push(`- **${other} ${otherName}** — ${t(locale, confusionKey(code, other) as MessageKey)}`);
		}
		lines.push('');
	}

	const links = registered
		? [`[${registered.spec === 'iana' ? 'IANA registry' : 'RFC 6455 §7.4.1'}](${specLinks[registered.spec]})`]
		: [`[RFC 6455 §7.4.2](${rangeSpecLink})`];
	if (registered?.spec === 'rfc6455') {
		links.push(`[IANA registry](${specLinks.iana})`);
	}
	links.push(`[WHATWG close()](${specLinks.whatwg})`);
	lines.push(`${t(locale, 'hover.spec')}: ${links.join(' · ')}`);

	if (site.confidence === 'likely') {
		lines.push('', t(locale, 'hover.likely'));
	}
	return { kind: 'markdown', value: lines.join('\n') };
}

function categoryKey(registered: boolean, range: Exclude<CodeRange, 'protocol'>): MessageKey {
	return registered ? 'hover.category.registered' : `hover.category.${range}`;
}
