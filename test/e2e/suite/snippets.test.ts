/**
 * Snippets in a real VS Code — READY PLACE, no tests yet: package.json contributes no snippets in this build.
 *
 * When `snippets/*.code-snippets` and `contributes.snippets` exist, add here (the runner lists this file under
 * "files without tests" until then, and never counts it as a pass):
 *   - open an empty .ts document (`vscode.workspace.openTextDocument({ language: 'typescript' })` or a workspace
 *     file), `await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'typescript', name: '…' })`
 *     and assert the inserted text (e.g. `ws-shutdown` → a close(1001, …) loop);
 *   - the same prefix offered by completion: `vscode.executeCompletionItemProvider` lists it.
 */
export {};
