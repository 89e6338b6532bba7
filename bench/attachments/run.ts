// What a citizen's photo costs (issue 12 §5, ADR 0035): re-encoding a phone photo and storing it.
//   npm run bench:attachments [-- WIDTH HEIGHT RUNS]   (default 4032 3024 12: a 12 MP phone photo)
import { runAttachmentBench } from './bench.js';

const [width = 4032, height = 3024, runs = 12] = process.argv.slice(2).map(Number);
const r = await runAttachmentBench({ width, height, runs });
console.log(`${r.width}×${r.height} JPEG with GPS EXIF, ${(r.inputBytes / 1e6).toFixed(2)} MB in → ${(r.outputBytes / 1e6).toFixed(2)} MB stored (2560 px long side) + ${(r.thumbnailBytes / 1e3).toFixed(1)} kB thumbnail`);
console.log(`re-encode: median ${r.reencode.median} ms, max ${r.reencode.max} ms over ${runs} runs (≈ ${(1000 / r.reencode.median).toFixed(1)} photos/s on one request)`);
console.log(`local store write (photo + thumbnail): median ${r.store.median} ms, max ${r.store.max} ms`);
