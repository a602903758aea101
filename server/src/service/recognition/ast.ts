import ts from 'typescript';
import { words } from './names';

/**
 * Small syntax helpers shared by the recognition modules. `fileContext.ts` re-exports the ones other modules use.
 */

const SyntaxKind = ts.SyntaxKind;

/** Parentheses, `as`, `satisfies`, `!` and type assertions do not change what a value is. */
export function skipOuterExpressions(node: ts.Expression): ts.Expression {
	let current = node;
	while (isOuterExpression(current)) {
		current = current.expression;
	}
	return current;
}

/** One kind test instead of five type guards: this runs for most expressions of a file. */
function isOuterExpression(node: ts.Node): node is ts.ParenthesizedExpression | ts.AsExpression | ts.SatisfiesExpression | ts.NonNullExpression |
	ts.TypeAssertion {
	switch (node.kind) {
		case SyntaxKind.ParenthesizedExpression:
		case SyntaxKind.AsExpression:
		case SyntaxKind.SatisfiesExpression:
		case SyntaxKind.NonNullExpression:
		case SyntaxKind.TypeAssertionExpression:
			return true;
		default:
			return false;
	}
}

/** Above `node`, past parentheses and casts only: the node that `skipOuterExpressions` gives `node` back for. */
export function outermost(node: ts.Expression): ts.Expression {
	let current = node;
	while (isOuterExpression(current.parent)) {
		current = current.parent;
	}
	return current;
}

export function isIdentifierNamed(node: ts.Node, name: string): boolean {
	return ts.isIdentifier(node) && node.text === name;
}

export function isFunctionLike(node: ts.Node): node is ts.SignatureDeclaration & { parameters: ts.NodeArray<ts.ParameterDeclaration> } {
	const kind = node.kind;
	return kind === SyntaxKind.ArrowFunction || kind === SyntaxKind.FunctionExpression || kind === SyntaxKind.FunctionDeclaration ||
		kind === SyntaxKind.MethodDeclaration;
}

/** The name a function is known by: its own, the variable or property it is assigned to. */
export function functionName(node: ts.Node): string | undefined {
	if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isFunctionExpression(node)) && node.name) {
		return propertyNameText(node.name);
	}
	if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
		const parent = node.parent;
		if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name) {
			return propertyNameText(parent.name);
		}
		// Classic JavaScript: `Socket.prototype._close = function (code, reason) {…}`, `exports.fail = (…) => …`
		if (ts.isBinaryExpression(parent) && parent.right === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
			const target = skipOuterExpressions(parent.left);
			if (ts.isPropertyAccessExpression(target)) {
				return target.name.text;
			}
			if (ts.isIdentifier(target)) {
				return target.text;
			}
		}
	}
	return undefined;
}

export function propertyNameText(name: ts.PropertyName | ts.BindingName): string | undefined {
	if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) {
		return name.text;
	}
	return undefined;
}

/** The name of the function a call invokes: `close` for `ws.close(…)`, `fail` for `fail(…)`, `#fail` for `this.#fail(…)`. */
export function calleeName(callee: ts.Expression): string | undefined {
	const node = skipOuterExpressions(callee);
	if (ts.isIdentifier(node)) {
		return node.text;
	}
	if (ts.isPropertyAccessExpression(node)) {
		return node.name.text;
	}
	return undefined;
}

/** The name of what a method is called on: `ws` in `ws.close()`, `socket` in `this.socket.close()`, `this`. */
export function receiverName(callee: ts.Expression): string | undefined {
	const node = skipOuterExpressions(callee);
	if (ts.isPropertyAccessExpression(node)) {
		const receiver = skipOuterExpressions(node.expression);
		if (ts.isIdentifier(receiver)) {
			return receiver.text;
		}
		if (ts.isPropertyAccessExpression(receiver)) {
			return receiver.name.text;
		}
		if (receiver.kind === ts.SyntaxKind.ThisKeyword) {
			return 'this';
		}
	}
	return undefined;
}

