import { t, type Locale } from '../l10n';

/** What "Check Workspace" shows while it runs (the progress notification's message). */
export function checkProgressMessage(locale: Locale, phase: 'indexing' | 'checking', done: number, total: number): string {
	return t(locale, phase === 'indexing' ? 'check.indexing' : 'check.checking', done, total);
}

/** What "Check Workspace" says at the end. */
export function checkResultMessage(locale: Locale, result: {
	readonly files: number; readonly problems: number; readonly filesWithProblems: number; readonly cancelled: boolean; readonly unavailable?: boolean;
}): string {
	if (result.unavailable) {
		return t(locale, 'check.unavailable');
	}
	if (result.cancelled) {
		return t(locale, 'check.cancelled', result.files, result.problems);
	}
	return result.problems === 0 ? t(locale, 'check.clean', result.files) : t(locale, 'check.found', result.files, result.problems, result.filesWithProblems);
}
