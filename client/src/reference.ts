import * as vscode from 'vscode';
import type { BaseLanguageClient, Middleware } from 'vscode-languageclient';

/**
 * The full reference pages behind the hover's "More…" link and the "Show Reference" command. The server writes the
 * Markdown (the service is pure); here it becomes a read-only virtual document, `websocket-close-codes:/ja/1001.md`,
 * shown with the built-in Markdown preview. No file system is involved, so this also works in a web extension.
 */
export const referenceScheme = 'websocket-close-codes';
const showReferenceCommand = 'websocketCloseCodes.showReference';
const referenceRequest = 'websocketCloseCodes/reference';

interface ReferenceArguments {
	readonly code?: number;
	readonly locale?: string;
	readonly protocol?: string;
}

/** The hover's command link runs only when the hover trusts that one command. */
export const trustReferenceLinks: Middleware['provideHover'] = async (document, position, token, next) => {
	const hover = await next(document, position, token);
	for (const content of hover?.contents ?? []) {
		if (content instanceof vscode.MarkdownString) {
			content.isTrusted = { enabledCommands: [showReferenceCommand] };
		}
	}
	return hover;
};

/** `websocket-close-codes:/<language>/<code or index>.md?protocol=<pack id>` */
function referenceUri(args: ReferenceArguments): vscode.Uri {
	const language = args.locale ?? vscode.workspace.getConfiguration('websocketCloseCodes').get<string>('language', 'auto');
	const page = args.code === undefined ? 'index' : String(args.code);
	return vscode.Uri.from({ scheme: referenceScheme, path: `/${language}/${page}.md`, query: args.protocol ? `protocol=${encodeURIComponent(args.protocol)}` : '' });
}

export function registerReference(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
	const provider: vscode.TextDocumentContentProvider = {
		async provideTextDocumentContent(uri) {
			const [, language, page] = /^\/([\w-]+)\/([\w-]+)\.md$/.exec(uri.path) ?? [];
			const code = page !== undefined && /^\d+$/.test(page) ? Number(page) : undefined;
			const protocol = new URLSearchParams(uri.query).get('protocol') ?? undefined;
			const result = await client.sendRequest<{ markdown: string }>(referenceRequest, { code, language, protocol });
			return result.markdown;
		},
	};
	context.subscriptions.push(
		vscode.workspace.registerTextDocumentContentProvider(referenceScheme, provider),
		vscode.commands.registerCommand(showReferenceCommand, async (args?: ReferenceArguments) => {
			// From the Command Palette: every code on one page (it links each code's specification).
			await vscode.commands.executeCommand('markdown.showPreview', referenceUri(args ?? {}));
		}),
	);
}
