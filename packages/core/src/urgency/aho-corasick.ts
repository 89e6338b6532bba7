import { foldCode } from './fold.js';

/**
 * Aho–Corasick automaton over folded UTF-16 units: finds every occurrence of every pattern in one
 * left-to-right pass, so scanning costs O(text + occurrences) however large the lexicon grows.
 * Patterns must already be folded (see `foldText`); the text is folded on the fly.
 *
 * Laid out for speed in the browser as well as in Node: characters map to a small alphabet through
 * a flat table (a character outside every pattern sends the scan straight back to the root), the
 * root's moves are an array, and every other state carries its failure-link moves pre-resolved,
 * so each character costs at most two lookups and no failure-link walk.
 */
export class AhoCorasick {
  /** Folded UTF-16 unit → alphabet symbol (1-based; 0 means the unit occurs in no pattern). */
  private readonly symbols = new Uint16Array(0x10000);
  private alphabetSize = 0;
  /** Root moves by symbol. */
  private rootNext = new Int32Array(1);
  /** Moves of every other state, including those inherited through failure links (but not the root's). */
  private readonly next: Map<number, number>[] = [new Map()];
  /** Pattern ids ending at each state, including those reached through failure links. */
  private readonly output: number[][] = [[]];
  private readonly lengths: number[];

  constructor(patterns: readonly string[]) {
    this.lengths = patterns.map((p) => p.length);
    patterns.forEach((pattern, id) => {
      if (pattern.length === 0) throw new RangeError('empty pattern');
      let node = 0;
      for (let i = 0; i < pattern.length; i += 1) node = this.child(node, this.symbolFor(pattern.charCodeAt(i)));
      this.output[node]?.push(id);
    });
    this.link();
  }

  /** Calls `onHit(patternId, start, end)` for every occurrence, in order of `end`. */
  scan(text: string, onHit: (pattern: number, start: number, end: number) => void): void {
    const { symbols, rootNext, next, output, lengths } = this;
    let node = 0;
    for (let i = 0; i < text.length; i += 1) {
      const symbol = symbols[foldCode(text.charCodeAt(i))] ?? 0;
      if (symbol === 0) {
        node = 0;
        continue;
      }
      node = (node === 0 ? undefined : next[node]?.get(symbol)) ?? rootNext[symbol] ?? 0;
      const ids = output[node];
      if (!ids || ids.length === 0) continue;
      for (const id of ids) onHit(id, i + 1 - (lengths[id] ?? 0), i + 1);
    }
  }

  private symbolFor(code: number): number {
    let symbol = this.symbols[code] ?? 0;
    if (symbol === 0) {
      this.alphabetSize += 1;
      symbol = this.alphabetSize;
      this.symbols[code] = symbol;
    }
    return symbol;
  }

  /** While building, `next` holds only the trie's own edges. */
  private child(node: number, symbol: number): number {
    const edges = this.next[node] as Map<number, number>;
    const existing = edges.get(symbol);
    if (existing !== undefined) return existing;
    const created = this.next.length;
    this.next.push(new Map());
    this.output.push([]);
    edges.set(symbol, created);
    return created;
  }

  /**
   * Breadth-first, so a state's failure target is complete before the state copies its moves.
   * The root's edges move into `rootNext`; every deeper state adds the moves of its failure
   * target that it lacks, which is what the classic failure-link walk would find at scan time.
   */
  private link(): void {
    const root = this.next[0] as Map<number, number>;
    this.rootNext = new Int32Array(this.alphabetSize + 1);
    for (const [symbol, target] of root) this.rootNext[symbol] = target;
    const fail = new Int32Array(this.next.length);
    const own = this.next.map((edges) => [...edges]);
    const queue: number[] = [...root.values()];
    for (let head = 0; head < queue.length; head += 1) {
      const node = queue[head] as number;
      const moves = this.next[node] as Map<number, number>;
      for (const [symbol, target] of own[node] ?? []) {
        const failTarget = this.move(fail[node] ?? 0, symbol);
        fail[target] = failTarget;
        this.output[target]?.push(...(this.output[failTarget] ?? []));
        queue.push(target);
      }
      const failNode = fail[node] ?? 0;
      if (failNode !== 0) {
        for (const [symbol, target] of this.next[failNode] ?? []) if (!moves.has(symbol)) moves.set(symbol, target);
      }
    }
    root.clear();
  }

  /** The state reached from `node` on `symbol`, once `node`'s moves are complete. */
  private move(node: number, symbol: number): number {
    return (node === 0 ? undefined : this.next[node]?.get(symbol)) ?? this.rootNext[symbol] ?? 0;
  }
}
