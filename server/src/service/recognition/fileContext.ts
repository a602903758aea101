import ts from 'typescript';
import {
	forEachDescendant, boundNames, isCandidateNumber, isExpressionReference, calleeName as calleeNameOf, climb, contains, functionName, isFunctionLike, isIdentifierNamed, propertyNameText,
	skipOuterExpressions,
} from './ast';
import { isCodeName, isEventName, nameMatchesCode, saysCloseCode, saysClosing, saysClosingHelper, words } from './names';
import { assertedValue, closeCodeSink, codeValueOf, equalityAssertions, namesCloseCodeValue } from './sinks';
import { lookupRegistered } from '../closeCodes';
import type { LinkedFacts } from './crossModule';
import type { Confidence, SinkContext } from './types';
import { compiledEnumName, objectOwner, type Declaration, isStatementLevel, literalTypeValue, typeOwnerName, numericValues } from './file/declarations';
import { enclosingClass, scopeOf, blockScopeOf, functionScopeOf, enclosingFunction, methodName } from './file/scopes';
import { equalityOperators, type CloseHandlerInfo, narrowedToCloseEvent, narrowedByCloseDiscriminant, isCodeProperty, isReasonParameter, closeEventKey, handlesErrors, isOnceClose, promiseExecutor, resolvedValues, resolvesWithCloseEventObject, unwrappedListener, boundMethodName } from './file/listeners';

export { findBinding, functionName, isFunctionLike, isIdentifierNamed, propertyNameText, skipOuterExpressions } from './ast';

/**
 * What the rules need to know about the file as a whole: is it about WebSockets at all, which names are
 * declared with numeric values, which functions are close handlers, and which variables and parameters hold a
 * close code. Built once per analysis, in one walk over the syntax tree plus a data-flow pass over what it collected.
 */

const SyntaxKind = ts.SyntaxKind;

/** Module specifiers that make a file WebSocket code. */
const webSocketModules = /(?:^|[/@-])(?:ws|[\w.-]*websockets?[\w.-]*|isomorphic-ws|graphql-ws|partysocket|mock-socket|crossws|sockette|socket\.io[\w-]*|engine\.io[\w-]*|sockjs[\w-]*|undici)(?:$|[/-])/i;

/** Global or imported names that make a file WebSocket code. */
const webSocketGlobals = new Set([
	'WebSocket', 'WebSocketServer', 'CloseEvent', 'WebSocketStream', 'WebSocketPair', 'ServerWebSocket', 'upgradeWebSocket',
	'WebSocketError', 'ReconnectingWebSocket', 'IsomorphicWebSocket',
]);

/**
 * Whose rules a `close()` call follows. `whatwg`: browsers, Node 22+'s global WebSocket, Deno clients (1000 and
 * 3000–4999 only). `ws`: the npm package (1000–1014 except 1004–1006, and 3000–4999). `server`: a runtime whose
 * `close()` is not WHATWG-strict, so only RFC rules apply: server-side sockets (Deno's upgradeWebSocket, Bun,
 * Cloudflare, uWebSockets.js) and Bun's client.
 * `unknown`: the file does not tell; the `websocketCloseCodes.environment` setting decides.
 */
export type CloseApi = 'whatwg' | 'ws' | 'server' | 'unknown';

/** Packages whose `WebSocket` follows the `ws` rules. */
const wsPackages = new Set(['ws', 'isomorphic-ws']);

/** Functions the data flow follows into: declarations, methods, function expressions, arrows and constructors. */
type FunctionNode = ts.SignatureDeclaration & { readonly parameters: ts.NodeArray<ts.ParameterDeclaration> };

/** How many times the data flow is propagated: enough for helper chains (fail → failWebsocketConnection → close). */
const flowRounds = 4;

export class FileContext implements SinkContext {
	readonly isWebSocketFile: boolean;
	readonly #declarations = new Map<string, Declaration[]>();
	/** Members of objects and classes by member name, for `this.NAME` (`this.ERRORS.protocol_error`, `this.MAX_CODE`). */
	readonly #members = new Map<string, Declaration[]>();
	/** Other names a container is exported or assigned under: `exports.CloseCode = i` gives `i` the name `CloseCode`. */
	readonly #aliases = new Map<string, Set<string>>();
	/** Whether each object literal with numeric members has only numeric members. */
	readonly #numericObjects = new Map<ts.ObjectLiteralExpression, boolean>();
	readonly #closeHandlers = new Map<ts.Node, CloseHandlerInfo>();
	/** Close listeners passed by name (`socket.bind('closed', onClosed)`), resolved once every declaration is known. */
	readonly #namedListeners: { readonly listener: ts.Identifier; readonly info: CloseHandlerInfo }[] = [];
	/** Close listeners that are methods of the registering class (`ws.on('close', this.onClose.bind(this))`). */
	readonly #boundListeners: { readonly name: string; readonly info: CloseHandlerInfo; readonly registration: ts.Node }[] = [];
	/** Listeners by event name (`conn.on('disconnected', fn)`): what an `emit` of that event in this file hands them. */
	readonly #eventListeners = new Map<string, { readonly listener: ts.Expression; readonly registration: ts.Node }[]>();
	/** Local names bound to the `ws` package's WebSocket class (`import WebSocket from 'ws'`, `require('ws')`…). */
	readonly #wsClassNames = new Set<string>();
	#identifiersByText: Map<string, ts.Identifier[]> | undefined;
	/** The file imports or requires the `ws` package in any form (`const { WebSocketServer } = require('ws')`). */
	#usesWsPackage = false;
	/** Local names bound to a whole `ws` module (`import * as WS from 'ws'` → `new WS.WebSocket()`). */
	readonly #wsModuleNames = new Set<string>();
	/** The file runs on a server runtime whose sockets accept any code (Deno.upgradeWebSocket, Bun.serve…). */
	#serverRuntime = false;
	/**
	 * The file uses Bun's globals. Bun's global WebSocket client is not WHATWG-strict: it accepts the `ws` code set
	 * (1001–1014 included) and throws only where RFC rules do, so only RFC rules apply to it (checked against
	 * Bun 1.4.5 in test/runtimes).
	 */
	#bunRuntime = false;
	/** The file constructs the global WebSocket (`new WebSocket(url)` with no import of that name). */
	#constructsGlobalWebSocket = false;
	/** The first `new …` assigned to each variable name and to each `this.` field: how a socket was created. */
	readonly #variableConstructions = new Map<string, ts.NewExpression>();
	readonly #fieldConstructions = new Map<string, ts.NewExpression>();

	// Scopes and data flow.
	/** The names each scope (function, block, file) declares, for `bindingOf`. */
	readonly #scopes = new Map<ts.Node, Map<string, ts.Identifier>>();
	readonly #bindingCache = new Map<ts.Identifier, ts.Identifier | undefined>();
	readonly #functions: FunctionNode[] = [];
	/** Methods and property functions by name (`_close`, `onClose`): how `this._close(…)` finds its function. */
	readonly #methodsByName = new Map<string, FunctionNode[]>();
	/** Identifiers in places where a value can become a close code (call arguments, property values, assigned values). */
	readonly #valueReferences: ts.Identifier[] = [];
	/** `let x = value` and `x = value`: how values move into variables. */
	readonly #assignments: { readonly target: ts.Identifier; readonly value: ts.Expression }[] = [];
	/** Calls with arguments, for following values into the parameters of this file's functions. */
	readonly #calls: (ts.CallExpression | ts.NewExpression)[] = [];
	/** `obj.reason = …` / `obj.wasClean`, keyed by function and object: where `obj.code = …` builds a close event. */
	readonly #closeEventWrites = new Set<string>();
	/** Objects whose `wasClean` a function reads or writes (same keys): close events, so their `code` is a close code. */
	readonly #wasCleanObjects = new Set<string>();
	/** `return value` statements, for functions whose result is a close code. */
	readonly #returns: { readonly fn: ts.Node; readonly value: ts.Expression }[] = [];
	/** Functions whose result is a close code: their call is at a sink, or they return a code they hold. */
	readonly #returnsCloseCode = new Map<ts.Node, Confidence>();
	/** Targets of `x = …`, `x += …`, `x++`, and (once the walk is done) the bindings they assign: not constants. */
	readonly #reassignments: ts.Identifier[] = [];
	readonly #reassigned = new Set<ts.Identifier>();
	/** Switches whose labels say they are on close codes (see `switchOnCloseCodes`), computed on first use. */
	readonly #switches = new Map<ts.SwitchStatement, Confidence | undefined>();
	/** Variables and parameters (their declaring identifiers) that hold a close code. */
	readonly #holders = new Map<ts.Identifier, Confidence>();
	/** `this.x = value` in a class: how a received code moves into a field (`this.lastStatus = event.code`). */
	readonly #fieldAssignments: { readonly target: ts.PropertyAccessExpression; readonly value: ts.Expression }[] = [];
	/** Fields (by class and name) assigned a close code: `this.lastStatus === 4001` elsewhere in the class compares one. */
	readonly #fieldHolders = new Map<ts.Node, Map<string, Confidence>>();
	/** Promise results being resolved (`#promisedCloseCode`): guards against a value defined through itself. */
	readonly #resolving = new Set<ts.Identifier>();
	/** Parameters whose argument ends up as a close code: the arguments passed for them are close codes. */
	readonly #sendParameters = new Map<ts.ParameterDeclaration, Confidence>();
	/** `a === b` / `a !== b` anywhere, and equality assertions among `#calls`: where a value meets a received code. */
	readonly #equalities: ts.BinaryExpression[] = [];
	/**
	 * Parameters compared with (or asserted equal to) a received close code: `function expectClose(code) {
	 * evt.code.should.equal(code) }`, `isCode(expected) { return event.code === expected }`. The arguments passed for
	 * them are the codes the close is expected to carry.
	 */
	readonly #comparedParameters = new Map<ts.ParameterDeclaration, Confidence>();
	readonly #requireInitialisers = new Map<ts.Expression, boolean>();
	/** `x.code` reads of a variable or parameter, for the objects whose `code` is closed with. */
	readonly #codeReads: ts.PropertyAccessExpression[] = [];
	/** Values (thrown objects, `new` errors) that end up as an object whose `code` is closed with, and how surely. */
	readonly #carriedValues = new Map<ts.Node, Confidence>();
	/** Classes (by declaration) whose instances' `code` is closed with. */
	readonly #closingClasses = new Map<ts.ClassLikeDeclaration, Confidence>();
	/** Destructured loop variables compared with (or asserted equal to) a received close code. */
	readonly #comparedElements = new Map<ts.Identifier, Confidence>();
	/** Lists received close codes are pushed to (see `collectsCloseCodes`). */
	readonly #collections = new Map<ts.Identifier, Confidence>();
	#mayImport: boolean | undefined;

	/**
	 * The nodes the site walk of `findCloseCodeSites` acts on, in document order (pre-order, as a recursive walk
	 * visits them): calls, element accesses, `in` tests, candidate numeric literals and names that may refer to a
	 * constant. Collected by this constructor's walk so the file is walked once, not twice.
	 */
	readonly siteNodes: ts.Node[] = [];

