/**
 * Lines of a text the editor does not hold for us (another file of the workspace, the CLI's files): where each line
 * starts, and the 0-based line and UTF-16 character of an offset. A line ends at `\n`, `\r\n` or a lone `\r`, as
 * LSP counts them. No TypeScript here: the CLI's main thread uses it without loading the parser.
 */

export function lineStarts(text: string): number[] {
	const starts = [0];
	for (let index = 0; index < text.length; index++) {
		const character = text.charCodeAt(index);
		if (character === 10 || (character === 13 && text.charCodeAt(index + 1) !== 10)) {
			starts.push(index + 1);
		}
	}
	return starts;
}

export function positionAt(starts: readonly number[], offset: number): { line: number; character: number } {
	let low = 0;
	let high = starts.length - 1;
	while (low < high) {
		const middle = (low + high + 1) >> 1;
		if (starts[middle] <= offset) {
			low = middle;
		} else {
			high = middle - 1;
		}
	}
	return { line: low, character: offset - starts[low] };
}
