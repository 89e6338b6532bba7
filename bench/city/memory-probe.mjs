// Preloaded into a server by bench/city/memory.ts (`node --import`): answers the parent's 'memory'
// message with the process's own view of its memory, which /proc cannot tell apart (the V8 heap
// and the C allocator's arenas are both anonymous memory). Measurement only; not in the product.
import v8 from 'node:v8';
if (process.send) {
  process.on('message', (m) => {
    if (m !== 'memory') return;
    const spaces = {};
    // Before any collection below: the spaces as the server left them.
    for (const s of v8.getHeapSpaceStatistics()) spaces[s.space_name] = Math.round(s.physical_space_size / 1048576);
    // Under --expose-gc, also what the heap holds once its garbage is gone (retained, not just not yet collected).
    let liveHeap = null;
    if (typeof global.gc === 'function') {
      global.gc();
      liveHeap = process.memoryUsage().heapUsed;
    }
    process.send({ memory: process.memoryUsage(), spaces, liveHeap, heap: v8.getHeapStatistics() });
  });
  // The IPC channel must not keep the server alive, nor its listener be what ends it.
  process.channel?.unref();
}