	/** `linked`: what the workspace knows about the modules this file imports (functions of theirs that close). */
	constructor(readonly sourceFile: ts.SourceFile, readonly linked?: LinkedFacts) {
		let webSocket = false;
		const siteNodes = this.siteNodes;
		// One walk; each kind goes only to the collectors that read it (the walk runs on every keystroke in every
		// file with a candidate, so a node costs one switch, not a dozen type tests per collector).
		forEachDescendant(sourceFile, (node) => {
			switch (node.kind) {
				case SyntaxKind.Identifier:
					webSocket ||= this.#saysWebSocket(node);
					this.#serverRuntime ||= (node as ts.Identifier).escapedText === 'WebSocketPair' || (node as ts.Identifier).escapedText === 'uWS';
					this.#collectFlow(node);
					if (isExpressionReference(node)) {
						siteNodes.push(node);
					}
					return false;
				case SyntaxKind.StringLiteral:
				case SyntaxKind.NoSubstitutionTemplateLiteral:
					webSocket ||= this.#saysWebSocket(node);
					return false;
				case SyntaxKind.NumericLiteral:
					if (isCandidateNumber(node as ts.NumericLiteral, sourceFile)) {
						siteNodes.push(node);
					}
					return false;
				case SyntaxKind.VariableDeclaration:
					this.#collectDeclaration(node);
					this.#collectApiFacts(node);
					this.#collectScope(node);
					this.#collectFlow(node);
					return true;
				case SyntaxKind.PropertyAssignment:
				case SyntaxKind.PropertySignature:
				case SyntaxKind.EnumMember:
					this.#collectDeclaration(node);
					return true;
				case SyntaxKind.PropertyDeclaration:
					this.#collectDeclaration(node);
					this.#collectConstruction(node);
					return true;
				case SyntaxKind.BinaryExpression:
					this.#collectDeclaration(node);
					this.#collectCloseHandler(node);
					this.#collectConstruction(node);
					this.#collectFlow(node);
					if ((node as ts.BinaryExpression).operatorToken.kind === SyntaxKind.InKeyword) {
						siteNodes.push(node);
					}
					return true;
				case SyntaxKind.CallExpression:
					this.#collectCloseHandler(node);
					this.#collectFlow(node);
					siteNodes.push(node);
					return true;
				case SyntaxKind.NewExpression:
					this.#collectApiFacts(node);
					this.#collectFlow(node);
					return true;
				case SyntaxKind.PropertyAccessExpression:
					this.#collectApiFacts(node);
					this.#collectFlow(node);
					if (isExpressionReference(node)) {
						siteNodes.push(node);
					}
					return true;
				case SyntaxKind.ElementAccessExpression:
					siteNodes.push(node);
					return true;
				case SyntaxKind.ArrowFunction:
				case SyntaxKind.FunctionExpression:
				case SyntaxKind.FunctionDeclaration:
				case SyntaxKind.MethodDeclaration:
					this.#collectCloseHandler(node);
					this.#collectScope(node);
					this.#collectFlow(node);
					return true;
				case SyntaxKind.Constructor:
				case SyntaxKind.PrefixUnaryExpression:
				case SyntaxKind.PostfixUnaryExpression:
				case SyntaxKind.ReturnStatement:
					this.#collectFlow(node);
					return true;
				case SyntaxKind.ImportDeclaration:
					this.#collectApiFacts(node);
					return true;
				case SyntaxKind.ImportEqualsDeclaration:
					this.#collectApiFacts(node);
					this.#collectScope(node);
					return true;
				case SyntaxKind.Parameter:
				case SyntaxKind.ClassDeclaration:
				case SyntaxKind.ClassExpression:
				case SyntaxKind.EnumDeclaration:
				case SyntaxKind.ImportClause:
				case SyntaxKind.NamespaceImport:
				case SyntaxKind.ImportSpecifier:
					this.#collectScope(node);
					return true;
				default:
					// Other tokens (keywords, operators, template parts) have no children and say nothing.
					return node.kind >= SyntaxKind.FirstNode;
			}
		});
		this.isWebSocketFile = webSocket;
		this.#constructsGlobalWebSocket &&= !this.#wsClassNames.has('WebSocket');
		this.#resolveNamedListeners();
		for (const target of this.#reassignments) {
			const binding = this.bindingOf(target);
			if (binding) {
				this.#reassigned.add(binding);
			}
		}
		this.#analyseFlow();
	}

	#saysWebSocket(node: ts.Node): boolean {
		if (ts.isStringLiteralLike(node) && webSocketModules.test(node.text)) {
			const parent = node.parent;
			return ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent) ||
				(ts.isCallExpression(parent) && (isIdentifierNamed(parent.expression, 'require') || parent.expression.kind === ts.SyntaxKind.ImportKeyword));
		}
		if (!ts.isIdentifier(node)) {
			return false;
		}
		const text = node.text;
		// Every name of a file comes here until one says WebSocket: one test rules out almost all of them.
		if (!/websocket|closeevent/i.test(text)) {
			return false;
		}
		if (webSocketGlobals.has(text)) {
			return true;
		}
		// Names built on "WebSocket": kWebSocket, failWebsocketConnection, WebSocketConnection, isWebSocketOpen.
		return /websocket/i.test(text) && words(text).some((word, i, list) => word === 'websocket' || (word === 'web' && list[i + 1] === 'socket'));
	}

	// ---- declarations -------------------------------------------------------------------------------------

	#addDeclaration(declaration: Declaration): void {
		const list = this.#declarations.get(declaration.key);
		if (list) {
			list.push(declaration);
		} else {
			this.#declarations.set(declaration.key, [declaration]);
		}
		if (declaration.form === 'member' || declaration.form === 'field' || declaration.form === 'static') {
			const members = this.#members.get(declaration.name);
			if (members) {
				members.push(declaration);
			} else {
				this.#members.set(declaration.name, [declaration]);
			}
		}
	}

	#collectDeclaration(node: ts.Node): void {
		// const GOING_AWAY = 1001; let codes = [1000, 1001]; declare const GOING_AWAY: 1001
		if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && (node.initializer || node.type)) {
			const value = node.initializer ? numericValues(node.initializer) : literalTypeValue(node.type);
			if (value) {
				const name = node.name.text;
				this.#addDeclaration({
					key: name, name, container: undefined, literals: value.literals, isList: value.isList, scope: scopeOf(node), form: 'variable',
					declaredBy: node.name,
				});
			}
			return;
		}
		// Members of named objects, at any depth: const CloseCode = Object.freeze({ Normal: 1000 }); { ERRORS: { going_away: 1001 } }
		if (ts.isPropertyAssignment(node)) {
			const name = propertyNameText(node.name);
			const value = numericValues(node.initializer);
			const object = node.parent;
			const owner = value && name !== undefined ? objectOwner(object) : undefined;
			if (owner && value && name !== undefined) {
				this.#addDeclaration({
					key: `${owner.name}.${name}`, name, container: owner.name, literals: value.literals, isList: value.isList, scope: owner.scope,
					form: 'member', group: object, groupIsNumeric: this.#isNumericObject(object),
				});
			}
			return;
		}
		// class Codes { static NORMAL = 1000; closeCode = 1000 }, and in declarations `static readonly NORMAL: 1000`
		if (ts.isPropertyDeclaration(node) && (node.initializer || node.type) && ts.isClassLike(node.parent) && node.parent.name) {
			const name = propertyNameText(node.name);
			const value = node.initializer ? numericValues(node.initializer) : literalTypeValue(node.type);
			if (name !== undefined && value) {
				const container = node.parent.name.text;
				this.#addDeclaration({ key: `${container}.${name}`, name, container, literals: value.literals, isList: value.isList, scope: scopeOf(node.parent), form: 'field', group: node.parent });
			}
			return;
		}
		// Constant objects as declaration files describe them: `declare const CLOSE_CODES: { readonly NORMAL: 1000 }`,
		// `interface CloseCodes { NORMAL: 1000 }`.
		if (ts.isPropertySignature(node) && node.type) {
			const name = propertyNameText(node.name);
			const value = literalTypeValue(node.type);
			const owner = value && name !== undefined ? typeOwnerName(node.parent) : undefined;
			if (owner && value && name !== undefined) {
				this.#addDeclaration({
					key: `${owner}.${name}`, name, container: owner, literals: value.literals, isList: false, scope: this.sourceFile,
					form: 'member', group: node.parent, groupIsNumeric: true,
				});
			}
			return;
		}
		// enum CloseCode { GoingAway = 1001 } (also `declare enum` and `const enum`)
		if (ts.isEnumMember(node) && node.initializer) {
			const name = propertyNameText(node.name);
			const value = numericValues(node.initializer);
			if (name !== undefined && value && !value.isList) {
				const container = node.parent.name.text;
				this.#addDeclaration({ key: `${container}.${name}`, name, container, literals: value.literals, isList: false, scope: scopeOf(node.parent), form: 'enum', group: node.parent });
			}
			return;
		}
		if (!ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.EqualsToken) {
			return;
		}
		const target = skipOuterExpressions(node.left);
		const right = skipOuterExpressions(node.right);
		// exports.CloseCode = i: the container `i` is known as CloseCode elsewhere.
		if (ts.isPropertyAccessExpression(target) && ts.isIdentifier(right)) {
			const aliases = this.#aliases.get(right.text) ?? new Set<string>();
			aliases.add(target.name.text);
			this.#aliases.set(right.text, aliases);
			return;
		}
		if (!ts.isNumericLiteral(right)) {
			return;
		}
		// Compiled enums: E[E["GoingAway"] = 1001] = "GoingAway" (tsc), E2[E2["GoingAway"] = 1001] (esbuild),
		// e[e.GoingAway=1001]="GoingAway" (minified).
		const compiledMember = ts.isElementAccessExpression(target) && ts.isIdentifier(target.expression) && ts.isStringLiteral(target.argumentExpression)
			? { container: target.expression, name: target.argumentExpression.text }
			: ts.isPropertyAccessExpression(target) && ts.isIdentifier(target.expression) && ts.isElementAccessExpression(node.parent) &&
				node.parent.argumentExpression === node ? { container: target.expression, name: target.name.text } : undefined;
		if (compiledMember) {
			const enumFunction = enclosingFunction(node);
			const container = compiledEnumName(compiledMember.container, enumFunction);
			this.#addDeclaration({
				key: `${container}.${compiledMember.name}`, name: compiledMember.name, container, literals: [right], isList: false,
				scope: scopeOf(enumFunction ?? node), form: 'enum', group: enumFunction ?? node.getSourceFile(),
			});
			return;
		}
		// Static members written as assignments: WebSocketConnection.CLOSE_REASON_NORMAL = 1000;
		if (ts.isPropertyAccessExpression(target) && ts.isIdentifier(target.expression) && isStatementLevel(node)) {
			const container = target.expression.text;
			this.#addDeclaration({ key: `${container}.${target.name.text}`, name: target.name.text, container, literals: [right], isList: false, scope: scopeOf(node), form: 'static' });
		}
	}

	#isNumericObject(object: ts.ObjectLiteralExpression): boolean {
		let numeric = this.#numericObjects.get(object);
		if (numeric === undefined) {
			numeric = object.properties.every((property) => ts.isPropertyAssignment(property) && numericValues(property.initializer) !== undefined);
			this.#numericObjects.set(object, numeric);
		}
		return numeric;
	}

	/** All declarations, for the rules that decide from names alone. */
	*declarations(): Iterable<Declaration> {
		for (const list of this.#declarations.values()) {
			for (const declaration of list) {
				if (this.#isConstant(declaration)) {
					yield declaration;
				}
			}
		}
	}

	/** A variable assigned again (`let code = 1005; … code = 1006`) holds more than its initial value. */
	#isConstant(declaration: Declaration): boolean {
		return declaration.declaredBy === undefined || !this.#reassigned.has(declaration.declaredBy);
	}

	/** The names a container goes by: its own and those it is exported under (`exports.CloseCode = i`). */
	containerNames(container: string): readonly string[] {
		const aliases = this.#aliases.get(container);
		return aliases ? [container, ...aliases] : [container];
	}

	/**
	 * The declaration an expression refers to: `GOING_AWAY`, `CloseCode.GoingAway`, `codes.GOING_AWAY`,
	 * `this.ERRORS.protocol_error`, `this.MAX_RESERVED_ERROR`.
	 * Shadowing is handled the simple way: the innermost declaring scope that contains the reference wins.
	 */
	resolve(expression: ts.Expression): Declaration | undefined {
		const node = skipOuterExpressions(expression);
		let key: string | undefined;
		let member: string | undefined;
		if (ts.isIdentifier(node)) {
			key = node.text;
		} else if (ts.isPropertyAccessExpression(node) || (ts.isElementAccessExpression(node) && ts.isStringLiteral(node.argumentExpression))) {
			const name = ts.isPropertyAccessExpression(node) ? node.name.text : (node.argumentExpression as ts.StringLiteral).text;
			const object = skipOuterExpressions(node.expression);
			if (ts.isIdentifier(object)) {
				key = `${object.text}.${name}`;
			} else if (ts.isPropertyAccessExpression(object)) {
				key = `${object.name.text}.${name}`;
			} else if (object.kind === ts.SyntaxKind.ThisKeyword) {
				member = name;
			}
		}
		if (member !== undefined) {
			// this.NAME: a member of the object or class the method belongs to; only when the file has one such member.
			const members = this.#members.get(member);
			return members?.length === 1 ? members[0] : undefined;
		}
		const candidates = key === undefined ? undefined : this.#declarations.get(key);
		if (!candidates) {
			return undefined;
		}
		let best: Declaration | undefined;
		for (const candidate of candidates) {
			if (!this.#isConstant(candidate)) {
				continue;
			}
			if (contains(candidate.scope, node) && (!best || contains(best.scope, candidate.scope))) {
				best = candidate;
			}
		}
		// Members reached through a chain (`this.ERRORS.going_away`) are visible wherever their object is.
		if (!best && candidates.length === 1 && candidates[0].form !== 'variable' && !ts.isIdentifier(node)) {
			best = candidates[0];
		}
		return best;
	}

