/** What `lumix --help` prints. */
export const HELP_TEXT = `lumix: solve LP and MPS files with HiGHS or GLPK, and convert between the formats

Usage:
  lumix solve FILE [--solver highs|glpk] [--time-limit S] [--mip-gap G] [--json]
  lumix convert IN OUT [--format free|fixed]
  lumix submit FILE --queue postgres://… [solve options] [--job-timeout S]
  lumix worker --queue postgres://… [--concurrency N] [--max-jobs N] [--exit-when-idle] [--check-every S]
  lumix jobs --queue postgres://… [--json]
  lumix result JOB --queue postgres://… [--out FILE.json|FILE.sol] [--json]
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
Solve jobs (a queue and a results table in one PostgreSQL database; LUMIX_QUEUE sets --queue):
  submit               queue FILE (its text goes into the database) with solve's options
  --job-timeout S      seconds a worker may hold the job before another takes it
                       (default: time limit x 1.25 + 60, else 900)
  worker               solve jobs on a warm solver pool and save each result in one transaction
  --concurrency N      jobs at the same time (default 1); --max-jobs N stops after N jobs;
                       --exit-when-idle stops when the queue is empty; SIGTERM/SIGINT stop cleanly
  jobs                 list jobs: queued, running, done or failed, with status and objective
  result JOB           print the saved result; --out writes .json (all) or .sol (values) and
                       never replaces a file that is not an earlier result of the same job

Statuses: optimal, infeasible, unbounded, infeasible-or-unbounded, time-limit,
iteration-limit, interrupted, error.
Exit codes: 0 optimal, 3 infeasible or unbounded, 4 stopped at a limit,
2 bad input (arguments, missing file, unknown extension, parse error, --queue not PostgreSQL),
1 internal error (also: the queue's database cannot be reached, a failed job),
5 result: the job has no result yet.
Errors are one line on stderr; LUMIX_DEBUG=1 adds the stack trace.`;
