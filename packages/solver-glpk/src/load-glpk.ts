import GLPK, { type GLPK as GlpkInstance } from 'glpk.js/node';

/** Where GLPK's terminal output goes during one solve. */
export type GlpkOutputSink = (line: string) => void;

let instance: Promise<GlpkInstance> | undefined;
let sink: GlpkOutputSink | undefined;

/**
 * The shared glpk.js instance, created on first use.
 *
 * The Node build of glpk.js prints through `console.log`/`console.error` and takes no print
 * hooks (`glpk.js/node` drops the module options), but Emscripten binds both functions when the
 * instance is created. So, while it is created, both are replaced by forwarders that send a line
 * to the current solve's sink when there is one, and to the original console otherwise: the
 * instance keeps the forwarders, and the console is restored once it is made.
 */
export function loadGlpk(): Promise<GlpkInstance> {
  if (instance === undefined) {
    const created = create();
    instance = created;
    created.catch(() => {
      if (instance === created) instance = undefined;
    });
  }
  return instance;
}

async function create(): Promise<GlpkInstance> {
  const log = console.log;
  const error = console.error;
  const forward =
    (original: (...args: unknown[]) => void) =>
    (...args: unknown[]): void => {
      if (sink !== undefined) sink(args.map(String).join(' '));
      else original.apply(console, args);
    };
  console.log = forward(log);
  console.error = forward(error);
  try {
    return await GLPK();
  } finally {
    console.log = log;
    console.error = error;
  }
}

/**
 * Forgets the shared instance so the next solve creates a new one: after a WebAssembly abort the
 * old instance refuses every further call.
 */
export function discardGlpk(): void {
  instance = undefined;
}

/** Runs a synchronous glpk.js call with its terminal output sent to `to`. */
export function withOutput<T>(to: GlpkOutputSink, fn: () => T): T {
  const previous = sink;
  sink = to;
  try {
    return fn();
  } finally {
    sink = previous;
  }
}
