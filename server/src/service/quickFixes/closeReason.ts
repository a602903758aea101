import type ts from 'typescript';
import type { CloseCall } from '../recognition/findCloseCodeSites';
import { detectStyle } from '../style';
import { afterImports, identifiersIn, renderLines } from '../syntax';
import type { TextChange } from './textChanges';

/**
 * "Cut the reason to 123 bytes", the fix of `unbounded-close-reason`: wraps the reason in a small generated helper that
 * keeps at most the 123 UTF-8 bytes a Close frame holds, cut at a character boundary (never half a character, so the
 * result never grows past the limit when encoded), and adds the helper after the file's imports once.
 */

export const truncateHelperName = 'truncateCloseReason';

export function truncateReasonFix(tree: ts.SourceFile, offset: number, closeCalls: readonly CloseCall[], isTypeScript: boolean)
	: { readonly changes: readonly TextChange[] } | undefined {
	const reason = closeCalls.find((call) => call.unboundedReason && call.unboundedReason.start <= offset && offset <= call.unboundedReason.end)?.unboundedReason;
	if (!reason) {
		return undefined;
	}
	const changes: TextChange[] = [{ start: reason.start, end: reason.end, newText: `${truncateHelperName}(${reason.text})` }];
	if (!identifiersIn(tree).has(truncateHelperName)) {
		const style = detectStyle(tree.text);
		const at = afterImports(tree);
		const helper = renderLines(helperLines(isTypeScript, style.semicolon ? ';' : ''), '', style.indent, style.eol);
		changes.push({ start: at.offset, end: at.offset, newText: `${at.prefix}${helper}${at.suffix}` });
	}
	return { changes };
}

function helperLines(isTypeScript: boolean, semi: string): string[] {
	return [
		'/**',
		' * Cuts a close reason to the 123 UTF-8 bytes a Close frame holds, at a character boundary: past that, close() throws.',
		...(isTypeScript ? [] : [' * @param {string} reason', ' * @returns {string}']),
		' */',
		`function ${truncateHelperName}(reason${isTypeScript ? ': string' : ''})${isTypeScript ? ': string' : ''} {`,
		`\tlet bytes = 0${semi}`,
		`\tlet end = 0${semi}`,
		'\tfor (const character of reason) {',
		`\t\tconst code = character.codePointAt(0) ?? 0${semi}`,
		`\t\tconst size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4${semi}`,
		'\t\tif (bytes + size > 123) {',
		`\t\t\tbreak${semi}`,
		'\t\t}',
		`\t\tbytes += size${semi}`,
		`\t\tend += character.length${semi}`,
		'\t}',
		`\treturn reason.slice(0, end)${semi}`,
		'}',
	];
}
