/** What `lumix --help` prints. */
export const HELP_TEXT = `lumix: solve LP and MPS files with HiGHS or GLPK, and convert between the formats

Usage:
  lumix solve FILE [--solver highs|glpk] [--time-limit S] [--mip-gap G] [--json]
  lumix convert IN OUT [--format free|fixed]
  lumix --help | --version

Files are chosen by extension: .mps (free or fixed MPS, detected), .lp (CPLEX LP),
each optionally gzipped (.mps.gz, .lp.gz). Relative paths are taken from the
directory you run the command in.

Options of solve:
  --solver NAME        highs (default) or glpk; the LUMIX_SOLVER variable sets the default
  --time-limit S       stop after S seconds (exit code 4)
  --mip-gap G          relative MIP gap at which to stop (default: HiGHS 1e-4, GLPK 0)
  --json               print exactly one line: {"status":...,"objective":...,"solver":...,"seconds":...}
Options of solve and convert:
  --objective-rhs R    an RHS on the objective row of an MPS file means constant = -RHS
                       (minus, the default, as CLP/CBC/HiGHS), +RHS (plus, as GLPK) or nothing (ignore)
Options of convert:
  --format F           MPS layout to write: free (default) or fixed

Statuses: optimal, infeasible, unbounded, infeasible-or-unbounded, time-limit,
iteration-limit, interrupted, error.
Exit codes: 0 optimal, 3 infeasible or unbounded, 4 stopped at a limit,
2 bad input (arguments, missing file, unknown extension, parse error), 1 internal error.
Errors are one line on stderr; LUMIX_DEBUG=1 adds the stack trace.`;
