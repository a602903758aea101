import type ts from 'typescript';
import { isAsync } from './ast';
import type { ImportUse, LinkedFacts } from './crossModule';
import type { FileBindings } from './file/bindings';
import type { CloseHandlers } from './file/closeHandlers';
import { collectFacts } from './file/collect';
import type { Declaration } from './file/declarations';
import type { DeclarationIndex } from './file/declarationIndex';
import type { FlowSites } from './file/flowSites';
import { InlinedConstants } from './file/inlinedConstants';
import type { CloseHandlerInfo } from './file/listeners';
import type { CloseApi, SocketApi } from './file/socketApi';
import { Carriers } from './flow/carriers';
import { HeldCodes } from './flow/heldCodes';
import { ValueFlow } from './flow/valueFlow';
import type { Confidence, SinkContext } from './types';

export { findBinding, functionName, isFunctionLike, isIdentifierNamed, propertyNameText, skipOuterExpressions } from './ast';
export type { CloseApi } from './file/socketApi';

/**
 * What the rules need to know about the file as a whole: is it about WebSockets at all, which names are
 * declared with numeric values, which functions are close handlers, and which variables and parameters hold a
 * close code. Built once per analysis, in one walk over the syntax tree (`file/collect.ts`) plus a data-flow pass over
 * what it collected (`flow/`). The parts answer; this class puts them together for the rules.
 */
export class FileContext implements SinkContext {
	readonly isWebSocketFile: boolean;
	/**
	 * The nodes the site walk of `findCloseCodeSites` acts on, in document order (pre-order, as a recursive walk
	 * visits them): calls, element accesses, `in` tests, candidate numeric literals and names that may refer to a
	 * constant. Collected by this constructor's walk so the file is walked once, not twice.
	 */
	readonly siteNodes: ts.Node[] = [];
	readonly #bindings: FileBindings;
	readonly #declarations: DeclarationIndex;
	readonly #api: SocketApi;
	readonly #handlers: CloseHandlers;
	readonly #sites: FlowSites;
	readonly #held: HeldCodes;
	readonly #flow: ValueFlow;
	readonly #carriers: Carriers;
	readonly #inlined: InlinedConstants;

	/** `linked`: what the workspace knows about the modules this file imports (functions of theirs that close). */
	constructor(readonly sourceFile: ts.SourceFile, readonly linked?: LinkedFacts) {
		const facts = collectFacts(sourceFile, this.siteNodes);
		this.isWebSocketFile = facts.isWebSocketFile;
		this.#bindings = facts.bindings;
		this.#declarations = facts.declarations;
		this.#api = facts.api;
		this.#handlers = facts.handlers;
		this.#sites = facts.sites;
		this.#held = new HeldCodes(sourceFile, facts.isWebSocketFile, facts.bindings, facts.handlers, facts.sites);
		this.#flow = new ValueFlow(facts.isWebSocketFile, linked, facts.bindings, facts.handlers, facts.sites, this.#held);
		this.#carriers = new Carriers(facts.bindings, facts.sites);
		this.#inlined = new InlinedConstants(sourceFile, facts.isWebSocketFile, linked);
		this.#flow.analyse(this);
		this.#carriers.collect(this);
	}

	// ---- declarations (file/declarationIndex.ts) ------------------------------------------------------------

	/** All declarations, for the rules that decide from names alone. */
	declarations(): Iterable<Declaration> {
		return this.#declarations.declarations();
	}

	containerNames(container: string): readonly string[] {
		return this.#declarations.containerNames(container);
	}

	resolve(expression: ts.Expression): Declaration | undefined {
		return this.#declarations.resolve(expression);
	}

	// ---- bindings (file/bindings.ts) -------------------------------------------------------------------------

	bindingOf(reference: ts.Identifier): ts.Identifier | undefined {
		return this.#bindings.bindingOf(reference);
	}

	referencesTo(name: ts.Identifier): ts.Identifier[] {
		return this.#bindings.referencesTo(name);
	}

	isImported(reference: ts.Identifier): boolean {
		return this.#bindings.isImported(reference);
	}

	// ---- which API a socket follows (file/socketApi.ts) -----------------------------------------------------

