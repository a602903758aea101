/**
 * Quick fixes in a real VS Code — READY PLACE, no tests yet: the server offers no code actions in this build.
 *
 * When the reconnect and 1003 quick fixes exist, add here (the runner lists this file under "files without tests"
 * until then, and never counts it as a pass):
 *   - `const actions = await codeActionsAt(document.uri, range)` on the 1001 of a close handler, find the reconnect
 *     fix by its title, `const onDisk = await applyAndSave(document, action)` and assert the saved file's content;
 *   - the same for the 1003 fix;
 *   - work on a copy of the file (the workspace is a fresh copy per run, but later tests read it too).
 */
export {};
