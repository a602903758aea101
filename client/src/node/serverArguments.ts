/**
 * Node options of the language server process. A parser-heavy server allocates much short-lived data, and V8 keeps its
 * young generation at its peak size (16 MB semi-spaces by default in Node 20). Half of that leaves open + hover as fast
 * (2.6–3.4× the bare parse of a 5,000-line file either way) and saves about 35 MB of resident memory with 100 open
 * documents (129 MB against 165 MB); a quarter saves no more and makes open + hover 30–50% slower (more, shorter
 * scavenges). Other editors can pass the same option through `NODE_OPTIONS`.
 */
export const serverNodeArguments: readonly string[] = ['--max-semi-space-size=8'];
