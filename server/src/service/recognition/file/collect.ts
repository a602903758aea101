import ts from 'typescript';
import { forEachDescendant, isCandidateNumber, isExpressionReference } from '../ast';
import { FileBindings } from './bindings';
import { CloseHandlers } from './closeHandlers';
import { DeclarationIndex } from './declarationIndex';
import { FlowSites } from './flowSites';
import { saysWebSocket, SocketApi } from './socketApi';

/**
 * The one walk over a file that collects its facts: scopes, declarations with numeric values, which WebSocket API it
 * uses, its close handlers, where values move (for the data flow), and the nodes the site walk acts on.
 */

const SyntaxKind = ts.SyntaxKind;

export interface FileFacts {
	readonly isWebSocketFile: boolean;
	readonly bindings: FileBindings;
	readonly declarations: DeclarationIndex;
	readonly api: SocketApi;
	readonly handlers: CloseHandlers;
	readonly sites: FlowSites;
}

/**
 * Walks `sourceFile` once; `siteNodes` receives the nodes the site walk of `findCloseCodeSites` acts on, in document
 * order. What needs every declaration known (listeners passed by name, reassigned variables) is settled after the walk.
 */
export function collectFacts(sourceFile: ts.SourceFile, siteNodes: ts.Node[]): FileFacts {
	const bindings = new FileBindings(sourceFile);
	const declarations = new DeclarationIndex(sourceFile);
	const api = new SocketApi(bindings);
	const sites = new FlowSites(bindings);
	const handlers = new CloseHandlers(bindings, sites);
	let webSocket = false;
	// One walk; each kind goes only to the collectors that read it (the walk runs on every keystroke in every
	// file with a candidate, so a node costs one switch, not a dozen type tests per collector).
	forEachDescendant(sourceFile, (node) => {
		switch (node.kind) {
			case SyntaxKind.Identifier:
				webSocket ||= saysWebSocket(node);
				api.serverRuntime ||= (node as ts.Identifier).escapedText === 'uWS';
				api.workerdRuntime ||= (node as ts.Identifier).escapedText === 'WebSocketPair';
				sites.collect(node);
				if (isExpressionReference(node)) {
					siteNodes.push(node);
				}
				return false;
			case SyntaxKind.StringLiteral:
			case SyntaxKind.NoSubstitutionTemplateLiteral:
				webSocket ||= saysWebSocket(node);
				return false;
			case SyntaxKind.NumericLiteral:
				if (isCandidateNumber(node as ts.NumericLiteral, sourceFile)) {
					siteNodes.push(node);
				}
				return false;
			case SyntaxKind.VariableDeclaration:
				declarations.collect(node);
				api.collect(node);
				bindings.collect(node);
				sites.collect(node);
				return true;
			case SyntaxKind.PropertyAssignment:
				declarations.collect(node);
				sites.collect(node);
				return true;
			case SyntaxKind.PropertySignature:
			case SyntaxKind.EnumMember:
				declarations.collect(node);
				return true;
			case SyntaxKind.ShorthandPropertyAssignment:
				sites.collect(node);
				return true;
			case SyntaxKind.PropertyDeclaration:
				declarations.collect(node);
				api.collectConstruction(node);
				sites.collect(node);
				return true;
			case SyntaxKind.BinaryExpression:
				declarations.collect(node);
				handlers.collect(node);
				api.collectConstruction(node);
				sites.collect(node);
				if ((node as ts.BinaryExpression).operatorToken.kind === SyntaxKind.InKeyword) {
					siteNodes.push(node);
				}
				return true;
			case SyntaxKind.CallExpression:
				handlers.collect(node);
				sites.collect(node);
				siteNodes.push(node);
				return true;
			case SyntaxKind.NewExpression:
				api.collect(node);
				sites.collect(node);
				return true;
			case SyntaxKind.PropertyAccessExpression:
				api.collect(node);
				sites.collect(node);
				if (isExpressionReference(node)) {
					siteNodes.push(node);
				}
				return true;
			case SyntaxKind.ElementAccessExpression:
				siteNodes.push(node);
				return true;
			case SyntaxKind.AsExpression:
			case SyntaxKind.TypeAssertionExpression:
				// `event.code as GatewayCloseCode`: a cast to a named type may say what a group is (not `as const`).
				if ((node as ts.AsExpression).type.kind === SyntaxKind.TypeReference) {
					siteNodes.push(node);
				}
				return true;
			case SyntaxKind.ArrowFunction:
			case SyntaxKind.FunctionExpression:
			case SyntaxKind.FunctionDeclaration:
			case SyntaxKind.MethodDeclaration:
				handlers.collect(node);
				bindings.collect(node);
				sites.collect(node);
				return true;
			case SyntaxKind.Constructor:
			case SyntaxKind.PrefixUnaryExpression:
			case SyntaxKind.PostfixUnaryExpression:
			case SyntaxKind.ReturnStatement:
				sites.collect(node);
				return true;
			case SyntaxKind.ImportDeclaration:
				api.collect(node);
				return true;
			case SyntaxKind.ImportEqualsDeclaration:
				api.collect(node);
				bindings.collect(node);
				return true;
			case SyntaxKind.Parameter:
				bindings.collect(node);
				// `code: GatewayCode`: a parameter typed by name may say what a group is.
				if ((node as ts.ParameterDeclaration).type?.kind === SyntaxKind.TypeReference) {
					siteNodes.push(node);
				}
				return true;
			case SyntaxKind.ClassDeclaration:
			case SyntaxKind.ClassExpression:
			case SyntaxKind.EnumDeclaration:
			case SyntaxKind.ImportClause:
			case SyntaxKind.NamespaceImport:
			case SyntaxKind.ImportSpecifier:
				bindings.collect(node);
				return true;
			default:
				// Other tokens (keywords, operators, template parts) have no children and say nothing.
				return node.kind >= SyntaxKind.FirstNode;
		}
	});
	api.finish();
	handlers.resolveNamedListeners();
	declarations.markReassigned(sites.reassignments, bindings);
	return { isWebSocketFile: webSocket, bindings, declarations, api, handlers, sites };
}
