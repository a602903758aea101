import ts from 'typescript';
import { isPropertyName } from '../bindings';

/** Where inserted statements go, so that they never split a comment from the code it documents. */

/**
 * The offset where a new statement placed before `statement` should start: before the comments attached to it (a
 * JSDoc or `//` lines with no blank line in between), after detached ones (a file header followed by a blank line).
 */
export function startWithAttachedComments(tree: ts.SourceFile, statement: ts.Statement): number {
	const text = tree.text;
	const comments = ts.getLeadingCommentRanges(text, statement.getFullStart()) ?? [];
	let start = statement.getStart(tree);
	for (let index = comments.length - 1; index >= 0; index--) {
		const comment = comments[index];
		if (/\n[ \t]*\r?\n/.test(text.slice(comment.end, start))) {
			break; // a blank line: this comment and the ones above it are not about `statement`
		}
		start = comment.pos;
	}
	// A shebang is trivia too; never insert above it.
	const shebang = /^#!.*/.exec(text)?.[0].length ?? 0;
	return Math.max(start, shebang);
}

/** The top-level statement that contains `node`. */
export function topLevelStatement(node: ts.Node): ts.Statement | undefined {
	let current: ts.Node = node;
	while (current.parent && !ts.isSourceFile(current.parent)) {
		current = current.parent;
	}
	return current.parent && ts.isStatement(current) ? current : undefined;
}

/** The range of whole lines that `[start, end)` covers, with the line break after it: what deleting a statement removes. */
export function wholeLines(text: string, start: number, end: number): { start: number; end: number } {
	const lineStart = text.lastIndexOf('\n', start - 1) + 1;
	const lineEnd = text.indexOf('\n', end);
	return { start: lineStart, end: lineEnd < 0 ? text.length : lineEnd + 1 };
}

/** Does `node` contain a template literal that spans lines (whose text re-indenting would change)? */
export function hasMultilineTemplate(node: ts.Node, tree: ts.SourceFile): boolean {
	let found = false;
	const visit = (child: ts.Node): void => {
		if (found) {
			return;
		}
		if ((ts.isNoSubstitutionTemplateLiteral(child) || ts.isTemplateExpression(child)) && /\n/.test(child.getText(tree))) {
			found = true;
			return;
		}
		ts.forEachChild(child, visit);
	};
	visit(node);
	return found;
}

/**
 * Does `node` use `name` — a variable (`socket`) or a property path (`socketRef.current`) — outside of any function,
 * where it runs right away?
 */
export function usesDirectly(node: ts.Node, name: string): boolean {
	let found = false;
	const visit = (child: ts.Node): void => {
		if (found || ts.isFunctionLike(child)) {
			return;
		}
		// `export { socket }` is a live binding: it follows reassignments, unlike a copy taken now.
		if ((ts.isIdentifier(child) || ts.isPropertyAccessExpression(child)) && child.getText() === name && !isPropertyName(child) &&
			!ts.isExportSpecifier(child.parent)) {
			found = true;
			return;
		}
		ts.forEachChild(child, visit);
	};
	visit(node);
	return found;
}
