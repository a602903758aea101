import ts from 'typescript';
import { applyChanges, type TextChange } from './quickFixes/textChanges';

/**
 * Guards for the providers that write code. They walk the tree recursively and read code that may be half typed, so
 * before one runs the tree must be shallow enough, and before an edit is offered it must not break the file more.
 */

/**
 * Deeper than this, the code-writing providers are not run. TypeScript's own parser overflows near 2,000 nested
 * brackets, so only long `a + b + …` chains in generated code get here; there recursion would overflow.
 */
export const maxProviderDepth = 1500;

const depths = new WeakMap<ts.SourceFile, number>();

/** How many levels deep the tree is, measured once per tree without recursion. */
export function treeDepth(tree: ts.SourceFile): number {
	const known = depths.get(tree);
	if (known !== undefined) {
		return known;
	}
	let deepest = 0;
	const stack: [ts.Node, number][] = [[tree, 0]];
	for (let entry = stack.pop(); entry; entry = stack.pop()) {
		const [node, depth] = entry;
		deepest = Math.max(deepest, depth);
		ts.forEachChild(node, (child) => {
			stack.push([child, depth + 1]);
		});
	}
	depths.set(tree, deepest);
	return deepest;
}

function parseErrors(tree: ts.SourceFile): number {
	// `parseDiagnostics` is not in the public typings, but every SourceFile has it: the syntax errors of that parse.
	return (tree as unknown as { parseDiagnostics?: readonly unknown[] }).parseDiagnostics?.length ?? 0;
}

/**
 * Whether applying `changes` leaves the file with no more syntax errors than it has. A fix computed from a tree
 * that is broken around the cursor can land in the wrong place; such an edit is not offered rather than applied.
 */
export function keepsSyntax(tree: ts.SourceFile, scriptKind: ts.ScriptKind, changes: readonly TextChange[]): boolean {
	// A change must name a real span of the text: a truncated file once gave the reconnect fix an end before its start.
	if (!changes.every((change) => change.start >= 0 && change.start <= change.end && change.end <= tree.text.length)) {
		return false;
	}
	// On a file that parses cleanly the generators are proven by their own tests (every fixture style, type-checked
	// and run); what went wrong in the fuzz runs was code written into a broken file. Re-parsing the whole file for
	// every offered action is what made the lightbulb cost several parses: only a broken file pays for it.
	if (parseErrors(tree) === 0) {
		return true;
	}
	try {
		const after = ts.createSourceFile(tree.fileName, applyChanges(tree.text, changes), ts.ScriptTarget.Latest, false, scriptKind);
		return parseErrors(after) <= parseErrors(tree);
	} catch {
		return false;
	}
}
