/** A replacement of `[start, end)` in a document's text. */
export interface TextChange {
	readonly start: number;
	readonly end: number;
	readonly newText: string;
}

/** Applies non-overlapping changes to `text.slice(from, to)` (offsets are in the whole text). */
export function applyChanges(text: string, changes: readonly TextChange[], from = 0, to = text.length): string {
	let result = '';
	let position = from;
	for (const change of [...changes].sort((a, b) => a.start - b.start || a.end - b.end)) {
		result += text.slice(position, change.start) + change.newText;
		position = change.end;
	}
	return result + text.slice(position, to);
}
