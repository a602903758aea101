import { en, type MessageKey } from './en';
import { ja } from './ja';

export type { MessageKey };

/** The languages the extension speaks. */
export type Locale = 'en' | 'ja';

/** What the user may choose in `websocketCloseCodes.language`. */
export type LanguageSetting = 'auto' | Locale;

const catalogs: Record<Locale, Record<MessageKey, string>> = { en, ja };

/**
 * Picks the locale: an explicit setting wins; `auto` follows the editor's display language
 * (`InitializeParams.locale`, e.g. `ja`, `ja-JP`, `en-us`); anything we do not speak falls back to English.
 */
export function resolveLocale(setting: LanguageSetting | undefined, editorLocale: string | undefined): Locale {
	if (setting === 'en' || setting === 'ja') {
		return setting;
	}
	return editorLocale !== undefined && /^ja(?:[-_]|$)/i.test(editorLocale) ? 'ja' : 'en';
}

/** Looks up a message and fills `{0}`, `{1}`… placeholders. */
export function t(locale: Locale, key: MessageKey, ...args: readonly (string | number)[]): string {
	const text = catalogs[locale][key];
	return args.length === 0 ? text : text.replace(/\{(\d+)\}/g, (match, index: string) => {
		const value = args[Number(index)];
		return value === undefined ? match : String(value);
	});
}
