// The host globals @lumix/core uses: they exist in browsers, Node, Deno and Bun alike.
//
// Core is platform-neutral, so tsconfig.build.json compiles it with "types": [] (no Node types):
// a node: import or a Node-only global such as `process` or `Buffer` fails the build. Declare
// here only what every JavaScript host has. tsconfig.json (sources plus tests, which read
// fixture files through node:fs) has Node's types instead and leaves this file out.

/** A monotonic clock in milliseconds (build timings). */
declare var performance: { now(): number };
