import type { Diagnostic } from 'vscode-languageserver-types';

/**
 * One file of an LSP workspace diagnostic report (`workspace/diagnostic`): its problems, or `undefined` when the
 * result the client holds (the `resultId` it sent) is still right.
 */
export interface FileDiagnosticReport {
	readonly uri: string;
	readonly resultId: string;
	readonly diagnostics: Diagnostic[] | undefined;
}

/**
 * The last workspace diagnostics of each file, with what they were computed from (`key`: the file's revision, the
 * links' generation, the settings). A client that pulls workspace diagnostics asks again and again (VS Code's every
 * two seconds): a file whose key has not moved is neither read nor analysed again. The result id is the problems'
 * own fingerprint, so a file that changed without changing its problems is still "unchanged" to the client.
 */
export class WorkspaceResults {
	readonly #results = new Map<string, { readonly key: string; readonly resultId: string; readonly diagnostics: Diagnostic[] }>();

	/**
	 * The report of one file, computing its problems only when `key` moved; `undefined` for a file with no problems
	 * that the client holds nothing for (a workspace of thousands of clean files is not listed on every pull).
	 */
	report(uri: string, key: string, previousResultId: string | undefined, compute: () => Diagnostic[]): FileDiagnosticReport | undefined {
		let result = this.#results.get(uri);
		if (result?.key !== key) {
			const diagnostics = compute();
			result = { key, resultId: fingerprint(JSON.stringify(diagnostics)), diagnostics };
			this.#results.set(uri, result);
		}
		if (result.diagnostics.length === 0 && previousResultId === undefined) {
			return undefined;
		}
		return { uri, resultId: result.resultId, diagnostics: previousResultId === result.resultId ? undefined : result.diagnostics };
	}

	/** Forgets the files that are no longer listed (after a complete pass over those that are). */
	keepOnly(uris: readonly string[]): void {
		const listed = new Set(uris);
		for (const uri of [...this.#results.keys()].filter((each) => !listed.has(each))) {
			this.#results.delete(uri);
		}
	}
}

/** The length and a 32-bit FNV-1a hash of the text: equal problems give equal ids, in this server and the next. */
function fingerprint(text: string): string {
	let hash = 0x811c9dc5;
	for (let index = 0; index < text.length; index++) {
		hash ^= text.charCodeAt(index);
		hash = Math.imul(hash, 0x01000193);
	}
	return `${text.length.toString(36)}-${(hash >>> 0).toString(36)}`;
}
