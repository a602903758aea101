/** Runs with fewer files than this end before a progress line would help. */
export const progressThreshold = 100;
/** Redraw at most this often: a terminal that repaints 6,000 times a run slows the run down. */
const redrawMs = 100;

export interface Progress {
	/** One more file checked. */
	step(): void;
	/** Erases the line before anything else is printed on the terminal (stdout too: it is usually the same one). */
	clear(): void;
}

const none: Progress = { step() {}, clear() {} };

/**
 * `checked 1,234/5,925 files`, rewritten in place on stderr. Only when stderr is a terminal: a CI log or a
 * redirected stderr gets nothing, so JSON and SARIF pipelines stay clean.
 */
export function createProgress(total: number, isTTY: boolean, writeError: (text: string) => void): Progress {
	if (!isTTY || total < progressThreshold) {
		return none;
	}
	const count = new Intl.NumberFormat('en-US');
	let done = 0;
	let shown = false;
	let last = 0;
	return {
		step() {
			done++;
			const now = Date.now();
			if (now - last >= redrawMs || done === total) {
				last = now;
				shown = true;
				writeError(`\rchecked ${count.format(done)}/${count.format(total)} files`);
			}
		},
		clear() {
			if (shown) {
				shown = false;
				writeError('\r\x1b[K');
			}
		},
	};
}
