import ts from 'typescript';
import { climb, isFunctionLike, propertyNameText, skipOuterExpressions } from '../ast';
import type { FileBindings } from './bindings';
import { closeEventKey, equalityOperators, isCodeProperty } from './listeners';
import { enclosingClass, enclosingFunction, methodName } from './scopes';
import { hasContraryWord, words } from '../names';

/**
 * Where values move in a file, as the walk collects it for the data flow (see `flow/valueFlow.ts`): the functions
 * and what calls them, assignments, returns, comparisons and the `code` reads of objects.
 */

const SyntaxKind = ts.SyntaxKind;

/** Functions the data flow follows into: declarations, methods, function expressions, arrows and constructors. */
export type FunctionNode = ts.SignatureDeclaration & { readonly parameters: ts.NodeArray<ts.ParameterDeclaration> };

export class FlowSites {
	readonly functions: FunctionNode[] = [];
	/** Methods and property functions by name (`_close`, `onClose`): how `this._close(…)` finds its function. */
	readonly methodsByName = new Map<string, FunctionNode[]>();
	/** Identifiers in places where a value can become a close code (call arguments, property values, assigned values). */
	readonly valueReferences: ts.Identifier[] = [];
	/** `let x = value` and `x = value`: how values move into variables. */
	readonly assignments: { readonly target: ts.Identifier; readonly value: ts.Expression }[] = [];
	/** Calls with arguments, for following values into the parameters of this file's functions. */
	readonly calls: (ts.CallExpression | ts.NewExpression)[] = [];
	/** `obj.reason = …` / `obj.wasClean`, keyed by function and object: where `obj.code = …` builds a close event. */
	readonly #closeEventWrites = new Set<string>();
	/** Objects whose `wasClean` a function reads or writes (same keys): close events, so their `code` is a close code. */
	readonly wasCleanObjects = new Set<string>();
	/** `return value` statements, for functions whose result is a close code. */
	readonly returns: { readonly fn: ts.Node; readonly value: ts.Expression }[] = [];
	/** Targets of `x = …`, `x += …`, `x++`: not constants (see `DeclarationIndex.markReassigned`). */
	readonly reassignments: ts.Identifier[] = [];
	/** `this.x = value` in a class: how a received code moves into a field (`this.lastStatus = event.code`). */
	readonly fieldAssignments: { readonly target: ts.PropertyAccessExpression; readonly value: ts.Expression }[] = [];
	/** `x.lastStatus = value` on any object (`this` too): the writes of a field name, for `ValueFlow`'s named fields. */
	readonly memberAssignments: { readonly target: ts.PropertyAccessExpression; readonly value: ts.Expression }[] = [];
	/**
	 * Code-like field names (see `isFieldCodeName`) written some other way than `x.name = value`: an object literal's
	 * property, a class field's initialiser, `x.name += …`. Such a field holds what this file cannot follow.
	 */
	readonly otherMemberWrites = new Set<string>();
	/** `a === b` / `a !== b` anywhere, and equality assertions among `calls`: where a value meets a received code. */
	readonly equalities: ts.BinaryExpression[] = [];
	/** `x.code` reads of a variable or parameter, for the objects whose `code` is closed with. */
	readonly codeReads: ts.PropertyAccessExpression[] = [];
	/**
	 * `msg.code`, `msg.data.code` handed to a call or `new` (outermost access only): where a property path of a local
	 * object may reach a close sink (see `pathOf` and `HeldCodes.pathHolders`).
	 */
	readonly pathArguments: ts.PropertyAccessExpression[] = [];
	readonly #bindings: FileBindings;
	/** The bindings of `reassignments`, built on first use. */
	#reassigned: Set<ts.Identifier> | undefined;

	constructor(bindings: FileBindings) {
		this.#bindings = bindings;
	}

