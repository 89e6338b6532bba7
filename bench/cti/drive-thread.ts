// The CTI bench's client on a thread of its own (driveCtiInThread).
import { parentPort, workerData } from 'node:worker_threads';
import { driveCti } from './drive.js';
import type { CtiPlan } from './plan.js';

const { url, plan, connections } = workerData as { url: string; plan: CtiPlan; connections: number };
parentPort?.postMessage(await driveCti(new URL(url), plan, connections));
