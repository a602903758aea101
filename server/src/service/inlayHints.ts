import type { InlayHint } from 'vscode-languageserver-types';
import { lookupRegistered } from './closeCodes';
import { t, type Locale, type MessageKey } from './l10n';
import type { ProtocolPack } from './protocols';
import { nameMatchesCode } from './recognition/names';
import type { CloseCodeSite } from './recognition/findCloseCodeSites';

/**
 * `1001 ▸ Going Away`: the registered name after a numeric close code. Only `certain` sites get one (a wrong hint
 * is noise in every line that has it), and only literals: `GOING_AWAY = 1001` or `CloseCode.GoingAway` already
 * say their name.
 */
export function inlayHintsFor(sites: readonly CloseCodeSite[], text: string, from: number, to: number, locale: Locale,
	positionAt: (offset: number) => { line: number; character: number }, packs: readonly ProtocolPack[] = []): InlayHint[] {
	const hints: InlayHint[] = [];
	for (const site of sites) {
		if (site.confidence !== 'certain' || site.via !== undefined || site.end < from || site.start > to) {
			continue;
		}
		// A protocol's own code gets the protocol's name for it (`4401 ▸ Unauthorized · graphql-ws`); its ranges stay
		// unlabelled, as an application's own 4xxx codes do.
		const protocolCode = packs.flatMap((pack) => pack.codes.filter((entry) => entry.code === site.value).map((entry) => `${entry.name} · ${pack.name}`))[0];
		if (!protocolCode && !lookupRegistered(site.value)) {
			continue;
		}
		if (nameMatchesCode(declaredNameBefore(text, site.start), site.value)) {
			continue;
		}
		hints.push({ position: positionAt(site.end), label: protocolCode ?? t(locale, `label.${site.value}` as MessageKey), paddingLeft: true });
	}
	return hints;
}

/** The identifier in front of `= 1001` or `: 1001` on the same line, if any. */
function declaredNameBefore(text: string, offset: number): string {
	const lineStart = text.lastIndexOf('\n', offset) + 1;
	const match = /([\w$]+)\s*["']?\s*[=:]\s*$/.exec(text.slice(lineStart, offset));
	return match?.[1] ?? '';
}
