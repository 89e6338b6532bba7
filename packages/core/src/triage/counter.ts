/**
 * Counts hashed buckets for one text in a small open-addressing table, in two channels (the
 * whole text and the title namespace). Sorting the ~2,000 bucket ids of an appeal to count them
 * took most of the prediction budget (V8's typed-array sort costs ~100 µs here); a table sized
 * to the text stays in the CPU cache and counts in one pass. Entries come out in order of first
 * occurrence, which is deterministic for a given text.
 */
export class BucketCounter {
  private keys = new Int32Array(1024).fill(-1);
  private entryOf = new Int32Array(1024);
  private mask = 1023;
  /** Distinct buckets in order of first occurrence, and their counts per channel. */
  buckets = new Int32Array(512);
  /** A caller-chosen tag per entry (the n-gram length), kept from the first occurrence. */
  tags = new Uint8Array(512);
  private slotOf = new Int32Array(512);
  counts: [Float64Array, Float64Array] = [new Float64Array(512), new Float64Array(512)];
  size = 0;

  /** Empties the table and makes room for up to `capacity` distinct buckets. */
  reset(capacity: number): void {
    // Every used slot is cleared, so the whole allocation is blank and any prefix can serve.
    for (let i = 0; i < this.size; i++) this.keys[this.slotOf[i]!] = -1;
    this.size = 0;
    let tableSize = 64;
    while (tableSize < capacity * 2) tableSize *= 2;
    // The mask follows this text, not the longest text seen: one 10,000-character appeal must
    // not leave every later short one probing a table far larger than the CPU cache.
    this.mask = tableSize - 1;
    if (tableSize > this.keys.length) {
      this.keys = new Int32Array(tableSize).fill(-1);
      this.entryOf = new Int32Array(tableSize);
    }
    if (capacity > this.buckets.length) {
      this.buckets = new Int32Array(capacity);
      this.tags = new Uint8Array(capacity);
      this.slotOf = new Int32Array(capacity);
      this.counts = [new Float64Array(capacity), new Float64Array(capacity)];
    }
  }

  add(bucket: number, channel: 0 | 1, tag: number): void {
    let h = Math.imul(bucket, 0x9e3779b1) & this.mask;
    for (;;) {
      const key = this.keys[h]!;
      if (key === bucket) break;
      if (key === -1) {
        this.keys[h] = bucket;
        this.entryOf[h] = this.size;
        this.buckets[this.size] = bucket;
        this.tags[this.size] = tag;
        this.slotOf[this.size] = h;
        this.counts[0][this.size] = 0;
        this.counts[1][this.size] = 0;
        this.size++;
        break;
      }
      h = (h + 1) & this.mask;
    }
    this.counts[channel][this.entryOf[h]!]! += 1;
  }
}
