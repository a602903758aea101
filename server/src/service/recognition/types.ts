import type ts from 'typescript';

/** `certain`: the code leaves no doubt. `likely`: good evidence, but hovers say so and diagnostics ignore it. */
export type Confidence = 'certain' | 'likely';

/** What the code does with the number: puts it in a Close frame, compares a received one, or names one. */
export type SiteRole = 'send' | 'receive' | 'define';

export type RuleId =
	| 'closeArgument' | 'closeEventInit' | 'comparison' | 'caseLabel' | 'codeList' | 'fallback' | 'codeProperty'
	| 'codeAssignment' | 'defaultParameter' | 'assertion' | 'usedAsCloseCode' | 'closeCodeContainer' | 'closeCodeName'
	| 'aliasName' | 'closeEventArgument' | 'closeHelperArgument' | 'codeVariable' | 'descriptionKey' | 'calledWith' | 'inlinedEnum' | 'returnedCode' | 'literalType' | 'iteratedList' | 'lookupKey'
	| 'packageConstant';

export interface Evidence {
	readonly confidence: Confidence;
	readonly role: SiteRole;
	readonly rule: RuleId;
}

/**
 * What the sink rules ask of the file's facts. `FileContext` implements it; the sinks see only this, so the data
 * flow (which follows values into sinks) and the sinks do not import each other.
 */
export interface SinkContext {
	readonly isWebSocketFile: boolean;
	isWebSocketReceiver(receiver: ts.Expression): boolean;
	isCloseEventCodeWrite(target: ts.PropertyAccessExpression): boolean;
	holdsCloseCode(expression: ts.Expression): Confidence | undefined;
	closeEventStrength(object: ts.Expression): Confidence | undefined;
	/** How surely the parameter at `index` of the function `call` calls ends up in a Close frame. */
	sendParameterAt(call: ts.CallExpression | ts.NewExpression, index: number): Confidence | undefined;
	/** The names of the parameter at `index` of the functions `call` may call. */
	parameterNamesAt(call: ts.CallExpression | ts.NewExpression, index: number): string[];
}

/**
 * A rule about one place a value can stand. `top` is the value climbed through parentheses, `?:` branches and
 * `??`/`||` fallbacks (see `climb`); the rule looks at `top.parent`.
 */
export type SlotRule<C extends SinkContext = SinkContext> = (top: ts.Expression, context: C) => Evidence | undefined;

export const strength = (certain: boolean): Confidence => (certain ? 'certain' : 'likely');

/** The weaker of two confidences. */
export const weaker = (a: Confidence, b: Confidence): Confidence => (a === 'certain' ? b : 'likely');
