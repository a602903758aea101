import ts from 'typescript';
import { findBinding, isFunctionLike } from './recognition/fileContext';

/**
 * Local variables as the code-writing actions need them: what a name holds, whether that can change, who reads it, and
 * whether the name still means the same variable somewhere else. Syntax only (no type checker), so every answer errs
 * on the side of "cannot tell": an action that is not offered is better than one that changes what the code does.
 */

/** The initializer of the variable `reference` names, when the variable is never assigned again (a `const`, usually). */
export function knownValue(reference: ts.Identifier, tree: ts.SourceFile): ts.Expression | undefined {
	const binding = findBinding(reference);
	const declaration = binding?.parent;
	return binding && declaration && ts.isVariableDeclaration(declaration) && declaration.name === binding && declaration.initializer &&
		unchanging(binding, tree) ? declaration.initializer : undefined;
}

/** A `const`, or a `let`, `var` or parameter that nothing in the file assigns to. */
export function unchanging(binding: ts.Identifier, tree: ts.SourceFile): boolean {
	const declaration = binding.parent;
	if (ts.isVariableDeclaration(declaration) && ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) {
		return true;
	}
	return !referencesTo(binding, tree).some(isWritten);
}

/** Every identifier in the file that reads or writes the variable `binding` declares (not property names). */
export function referencesTo(binding: ts.Identifier, tree: ts.SourceFile): ts.Identifier[] {
	const found: ts.Identifier[] = [];
	const visit = (node: ts.Node): void => {
		if (ts.isIdentifier(node) && node !== binding && node.text === binding.text && !isPropertyName(node) && findBinding(node) === binding) {
			found.push(node);
		}
		ts.forEachChild(node, visit);
	};
	visit(tree);
	return found;
}

/**
 * Would `binding`'s name, written at `site`, mean another declaration? True when a function (or the file) that holds
 * `site` declares the name again inside `binding`'s scope — anywhere in that function, conservatively, so that block
 * scopes and `var` hoisting are both covered.
 */
export function redeclaredAround(binding: ts.Identifier, site: ts.Node): boolean {
	const scope = ts.isParameter(binding.parent) ? binding.parent.parent : scopeOf(binding.parent);
	let redeclared = false;
	const visit = (candidate: ts.Node): void => {
		if (ts.isIdentifier(candidate) && candidate !== binding && candidate.text === binding.text && isDeclarationName(candidate)) {
			const holder = ts.findAncestor(candidate.parent, (ancestor) => isFunctionLike(ancestor) || ts.isSourceFile(ancestor));
			redeclared ||= holder !== undefined && holder.pos <= site.pos && site.end <= holder.end;
		}
		ts.forEachChild(candidate, visit);
	};
	visit(scope);
	return redeclared;
}

function scopeOf(node: ts.Node): ts.Node {
	return ts.findAncestor(node, (ancestor) => ts.isBlock(ancestor) || ts.isSourceFile(ancestor) || ts.isModuleBlock(ancestor) ||
		ts.isCaseClause(ancestor) || ts.isDefaultClause(ancestor) || isFunctionLike(ancestor)) ?? node.getSourceFile();
}

function isDeclarationName(node: ts.Identifier): boolean {
	const parent = node.parent;
	return (ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent) || ts.isFunctionDeclaration(parent) ||
		ts.isClassDeclaration(parent) || ts.isEnumDeclaration(parent) || ts.isImportSpecifier(parent) || ts.isImportClause(parent) ||
		ts.isNamespaceImport(parent)) && parent.name === node;
}

/** `x` in `a.x`, `{ x: 1 }`, `class { x }`, `{ x: y } = …`: a property's name, not a use of the variable `x`. */
export function isPropertyName(node: ts.Node): boolean {
	const parent = node.parent;
	return (ts.isPropertyAccessExpression(parent) && parent.name === node) || (ts.isQualifiedName(parent) && parent.right === node) ||
		((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent) || ts.isPropertySignature(parent) ||
			ts.isMethodSignature(parent) || ts.isGetAccessor(parent) || ts.isSetAccessor(parent) || ts.isEnumMember(parent)) && parent.name === node) ||
		((ts.isBindingElement(parent) || ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent)) && parent.propertyName === node);
}

/** `x = …`, `x += …`, `x++`, `[x] = …`, `({ x } = …)`, `for (x of …)`. */
function isWritten(reference: ts.Identifier): boolean {
	let node: ts.Node = reference;
	while (ts.isParenthesizedExpression(node.parent) || ts.isArrayLiteralExpression(node.parent) || ts.isObjectLiteralExpression(node.parent) ||
		ts.isSpreadElement(node.parent) || ts.isSpreadAssignment(node.parent) || ts.isShorthandPropertyAssignment(node.parent) ||
		(ts.isPropertyAssignment(node.parent) && node.parent.initializer === node)) {
		node = node.parent;
	}
	const parent = node.parent;
	if (ts.isBinaryExpression(parent)) {
		const operator = parent.operatorToken.kind;
		return parent.left === node && operator >= ts.SyntaxKind.FirstAssignment && operator <= ts.SyntaxKind.LastAssignment;
	}
	if (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) {
		return parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken;
	}
	return (ts.isForOfStatement(parent) || ts.isForInStatement(parent)) && parent.initializer === node;
}
