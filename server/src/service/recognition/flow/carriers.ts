import ts from 'typescript';
import { climb, isFunctionLike, isIdentifierNamed, propertyNameText, skipOuterExpressions } from '../ast';
import type { FileBindings } from '../file/bindings';
import type { FlowSites, FunctionNode } from '../file/flowSites';
import { enclosingClass, enclosingFunction } from '../file/scopes';
import { closeCodeSink } from '../sinks';
import type { Confidence, SinkContext } from '../types';

/**
 * Errors and objects whose `code` is closed with (`ws.close(err.code)`), and the values that reach them: thrown
 * objects, errors constructed with a code, classes whose instances are closed with.
 */

const SyntaxKind = ts.SyntaxKind;

export class Carriers {
	/** Values (thrown objects, `new` errors) that end up as an object whose `code` is closed with, and how surely. */
	readonly #carriedValues = new Map<ts.Node, Confidence>();
	/** Classes (by declaration) whose instances' `code` is closed with. */
	readonly #closingClasses = new Map<ts.ClassLikeDeclaration, Confidence>();
	readonly #bindings: FileBindings;
	readonly #sites: FlowSites;

	constructor(bindings: FileBindings, sites: FlowSites) {
		this.#bindings = bindings;
		this.#sites = sites;
	}

	/**
	 * Objects whose `code` the file closes with — `catch (err) { ws.close(err.code, err.message) }`, `function fail(ws,
	 * error) { ws.close(error.code) }` — and what reaches them: objects and errors thrown in the `try` (or in the
	 * functions it calls), passed for the parameter, or narrowed by `instanceof` before the close. Thrown `{ code: 4400 }`
	 * objects, the code argument of `new ProtocolError(4400, …)` whose constructor stores it as `code`, and
	 * `this.code = 4401` in such a class are then close codes.
	 */
	collect(context: SinkContext): void {
		for (const read of this.#sites.codeReads) {
			const sink = closeCodeSink(climb(read), context);
			const object = read.expression as ts.Identifier;
			const binding = sink && this.#bindings.bindingOf(object);
			const declaration = binding?.parent;
			if (!sink || !binding || !declaration) {
				continue;
			}
			const confidence = sink.confidence;
			// `if (err instanceof CloseError) ws.close(err.code)`: that class's instances are closed with.
			const narrowed = this.#instanceofClass(read, object.text);
			if (narrowed) {
				this.#markClosingClass(narrowed, confidence);
			}
			if (ts.isVariableDeclaration(declaration) && ts.isCatchClause(declaration.parent)) {
				const statement = declaration.parent.parent;
				for (const thrown of this.#thrownIn(statement.tryBlock, 0, new Set())) {
					this.#markCarried(thrown, narrowed ? 'likely' : confidence);
				}
			} else if (ts.isParameter(declaration) && declaration.name === binding) {
				const fn = declaration.parent as FunctionNode;
				const index = fn.parameters.indexOf(declaration);
				for (const call of this.#sites.calls) {
					const argument = call.arguments?.[index];
					if (argument && this.#sites.calleesOf(call)?.length === 1 && this.#sites.calleesOf(call)![0] === fn) {
						this.#markCarried(skipOuterExpressions(argument), confidence);
					}
				}
			} else if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
				this.#markCarried(skipOuterExpressions(declaration.initializer), confidence);
			}
		}
	}

	#markCarried(value: ts.Node, confidence: Confidence): void {
		if (this.#carriedValues.get(value) === 'certain') {
			return;
		}
		this.#carriedValues.set(value, confidence);
		if (ts.isNewExpression(value) && ts.isIdentifier(value.expression)) {
			const declaration = this.#bindings.bindingOf(value.expression)?.parent;
			if (declaration && ts.isClassDeclaration(declaration)) {
				this.#markClosingClass(declaration, confidence);
			}
		}
	}

	#markClosingClass(declaration: ts.ClassLikeDeclaration, confidence: Confidence): void {
		if (this.#closingClasses.get(declaration) !== 'certain') {
			this.#closingClasses.set(declaration, confidence);
		}
	}

	/** The class `name instanceof C` narrows to where `node` stands (an `if`, `&&` or `?:` guard in the same function). */
	#instanceofClass(node: ts.Node, name: string): ts.ClassLikeDeclaration | undefined {
		const classOf = (condition: ts.Expression): ts.ClassLikeDeclaration | undefined => {
			const test = skipOuterExpressions(condition);
			if (ts.isBinaryExpression(test) && test.operatorToken.kind === SyntaxKind.AmpersandAmpersandToken) {
				return classOf(test.left) ?? classOf(test.right);
			}
			if (ts.isBinaryExpression(test) && test.operatorToken.kind === SyntaxKind.InstanceOfKeyword && isIdentifierNamed(skipOuterExpressions(test.left), name) &&
				ts.isIdentifier(test.right)) {
				const declaration = this.#bindings.bindingOf(test.right)?.parent;
				return declaration && ts.isClassLike(declaration) ? declaration : undefined;
			}
			return undefined;
		};
		let child: ts.Node = node;
		for (let current = node.parent; current && !isFunctionLike(current) && !ts.isSourceFile(current); child = current, current = current.parent) {
			const found = ts.isIfStatement(current) && current.thenStatement === child ? classOf(current.expression)
				: ts.isBinaryExpression(current) && current.operatorToken.kind === SyntaxKind.AmpersandAmpersandToken && current.right === child ? classOf(current.left)
				: ts.isConditionalExpression(current) && current.whenTrue === child ? classOf(current.condition) : undefined;
			if (found) {
				return found;
			}
		}
		return undefined;
	}

	/** What a block throws: `throw` statements in it (not in nested functions) and in the functions it calls, a few calls deep. */
	#thrownIn(body: ts.Node, depth: number, seen: Set<ts.Node>): ts.Expression[] {
		const thrown: ts.Expression[] = [];
		if (seen.has(body) || depth > 3) {
			return thrown;
		}
		seen.add(body);
		const visit = (node: ts.Node): void => {
			if (ts.isThrowStatement(node)) {
				thrown.push(skipOuterExpressions(node.expression));
			} else if (ts.isCallExpression(node)) {
				const callees = this.#sites.calleesOf(node);
				for (const callee of callees?.length === 1 ? callees : []) {
					const calleeBody = (callee as ts.FunctionLikeDeclaration).body;
					if (calleeBody) {
						thrown.push(...this.#thrownIn(calleeBody, depth + 1, seen));
					}
				}
			}
			if (!isFunctionLike(node) || node === body) {
				ts.forEachChild(node, visit);
			}
		};
		visit(body);
		return thrown;
	}

	/**
	 * A value that ends up as the `code` of an object closed with (see `collect`): `throw { code: 4403 }`,
	 * `throw new ProtocolError(4400, …)` whose constructor stores that parameter as `code`, `super(4401, …)` in a subclass,
	 * `this.code = 4401` in the constructor of a class whose instances are closed with.
	 */
	carriedCloseCode(top: ts.Expression): Confidence | undefined {
		const parent = top.parent;
		if (ts.isPropertyAssignment(parent) && parent.initializer === top && propertyNameText(parent.name) === 'code') {
			return this.#carriedValues.get(climb(parent.parent));
		}
		if ((ts.isNewExpression(parent) || ts.isCallExpression(parent)) && parent.arguments?.includes(top)) {
			const declaration = ts.isNewExpression(parent) && ts.isIdentifier(parent.expression) ? this.#bindings.bindingOf(parent.expression)?.parent
				: ts.isCallExpression(parent) && parent.expression.kind === SyntaxKind.SuperKeyword ? this.#baseClass(enclosingClass(parent)) : undefined;
			const owner = ts.isCallExpression(parent) ? enclosingClass(parent) : declaration;
			const confidence = declaration && owner && ts.isClassLike(declaration) && ts.isClassLike(owner) ? this.#closingClassStrength(owner) : undefined;
			const constructor = confidence && (declaration as ts.ClassLikeDeclaration).members.find(ts.isConstructorDeclaration);
			const parameter = constructor ? constructor.parameters[parent.arguments!.indexOf(top)] : undefined;
			return parameter && storesAsCode(parameter, constructor!) ? confidence : undefined;
		}
		if (ts.isBinaryExpression(parent) && parent.right === top && parent.operatorToken.kind === SyntaxKind.EqualsToken) {
			const target = skipOuterExpressions(parent.left);
			const fn = enclosingFunction(parent);
			const owner = fn && ts.isConstructorDeclaration(fn) ? fn.parent : undefined;
			return owner && ts.isPropertyAccessExpression(target) && target.expression.kind === SyntaxKind.ThisKeyword && target.name.text === 'code'
				? this.#closingClassStrength(owner) : undefined;
		}
		return undefined;
	}

	/** A class is closed with when it is, or a class it extends is (`instanceof CloseError` catches its subclasses). */
	#closingClassStrength(declaration: ts.ClassLikeDeclaration | undefined, depth = 0): Confidence | undefined {
		return declaration && depth < 4 ? this.#closingClasses.get(declaration) ?? this.#closingClassStrength(this.#baseClass(declaration), depth + 1) : undefined;
	}

	#baseClass(declaration: ts.Node | undefined): ts.ClassLikeDeclaration | undefined {
		const heritage = declaration && ts.isClassLike(declaration) ? declaration.heritageClauses?.find((clause) => clause.token === SyntaxKind.ExtendsKeyword) : undefined;
		const base = heritage?.types[0] && skipOuterExpressions(heritage.types[0].expression);
		const found = base && ts.isIdentifier(base) ? this.#bindings.bindingOf(base)?.parent : undefined;
		return found && ts.isClassLike(found) ? found : undefined;
	}
}

