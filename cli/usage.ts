/**
 * The usage text: printed by `--help`, and the README's Usage section (a test keeps them equal).
 */
export const USAGE = `ioasid-check: find lifetime bugs in PASID/IOASID management

Usage:
  ioasid-check run [--suite NAME]... [--runs N | --time SECONDS] [--seed N] [--workers N]
                   [--shard K/N [--out FILE]] [--store DIR] [--json] [--html FILE]
  ioasid-check run --suite NAME --seed N --path P      replay one generated case
  ioasid-check replay FILE... [CORE] [--json]
  ioasid-check shrink FILE [CORE] [--out FILE] [--json]
  ioasid-check show FILE [CORE] [--format table|mermaid|json|html]
  ioasid-check merge SHARD-FILE... [--json]
  ioasid-check validate (--impl MODULE | --exec "COMMAND ARGS" [--timeout MS]
                        | --kernel-c FILE [--cflags "FLAGS"] [--timeout MS])
                        [--suite NAME]... [--runs N] [--seed N] [--store DIR] [--json]
                        [--html FILE] [--report FILE]
  ioasid-check validate --mutants [--seed N] [--json]
  ioasid-check explore [--impl MODULE|NAME | --exec "COMMAND ARGS" [--timeout MS]
                        | --kernel-c FILE [--cflags "FLAGS"] [--timeout MS]]
                       [--scope NAME] [--depth N] [--time SECONDS] [--out FILE] [--json]
                       [--html FILE]
  ioasid-check --help

  CORE: --impl MODULE|NAME | --exec "COMMAND ARGS" | --kernel-c FILE [--cflags "FLAGS"],
        with [--timeout MS]: run the trace on this core instead of the one it names

Commands:
  run      Replay the stored counterexamples, then run the property suites against the
           bundled implementation. Prints per suite the runs, commands, coverage of command
           kinds and outcomes, any counterexample with its seed and path, and a summary
           table. A new counterexample is shrunk and written to the store.
  replay   Replay trace files deterministically on the core each names (a bundled one, or
           your module, process or kernel C file, rebuilt from the trace), or on CORE.
  shrink   Minimize a failing trace (delta debugging, removing steps with what depends
           on them, simpler command kinds and handlers, smaller arguments), keeping its
           failure class: the command kind and the differing part of the failing step, or
           the violated property and its subject. Works on hand-written traces too.
  show     Render a trace: one row per step, one column per actor, and the Ref column;
           as HTML, a swimlane timeline with the Ref as a step plot.
  merge    Combine the shard files of one run (see --shard).
  validate Run the core and system suites against your implementation: an ES module
           exporting createCore(config) that returns an IoasidCore, or a process in any
           language speaking the newline-JSON protocol of docs/exec-protocol.md, or the
           IOASID file of a kernel tree, unchanged, compiled with the kernel C kit.
           Stored findings of the same core are replayed first; a new counterexample is
           written to the local findings store (.ioasid-check/findings/, git-ignored),
           naming your core, for replay, shrink and show. Prints run's summary table; at
           the default budget an unreached coverage gate case is a coverage gap (exit 1).
           With --mutants: run the gallery of broken variants and print the scorecard
           (caught, runs and time to the first failure, shrunk trace length).
  explore  Check every command sequence of a small scope, breadth-first, on the spec
           alone (no target, or --impl spec), a bundled core (--impl impl, impl-cyclic,
           mutant:NAME) or yours (--impl, --exec, --kernel-c). Each spec state is visited once;
           prints distinct states, transitions, the depth reached and states per second.
           The first counterexample is a shortest one of the scope.

Options:
  --suite NAME     run only this suite (repeatable); suites: core, system
  --runs N         runs per suite (default: the suite's own budget)
  --time SECONDS   wall-clock time per suite instead of a number of runs: each thread runs
                   until it is spent, at least one run ('explore': of the search)
  --seed N         seed of the random generation (default: random, printed)
  --path P         'run', with --seed and one --suite: replay the case a counterexample
                   printed (its replay line has all three)
  --workers N      run on N threads (default 1, or every core for --time >= 5 or a --runs
                   of 4x a suite's default); with --runs the result depends only on the seed
  --shard K/N      run the K-th of N shares of the work (e.g. a CI matrix) and print,
                   or write to --out, a shard file for 'merge'
  --store DIR      stored counterexamples (default: counterexamples/corpus; 'validate':
                   the findings store .ioasid-check/findings)
  --out FILE       where 'shrink' or '--shard' writes its result ('explore': the counterexample)
  --format F       'show' output: table (default), mermaid, json, html (a page on stdout)
  --impl MODULE    'validate', 'explore', CORE: the JavaScript module of the implementation
  --exec "CMD"     'validate', 'explore', CORE: the command line of an implementation process
  --kernel-c FILE  'validate', 'explore', CORE: a kernel C file implementing <linux/ioasid.h>, with its
                   accessor hooks in FILE's name + .kit.c (see docs/writing-an-implementation.md)
  --cflags "FLAGS" with --kernel-c: extra flags for the system C compiler ($CC or cc)
  --timeout MS     with --exec, --kernel-c, or --impl of 'validate': how long to wait for any
                   answer (default 5000); a module core runs in a worker thread. On
                   Linux the time the implementation waited for a CPU is not counted
                   (at most 3x the timeout more), so a busy machine is not a hang
  --mutants        'validate': the gallery of broken variants instead of an implementation
  --scope NAME     'explore': the scope (core, handlers, small; default core)
  --depth N        'explore': commands per sequence (default: the scope's own, core 6)
  --json           machine-readable output; every counterexample has the same fields:
                   seed, path, failedStep (0-based), commands, detail, replay (the
                   command, or null for 'validate': replay the finding it wrote)
  --html FILE      'run', 'validate', 'explore': also write a self-contained HTML report
                   (summary, coverage heat maps, every counterexample as a swimlane timeline;
                   'validate --report': the conformance; 'explore': the exploration)
  --report FILE    'validate': also write the conformance to the decision table (D1..): per
                   decision exercised and agreeing, or departing with its shrunk traces
                   (text, or JSON when FILE ends in .json)
  --help           print this text

Exit codes: 0 pass, 1 counterexample found (or a coverage gap), 2 usage or input error.`;
