/**
 * Who has a stream open in the other server processes, as they announced it (pg-bus.ts). Each
 * process's entry expires unless renewed: a process killed without saying goodbye must not
 * keep its people "online" (which would only cost work, never lose an event, but still).
 */
export class RemotePresence {
  private readonly byProcess = new Map<string, { users: Set<string>; expiresAt: number }>();

  constructor(private readonly ttlMs: number, private readonly now: () => number = Date.now) {}

  change(processId: string, on: readonly string[], off: readonly string[]): void {
    const entry = this.byProcess.get(processId) ?? { users: new Set<string>(), expiresAt: 0 };
    for (const u of on) entry.users.add(u);
    for (const u of off) entry.users.delete(u);
    entry.expiresAt = this.now() + this.ttlMs;
    this.byProcess.set(processId, entry);
  }

  replace(processId: string, users: readonly string[]): void {
    this.byProcess.set(processId, { users: new Set(users), expiresAt: this.now() + this.ttlMs });
  }

  forget(processId: string): void {
    this.byProcess.delete(processId);
  }

  has(userId: string): boolean {
    return this.live().some((users) => users.has(userId));
  }

  any(): boolean {
    return this.live().some((users) => users.size > 0);
  }

  private live(): Array<Set<string>> {
    const now = this.now();
    const out: Array<Set<string>> = [];
    for (const [id, entry] of this.byProcess) {
      if (entry.expiresAt <= now) this.byProcess.delete(id);
      else out.push(entry.users);
    }
    return out;
  }
}
