import type { Connection } from 'vscode-languageserver';
import { defaultReconnectSettings, resolveLocale, type DocumentSettings, type EnvironmentSetting, type LanguageSetting, type ReconnectSettings } from './service';

/** The `websocketCloseCodes.*` settings, as VS Code (or any client) sends them. Every field may be missing or wrong. */
export interface RawSettings {
	readonly language?: unknown;
	readonly environment?: unknown;
	readonly hover?: { readonly enabled?: unknown };
	readonly diagnostics?: { readonly enabled?: unknown };
	readonly inlayHints?: { readonly enabled?: unknown };
	readonly reconnect?: { readonly initialDelayMs?: unknown; readonly maxDelayMs?: unknown; readonly maxAttempts?: unknown; readonly stableAfterMs?: unknown };
	readonly maxFileSize?: unknown;
}

/** Settings resolved for one document. */
export interface ResolvedSettings extends DocumentSettings {
	readonly environment: EnvironmentSetting;
	readonly hoverEnabled: boolean;
	readonly diagnosticsEnabled: boolean;
	readonly inlayHintsEnabled: boolean;
	readonly reconnect: ReconnectSettings;
	/** Documents longer than this (UTF-16 code units, about bytes) are not analysed. */
	readonly maxFileSize: number;
}

export const settingsSection = 'websocketCloseCodes';

/** Turns whatever the client sent into typed settings, falling back to the defaults field by field. */
export function resolveSettings(raw: RawSettings | null | undefined, editorLocale: string | undefined): ResolvedSettings {
	const language = raw?.language;
	const languageSetting: LanguageSetting = language === 'en' || language === 'ja' ? language : 'auto';
	const environment = raw?.environment;
	return {
		locale: resolveLocale(languageSetting, editorLocale),
		environment: environment === 'browser' || environment === 'node' ? environment : 'auto',
		hoverEnabled: raw?.hover?.enabled !== false,
		diagnosticsEnabled: raw?.diagnostics?.enabled !== false,
		inlayHintsEnabled: raw?.inlayHints?.enabled !== false,
		reconnect: resolveReconnect(raw?.reconnect),
		maxFileSize: wholeNumber(raw?.maxFileSize, 0, Number.MAX_SAFE_INTEGER) ?? defaultMaxFileSize,
	};
}

/** About 0.8 s of analysis: a 1 MB minified bundle is still analysed, a 5 MB generated file is not. */
export const defaultMaxFileSize = 2_000_000;

/** The longest delay the settings accept (one hour): beyond that a typo is likelier than an intent. */
const maxDelayLimitMs = 3_600_000;

/** A whole number in [min, max], or undefined when `value` is not a finite number (strings and NaN fall back). */
function wholeNumber(value: unknown, min: number, max: number): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : undefined;
}

/**
 * The delays written into "Reconnect with exponential backoff". Each field falls back to its default on its own;
 * the first delay is at least 1 ms (0 would reconnect in a tight loop) and the cap is never below the first delay.
 */
export function resolveReconnect(raw: RawSettings['reconnect'] | undefined): ReconnectSettings {
	const initialDelayMs = wholeNumber(raw?.initialDelayMs, 1, maxDelayLimitMs) ?? 1000;
	const maxDelayMs = Math.max(initialDelayMs, wholeNumber(raw?.maxDelayMs, 1, maxDelayLimitMs) ?? 30_000);
	const maxAttempts = wholeNumber(raw?.maxAttempts, 0, Number.MAX_SAFE_INTEGER) ?? 0;
	const stableAfterMs = wholeNumber(raw?.stableAfterMs, 0, maxDelayLimitMs) ?? defaultReconnectSettings.stableAfterMs;
	return { initialDelayMs, maxDelayMs, maxAttempts, stableAfterMs };
}

/**
 * Per-document settings, pulled from the client with `workspace/configuration` (scoped to the document, so folder
 * settings apply) and cached as promises until the configuration changes. Clients that cannot be asked push their
 * settings with `workspace/didChangeConfiguration`; those apply to every document.
 */
export class SettingsStore {
	readonly #cache = new Map<string, Promise<ResolvedSettings>>();
	#pushed: RawSettings | undefined;

	constructor(
		private readonly connection: Connection,
		private readonly editorLocale: string | undefined,
		readonly canPullConfiguration: boolean,
	) {}

	forDocument(uri: string): Promise<ResolvedSettings> {
		if (!this.canPullConfiguration) {
			return Promise.resolve(resolveSettings(this.#pushed, this.editorLocale));
		}
		let settings = this.#cache.get(uri);
		if (!settings) {
			settings = this.connection.workspace.getConfiguration({ scopeUri: uri, section: settingsSection }).then(
				(raw: RawSettings | null) => resolveSettings(raw, this.editorLocale),
				() => resolveSettings(undefined, this.editorLocale),
			);
			this.#cache.set(uri, settings);
		}
		return settings;
	}

	/** `workspace/didChangeConfiguration`: forget what was pulled; keep what was pushed. */
	changed(pushed: unknown): void {
		this.#cache.clear();
		const section = (pushed as Record<string, unknown> | null | undefined)?.[settingsSection];
		if (section !== undefined && section !== null && typeof section === 'object') {
			this.#pushed = section as RawSettings;
		}
	}

	forget(uri: string): void {
		this.#cache.delete(uri);
	}
}
