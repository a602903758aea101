import ts from 'typescript';
import { calleeName, skipOuterExpressions } from '../ast';
import type { CloseApi, FileContext } from '../fileContext';
import { valuesRuledOut } from '../guards';

/**
 * The `close()` calls a file certainly makes on a WebSocket, described for the diagnostics: whose rules apply, the
 * code argument (and whether it is a received code forwarded past guards), the reason and whether its length is
 * bounded, and whether a test expects the call to throw.
 */

/** A `close(code, reason)` call the file certainly makes on a WebSocket: what diagnostics check. */
export interface CloseCall {
	readonly start: number;
	readonly end: number;
	/** Whose validation rules apply to the call. */
	readonly api: CloseApi;
	/** The first argument, if any. `received`: it is a code the peer sent (`event.code`), forwarded as is. */
	readonly code?: { readonly start: number; readonly end: number; readonly text: string; readonly received: boolean };
	/** The reason, when it is a string literal (or a template without substitutions) whose length we can measure. */
	readonly reason?: { readonly start: number; readonly end: number; readonly value: string; readonly quote: string };
	/**
	 * The reason, when it is built from text of unbounded length — an error's `message` or `stack`, `String(error)`,
	 * `JSON.stringify(…)`, or a template or `+` that includes one — which can exceed the 123 bytes `close()` accepts.
	 */
	readonly unboundedReason?: { readonly start: number; readonly end: number; readonly text: string };
	/** Inside `assert.throws(() => …)` / `expect(() => …)`: a test that sends a bad code on purpose. */
	readonly expectsThrow: boolean;
}

export function describeCloseCall(call: ts.CallExpression, context: FileContext): CloseCall {
	const sourceFile = context.sourceFile;
	const callee = skipOuterExpressions(call.expression);
	const receiver = ts.isPropertyAccessExpression(callee) ? callee.expression : undefined;
	const [codeArgument, reasonArgument] = call.arguments;
	const code = codeArgument && {
		start: codeArgument.getStart(sourceFile),
		end: codeArgument.getEnd(),
		text: codeArgument.getText(sourceFile),
		received: context.isReceivedCloseCode(codeArgument) && !handlesUnsendable(call, codeArgument),
	};
	const reason = reasonArgument && (ts.isStringLiteral(reasonArgument) || ts.isNoSubstitutionTemplateLiteral(reasonArgument)) ? {
		start: reasonArgument.getStart(sourceFile),
		end: reasonArgument.getEnd(),
		value: reasonArgument.text,
		quote: reasonArgument.getText(sourceFile).charAt(0),
	} : undefined;
	const unboundedReason = reasonArgument && isUnboundedText(reasonArgument, context) ? {
		start: reasonArgument.getStart(sourceFile), end: reasonArgument.getEnd(), text: reasonArgument.getText(sourceFile),
	} : undefined;
	return { start: call.getStart(sourceFile), end: call.getEnd(), api: context.closeApiOf(receiver), code, reason, unboundedReason, expectsThrow: expectsThrow(call) };
}

/**
 * Text whose length nothing bounds: `error.message`, `err.stack`, `String(error)`, `error.toString()`,
 * `JSON.stringify(…)`, a template or concatenation with one of them, or a constant initialised with one. A literal, a
 * received reason or anything cut (`.slice(0, 100)`) is not: only shapes that are unbounded whatever the code around.
 */
export function isUnboundedText(expression: ts.Expression, context: FileContext, depth = 0): boolean {
	const node = skipOuterExpressions(expression);
	// An error: named so, or whatever its name, the variable of a `catch` (`catch (e) { … e?.toString() … }`).
	const isError = (object: ts.Expression, names: RegExp): boolean => {
		const inner = skipOuterExpressions(object);
		const declaration = ts.isIdentifier(inner) ? context.bindingOf(inner)?.parent : undefined;
		return names.test(inner.getText()) || (declaration !== undefined && ts.isVariableDeclaration(declaration) && ts.isCatchClause(declaration.parent));
	};
	if (ts.isPropertyAccessExpression(node)) {
		return node.name.text === 'stack' || (node.name.text === 'message' && isError(node.expression, /err|exception|cause|reason|^e$/i));
	}
	if (ts.isCallExpression(node)) {
		const callee = skipOuterExpressions(node.expression);
		const text = callee.getText();
		return text === 'String' || text === 'JSON.stringify' || (ts.isPropertyAccessExpression(callee) && callee.name.text === 'toString' &&
			isError(callee.expression, /err|exception/i));
	}
	if (ts.isTemplateExpression(node)) {
		return node.templateSpans.some((span) => isUnboundedText(span.expression, context, depth));
	}
	// `error?.toString() ?? 'Unknown error'`, `err.message || 'failed'`, `ok ? 'done' : err.stack`: unbounded when a branch is.
	if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.PlusToken || node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
		node.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
		return isUnboundedText(node.left, context, depth) || isUnboundedText(node.right, context, depth);
	}
	if (ts.isConditionalExpression(node)) {
		return isUnboundedText(node.whenTrue, context, depth) || isUnboundedText(node.whenFalse, context, depth);
	}
	if (ts.isIdentifier(node) && depth < 3) {
		const declaration = context.bindingOf(node)?.parent;
		return declaration !== undefined && ts.isVariableDeclaration(declaration) && declaration.initializer !== undefined &&
			(declaration.parent.flags & ts.NodeFlags.Const) !== 0 && isUnboundedText(declaration.initializer, context, depth + 1);
	}
	return false;
}

/**
 * A received code forwarded past guards that rule out the two that cannot be sent, 1005 and 1006 (handled on their
 * own branch, returned early, mapped): nothing to warn about. (1015 never reaches a server that forwards codes.)
 */
export function handlesUnsendable(call: ts.CallExpression, code: ts.Expression): boolean {
	const ruledOut = valuesRuledOut(call, code);
	return ruledOut.has(1005) && ruledOut.has(1006);
}

export const throwAssertions = /^(?:throws|rejects|expect|toThrow|toThrowError|assertThrows|throwsAsync)$/;

/** Is the call inside a function handed to a "this should throw" assertion? */
export function expectsThrow(call: ts.CallExpression): boolean {
	for (let node: ts.Node = call; node.parent && !ts.isSourceFile(node); node = node.parent) {
		if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && ts.isCallExpression(node.parent) && node.parent.arguments.includes(node)) {
			const name = calleeName(node.parent.expression);
			return name !== undefined && throwAssertions.test(name);
		}
	}
	return false;
}
