/**
 * What the extension-host tests share: opening workspace files, finding a token, polling, and reading hovers,
 * diagnostics and code actions the way VS Code hands them to the user.
 */
import * as vscode from 'vscode';

export const extensionId = 'websocket-close-codes.websocket-close-codes';

/** The test workspace (a fresh copy of test/e2e/workspace per run). */
export function workspaceUri(...segments: string[]): vscode.Uri {
	const folder = vscode.workspace.workspaceFolders?.[0];
	if (!folder) {
		throw new Error('No workspace folder is open: the runner must open a copy of test/e2e/workspace');
	}
	return vscode.Uri.joinPath(folder.uri, ...segments);
}

/** Opens a workspace file in an editor, as clicking it in the Explorer would. */
export async function openEditor(name: string): Promise<vscode.TextEditor> {
	const document = await vscode.workspace.openTextDocument(workspaceUri(name));
	return vscode.window.showTextDocument(document);
}

/**
 * The position of `token` inside the first occurrence of `context` (e.g. the `1001` of `event.code === 1001`).
 * Fails the test when the workspace file no longer contains the context.
 */
export function positionOf(document: vscode.TextDocument, context: string, token: string): vscode.Position {
	const text = document.getText();
	const contextAt = text.indexOf(context);
	if (contextAt < 0) {
		throw new Error(`${document.fileName} does not contain \`${context}\``);
	}
	const tokenAt = context.indexOf(token);
	if (tokenAt < 0) {
		throw new Error(`\`${context}\` does not contain \`${token}\``);
	}
	// One character into the token, where a mouse would rest.
	return document.positionAt(contextAt + tokenAt + 1);
}

export interface PollOptions {
	/** What we wait for, for the failure message ("the extension to activate"). */
	what: string;
	timeoutMs?: number;
	intervalMs?: number;
}

/**
 * Calls `probe` until `accept` approves its value, and returns that value. On timeout the test fails with the
 * last value seen. Language servers answer when they are ready: polling replaces sleeping.
 */
export async function poll<T>(probe: () => T | Promise<T>, accept: (value: T) => boolean, options: PollOptions): Promise<T> {
	const { what, timeoutMs = 20_000, intervalMs = 200 } = options;
	const deadline = Date.now() + timeoutMs;
	let last: T | undefined;
	let lastError: unknown;
	for (;;) {
		try {
			last = await probe();
			lastError = undefined;
			if (accept(last)) {
				return last;
			}
		} catch (error) {
			lastError = error;
		}
		if (Date.now() >= deadline) {
			const seen = lastError !== undefined ? `the last attempt threw ${String(lastError)}` : `last value: ${JSON.stringify(last)}`;
			throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; ${seen}`);
		}
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}

/**
 * The text of every hover VS Code would show at `position`, one string per provider's hover, with Markdown
 * emphasis removed (`**1001 Going Away** · …` reads as `1001 Going Away · …` in the widget).
 */
export async function hoverTexts(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
	const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
	return (hovers ?? []).map((hover) =>
		hover.contents
			.map((content) => (typeof content === 'string' ? content : content.value))
			.join('\n')
			.replace(/\*\*/g, ''),
	);
}

/** Our hovers end with a link to RFC 6455 (§7.4.1 or §7.4.2, "第 7.4.1 節" in Japanese); no other provider links it. */
export function isOurHover(text: string): boolean {
	return text.includes('](https://www.rfc-editor.org/rfc/rfc6455#section-7.4');
}

/**
 * Polls the hover at `position` until one of our hovers satisfies `accept` (default: any of ours) and returns its
 * text. The first request can wait for the server (and tsserver) to start.
 */
export async function waitForOurHover(
	document: vscode.TextDocument,
	position: vscode.Position,
	accept: (text: string) => boolean = () => true,
	what = `our hover at ${position.line + 1}:${position.character + 1}`,
): Promise<string> {
	const texts = await poll(
		() => hoverTexts(document.uri, position),
		(candidates) => candidates.some((text) => isOurHover(text) && accept(text)),
		{ what: `${what} in ${vscode.workspace.asRelativePath(document.uri)}` },
	);
	return texts.find((text) => isOurHover(text) && accept(text))!;
}

/** `Diagnostic.source` of everything the extension reports. */
export const diagnosticSource = 'websocket-close-codes';

export function isOurDiagnostic(diagnostic: vscode.Diagnostic): boolean {
	return diagnostic.source === diagnosticSource;
}

/** The rule id of a diagnostic (`browser-close-code`, …). */
export function ruleOf(diagnostic: vscode.Diagnostic): string | number | undefined {
	return typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
}

/** Waits until our diagnostics for `uri` (as in the Problems panel) satisfy `accept`, and returns them. */
export async function waitForOurDiagnostics(
	uri: vscode.Uri,
	accept: (diagnostics: readonly vscode.Diagnostic[]) => boolean,
	what: string,
): Promise<readonly vscode.Diagnostic[]> {
	const ours = () => vscode.languages.getDiagnostics(uri).filter(isOurDiagnostic).map((diagnostic) => ({
		// Plain objects, so that a timeout message shows what was there.
		message: diagnostic.message, severity: diagnostic.severity, code: diagnostic.code, source: diagnostic.source, range: diagnostic.range,
	}) as vscode.Diagnostic);
	return poll(ours, accept, { what: `${what} in ${vscode.workspace.asRelativePath(uri)}` });
}

/** The code actions of `kind` VS Code offers for `range` (the light bulb / Ctrl+. menu). */
export async function codeActionsAt(uri: vscode.Uri, range: vscode.Range, kind: vscode.CodeActionKind): Promise<vscode.CodeAction[]> {
	const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, kind.value);
	return (actions ?? []).filter((action): action is vscode.CodeAction =>
		typeof action.command !== 'string' && (action as vscode.CodeAction).kind !== undefined && kind.contains((action as vscode.CodeAction).kind!));
}

/** Applies a code action the way choosing it does (its edit, then its command), saves, and returns the file on disk. */
export async function applyAndSave(document: vscode.TextDocument, action: vscode.CodeAction): Promise<string> {
	if (action.edit) {
		const applied = await vscode.workspace.applyEdit(action.edit);
		if (!applied) {
			throw new Error(`VS Code refused the edit of "${action.title}"`);
		}
	}
	if (action.command) {
		await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
	}
	return saveAndRead(document);
}

/**
 * Saves the document and returns what is on disk (what the user's tools will see), once the disk holds exactly
 * what the editor shows and the editor has no unsaved changes.
 */
export async function saveAndRead(document: vscode.TextDocument): Promise<string> {
	// `save()` can resolve false while another save of the same file is still running; the disk is what counts.
	const saved = await document.save();
	const read = async () => new TextDecoder().decode(await vscode.workspace.fs.readFile(document.uri));
	return poll(read, (onDisk) => !document.isDirty && onDisk === document.getText(), {
		what: `${vscode.workspace.asRelativePath(document.uri)} on disk to match the editor (save() returned ${saved})`,
		timeoutMs: 10_000,
	});
}

/** Sets `websocketCloseCodes.<key>` for the workspace folder (undefined removes it). */
export async function setWorkspaceSetting(key: string, value: unknown): Promise<void> {
	await vscode.workspace.getConfiguration('websocketCloseCodes', workspaceUri()).update(key, value, vscode.ConfigurationTarget.Workspace);
}
