import ts from 'typescript';
import { isFunctionLike, propertyNameText, skipOuterExpressions } from '../ast';

/** The scope a declaration is visible in, and the function, class or method a node belongs to. */

/** The class whose `this` a node is in (arrow functions keep the method's `this`; a nested `function` has its own). */
export function enclosingClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
	for (let current = node.parent; current && !ts.isSourceFile(current); current = current.parent) {
		if (ts.isClassLike(current)) {
			return current;
		}
		if (ts.isFunctionDeclaration(current) || ts.isFunctionExpression(current)) {
			return undefined;
		}
	}
	return undefined;
}

export function scopeOf(node: ts.Node): ts.Node {
	let current = node.parent;
	while (current && !ts.isBlock(current) && !ts.isSourceFile(current) && !ts.isModuleBlock(current) && !ts.isCaseBlock(current) &&
		!isFunctionLike(current)) {
		current = current.parent;
	}
	return current ?? node.getSourceFile();
}

/** Where a `let`, `const`, class or function declaration is visible. */
export function blockScopeOf(node: ts.Node): ts.Node {
	let current = node.parent;
	while (current && !ts.isBlock(current) && !ts.isSourceFile(current) && !ts.isModuleBlock(current) && !ts.isCaseBlock(current) &&
		!ts.isForStatement(current) && !ts.isForInStatement(current) && !ts.isForOfStatement(current) && !ts.isCatchClause(current) &&
		!ts.isFunctionLike(current) && !ts.isClassStaticBlockDeclaration(current)) {
		current = current.parent;
	}
	return current ?? node.getSourceFile();
}

/** Where a `var` is visible: the whole function (or file). */
export function functionScopeOf(node: ts.Node): ts.Node {
	let current = node.parent;
	while (current && !ts.isSourceFile(current) && !ts.isModuleBlock(current) && !ts.isFunctionLike(current) &&
		!ts.isClassStaticBlockDeclaration(current)) {
		current = current.parent;
	}
	return current ?? node.getSourceFile();
}

export function enclosingFunction(node: ts.Node): ts.Node | undefined {
	let current = node.parent;
	while (current && !ts.isSourceFile(current) && !ts.isFunctionLike(current)) {
		current = current.parent;
	}
	return current && ts.isFunctionLike(current) ? current : undefined;
}

/** The name methods and property functions are called by: `close() {}`, `_close: function`, `X.prototype._close = function`. */
export function methodName(node: ts.Node): string | undefined {
	if (ts.isMethodDeclaration(node)) {
		return propertyNameText(node.name);
	}
	if (ts.isConstructorDeclaration(node)) {
		return undefined;
	}
	const parent = node.parent;
	if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.initializer === node) {
		return propertyNameText(parent.name);
	}
	if (ts.isBinaryExpression(parent) && parent.right === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
		ts.isPropertyAccessExpression(skipOuterExpressions(parent.left))) {
		return (skipOuterExpressions(parent.left) as ts.PropertyAccessExpression).name.text;
	}
	return undefined;
}
