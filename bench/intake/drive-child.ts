// The intake bench's client in a process of its own (driveAppealsInChild): the server's
// process.cpuUsage() then counts the server alone, so CPU per request can be measured.
import { driveAppeals, type DriveOptions } from './drive.js';

process.once('message', (m: { base: string; bodies: string[]; options: DriveOptions }) => {
  void driveAppeals(m.base, m.bodies, m.options).then((result) => {
    process.send?.(result, () => process.exit(0));
  });
});
