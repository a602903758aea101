// Snippets in the UI — PLACEHOLDER: package.json contributes no snippets in this build, so there is no test here
// (the runner reports "snippets: no UI test yet" and never counts it as a pass).
//
// When `ws-shutdown` exists: open an empty .ts file of the workspace, type `ws-shutdown`, wait for
// `.suggest-widget .monaco-list-row.focused` with that label, Enter, `screenshot('snippet-ws-shutdown')`,
// `save(page)`, then read the file from `workspace` on disk and assert the inserted code.
export const feature = 'snippets';

export const missing = 'package.json contributes no snippets in this build';

export const tests = [];