// ---- which API a socket follows ---------------------------------------------------------------------

	#collectApiFacts(node: ts.Node): void {
		// import WebSocket from 'ws'; import { WebSocket as WS } from 'ws'; import * as ws from 'ws'
		if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && wsPackages.has(node.moduleSpecifier.text)) {
			const clause = node.importClause;
			if (clause?.name) {
				this.#wsClassNames.add(clause.name.text);
			}
			this.#usesWsPackage = true;
			const bindings = clause?.namedBindings;
			if (bindings && ts.isNamespaceImport(bindings)) {
				this.#wsModuleNames.add(bindings.name.text);
			} else if (bindings) {
				for (const element of bindings.elements) {
					if ((element.propertyName ?? element.name).text === 'WebSocket') {
						this.#wsClassNames.add(element.name.text);
					}
				}
			}
			return;
		}
		// import WebSocket = require('ws')
		if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) &&
			ts.isStringLiteral(node.moduleReference.expression) && wsPackages.has(node.moduleReference.expression.text)) {
			this.#wsClassNames.add(node.name.text);
			return;
		}
		// const WebSocket = require('ws'); const { WebSocket, WebSocketServer } = require('ws')
		if (ts.isVariableDeclaration(node) && node.initializer && isRequireOf(node.initializer, wsPackages)) {
			this.#usesWsPackage = true;
			if (ts.isIdentifier(node.name)) {
				this.#wsClassNames.add(node.name.text);
				this.#wsModuleNames.add(node.name.text);
			} else if (ts.isObjectBindingPattern(node.name)) {
				for (const element of node.name.elements) {
					const imported = element.propertyName && ts.isIdentifier(element.propertyName) ? element.propertyName.text
						: ts.isIdentifier(element.name) ? element.name.text : undefined;
					if (imported === 'WebSocket' && ts.isIdentifier(element.name)) {
						this.#wsClassNames.add(element.name.text);
					}
				}
			}
			return;
		}
		if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
			const owner = node.expression.text;
			const member = node.name.text;
			if ((owner === 'Deno' && member === 'upgradeWebSocket') || (owner === 'Bun' && member === 'serve')) {
				this.#serverRuntime = true;
			}
			this.#bunRuntime ||= owner === 'Bun';
			return;
		}
		if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'WebSocket') {
			this.#constructsGlobalWebSocket = true;
		}
	}

	/**
	 * Evidence that `receiver` is a WebSocket, beyond its name: it was created with a WebSocket class, it is declared
	 * with a WebSocket type, it is the socket a `connection` handler is given, or it is `this` in a class that extends
	 * a WebSocket class. (A `close(n)` on anything else — `pool.close(1005)` in a `ws` server — is not certain.)
	 */
	isWebSocketReceiver(receiver: ts.Expression): boolean {
		const node = skipOuterExpressions(receiver);
		const creation = ts.isNewExpression(node) ? node : this.#creationOf(node);
		if (creation && ts.isNewExpression(creation)) {
			const constructor = skipOuterExpressions(creation.expression);
			const name = ts.isIdentifier(constructor) ? constructor.text : ts.isPropertyAccessExpression(constructor) ? constructor.name.text : '';
			if (/websocket/i.test(name) || this.#wsClassNames.has(name)) {
				return true;
			}
		}
		if (ts.isIdentifier(node)) {
			const declaration = this.bindingOf(node)?.parent;
			if (declaration && (ts.isParameter(declaration) || ts.isVariableDeclaration(declaration)) && declaration.type &&
				/WebSocket/.test(declaration.type.getText())) {
				return true;
			}
			// `server.on('connection', (ws) => …)`: the handler's first parameter is the connection's socket.
			const handler = declaration && ts.isParameter(declaration) ? declaration.parent : undefined;
			const registration = handler?.parent;
			if (handler && registration && ts.isCallExpression(registration) && registration.arguments[1] === handler &&
				handler.parameters[0] === declaration && ts.isStringLiteralLike(registration.arguments[0]) && registration.arguments[0].text === 'connection') {
				return true;
			}
		}
		if (node.kind === ts.SyntaxKind.ThisKeyword) {
			for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
				if (ts.isClassLike(current)) {
					return current.heritageClauses?.some((clause) => /WebSocket/.test(clause.getText())) ?? false;
				}
			}
		}
		return false;
	}

	/** Every reference to the variable `name` declares (by binding, so a shadowing variable's are not), built on first use. */
	referencesTo(name: ts.Identifier): ts.Identifier[] {
		// Identifiers by text, gathered in one walk the first time; bindings are resolved only for the names asked about.
		if (!this.#identifiersByText) {
			const byText = new Map<string, ts.Identifier[]>();
			forEachDescendant(this.sourceFile, (node) => {
				if (node.kind === SyntaxKind.Identifier) {
					const identifier = node as ts.Identifier;
					if (!(ts.isPropertyAccessExpression(identifier.parent) && identifier.parent.name === identifier)) {
						const list = byText.get(identifier.text);
						if (list) {
							list.push(identifier);
						} else {
							byText.set(identifier.text, [identifier]);
						}
					}
					return false;
				}
				return node.kind >= SyntaxKind.FirstNode;
			});
			this.#identifiersByText = byText;
		}
		return (this.#identifiersByText.get(name.text) ?? []).filter((identifier) => identifier !== name && this.bindingOf(identifier) === name);
	}

	/** Which rules `receiver.close(…)` follows, from how the receiver was created (or, failing that, the file). */
	closeApiOf(receiver: ts.Expression | undefined): CloseApi {
		const creation = receiver && this.#creationOf(receiver);
		if (creation && ts.isNewExpression(creation)) {
			const constructor = skipOuterExpressions(creation.expression);
			if (ts.isIdentifier(constructor)) {
				if (this.#wsClassNames.has(constructor.text)) {
					return 'ws';
				}
				if (constructor.text === 'WebSocket') {
					return this.#bunRuntime ? 'server' : 'whatwg';
				}
			}
			if (ts.isPropertyAccessExpression(constructor) && ts.isIdentifier(constructor.expression) &&
				this.#wsModuleNames.has(constructor.expression.text)) {
				return 'ws';
			}
		}
		if (this.#serverRuntime) {
			return 'server';
		}
		// `import { WebSocketServer } from 'ws'` too: the sockets such a file closes are the ones `ws` gives it.
		const importsWs = this.#wsClassNames.size > 0 || this.#wsModuleNames.size > 0 || this.#usesWsPackage;
		if (importsWs && !this.#constructsGlobalWebSocket) {
			return 'ws';
		}
		if (this.#constructsGlobalWebSocket && !importsWs) {
			return this.#bunRuntime ? 'server' : 'whatwg';
		}
		return 'unknown';
	}

	/** The expression a socket variable or field was created with: `const ws = new WebSocket(url)`, `this.ws = …`. */
	#creationOf(receiver: ts.Expression): ts.Expression | undefined {
		const node = skipOuterExpressions(receiver);
		if (ts.isIdentifier(node)) {
			const declaration = this.bindingOf(node)?.parent;
			if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) {
				return skipOuterExpressions(declaration.initializer);
			}
			return this.#constructionAssignedTo(node.text, false);
		}
		if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) {
			return this.#constructionAssignedTo(node.name.text, true);
		}
		return undefined;
	}

	/** The first `new …` assigned anywhere in the file to `name` (or to `this.name`, or a field initialiser). */
	#constructionAssignedTo(name: string, isField: boolean): ts.Expression | undefined {
		return (isField ? this.#fieldConstructions : this.#variableConstructions).get(name);
	}

	/** Collects `x = new …`, `this.x = new …` and `x = new …` field initialisers, first one per name (document order). */
	#collectConstruction(node: ts.Node): void {
		let target: Map<string, ts.NewExpression> | undefined;
		let name: string | undefined;
		let value: ts.Expression | undefined;
		if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
			value = node.right;
			if (ts.isIdentifier(node.left)) {
				target = this.#variableConstructions;
				name = node.left.text;
			} else if (ts.isPropertyAccessExpression(node.left) && node.left.expression.kind === ts.SyntaxKind.ThisKeyword) {
				target = this.#fieldConstructions;
				name = node.left.name.text;
			}
		} else if (ts.isPropertyDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
			target = this.#fieldConstructions;
			name = node.name.text;
			value = node.initializer;
		}
		const construction = value && skipOuterExpressions(value);
		if (target && name !== undefined && construction && ts.isNewExpression(construction) && !target.has(name)) {
			target.set(name, construction);
		}
	}

		// ---- close handlers -----------------------------------------------------------------------------------

	#collectCloseHandler(node: ts.Node): void {
		// ws.on('close', fn) / ws.once('close', fn) / socket.addEventListener('close', fn) / pusher's bind('closed', fn)
		if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.arguments.length >= 2) {
			const method = node.expression.name.text;
			const [event, listener] = node.arguments;
			if (/^(?:on|once|addListener|prependListener|prependOnceListener)$/.test(method) && ts.isStringLiteralLike(event)) {
				const listeners = this.#eventListeners.get(event.text) ?? [];
				this.#eventListeners.set(event.text, listeners);
				listeners.push({ listener, registration: node });
			}
			if (/^(?:on|once|addListener|prependListener|prependOnceListener|addEventListener|bind)$/.test(method) &&
				ts.isStringLiteralLike(event) && /^(?:close|closed|disconnect|disconnected)$/.test(event.text)) {
				// Node's EventEmitter passes ws's (code, reason); the others pass an event object. `closed` and `disconnected`
				// are what wrappers re-emit, with an object (`this.emit('disconnected', { code: e.code })`).
				const info = {
					firstParamIsCode: method !== 'addEventListener' && method !== 'bind' && event.text !== 'closed' && event.text !== 'disconnected', registered: true,
				};
				const fn = unwrappedListener(listener);
				if (fn) {
					this.#closeHandlers.set(fn, info);
				} else if (ts.isIdentifier(listener)) {
					this.#namedListeners.push({ listener, info });
				} else {
					const name = boundMethodName(listener);
					if (name !== undefined) {
						this.#boundListeners.push({ name, info, registration: node });
					}
				}
			}
			return;
		}
		// socket.onclose = fn
		const assigned = ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) &&
			/^on_?close$/i.test(node.left.name.text) ? unwrappedListener(node.right) : undefined;
		if (assigned) {
			this.#closeHandlers.set(assigned, { firstParamIsCode: false, registered: true });
			return;
		}
		// Functions and methods whose names say they handle the end of a connection: onClose, handleClose, close(ws, code, reason)
		const name = isFunctionLike(node) ? functionName(node) : undefined;
		// Cloudflare's Durable Object hibernation API calls `webSocketClose(ws, code, reason, wasClean)` with what the peer sent.
		if (name === 'webSocketClose' && isFunctionLike(node) && node.parameters.length >= 2) {
			this.#closeHandlers.set(node, { firstParamIsCode: false, registered: true, codeParameter: 1 });
			return;
		}
		if (name !== undefined && (saysClosing(name) || /^on_?close$/i.test(name)) && !this.#closeHandlers.has(node)) {
			this.#closeHandlers.set(node, { firstParamIsCode: false, registered: false });
		}
	}

	/** `const onClosed = (event) => …; socket.bind('closed', onClosed)`: the named function is a close listener. */
	#resolveNamedListeners(): void {
		for (const { listener, info } of this.#namedListeners) {
			const declaration = this.bindingOf(listener)?.parent;
			const fn = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? skipOuterExpressions(declaration.initializer)
				: declaration && ts.isFunctionDeclaration(declaration) ? declaration : undefined;
			if (fn && isFunctionLike(fn) && !this.#closeHandlers.get(fn)?.registered) {
				this.#closeHandlers.set(fn, info);
			}
		}
		for (const { name, info, registration } of this.#boundListeners) {
			for (const fn of this.#classMethods(name, registration)) {
				if (!this.#closeHandlers.get(fn)?.registered) {
					this.#closeHandlers.set(fn, info);
				}
			}
		}
	}

	/** The methods called `name` of the class a node is in (or, outside any class, of the file's prototype-style code). */
	#classMethods(name: string, node: ts.Node): FunctionNode[] {
		const owner = enclosingClass(node);
		return (this.#methodsByName.get(name) ?? []).filter((fn) => enclosingClass(fn) === owner);
	}

	/** The functions a listener expression runs: written in place, named, or a method of the registering class. */
	#listenerFunctions(listener: ts.Expression, registration: ts.Node): readonly FunctionNode[] {
		const fn = unwrappedListener(listener);
		if (fn) {
			return isFunctionLike(fn) ? [fn as FunctionNode] : [];
		}
		const value = skipOuterExpressions(listener);
		if (ts.isIdentifier(value)) {
			const declaration = this.bindingOf(value)?.parent;
			const named = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? skipOuterExpressions(declaration.initializer)
				: declaration && ts.isFunctionDeclaration(declaration) ? declaration : undefined;
			return named && isFunctionLike(named) ? [named as FunctionNode] : [];
		}
		const name = boundMethodName(listener);
		return name === undefined ? [] : this.#classMethods(name, registration);
	}

	/**
	 * `this.emit('disconnected', code, reason)` with a close code: each listener of that event in this file
	 * (`conn.on('disconnected', (status) => …)`) gets it at the same place, whatever its parameter is called.
	 */
	#forwardEmitted(call: ts.CallExpression | ts.NewExpression): boolean {
		const event = call.arguments?.[0];
		if (!ts.isCallExpression(call) || calleeNameOf(call.expression) !== 'emit' || call.arguments.length < 2 || !event || !ts.isStringLiteralLike(event)) {
			return false;
		}
		const listeners = this.#eventListeners.get(event.text);
		let changed = false;
		call.arguments.forEach((argument, index) => {
			const held = index > 0 && listeners ? this.holdsCloseCode(argument) : undefined;
			if (!held) {
				return;
			}
			for (const { listener, registration } of listeners!) {
				for (const fn of this.#listenerFunctions(listener, registration)) {
					const parameter = fn.parameters[index - 1];
					if (parameter && ts.isIdentifier(parameter.name) && parameter.dotDotDotToken === undefined &&
						this.#holders.get(parameter.name) !== 'certain' && this.#holders.get(parameter.name) !== held) {
						this.#holders.set(parameter.name, held);
						changed = true;
					}
				}
			}
		});
		return changed;
	}

	closeHandler(fn: ts.Node): CloseHandlerInfo | undefined {
		return this.#closeHandlers.get(fn);
	}

	/**
	 * A listener registered by name for a close (`const onClose = jest.fn(); ws.on('close', onClose)`): how it is called.
	 * Tests assert on such spies: `expect(onClose).toHaveBeenCalledWith(1006, …)`.
	 */
	registeredCloseListener(identifier: ts.Identifier): CloseHandlerInfo | undefined {
		const binding = this.bindingOf(identifier);
		return binding && this.#namedListeners.find(({ listener }) => this.bindingOf(listener) === binding)?.info;
	}

	// ---- scopes -------------------------------------------------------------------------------------------

	#declare(scope: ts.Node, name: ts.Identifier): void {
		let names = this.#scopes.get(scope);
		if (!names) {
			names = new Map();
			this.#scopes.set(scope, names);
		}
		if (!names.has(name.text)) {
			names.set(name.text, name);
		}
	}

	#collectScope(node: ts.Node): void {
		if (ts.isVariableDeclaration(node)) {
			const list = node.parent;
			const scope = ts.isCatchClause(list) ? list
				: ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.BlockScoped) !== 0 ? blockScopeOf(node) : functionScopeOf(node);
			for (const name of boundNames(node.name)) {
				this.#declare(scope, name);
			}
		} else if (ts.isParameter(node)) {
			for (const name of boundNames(node.name)) {
				this.#declare(node.parent, name);
			}
		} else if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isEnumDeclaration(node)) && node.name) {
			this.#declare(blockScopeOf(node), node.name);
		} else if ((ts.isFunctionExpression(node) || ts.isClassExpression(node)) && node.name) {
			this.#declare(node, node.name);
		} else if ((ts.isImportClause(node) || ts.isNamespaceImport(node) || ts.isImportSpecifier(node) || ts.isImportEqualsDeclaration(node)) && node.name) {
			this.#declare(this.sourceFile, node.name);
		}
	}

	/**
	 * The identifier that declares the variable, parameter, function or import an identifier refers to, with
	 * JavaScript's scoping (`var` and function declarations belong to the function, `let`/`const` to the block).
	 */
	bindingOf(reference: ts.Identifier): ts.Identifier | undefined {
		if (this.#bindingCache.has(reference)) {
			return this.#bindingCache.get(reference);
		}
		let found: ts.Identifier | undefined;
		for (let scope: ts.Node | undefined = reference.parent; scope && !found; scope = scope.parent) {
			found = this.#scopes.get(scope)?.get(reference.text);
		}
		this.#bindingCache.set(reference, found);
		return found;
	}

	// ---- data flow ----------------------------------------------------------------------------------------

	#collectFlow(node: ts.Node): void {
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
					this.#valueReferences.push(node);
				}
				return;
			}
			const top = climb(node);
			const consumer = top.parent;
			if (((ts.isCallExpression(consumer) || ts.isNewExpression(consumer)) && consumer.expression !== top) ||
				(ts.isPropertyAssignment(consumer) && consumer.initializer === top && isCodeProperty(propertyNameText(consumer.name))) ||
				(ts.isBinaryExpression(consumer) && consumer.right === top && consumer.operatorToken.kind === ts.SyntaxKind.EqualsToken)) {
				this.#valueReferences.push(node);
			}
			return;
		}
		if (isFunctionLike(node) || ts.isConstructorDeclaration(node)) {
			this.#functions.push(node);
			if (ts.isArrowFunction(node) && !ts.isBlock(node.body)) {
				this.#returns.push({ fn: node, value: node.body });
			}
			const name = methodName(node);
			if (name !== undefined) {
				const list = this.#methodsByName.get(name);
				if (list) {
					list.push(node);
				} else {
					this.#methodsByName.set(name, [node]);
				}
			}
			return;
		}
		if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
			this.#assignments.push({ target: node.name, value: node.initializer });
			return;
		}
		if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && ts.isIdentifier(node.operand) &&
			(node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) {
			this.#reassignments.push(node.operand);
			return;
		}
		if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
			node.operatorToken.kind <= ts.SyntaxKind.LastAssignment && node.operatorToken.kind !== ts.SyntaxKind.EqualsToken) {
			const target = skipOuterExpressions(node.left);
			if (ts.isIdentifier(target)) {
				this.#reassignments.push(target);
			}
			return;
		}
		if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
			const target = skipOuterExpressions(node.left);
			if (ts.isIdentifier(target)) {
				this.#assignments.push({ target, value: node.right });
				this.#reassignments.push(target);
			} else if (ts.isPropertyAccessExpression(target) && target.expression.kind === ts.SyntaxKind.ThisKeyword && target.name.text !== 'reason') {
				this.#fieldAssignments.push({ target, value: node.right });
			} else if (ts.isPropertyAccessExpression(target) && target.name.text === 'reason') {
				const key = closeEventKey(target.expression);
				if (key !== undefined) {
					this.#closeEventWrites.add(key);
				}
			}
			return;
		}
		// `err.code`: read back from an error or message object (see `#collectCarriers`).
		if (ts.isPropertyAccessExpression(node) && node.name.text === 'code' && ts.isIdentifier(node.expression)) {
			this.#codeReads.push(node);
			return;
		}
		// `ev.wasClean`, read or written: only close events have it.
		if (ts.isPropertyAccessExpression(node) && node.name.text === 'wasClean') {
			const key = closeEventKey(node.expression);
			if (key !== undefined) {
				this.#closeEventWrites.add(key);
				this.#wasCleanObjects.add(key);
			}
			return;
		}
		if (ts.isBinaryExpression(node) && equalityOperators.has(node.operatorToken.kind)) {
			this.#equalities.push(node);
			return;
		}
		if (ts.isReturnStatement(node) && node.expression) {
			const fn = enclosingFunction(node);
			if (fn) {
				this.#returns.push({ fn, value: node.expression });
			}
			return;
		}
		if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments && node.arguments.length > 0) {
			this.#calls.push(node);
		}
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
	#calleesOf(call: ts.CallExpression | ts.NewExpression): readonly FunctionNode[] | undefined {
		const callee = skipOuterExpressions(call.expression);
		if (ts.isPropertyAccessExpression(callee)) {
			// Minifiers rename methods to one or two letters, reused by every class of a bundle: not a name to go by.
			return callee.name.text.length > 2 ? this.#methodsByName.get(callee.name.text) : undefined;
		}
		if (!ts.isIdentifier(callee)) {
			return undefined;
		}
		const declaration = this.bindingOf(callee)?.parent;
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

	/**
	 * What a parameter's name and its function's signature say, before any flow: the code of a close or fail helper
	 * (`_close(code, reason)`, `closeAndRetry(error, code, reason)`, `failHandshake(handler, response, code, reason)`),
	 * the code a close-event class is constructed with — and, receive side only, the code a validity check looks at
	 * (`isValidStatusCode(code)`). A code next to a *message* is not enough: that is how error objects are built.
	 */
	#seedParameters(fn: FunctionNode): void {
		const name = ts.isConstructorDeclaration(fn) ? undefined : functionName(fn);
		const className = ts.isConstructorDeclaration(fn) ? fn.parent.name?.text : undefined;
		const parameterNames = fn.parameters.map((parameter) => (ts.isIdentifier(parameter.name) ? parameter.name.text : ''));
		const confidence: Confidence = this.isWebSocketFile ? 'certain' : 'likely';
		fn.parameters.forEach((parameter, index) => {
			const parameterName = parameterNames[index];
			if (!ts.isIdentifier(parameter.name) || !(isCodeName(parameterName) || namesCloseCodeValue(parameterName))) {
				return;
			}
			const nextToReason = isReasonParameter(parameterNames[index - 1]) || isReasonParameter(parameterNames[index + 1]);
			const closingHelper = name !== undefined && saysClosingHelper(name);
			const closeEventClass = className !== undefined && saysCloseCode(className);
			if (nextToReason || closingHelper || closeEventClass) {
				this.#sendParameters.set(parameter, confidence);
				this.#holders.set(parameter.name, confidence);
				return;
			}
			if (name !== undefined && this.#checksCloseCodes(name)) {
				this.#holders.set(parameter.name, confidence);
			}
		});
	}

	/** Calls with arguments (for what crosses modules: `isFatal(event.code)` where `isFatal` is imported). */
	callsWithArguments(): readonly (ts.CallExpression | ts.NewExpression)[] {
		return this.#calls;
	}

	/**
	 * A top-level function other modules call with a close code (`isFatal(event.code)` in client.ts for `export function
	 * isFatal(code)` here): its parameter there holds one.
	 */
	#seedFromOtherModules(fn: FunctionNode): void {
		const receivedArgument = this.linked?.receivedArgument;
		const declaration = ts.isFunctionDeclaration(fn) ? fn : ts.isVariableDeclaration(fn.parent) ? fn.parent : undefined;
		const statement = declaration && (ts.isFunctionDeclaration(declaration) ? declaration : declaration.parent.parent);
		if (!receivedArgument || !declaration?.name || !ts.isIdentifier(declaration.name) || !statement || !ts.isSourceFile(statement.parent)) {
			return;
		}
		const local = declaration.name.text;
		fn.parameters.forEach((parameter, index) => {
			const evidence = ts.isIdentifier(parameter.name) && parameter.dotDotDotToken === undefined ? receivedArgument(local, index) : undefined;
			if (evidence && ts.isIdentifier(parameter.name) && this.#holders.get(parameter.name) !== 'certain') {
				this.#holders.set(parameter.name, evidence.confidence);
			}
		});
	}

	/** `isValidStatusCode`, `isValidCloseCode`, `isFatalInternalCloseCode`, and in a WebSocket file `userSetCode`. */
	#checksCloseCodes(functionName: string): boolean {
		const list = words(functionName);
		if (!list.includes('code') || list.includes('error') || list.includes('http')) {
			return false;
		}
		return list.includes('status') || list.includes('close') || this.isWebSocketFile;
	}

	/** Marks the variable or parameter `reference` refers to as holding a close code. Returns whether anything changed. */
	#markHolder(reference: ts.Identifier, confidence: Confidence, sent: boolean): boolean {
		const binding = this.bindingOf(reference);
		const declaration = binding?.parent;
		if (!binding || !declaration || !(ts.isVariableDeclaration(declaration) || ts.isParameter(declaration) || ts.isBindingElement(declaration))) {
			return false;
		}
		let changed = false;
		if (this.#holders.get(binding) !== 'certain' && this.#holders.get(binding) !== confidence) {
			this.#holders.set(binding, confidence);
			changed = true;
		}
		if (sent && ts.isParameter(declaration) && this.#sendParameters.get(declaration) !== 'certain' &&
			this.#sendParameters.get(declaration) !== confidence) {
			this.#sendParameters.set(declaration, confidence);
			changed = true;
		}
		return changed;
	}

	/**
	 * Follows close codes through the file: a variable or parameter that reaches a sink (a `close()` argument, a
	 * close event's code, a close helper's code parameter) holds a close code, and so does one assigned from a
	 * received code (`let t = e.code`) or a parameter that is passed one (`g(code)` makes `g`'s parameter a code).
	 * Repeated a few times so that chains of helpers are followed; each round is linear in what the walk collected.
	 */
	#analyseFlow(): void {
		for (const fn of this.#functions) {
			this.#seedParameters(fn);
			this.#seedFromOtherModules(fn);
		}
		// References whose sink can change as the flow learns more: arguments of this file's functions (their
		// parameters may turn out to be sent) and values assigned to variables (which may turn out to hold codes).
		let references = this.#valueReferences;
		for (let round = 0; round < flowRounds; round++) {
			let changed = false;
			const undecided: ts.Identifier[] = [];
			for (const reference of references) {
				const top = ts.isShorthandPropertyAssignment(reference.parent) ? reference : climb(reference);
				const sink = closeCodeSink(top, this);
				if (sink) {
					changed = this.#markHolder(reference, sink.confidence, true) || changed;
				} else if (this.#mayBecomeSink(top)) {
					undecided.push(reference);
				}
			}
			references = undecided;
			for (const { target, value } of this.#assignments) {
				const held = this.holdsCloseCode(value);
				if (held) {
					changed = this.#markHolder(target, held, false) || changed;
				}
			}
			for (const { target, value } of this.#fieldAssignments) {
				const held = this.holdsCloseCode(value);
				const owner = held && enclosingClass(target);
				if (held && owner) {
					const fields = this.#fieldHolders.get(owner) ?? new Map<string, Confidence>();
					this.#fieldHolders.set(owner, fields);
					if (fields.get(target.name.text) !== 'certain' && fields.get(target.name.text) !== held) {
						fields.set(target.name.text, held);
						changed = true;
					}
				}
			}
			for (const { fn, value } of this.#returns) {
				const held = this.holdsCloseCode(value);
				if (held && this.#returnsCloseCode.get(fn) !== 'certain' && this.#returnsCloseCode.get(fn) !== held) {
					this.#returnsCloseCode.set(fn, held);
					changed = true;
				}
			}
			for (const equality of this.#equalities) {
				changed = this.#markCompared(equality.left, equality.right) || changed;
				changed = this.#markCompared(equality.right, equality.left) || changed;
			}
			for (const call of this.#calls) {
				const assertion = ts.isCallExpression(call) ? calleeNameOf(call.expression) : undefined;
				if (assertion !== undefined && equalityAssertions.test(assertion)) {
					for (const argument of call.arguments ?? []) {
						const asserted = assertedValue(call as ts.CallExpression, assertion, argument);
						changed = (asserted !== undefined && !asserted.spy && this.#markCompared(argument, asserted.value)) || changed;
					}
				}
			}
			for (const call of this.#calls) {
				changed = this.#forwardEmitted(call) || changed;
				const callees = this.#calleesOf(call);
				if (!callees || !call.arguments) {
					continue;
				}
				// `ws.close(toWireCode(code))`: the function's result is a close code.
				const sink = closeCodeSink(climb(call), this);
				for (const callee of sink ? callees : []) {
					if (this.#returnsCloseCode.get(callee) !== 'certain' && this.#returnsCloseCode.get(callee) !== sink?.confidence) {
						this.#returnsCloseCode.set(callee, sink!.confidence);
						changed = true;
					}
				}
				// A code passed to a function makes its parameter a code — when the call can only mean one function.
				call.arguments.forEach((argument, index) => {
					const held = callees.length === 1 ? this.holdsCloseCode(argument) : undefined;
					if (!held) {
						return;
					}
					for (const callee of callees) {
						const parameter = callee.parameters[index];
						if (parameter && ts.isIdentifier(parameter.name) && parameter.dotDotDotToken === undefined &&
							this.#holders.get(parameter.name) !== 'certain' && this.#holders.get(parameter.name) !== held) {
							this.#holders.set(parameter.name, held);
							changed = true;
						}
					}
				});
			}
			if (!changed) {
				break;
			}
		}
		this.#collectCodeLists();
		this.#collectCarriers();
	}

	// ---- errors and objects whose code is closed with ------------------------------------------------------

	/**
	 * Objects whose `code` the file closes with — `catch (err) { ws.close(err.code, err.message) }`, `function fail(ws,
	 * error) { ws.close(error.code) }` — and what reaches them: objects and errors thrown in the `try` (or in the
	 * functions it calls), passed for the parameter, or narrowed by `instanceof` before the close. Thrown `{ code: 4400 }`
	 * objects, the code argument of `new ProtocolError(4400, …)` whose constructor stores it as `code`, and
	 * `this.code = 4401` in such a class are then close codes.
	 */
	#collectCarriers(): void {
		for (const read of this.#codeReads) {
			const sink = closeCodeSink(climb(read), this);
			const object = read.expression as ts.Identifier;
			const binding = sink && this.bindingOf(object);
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
					this.#markCarried(thrown, narrowed ? weakerOf(confidence, 'likely') : confidence);
				}
			} else if (ts.isParameter(declaration) && declaration.name === binding) {
				const fn = declaration.parent as FunctionNode;
				const index = fn.parameters.indexOf(declaration);
				for (const call of this.#calls) {
					const argument = call.arguments?.[index];
					if (argument && this.#calleesOf(call)?.length === 1 && this.#calleesOf(call)![0] === fn) {
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
			const declaration = this.bindingOf(value.expression)?.parent;
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
				const declaration = this.bindingOf(test.right)?.parent;
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
				const callees = this.#calleesOf(node);
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
	 * A value that ends up as the `code` of an object closed with (see `#collectCarriers`): `throw { code: 4403 }`,
	 * `throw new ProtocolError(4400, …)` whose constructor stores that parameter as `code`, `super(4401, …)` in a subclass,
	 * `this.code = 4401` in the constructor of a class whose instances are closed with.
	 */
	carriedCloseCode(top: ts.Expression): Confidence | undefined {
		const parent = top.parent;
		if (ts.isPropertyAssignment(parent) && parent.initializer === top && propertyNameText(parent.name) === 'code') {
			return this.#carriedValues.get(climb(parent.parent));
		}
		if ((ts.isNewExpression(parent) || ts.isCallExpression(parent)) && parent.arguments?.includes(top)) {
			const declaration = ts.isNewExpression(parent) && ts.isIdentifier(parent.expression) ? this.bindingOf(parent.expression)?.parent
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
		const found = base && ts.isIdentifier(base) ? this.bindingOf(base)?.parent : undefined;
		return found && ts.isClassLike(found) ? found : undefined;
	}

	/** `value` is compared with `other`: a parameter compared with a received close code is a compared parameter. */
	#markCompared(value: ts.Expression, other: ts.Expression): boolean {
		const node = skipOuterExpressions(value);
		const declaration = ts.isIdentifier(node) ? this.bindingOf(node)?.parent : undefined;
		// `for (const [input, expected] of rows) assert.equal(code, expected)`: a loop's variable compared with a received code.
		if (declaration && ts.isBindingElement(declaration) && ts.isIdentifier(declaration.name) && !this.#comparedElements.has(declaration.name)) {
			const held = this.holdsCloseCode(other);
			if (held) {
				this.#comparedElements.set(declaration.name as ts.Identifier, held);
			}
		}
		if (!declaration || !ts.isParameter(declaration) || declaration.dotDotDotToken !== undefined || this.#comparedParameters.get(declaration) === 'certain') {
			return false;
		}
		// Only a code the peer sent (`evt.code`, a close listener's `code`): a parameter compared with a constant says nothing.
		const held = this.isReceivedCloseCode(other) || this.#isCloseEventCode(other) ? this.holdsCloseCode(other) : undefined;
		if (!held || this.#comparedParameters.get(declaration) === held) {
			return false;
		}
		this.#comparedParameters.set(declaration, held);
		return true;
	}

	/** `x.code` where `x` is a close event. */
	#isCloseEventCode(expression: ts.Expression): boolean {
		const node = skipOuterExpressions(expression);
		return ts.isPropertyAccessExpression(node) && node.name.text === 'code' && this.#isCloseEventObject(node.expression) !== undefined;
	}

	/** Is this destructured variable (`for (const [input, expected] of rows)`) compared with a received close code? */
	comparedElementStrength(identifier: ts.Identifier): Confidence | undefined {
		const binding = this.bindingOf(identifier);
		return binding && this.#comparedElements.get(binding);
	}

	/** Is the argument at `index` of this call passed for a parameter that is compared with a received close code? */
	comparedParameterAt(call: ts.CallExpression | ts.NewExpression, index: number): Confidence | undefined {
		let best: Confidence | undefined;
		for (const callee of this.#calleesOf(call) ?? []) {
			const parameter = callee.parameters[index];
			const confidence = parameter ? this.#comparedParameters.get(parameter) : undefined;
			if (confidence === 'certain') {
				return confidence;
			}
			best ??= confidence;
		}
		return best;
	}

	#mayBecomeSink(top: ts.Expression): boolean {
		const consumer = top.parent;
		if (ts.isCallExpression(consumer) || ts.isNewExpression(consumer)) {
			return this.#calleesOf(consumer) !== undefined;
		}
		return ts.isBinaryExpression(consumer) && consumer.operatorToken.kind === ts.SyntaxKind.EqualsToken;
	}

	/**
	 * Is the argument at `index` of this call one of this file's functions' parameters whose value ends up as a close
	 * code? Returns the evidence strength.
	 */
	sendParameterAt(call: ts.CallExpression | ts.NewExpression, index: number): Confidence | undefined {
		const callee = skipOuterExpressions(call.expression);
		if (this.linked && ts.isIdentifier(callee) && this.isImported(callee)) {
			return this.linked.importedSendParameter(callee.text, index);
		}
		let best: Confidence | undefined;
		for (const callee of this.#calleesOf(call) ?? []) {
			const parameter = callee.parameters[index];
			const confidence = parameter && parameter.dotDotDotToken === undefined ? this.#sendParameters.get(parameter) : undefined;
			if (confidence === 'certain') {
				return confidence;
			}
			best ??= confidence;
		}
		return best;
	}

	/** How surely a parameter of one of this file's functions ends up as a close code (for the workspace index). */
	sendParameterStrength(parameter: ts.ParameterDeclaration): Confidence | undefined {
		return parameter.dotDotDotToken === undefined ? this.#sendParameters.get(parameter) : undefined;
	}

	/** Does this name refer to an import (`import { X }`, `import * as X`, a top-level `require`), not shadowed where it is read? */
	isImported(reference: ts.Identifier): boolean {
		// Asked for most names of a file: a file that neither imports nor requires anything answers at once.
		this.#mayImport ??= /\bimport\b|\brequire\s*\(/.test(this.sourceFile.text);
		if (!this.#mayImport) {
			return false;
		}
		const declaration = this.bindingOf(reference)?.parent;
		if (!declaration) {
			return false;
		}
		if (ts.isImportClause(declaration) || ts.isNamespaceImport(declaration) || ts.isImportSpecifier(declaration)) {
			return true;
		}
		const variable = ts.isBindingElement(declaration) ? declaration.parent.parent : declaration;
		return ts.isVariableDeclaration(variable) && ts.isSourceFile(variable.parent.parent.parent) && variable.initializer !== undefined &&
			this.#initialisedByRequire(variable.initializer);
	}

	/** Whether a top-level initialiser's text requires a module; cached, as an initialiser may be a whole bundled module. */
	#initialisedByRequire(initializer: ts.Expression): boolean {
		let required = this.#requireInitialisers.get(initializer);
		if (required === undefined) {
			required = /\brequire\s*\(/.test(initializer.getText(this.sourceFile));
			this.#requireInitialisers.set(initializer, required);
		}
		return required;
	}

	/**
	 * Is the result of this function a close code? It is called where a close code goes (`ws.close(toWireCode(c))`), or
	 * it returns a code it holds (`if (code === 1005) return 1000; return code;`).
	 */
	returnsCloseCode(fn: ts.Node): Confidence | undefined {
		return this.#returnsCloseCode.get(fn);
	}

	/** The result of a call to one of this file's functions that return close codes: `normalizeCode(event.code)`. */
	#callResultStrength(call: ts.CallExpression): Confidence | undefined {
		let best: Confidence | undefined;
		for (const callee of this.#calleesOf(call) ?? []) {
			const confidence = this.#returnsCloseCode.get(callee);
			if (confidence === 'certain') {
				return confidence;
			}
			best ??= confidence;
		}
		return best;
	}

	/** The names of the parameters at `index` of the functions of this file a call may invoke. */
	parameterNamesAt(call: ts.CallExpression | ts.NewExpression, index: number): string[] {
		const names: string[] = [];
		for (const callee of this.#calleesOf(call) ?? []) {
			const parameter = callee.parameters[index];
			if (parameter && ts.isIdentifier(parameter.name)) {
				names.push(parameter.name.text);
			}
		}
		return names;
	}

	/** Does the variable or parameter an identifier refers to hold a close code (by the data flow)? */
	holderStrength(identifier: ts.Identifier): Confidence | undefined {
		const binding = this.bindingOf(identifier);
		return binding && this.#holders.get(binding);
	}

