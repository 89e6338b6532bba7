import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings of every Openline process, set by importing this module first (main.ts,
 * worker-main.ts), before any other module has run (ADR 0081).
 *
 * `--no-allocation-site-pretenuring`: V8 allocates the objects of a code site straight in the old
 * generation once it has seen them survive. node-postgres's row arrays are such sites, and an old
 * array keeps the young strings and rows it points at alive through every young collection until
 * the next full one: 3.5 MB survived each scavenge of a plain `pg` loop, 23 KB without pretenuring,
 * and the screen-pop's server spent half as long in young collections at 10 M cases
 * (docs/benchmarks.md). Set at run time rather than on the command line so that every way of
 * starting the server (`npm start`, `node packages/server/dist/main.js`, a service unit) has it.
 */
export const V8_FLAGS = ['--no-allocation-site-pretenuring'] as const;

for (const flag of V8_FLAGS) setFlagsFromString(flag);