	collect(node: ts.Node): void {
		if ((ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node) || ts.isPropertyDeclaration(node)) && ts.isIdentifier(node.name) &&
			isFieldCodeName(node.name.text)) {
			const initializer = ts.isShorthandPropertyAssignment(node) ? node.name : node.initializer;
			if (initializer && !isNothing(initializer)) {
				this.otherMemberWrites.add(node.name.text);
			}
		}
		if (ts.isIdentifier(node)) {
			const parent = node.parent;
			// Most names stand where no value moves on (`a.b`, declarations, types): only these parents can lead to a
			// consumer below.
			switch (parent.kind) {
				case SyntaxKind.CallExpression:
				case SyntaxKind.NewExpression:
				case SyntaxKind.PropertyAssignment:
				case SyntaxKind.ShorthandPropertyAssignment:
				case SyntaxKind.BinaryExpression:
				case SyntaxKind.ConditionalExpression:
				case SyntaxKind.ParenthesizedExpression:
				case SyntaxKind.AsExpression:
				case SyntaxKind.SatisfiesExpression:
				case SyntaxKind.NonNullExpression:
				case SyntaxKind.TypeAssertionExpression:
					break;
				default:
					return;
			}
			if (ts.isShorthandPropertyAssignment(parent) && parent.name === node) {
				if (isCodeProperty(node.text)) {
					this.valueReferences.push(node);
				}
				return;
			}
			const top = climb(node);
			const consumer = top.parent;
			if (((ts.isCallExpression(consumer) || ts.isNewExpression(consumer)) && consumer.expression !== top) ||
				(ts.isPropertyAssignment(consumer) && consumer.initializer === top && isCodeProperty(propertyNameText(consumer.name))) ||
				(ts.isBinaryExpression(consumer) && consumer.right === top && consumer.operatorToken.kind === ts.SyntaxKind.EqualsToken)) {
				this.valueReferences.push(node);
			}
			return;
		}
		if (isFunctionLike(node) || ts.isConstructorDeclaration(node)) {
			this.functions.push(node);
			if (ts.isArrowFunction(node) && !ts.isBlock(node.body)) {
				this.returns.push({ fn: node, value: node.body });
			}
			const name = methodName(node);
			if (name !== undefined) {
				const list = this.methodsByName.get(name);
				if (list) {
					list.push(node);
				} else {
					this.methodsByName.set(name, [node]);
				}
			}
			return;
		}
		if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
			this.assignments.push({ target: node.name, value: node.initializer });
			return;
		}
		if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
			(node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) {
			if (ts.isIdentifier(node.operand)) {
				this.reassignments.push(node.operand);
			} else if (ts.isPropertyAccessExpression(node.operand) && isFieldCodeName(node.operand.name.text)) {
				this.otherMemberWrites.add(node.operand.name.text);
			}
			return;
		}
		if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
			node.operatorToken.kind <= ts.SyntaxKind.LastAssignment && node.operatorToken.kind !== ts.SyntaxKind.EqualsToken) {
			const target = skipOuterExpressions(node.left);
			if (ts.isIdentifier(target)) {
				this.reassignments.push(target);
			} else if (ts.isPropertyAccessExpression(target) && isFieldCodeName(target.name.text)) {
				this.otherMemberWrites.add(target.name.text);
			}
			return;
		}
		if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
			const target = skipOuterExpressions(node.left);
			if (ts.isPropertyAccessExpression(target) && isFieldCodeName(target.name.text)) {
				this.memberAssignments.push({ target, value: node.right });
			}
			if (ts.isIdentifier(target)) {
				this.assignments.push({ target, value: node.right });
				this.reassignments.push(target);
			} else if (ts.isPropertyAccessExpression(target) && target.expression.kind === ts.SyntaxKind.ThisKeyword && target.name.text !== 'reason') {
				this.fieldAssignments.push({ target, value: node.right });
			} else if (ts.isPropertyAccessExpression(target) && target.name.text === 'reason') {
				const key = closeEventKey(target.expression);
				if (key !== undefined) {
					this.#closeEventWrites.add(key);
				}
			}
			return;
		}
		if (ts.isPropertyAccessExpression(node) && !ts.isPropertyAccessExpression(node.parent)) {
			// Most accesses are callees or stand elsewhere: only an argument is asked for its path (which builds a key).
			const top = climb(node);
			const consumer = top.parent;
			if ((ts.isCallExpression(consumer) || ts.isNewExpression(consumer)) && consumer.expression !== top && pathOf(node)) {
				this.pathArguments.push(node);
			}
		}
		// `err.code`: read back from an error or message object (see `Carriers.collect` in flow/carriers.ts).
		if (ts.isPropertyAccessExpression(node) && node.name.text === 'code' && ts.isIdentifier(node.expression)) {
			this.codeReads.push(node);
			return;
		}
		// `ev.wasClean`, read or written: only close events have it.
		if (ts.isPropertyAccessExpression(node) && node.name.text === 'wasClean') {
			const key = closeEventKey(node.expression);
			if (key !== undefined) {
				this.#closeEventWrites.add(key);
				this.wasCleanObjects.add(key);
			}
			return;
		}
		if (ts.isBinaryExpression(node) && equalityOperators.has(node.operatorToken.kind)) {
			this.equalities.push(node);
			return;
		}
		if (ts.isReturnStatement(node) && node.expression) {
			const fn = enclosingFunction(node);
			if (fn) {
				this.returns.push({ fn, value: node.expression });
			}
			return;
		}
		if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments && node.arguments.length > 0) {
			this.calls.push(node);
		}
	}

	/** Is the variable or parameter `binding` declares assigned again (`x = …`, `x += …`, `x++`) anywhere in the file? */
	isReassigned(binding: ts.Identifier): boolean {
		this.#reassigned ??= new Set(this.reassignments.map((target) => this.#bindings.bindingOf(target)).filter((found) => found !== undefined));
		return this.#reassigned.has(binding);
	}

	/** Is `target` (`ev.code`) the code of an object that also gets a `reason` or `wasClean` in the same function? */
	isCloseEventCodeWrite(target: ts.PropertyAccessExpression): boolean {
		const key = closeEventKey(target.expression);
		return key !== undefined && this.#closeEventWrites.has(key);
	}

	/**
	 * The functions of this file a call may invoke. A plain name is resolved by scope (`fail(…)`, `new CloseEvent(…)`;
	 * minified bundles reuse short names in every module), a method by its name (`this._close(…)`,
	 * `self._beginClose(…)` → every method or prototype function of that name in the file).
	 */
	calleesOf(call: ts.CallExpression | ts.NewExpression): readonly FunctionNode[] | undefined {
		const callee = skipOuterExpressions(call.expression);
		if (ts.isPropertyAccessExpression(callee)) {
			// Minifiers rename methods to one or two letters, reused by every class of a bundle: not a name to go by.
			return callee.name.text.length > 2 ? this.methodsByName.get(callee.name.text) : undefined;
		}
		if (!ts.isIdentifier(callee)) {
			return undefined;
		}
		const declaration = this.#bindings.bindingOf(callee)?.parent;
		if (!declaration) {
			return undefined;
		}
		if (ts.isFunctionDeclaration(declaration)) {
			return [declaration];
		}
		if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
			const value = skipOuterExpressions(declaration.initializer);
			return isFunctionLike(value) ? [value] : undefined;
		}
		if (ts.isClassDeclaration(declaration) && ts.isNewExpression(call)) {
			const constructor = declaration.members.find(ts.isConstructorDeclaration);
			return constructor ? [constructor] : undefined;
		}
		return undefined;
	}

	/** The methods called `name` of the class a node is in (or, outside any class, of the file's prototype-style code). */
	classMethods(name: string, node: ts.Node): FunctionNode[] {
		const owner = enclosingClass(node);
		return (this.methodsByName.get(name) ?? []).filter((fn) => enclosingClass(fn) === owner);
	}

	/** The names of the parameters at `index` of the functions of this file a call may invoke. */
	parameterNamesAt(call: ts.CallExpression | ts.NewExpression, index: number): string[] {
		const names: string[] = [];
		for (const callee of this.calleesOf(call) ?? []) {
			const parameter = callee.parameters[index];
			if (parameter && ts.isIdentifier(parameter.name)) {
				names.push(parameter.name.text);
			}
		}
		return names;
	}
}