// ---- inlined constants ------------------------------------------------------------------------------

	/**
	 * Bundlers inline `const enum` members and leave the name in a comment: tsc writes `1000 /* CloseCodes.Normal *\/`,
	 * esbuild `1e3 /* Normal *\/`. The comment is evidence: an enum named as close codes, or a member named after its
	 * own code.
	 */
	inlinedCloseCode(literal: ts.NumericLiteral): Confidence | undefined {
		const comment = ts.getTrailingCommentRanges(this.sourceFile.text, literal.end)?.[0];
		if (!comment || comment.kind !== ts.SyntaxKind.MultiLineCommentTrivia) {
			return undefined;
		}
		const match = /^\/\*\s*((?:[\w$]+\.)*)([\w$]+)\s*\*\/$/.exec(this.sourceFile.text.slice(comment.pos, comment.end));
		if (!match) {
			return undefined;
		}
		const path = [...match[1].split('.').filter((part) => part !== ''), match[2]];
		const member = path[path.length - 1];
		const container = path.length > 1 ? path[path.length - 2] : undefined;
		if (container !== undefined && saysCloseCode(container)) {
			return 'certain';
		}
		// `1000 /* utils.ConnectionErrorCode.Normal */`: a member of an enum another module declares, recognised there.
		const imported = path.length > 1 ? this.linked?.importedDeclaration(path[0], path.slice(1)) : undefined;
		if (imported?.evidence && imported.values.includes(Number(literal.text))) {
			return imported.evidence.confidence;
		}
		// The member is named after the code: an alias (`GoingAway`), or words of its registered name (`Normal` for
		// 1000 "Normal Closure", `Abnormal`, `ProtocolError`).
		const value = Number(literal.text);
		const registered = lookupRegistered(value);
		const namesCode = nameMatchesCode(member, value) ||
			(registered !== undefined && words(member).every((word) => words(registered.name).includes(word)));
		return namesCode ? (this.isWebSocketFile ? 'certain' : 'likely') : undefined;
	}

	/** A `switch` whose `case` labels include an inlined close-code constant (`case 1e3 /* Normal *\/:`) is on close codes. */
	switchOnCloseCodes(statement: ts.SwitchStatement): Confidence | undefined {
		if (this.#switches.has(statement)) {
			return this.#switches.get(statement);
		}
		let found: Confidence | undefined;
		for (const clause of statement.caseBlock.clauses) {
			const label = ts.isCaseClause(clause) ? skipOuterExpressions(clause.expression) : undefined;
			const strength = label && ts.isNumericLiteral(label) ? this.inlinedCloseCode(label) : undefined;
			if (strength === 'certain') {
				found = strength;
				break;
			}
			found ??= strength;
		}
		this.#switches.set(statement, found);
		return found;
	}

	// ---- what holds a close code ------------------------------------------------------------------------

	/**
	 * Does this expression hold a close code at run time? `event.code` in a close handler, the `code` parameter of
	 * a `ws` close listener, `closeEvent.code`, `this.closeCode`, `const { code } = event`…
	 * The answer is the evidence strength: 'certain', 'likely', or undefined.
	 */
	holdsCloseCode(expression: ts.Expression): 'certain' | 'likely' | undefined {
		const node = skipOuterExpressions(expression);
		if (ts.isPropertyAccessExpression(node)) {
			const property = node.name.text;
			if (property === 'code') {
				return this.#isCloseEventObject(node.expression);
			}
			if (namesCloseCodeValue(property)) {
				return this.isWebSocketFile ? 'certain' : 'likely';
			}
			// `this.lastStatus`, a field this class assigns a received code to.
			const owner = node.expression.kind === ts.SyntaxKind.ThisKeyword ? enclosingClass(node) : undefined;
			return owner && this.#fieldHolders.get(owner)?.get(property);
		}
		if (ts.isIdentifier(node)) {
			if (namesCloseCodeValue(node.text)) {
				return this.isWebSocketFile ? 'certain' : 'likely';
			}
			const named = isCodeName(node.text) || this.#destructuredCode(node) ? this.#codeBindingStrength(node) : undefined;
			return named ?? this.holderStrength(node) ?? this.#promisedCloseCode(node) ?? this.#listenerCodeParameter(node);
		}
		if (ts.isCallExpression(node)) {
			return this.#callResultStrength(node);
		}
		if (ts.isElementAccessExpression(node)) {
			return this.#spiedCloseCode(node) ?? this.collectsCloseCodes(node.expression);
		}
		return undefined;
	}

	/**
	 * A list the received codes are collected into: `const codes = []; ws.on('close', (code) => codes.push(code))` —
	 * what a test then asserts (`expect(codes).toEqual([1000, 4001])`, `codes[0]`). Known once the flow is done.
	 */
	collectsCloseCodes(expression: ts.Expression): Confidence | undefined {
		const node = skipOuterExpressions(expression);
		const binding = ts.isIdentifier(node) ? this.bindingOf(node) : undefined;
		return binding && this.#collections.get(binding);
	}

	/** `codes.push(event.code)`, `codes.unshift(code)`: the lists (by binding) close codes are collected into. */
	#collectCodeLists(): void {
		for (const call of this.#calls) {
			const callee = skipOuterExpressions(call.expression);
			if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(callee) || !/^(?:push|unshift)$/.test(callee.name.text)) {
				continue;
			}
			const list = skipOuterExpressions(callee.expression);
			const binding = ts.isIdentifier(list) ? this.bindingOf(list) : undefined;
			const declaration = binding?.parent;
			const initial = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? skipOuterExpressions(declaration.initializer) : undefined;
			// Only a list this file starts empty: what it holds is what is pushed.
			if (!binding || !initial || !ts.isArrayLiteralExpression(initial) || initial.elements.length > 0 || call.arguments.length !== 1) {
				continue;
			}
			const held = this.holdsCloseCode(call.arguments[0]);
			if (held && this.#collections.get(binding) !== 'certain') {
				this.#collections.set(binding, held);
			}
		}
	}

	/**
	 * The first argument a close spy was called with, read back by a test: Jest/Vitest `ws.close.mock.calls[0][0]`,
	 * `closeSpy.mock.lastCall[0]`, Sinon `closeStub.firstCall.args[0]`, `closeStub.getCall(1).args[0]`. The spy is
	 * named as a close (`ws.close`, `closeSpy`, `onClose`) or registered as a `ws` close listener.
	 */
	#spiedCloseCode(access: ts.ElementAccessExpression): Confidence | undefined {
		const index = skipOuterExpressions(access.argumentExpression);
		if (!ts.isNumericLiteral(index) || index.text !== '0') {
			return undefined;
		}
		return this.spiedCloseCall(access.expression);
	}

	/**
	 * The arguments of one call of a close spy, as a row: `closeSpy.mock.calls[0]`, `ws.close.mock.lastCall`,
	 * `closeStub.firstCall.args` — its first element is the code the close was made with.
	 */
	spiedCloseCall(expression: ts.Expression): Confidence | undefined {
		const call = skipOuterExpressions(expression);
		let spy: ts.Expression | undefined;
		if (ts.isElementAccessExpression(call)) {
			// `<spy>.mock.calls[n]`
			const calls = skipOuterExpressions(call.expression);
			const mock = ts.isPropertyAccessExpression(calls) && calls.name.text === 'calls' ? skipOuterExpressions(calls.expression) : undefined;
			spy = mock && ts.isPropertyAccessExpression(mock) && mock.name.text === 'mock' ? mock.expression : undefined;
		} else if (ts.isPropertyAccessExpression(call) && call.name.text === 'lastCall') {
			// `<spy>.mock.lastCall`
			const mock = skipOuterExpressions(call.expression);
			spy = ts.isPropertyAccessExpression(mock) && mock.name.text === 'mock' ? mock.expression : undefined;
		} else if (ts.isPropertyAccessExpression(call) && call.name.text === 'args') {
			// `<spy>.firstCall.args`, `<spy>.lastCall.args`, `<spy>.getCall(n).args`
			const which = skipOuterExpressions(call.expression);
			spy = ts.isPropertyAccessExpression(which) && /^(?:firstCall|secondCall|thirdCall|lastCall)$/.test(which.name.text) ? which.expression
				: ts.isCallExpression(which) && ts.isPropertyAccessExpression(which.expression) && which.expression.name.text === 'getCall' ? which.expression.expression
				: undefined;
		}
		if (!spy) {
			return undefined;
		}
		const node = skipOuterExpressions(spy);
		const name = this.spiedMethod(node) ?? calleeNameOf(node);
		if (name !== undefined && saysClosingHelper(name)) {
			return this.isWebSocketFile ? 'certain' : 'likely';
		}
		return ts.isIdentifier(node) && this.registeredCloseListener(node)?.firstParamIsCode ? 'certain' : undefined;
	}

	/**
	 * The method a spy stands for: `const spy = vi.spyOn(ws, 'close')`, `jest.spyOn(socket, 'close')`, `sinon.stub(ws,
	 * 'close')` — the spy is called as that method is, whatever it is named.
	 */
	spiedMethod(spy: ts.Expression): string | undefined {
		let node = skipOuterExpressions(spy);
		if (ts.isIdentifier(node)) {
			const declaration = this.bindingOf(node)?.parent;
			node = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? skipOuterExpressions(declaration.initializer) : node;
		}
		// `jest.spyOn(socket, 'close').mockImplementation(() => {})`: the chained mock set-up returns the same spy.
		while (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && /^mock\w*$/.test(node.expression.name.text)) {
			node = skipOuterExpressions(node.expression.expression);
		}
		const method = ts.isCallExpression(node) && /^(?:spyOn|spy|stub|replace)$/.test(calleeNameOf(node.expression) ?? '') ? node.arguments[1] : undefined;
		return method && ts.isStringLiteralLike(method) ? method.text : undefined;
	}

	/**
	 * A promise's result that is a close code, whatever the variable is called: `const code = await new Promise((resolve)
	 * => ws.once('close', resolve))` (Node's emitter resolves with the listener's first argument, the code),
	 * `new Promise((r) => ws.on('close', (c) => r(c)))`, and the first parameter of `.then` on such a promise.
	 */
	#promisedCloseCode(identifier: ts.Identifier): Confidence | undefined {
		const binding = this.bindingOf(identifier);
		const declaration = binding?.parent;
		if (!binding || !declaration || this.#resolving.has(binding)) {
			return undefined;
		}
		this.#resolving.add(binding);
		try {
			if (ts.isVariableDeclaration(declaration) && declaration.name === binding && declaration.initializer) {
				const value = skipOuterExpressions(declaration.initializer);
				return ts.isAwaitExpression(value) ? this.#resolvesCloseCode(value.expression) : undefined;
			}
			if (ts.isBindingElement(declaration)) {
				return this.#promisedRowElement(declaration);
			}
			const fn = ts.isParameter(declaration) && declaration.parent.parameters[0] === declaration ? declaration.parent : undefined;
			const call = fn?.parent;
			if (fn && call && ts.isCallExpression(call) && call.arguments[0] === fn && ts.isPropertyAccessExpression(call.expression) &&
				call.expression.name.text === 'then') {
				let promise = skipOuterExpressions(call.expression.expression);
				const source = ts.isIdentifier(promise) ? this.bindingOf(promise)?.parent : undefined;
				if (source && ts.isVariableDeclaration(source) && source.initializer && (source.parent.flags & ts.NodeFlags.Const) !== 0) {
					promise = source.initializer;
				}
				return this.#resolvesCloseCode(promise);
			}
			return undefined;
		} finally {
			this.#resolving.delete(binding);
		}
	}

	/**
	 * `const [code, reason] = await new Promise((r) => ws.on('close', (c, why) => r([c, why])))`: an element of the row a
	 * promise resolves with, at the same place in the pattern, holds a close code.
	 */
	#promisedRowElement(element: ts.BindingElement): Confidence | undefined {
		const pattern = element.parent;
		const declaration = pattern.parent;
		const position = ts.isArrayBindingPattern(pattern) ? pattern.elements.indexOf(element) : -1;
		const { executor, resolve } = position >= 0 && ts.isVariableDeclaration(declaration) && declaration.initializer &&
			ts.isAwaitExpression(skipOuterExpressions(declaration.initializer)) ? promiseExecutor(declaration.initializer) ?? {} : {};
		if (!executor || !resolve) {
			return undefined;
		}
		for (const row of resolvedValues(executor, resolve)) {
			const value = ts.isArrayLiteralExpression(row) ? row.elements[position] : undefined;
			const found = value && !ts.isSpreadElement(value) ? this.holdsCloseCode(value) : undefined;
			if (found) {
				return found;
			}
		}
		return undefined;
	}

	/** Does this `new Promise(executor)` resolve with a close code? */
	#resolvesCloseCode(expression: ts.Expression): Confidence | undefined {
		const { executor, resolve } = promiseExecutor(expression) ?? {};
		if (!executor || !resolve) {
			return undefined;
		}
		let found: Confidence | undefined;
		const visit = (node: ts.Node): void => {
			if (found) {
				return;
			}
			if (ts.isCallExpression(node)) {
				const callee = skipOuterExpressions(node.expression);
				const [event, listener] = node.arguments;
				if (ts.isPropertyAccessExpression(callee) && /^(?:on|once|addListener|prependListener|prependOnceListener)$/.test(callee.name.text) &&
					event && ts.isStringLiteralLike(event) && event.text === 'close' && listener && isIdentifierNamed(listener, resolve.text)) {
					found = this.isWebSocketFile ? 'certain' : 'likely';
				} else if (isIdentifierNamed(callee, resolve.text) && node.arguments.length > 0) {
					found = this.holdsCloseCode(node.arguments[0]);
				}
			}
			if (!found) {
				ts.forEachChild(node, visit);
			}
		};
		visit(executor.body);
		return found;
	}

	/**
	 * Is this the code the peer sent, as opposed to one this program chose? `event.code` in a registered close
	 * listener, the code parameter of a `ws` close listener, `closeEvent.code`, and variables copied from them.
	 * Forwarding such a value into `close()` breaks when it is 1005, 1006 or 1015.
	 */
	isReceivedCloseCode(expression: ts.Expression): boolean {
		const node = skipOuterExpressions(expression);
		if (ts.isPropertyAccessExpression(node) && node.name.text === 'code') {
			return this.#isReceivedEventObject(node.expression);
		}
		if (!ts.isIdentifier(node)) {
			return false;
		}
		const binding = this.bindingOf(node);
		const declaration = binding?.parent;
		if (!declaration) {
			return false;
		}
		if (ts.isParameter(declaration)) {
			const handler = this.closeHandler(declaration.parent);
			const index = declaration.parent.parameters.indexOf(declaration);
			return handler !== undefined && handler.registered && (handler.firstParamIsCode ? index === 0 : handler.codeParameter === index);
		}
		if (ts.isBindingElement(declaration) && binding.text === 'code') {
			const owner = declaration.parent.parent;
			if (ts.isParameter(owner)) {
				return this.closeHandler(owner.parent)?.registered === true;
			}
			return ts.isVariableDeclaration(owner) && owner.initializer !== undefined && this.#isReceivedEventObject(owner.initializer);
		}
		return ts.isVariableDeclaration(declaration) && declaration.initializer !== undefined && this.isReceivedCloseCode(declaration.initializer);
	}

	#isReceivedEventObject(object: ts.Expression): boolean {
		const node = skipOuterExpressions(object);
		if (!ts.isIdentifier(node)) {
			return ts.isPropertyAccessExpression(node) && /close_?event$/i.test(node.name.text);
		}
		const declaration = this.bindingOf(node)?.parent;
		if (declaration && ts.isParameter(declaration)) {
			return this.closeHandler(declaration.parent)?.registered === true ||
				(declaration.type !== undefined && /\bCloseEvent\b/.test(declaration.type.getText(this.sourceFile)));
		}
		return /close_?event$/i.test(node.text);
	}

	/** Is `object` (in `object.code`) a close event? */
	#isCloseEventObject(object: ts.Expression): 'certain' | 'likely' | undefined {
		const node = skipOuterExpressions(object);
		// `server.closedWith()?.code`, `(await waitForClose(ws)).code`, and `const result = await closed(ws); result?.code`:
		// what a function named after the close returns is the close's outcome, so its `code` is the close code.
		const result = this.#closeResultCall(node);
		if (result) {
			return result;
		}
		const name = ts.isIdentifier(node) ? node.text : ts.isPropertyAccessExpression(node) ? node.name.text : undefined;
		if (name === undefined) {
			return undefined;
		}
		if (ts.isIdentifier(node) && narrowedToCloseEvent(node)) {
			return 'certain';
		}
		// `if (msg.type === 'close') { … msg.code … }`: a message narrowed to a close by its discriminant.
		if (ts.isIdentifier(node) && narrowedByCloseDiscriminant(node)) {
			return this.isWebSocketFile ? 'certain' : 'likely';
		}
		if (ts.isIdentifier(node)) {
			const binding = this.bindingOf(node);
			if (binding && ts.isParameter(binding.parent)) {
				const parameter = binding.parent;
				if (parameter.type && /CloseEvent/.test(parameter.type.getText(this.sourceFile))) {
					return 'certain';
				}
				if (this.closeHandler(parameter.parent)) {
					return 'certain';
				}
				if (handlesErrors(parameter.parent)) {
					return undefined;
				}
			}
			// `catch (e) { if (e.code === 4001) … }`: an error's code, whatever the variable is called.
			if (binding && ts.isVariableDeclaration(binding.parent) && ts.isCatchClause(binding.parent.parent)) {
				return undefined;
			}
			// `const [event] = await once(client, 'close')`: an emitter that passes an event object; its `code` is the close code.
			const element = binding?.parent;
			const pattern = element && ts.isBindingElement(element) ? element.parent : undefined;
			if (pattern && ts.isArrayBindingPattern(pattern) && pattern.elements[0] === element && ts.isVariableDeclaration(pattern.parent) &&
				pattern.parent.initializer && isOnceClose(pattern.parent.initializer)) {
				return 'certain';
			}
			const copied = binding && (this.#copiedCloseCode(binding) ?? this.#promisedCloseEvent(binding));
			if (copied) {
				return copied;
			}
		}
		if (/close_?event/i.test(name)) {
			return 'certain';
		}
		// `if (e.wasClean === false || e.code !== 1000)`: only close events have `wasClean`.
		const key = closeEventKey(node);
		if (key !== undefined && this.#wasCleanObjects.has(key)) {
			return this.isWebSocketFile ? 'certain' : 'likely';
		}
		return isEventName(name) && this.isWebSocketFile ? 'likely' : undefined;
	}

	/**
	 * A call to a function named after a close (`closedWith()`, `waitForClose(ws)`, `nextClose()`), awaited or not, or a
	 * `const` initialised with one: its result describes the close. Not a closing helper whose name says something else
	 * (`closeTimeout()`, `scheduleClose()`), and not `close()` itself, which returns nothing worth a `code`.
	 */
	#closeResultCall(node: ts.Expression, depth = 0, awaitedBefore = false): Confidence | undefined {
		let value = node;
		let awaited = awaitedBefore;
		while (ts.isAwaitExpression(value) || ts.isParenthesizedExpression(value) || ts.isNonNullExpression(value) || ts.isAsExpression(value)) {
			awaited ||= ts.isAwaitExpression(value);
			value = value.expression;
		}
		if (ts.isIdentifier(value) && depth === 0) {
			const declaration = this.bindingOf(value)?.parent;
			return declaration && ts.isVariableDeclaration(declaration) && declaration.name === this.bindingOf(value) && declaration.initializer &&
				(declaration.parent.flags & ts.NodeFlags.Const) !== 0 ? this.#closeResultCall(declaration.initializer, depth + 1, awaited) : undefined;
		}
		if (!ts.isCallExpression(value)) {
			return undefined;
		}
		const name = calleeNameOf(value.expression);
		// `client.once('close')` with no listener is the promise of the close (Emittery, RPC clients), and an awaited
		// `client.close()` resolves with the close it made (`const { code } = await client.close({ code: 4000 })`).
		const [event] = value.arguments;
		if ((name === 'once' && value.arguments.length === 1 && ts.isStringLiteralLike(event) && /^(?:close|closed)$/.test(event.text)) ||
			(name === 'close' && awaited)) {
			return this.isWebSocketFile ? 'certain' : 'likely';
		}
		// `waitForClose` / `waitUntilClosed` wait for the close and return it: there `wait` is no time, as in `closeWait`.
		const list = name === undefined ? [] : words(name);
		const rest = list[0] === 'wait' ? list.slice(list[1] === 'for' || list[1] === 'until' ? 2 : 1) : list;
		const restName = rest.join('_');
		if (name === undefined || name === 'close' || rest.length === 0 || !saysClosingHelper(restName) || !saysClosing(restName)) {
			return undefined;
		}
		return this.isWebSocketFile ? 'certain' : 'likely';
	}

	/**
	 * An object built with a received code as its `code`: `const info = { code: event.code, reason: event.reason }`,
	 * `const error = { type: 'CONNECTION_ERROR', code: ev.code }`. Reading `info.code` reads the close code back.
	 */
	#copiedCloseCode(binding: ts.Identifier): Confidence | undefined {
		const declaration = binding.parent;
		if (!ts.isVariableDeclaration(declaration) || declaration.name !== binding || !declaration.initializer || this.#resolving.has(binding)) {
			return undefined;
		}
		const object = skipOuterExpressions(declaration.initializer);
		if (!ts.isObjectLiteralExpression(object)) {
			return undefined;
		}
		const value = codeValueOf(object);
		if (!value) {
			return undefined;
		}
		this.#resolving.add(binding);
		try {
			return this.holdsCloseCode(value);
		} finally {
			this.#resolving.delete(binding);
		}
	}

	/**
	 * A variable awaiting a promise that resolves with a close: `const event = await new Promise((r) =>
	 * ws.addEventListener('close', r))`, `const result = await new Promise((resolve) => ws.once('close', (code, reason) =>
	 * resolve({ code, reason })))` — its `code` is the close code, whatever the variable is called.
	 */
	#promisedCloseEvent(binding: ts.Identifier): Confidence | undefined {
		const declaration = binding.parent;
		const { executor, resolve } = ts.isVariableDeclaration(declaration) && declaration.name === binding && declaration.initializer &&
			ts.isAwaitExpression(skipOuterExpressions(declaration.initializer)) ? promiseExecutor(declaration.initializer) ?? {} : {};
		if (!executor || !resolve || this.#resolving.has(binding)) {
			return undefined;
		}
		if (resolvesWithCloseEventObject(executor, resolve)) {
			return this.isWebSocketFile ? 'certain' : 'likely';
		}
		this.#resolving.add(binding);
		try {
			for (const value of resolvedValues(executor, resolve)) {
				const code = ts.isObjectLiteralExpression(value) ? codeValueOf(value) : undefined;
				const found = code ? this.holdsCloseCode(code) : ts.isIdentifier(value) ? this.#isCloseEventObject(value) : undefined;
				if (found) {
					return found;
				}
			}
			return undefined;
		} finally {
			this.#resolving.delete(binding);
		}
	}

	/** Is this expression a close event (`event` in a close listener, a `CloseEvent` parameter, `closeEvent`)? */
	closeEventStrength(object: ts.Expression): Confidence | undefined {
		return this.#isCloseEventObject(object);
	}

	/**
	 * The parameter a registered close listener receives the code in, whatever it is called: the first of a `ws`-style
	 * listener (`ws.on('close', this.onClose.bind(this))` with `onClose(event, reason)`), the second of `webSocketClose`.
	 */
	#listenerCodeParameter(identifier: ts.Identifier): Confidence | undefined {
		const declaration = this.bindingOf(identifier)?.parent;
		if (!declaration || !ts.isParameter(declaration) || !ts.isIdentifier(declaration.name)) {
			return undefined;
		}
		const handler = this.closeHandler(declaration.parent);
		const index = declaration.parent.parameters.indexOf(declaration);
		return handler?.registered && (handler.firstParamIsCode ? index === 0 : handler.codeParameter === index) ? 'certain' : undefined;
	}

	/** `const { code: status } = event`: a variable bound to an object's `code` under another name. */
	#destructuredCode(identifier: ts.Identifier): boolean {
		const element = this.bindingOf(identifier)?.parent;
		return element !== undefined && ts.isBindingElement(element) && element.propertyName !== undefined && propertyNameText(element.propertyName) === 'code';
	}

	/** A variable called `code`: where was it bound? */
	#codeBindingStrength(identifier: ts.Identifier): 'certain' | 'likely' | undefined {
		const binding = this.bindingOf(identifier);
		if (!binding) {
			return undefined;
		}
		const declaration = binding.parent;
		// A parameter of a close handler: ws.on('close', (code) => …), close(ws, code, reason) {…}, onClose(code) {…}
		if (ts.isParameter(declaration)) {
			const handler = this.closeHandler(declaration.parent);
			if (handler) {
				const isFirst = declaration.parent.parameters.indexOf(declaration) === 0;
				const isCode = handler.firstParamIsCode ? isFirst : handler.codeParameter === declaration.parent.parameters.indexOf(declaration);
				return isCode ? 'certain' : (this.isWebSocketFile ? 'certain' : 'likely');
			}
			return undefined;
		}
		// ({ code }) => … in a close handler, or const { code } = event
		if (ts.isBindingElement(declaration)) {
			const pattern = declaration.parent;
			const owner = pattern.parent;
			if (ts.isParameter(owner) && this.closeHandler(owner.parent)) {
				return 'certain';
			}
			if (ts.isVariableDeclaration(owner) && owner.initializer && this.#isCloseEventObject(owner.initializer)) {
				return this.#isCloseEventObject(owner.initializer);
			}
			// const [code, reason] = await once(ws, 'close'): Node's events.once resolves with the listener's arguments.
			if (ts.isArrayBindingPattern(pattern) && pattern.elements[0] === declaration && ts.isVariableDeclaration(owner) && owner.initializer &&
				isOnceClose(owner.initializer)) {
				return 'certain';
			}
			return undefined;
		}
		// const code = event.code
		if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
			return this.holdsCloseCode(declaration.initializer);
		}
		return undefined;
	}
}

/** The weaker of two confidences. */
function weakerOf(a: Confidence, b: Confidence): Confidence {
	return a === 'certain' ? b : 'likely';
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

function isRequireOf(node: ts.Expression, modules: ReadonlySet<string>): boolean {
	const call = skipOuterExpressions(node);
	return ts.isCallExpression(call) && isIdentifierNamed(call.expression, 'require') && call.arguments.length === 1 &&
		ts.isStringLiteral(call.arguments[0]) && modules.has(call.arguments[0].text);
}