/** `constructor(public code: number, …)`, or `this.code = code` in the constructor: the parameter becomes the `code`. */
function storesAsCode(parameter: ts.ParameterDeclaration, constructor: ts.ConstructorDeclaration): boolean {
	if (!ts.isIdentifier(parameter.name)) {
		return false;
	}
	if (parameter.name.text === 'code' && ts.getModifiers(parameter)?.some((modifier) => modifier.kind === SyntaxKind.PublicKeyword ||
		modifier.kind === SyntaxKind.ReadonlyKeyword || modifier.kind === SyntaxKind.ProtectedKeyword || modifier.kind === SyntaxKind.PrivateKeyword)) {
		return true;
	}
	const name = parameter.name.text;
	return constructor.body?.statements.some((statement) => {
		const expression = ts.isExpressionStatement(statement) ? skipOuterExpressions(statement.expression) : undefined;
		if (!expression || !ts.isBinaryExpression(expression) || expression.operatorToken.kind !== SyntaxKind.EqualsToken) {
			return false;
		}
		const target = skipOuterExpressions(expression.left);
		return ts.isPropertyAccessExpression(target) && target.expression.kind === SyntaxKind.ThisKeyword && target.name.text === 'code' &&
			isIdentifierNamed(skipOuterExpressions(expression.right), name);
	}) ?? false;
}
