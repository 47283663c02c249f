/**
 * The usage text: printed by `--help`, and the README's Usage section (a test keeps them equal).
 */
export const USAGE = `ioasid-check: find lifetime bugs in PASID/IOASID management

Usage:
  ioasid-check run [--suite NAME]... [--runs N] [--seed N] [--path P] [--json]
  ioasid-check --help

Commands:
  run     Run the property suites against the bundled implementation and print, per
          suite, the runs, commands, coverage of command kinds and outcomes, and any
          counterexample with the seed and path that replay it.

Options:
  --suite NAME   run only this suite (repeatable); suites: core, system
  --runs N       runs per suite (default: the suite's own budget)
  --seed N       seed of the random generation (default: random, printed)
  --path P       replay one case: the path printed with a counterexample
  --json         print the result as JSON instead of text
  --help         print this text

Exit codes: 0 pass, 1 counterexample found, 2 usage or input error.`;