/**
 * Climbs from a value to the expression whose parent decides what the value is used for: through parentheses,
 * `as`, the branches of `?:`, and `??`/`||` fallbacks (`close(code ?? 1000)` still sends the literal).
 */
export function climb(node: ts.Expression): ts.Expression {
	let current = node;
	for (;;) {
		const parent = current.parent;
		if (isOuterExpression(parent)) {
			current = parent;
		} else if (ts.isConditionalExpression(parent) && parent.condition !== current) {
			current = parent;
		} else if (ts.isBinaryExpression(parent) && (parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
			parent.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
			current = parent;
		} else {
			return current;
		}
	}
}

/**
 * The identifier that declares the variable an identifier refers to, found by walking outwards through the
 * enclosing functions' parameters and the enclosing blocks' variable declarations.
 */
export function findBinding(reference: ts.Identifier): ts.Identifier | undefined {
	const name = reference.text;
	for (let scope: ts.Node | undefined = reference.parent; scope; scope = scope.parent) {
		if (isFunctionLike(scope)) {
			for (const parameter of scope.parameters) {
				const found = findInBindingName(parameter.name, name);
				if (found) {
					return found;
				}
			}
		}
		if (ts.isBlock(scope) || ts.isSourceFile(scope) || ts.isModuleBlock(scope) || ts.isCaseClause(scope) || ts.isDefaultClause(scope)) {
			for (const statement of scope.statements) {
				if (ts.isVariableStatement(statement) && statement.pos < reference.pos) {
					for (const declaration of statement.declarationList.declarations) {
						const found = findInBindingName(declaration.name, name);
						if (found) {
							return found;
						}
					}
				}
			}
		}
	}
	return undefined;
}

function findInBindingName(name: ts.BindingName, wanted: string): ts.Identifier | undefined {
	if (ts.isIdentifier(name)) {
		return name.text === wanted ? name : undefined;
	}
	for (const element of name.elements) {
		if (ts.isBindingElement(element)) {
			const found = findInBindingName(element.name, wanted);
			if (found) {
				return found;
			}
		}
	}
	return undefined;
}

/** Every identifier a binding name declares: `a`, `{ a, b: [c] }`. */
export function boundNames(name: ts.BindingName, into: ts.Identifier[] = []): ts.Identifier[] {
	if (ts.isIdentifier(name)) {
		into.push(name);
	} else {
		for (const element of name.elements) {
			if (ts.isBindingElement(element)) {
				boundNames(element.name, into);
			}
		}
	}
	return into;
}

export function contains(outer: ts.Node, inner: ts.Node): boolean {
	return outer.pos <= inner.pos && inner.end <= outer.end;
}

/** A string the code passes along as a human-readable reason: `'bye'`, `` `failed: ${x}` ``, `'a' + b`, `err.message`. */
export function isTextExpression(node: ts.Expression): boolean {
	// A `+` chain is walked with a worklist, not recursion: generated code has chains of thousands of terms.
	const pending: ts.Expression[] = [node];
	for (let next = pending.pop(); next; next = pending.pop()) {
		const value = skipOuterExpressions(next);
		if (ts.isBinaryExpression(value) && value.operatorToken.kind === ts.SyntaxKind.PlusToken) {
			// Right pushed first so the left side is looked at first, as `left || right` did.
			pending.push(value.right, value.left);
		} else if (isTextTerm(value)) {
			return true;
		}
	}
	return false;
}

/** Words that make a name a text: `reason`, `closeReason`, `CLOSE_DESCRIPTION_NO_HEARTBEAT`, `kickMessage`. */
const textWords = new Set(['reason', 'message', 'msg', 'description']);
/** Words that make such a name something about the text, or a code: `reasonCode`, `messageLength`, `msgId`, `messageType`. */
const notTextWords = new Set(['code', 'codes', 'status', 'count', 'length', 'len', 'size', 'bytes', 'id', 'ids', 'type', 'kind', 'index', 'max', 'min', 'limit']);

function namesText(name: string): boolean {
	const list = words(name);
	return list.some((word) => textWords.has(word)) && !list.some((word) => notTextWords.has(word));
}

function isTextTerm(value: ts.Expression): boolean {
	if (ts.isStringLiteralLike(value) || ts.isTemplateExpression(value)) {
		return true;
	}
	if (ts.isPropertyAccessExpression(value)) {
		return /^(?:message|reason|description)$/.test(value.name.text);
	}
	if (ts.isIdentifier(value)) {
		return namesText(value.text);
	}
	return false;
}

/**
 * Visits `root` and everything under it in the order of a recursive `ts.forEachChild` walk (pre-order), with an
 * explicit stack: input controls the depth of a syntax tree (a 20,000-term `a + b + …` chain is 20,000 levels deep
 * and parses fine), so recursion would overflow the call stack. `visit` returns `false` to skip a node's children.
 */
export function forEachDescendant(root: ts.Node, visit: (node: ts.Node) => boolean | void): void {
	const stack: ts.Node[] = [root];
	// One callback for the whole walk (no closure per node): children are pushed in order, then reversed in place.
	const push = (child: ts.Node) => {
		stack.push(child);
	};
	for (let node = stack.pop(); node; node = stack.pop()) {
		if (visit(node) === false) {
			continue;
		}
		let low = stack.length;
		ts.forEachChild(node, push);
		for (let high = stack.length - 1; low < high; low++, high--) {
			const child = stack[low];
			stack[low] = stack[high];
			stack[high] = child;
		}
	}
}

/**
 * A name where it may refer to a constant — not a declaration's or a property's own name: `GOING_AWAY`,
 * `Codes.NORMAL`, `this.MAX_CODE`, `this.ERRORS.going_away`, `Connection.codes.NORMAL`.
 */
export function isExpressionReference(node: ts.Node): node is ts.Identifier | ts.PropertyAccessExpression {
	if (node.kind === SyntaxKind.Identifier) {
		const parent = node.parent;
		switch (parent.kind) {
			case SyntaxKind.PropertyAccessExpression:
				return (parent as ts.PropertyAccessExpression).name !== node;
			case SyntaxKind.VariableDeclaration:
				return (parent as ts.VariableDeclaration).name !== node;
			case SyntaxKind.PropertyAssignment:
				return (parent as ts.PropertyAssignment).name !== node;
			case SyntaxKind.EnumMember:
			case SyntaxKind.Parameter:
			case SyntaxKind.BindingElement:
			case SyntaxKind.ImportSpecifier:
			case SyntaxKind.TypeReference:
				return false;
			default:
				return true;
		}
	}
	if (node.kind !== SyntaxKind.PropertyAccessExpression) {
		return false;
	}
	const object = (node as ts.PropertyAccessExpression).expression;
	return object.kind === SyntaxKind.Identifier || object.kind === SyntaxKind.ThisKeyword ||
		(object.kind === SyntaxKind.PropertyAccessExpression &&
			((object as ts.PropertyAccessExpression).expression.kind === SyntaxKind.Identifier ||
				(object as ts.PropertyAccessExpression).expression.kind === SyntaxKind.ThisKeyword));
}

/**
 * An integer literal from 0 to 65535 written without separators: `1_000` is a quantity, a fraction is never a code.
 * Called for every number of a file, so it reads the source text instead of `getText()`: a literal whose source ends
 * with its own value (`1000`, not `1_000`, `0x3E8` or `1e3`) has no separator.
 */
export function isCandidateNumber(literal: ts.NumericLiteral, sourceFile: ts.SourceFile): boolean {
	const value = Number(literal.text);
	if (!Number.isInteger(value) || value < 0 || value > 65535) {
		return false;
	}
	return sourceFile.text.endsWith(literal.text, literal.end) || !literal.getText(sourceFile).includes('_');
}

/** `async function f()`, `async () => …`, `async m() {}`: a function whose call is a promise of what it returns. */
export function isAsync(fn: ts.Node): boolean {
	return ts.canHaveModifiers(fn) && (ts.getModifiers(fn)?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword) ?? false);
}
