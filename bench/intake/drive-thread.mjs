// Entry of the intake bench's client thread: a worker does not inherit `--import tsx`, so it
// registers tsx itself before loading the TypeScript client.
import { register } from 'tsx/esm/api';

register();
await import('./drive-thread.ts');