/** How deep a property path of a local object is followed: `msg.code`, `msg.data.code`, `event.detail.error.code`. */
const maxPathDepth = 3;

/**
 * The object and property path of `msg.code` or `msg.data.code`: plain property names read from a variable or
 * parameter (not `this`, not computed, not a call's result), a few levels deep. The key joins the names with dots.
 */
export function pathOf(expression: ts.Expression): { readonly root: ts.Identifier; readonly key: string } | undefined {
	const names: string[] = [];
	let node = skipOuterExpressions(expression);
	while (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.name) && names.length < maxPathDepth) {
		names.unshift(node.name.text);
		node = skipOuterExpressions(node.expression);
	}
	return names.length > 0 && ts.isIdentifier(node) ? { root: node, key: names.join('.') } : undefined;
}

/**
 * A field name that says it keeps a code or a status, in more than one word: `lastCloseCode`, `lastStatus`,
 * `disconnectCode` — not a bare `code` or `status` (every error and response has one), nor `statusCode` (HTTP's), nor a
 * time or a count (`exitCodeTimeout`).
 */
export function isFieldCodeName(name: string): boolean {
	// Asked for every property written in a file: most names end otherwise, and need not be split into words.
	if (!fieldCodeEnding.test(name)) {
		return false;
	}
	const list = words(name);
	const last = list[list.length - 1];
	return list.length >= 2 && (last === 'status' || (last === 'code' && !list.includes('status'))) && !hasContraryWord(name);
}

const fieldCodeEnding = /(?:code|status)$/i;

/** `null`, `undefined`, `void 0`: what a field is cleared to, not another value it holds. */
export function isNothing(expression: ts.Expression): boolean {
	const node = skipOuterExpressions(expression);
	return node.kind === SyntaxKind.NullKeyword || (ts.isIdentifier(node) && node.text === 'undefined') || ts.isVoidExpression(node);
}
