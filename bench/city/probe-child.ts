// The city bench's lean client (probe-client.ts#childClient) in a process of its own: one
// kept-alive socket, one request at a time, nothing else on its event loop. Argument: the base URL.
import http from 'node:http';
import { runProbeOverHttp, type ProbeRequests } from './probe-client.js';

const base = process.argv[2] ?? '';
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

process.on('message', (probe: ProbeRequests) => {
  runProbeOverHttp(agent, base, probe).then(
    (answer) => process.send?.({ answer }),
    (error: unknown) => process.send?.({ error: error instanceof Error ? error.message : String(error) }),
  );
});
process.once('disconnect', () => {
  agent.destroy();
});
