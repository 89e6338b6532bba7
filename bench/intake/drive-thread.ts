// The intake bench's client on a thread of its own (driveAppealsInThread).
import { parentPort, workerData } from 'node:worker_threads';
import { driveAppeals, type DriveOptions } from './drive.js';

const { base, bodies, options } = workerData as { base: string; bodies: string[]; options: DriveOptions };
parentPort?.postMessage(await driveAppeals(base, bodies, options));