	isWebSocketReceiver(receiver: ts.Expression): boolean {
		return this.#api.isWebSocketReceiver(receiver);
	}

	closeApiOf(receiver: ts.Expression | undefined): CloseApi {
		return this.#api.closeApiOf(receiver);
	}

	// ---- close handlers (file/closeHandlers.ts) and where values move (file/flowSites.ts) ---------------------

	closeHandler(fn: ts.Node): CloseHandlerInfo | undefined {
		return this.#handlers.closeHandler(fn);
	}

	registeredCloseListener(identifier: ts.Identifier): CloseHandlerInfo | undefined {
		return this.#handlers.registeredCloseListener(identifier);
	}

	isCloseEventCodeWrite(target: ts.PropertyAccessExpression): boolean {
		return this.#sites.isCloseEventCodeWrite(target);
	}

	/** Calls with arguments (for what crosses modules: `isFatal(event.code)` where `isFatal` is imported). */
	callsWithArguments(): readonly (ts.CallExpression | ts.NewExpression)[] {
		return this.#sites.calls;
	}

	/** Listeners of instances of imported classes that close with a parameter (for the module that emits to them). */
	importedListeners(): ImportUse[] {
		return this.#flow.importedListeners();
	}

	parameterNamesAt(call: ts.CallExpression | ts.NewExpression, index: number): string[] {
		return this.#sites.parameterNamesAt(call, index);
	}

	// ---- inlined constants (file/inlinedConstants.ts) -------------------------------------------------------

	inlinedCloseCode(literal: ts.NumericLiteral): Confidence | undefined {
		return this.#inlined.inlinedCloseCode(literal);
	}

	switchOnCloseCodes(statement: ts.SwitchStatement): Confidence | undefined {
		return this.#inlined.switchOnCloseCodes(statement);
	}

	// ---- the data flow (flow/valueFlow.ts, flow/carriers.ts) ----------------------------------------------------

	comparedElementStrength(identifier: ts.Identifier): Confidence | undefined {
		return this.#flow.comparedElementStrength(identifier);
	}

	comparedParameterAt(call: ts.CallExpression | ts.NewExpression, index: number): Confidence | undefined {
		return this.#flow.comparedParameterAt(call, index);
	}

	sendParameterAt(call: ts.CallExpression | ts.NewExpression, index: number): Confidence | undefined {
		return this.#flow.sendParameterAt(call, index);
	}

	sendParameterStrength(parameter: ts.ParameterDeclaration): Confidence | undefined {
		return this.#flow.sendParameterStrength(parameter);
	}

	carriedCloseCode(top: ts.Expression): Confidence | undefined {
		return this.#carriers.carriedCloseCode(top);
	}

	// ---- what holds a close code (flow/heldCodes.ts) ------------------------------------------------------------

	/**
	 * Is the result of this function a close code? It is called where a close code goes (`ws.close(toWireCode(c))`), or
	 * it returns a code it holds (`if (code === 1005) return 1000; return code;`), or it is `async` and its promise
	 * resolves with one.
	 */
	returnsCloseCode(fn: ts.Node): Confidence | undefined {
		// An `async` function returns its promise's value: `return 4001` there resolves `await pick()` with 4001.
		return this.#held.closeCodeResults.get(fn) ?? (isAsync(fn) ? this.#held.promisedResults.get(fn) : undefined);
	}

	holderStrength(identifier: ts.Identifier): Confidence | undefined {
		return this.#held.holderStrength(identifier);
	}

	holdsCloseCode(expression: ts.Expression): 'certain' | 'likely' | undefined {
		return this.#held.holdsCloseCode(expression);
	}

	collectsCloseCodes(expression: ts.Expression): Confidence | undefined {
		return this.#held.collectsCloseCodes(expression);
	}

	spiedCloseCall(expression: ts.Expression): Confidence | undefined {
		return this.#held.spiedCloseCall(expression);
	}

	spiedName(spy: ts.Expression): string | undefined {
		return this.#held.spiedName(spy);
	}

	isReceivedCloseCode(expression: ts.Expression): boolean {
		return this.#held.isReceivedCloseCode(expression);
	}

	closeEventStrength(object: ts.Expression): Confidence | undefined {
		return this.#held.closeEventStrength(object);
	}
}
