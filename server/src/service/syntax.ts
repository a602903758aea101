import ts from 'typescript';
import { forEachDescendant } from './recognition/ast';
import { skipOuterExpressions } from './recognition/fileContext';
import { detectStyle } from './style';

/** Small helpers for edits that insert code: where declarations go and how lines are indented. */

/**
 * Where a new top-level declaration goes: after the last top-level import or require, or at the top of the file
 * (after a shebang or directive prologue). `prefix`/`suffix` are the blank lines to put around it.
 */
export function afterImports(tree: ts.SourceFile): { offset: number; prefix: string; suffix: string } {
	const eol = detectStyle(tree.text).eol;
	let last: ts.Statement | undefined;
	for (const statement of tree.statements) {
		const isImport = ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement) ||
			(ts.isVariableStatement(statement) && statement.declarationList.declarations.every((declaration) =>
				declaration.initializer !== undefined && /^require\(/.test(skipOuterExpressions(declaration.initializer).getText(tree)))) ||
			(ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression));
		if (!isImport) {
			break;
		}
		last = statement;
	}
	if (last) {
		// Right after the import: whatever blank line followed it now follows the new declaration.
		return { offset: last.getEnd(), prefix: `${eol}${eol}`, suffix: '' };
	}
	const shebang = /^#!.*(?:\r?\n|$)/.exec(tree.text)?.[0].length ?? 0;
	const firstStatement = tree.statements[0];
	const offset = firstStatement ? Math.max(shebang, firstStatement.getStart(tree)) : shebang;
	return { offset, prefix: '', suffix: `${eol}${eol}` };
}

/** The whitespace at the start of the line that contains `offset`. */
export function indentationAt(text: string, offset: number): string {
	const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
	return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

/** Re-indents a block of generated lines (written with `\t`) to a base indentation and the file's unit and EOL. */
export function renderLines(lines: readonly string[], base: string, indent: string, eol: string): string {
	return lines.map((line) => {
		if (line === '') {
			return '';
		}
		const tabs = /^\t*/.exec(line)?.[0].length ?? 0;
		return base + indent.repeat(tabs) + line.slice(tabs);
	}).join(eol);
}

/** A whole file's identifiers, per tree: several code actions ask for them at each cursor position. */
const fileIdentifiers = new WeakMap<ts.Node, ReadonlySet<string>>();

/** Every identifier used under `root` (a file or a function), to pick a new name that collides with none. */
export function identifiersIn(root: ts.Node): ReadonlySet<string> {
	const known = fileIdentifiers.get(root);
	if (known) {
		return known;
	}
	const names = new Set<string>();
	forEachDescendant(root, (node) => {
		if (ts.isIdentifier(node)) {
			names.add(node.text);
		}
	});
	if (ts.isSourceFile(root)) {
		fileIdentifiers.set(root, names);
	}
	return names;
}

export function uniqueName(used: ReadonlySet<string>, preferred: readonly string[]): string {
	for (const candidate of preferred) {
		if (!used.has(candidate)) {
			return candidate;
		}
	}
	let index = 2;
	while (used.has(`${preferred[0]}${index}`)) {
		index++;
	}
	return `${preferred[0]}${index}`;
}
