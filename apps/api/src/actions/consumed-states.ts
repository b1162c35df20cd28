// The state each successful action was planned from, per object. The informer cache can still show
// that state for a moment after the action's patch landed (the watch event is on its way), and a second
// click carrying the same state would pass the stale check and be applied twice — a second promote
// skips a step nobody saw. So a later action carrying a consumed state is refused until the cache shows
// the object has moved on (then the ordinary stale check takes over) or, at the latest, `ttlMs` after
// (for actions whose effect the observed fields never show, e.g. a gate Flagger has not read yet).
import { type ActionName, checkPrecondition, type ObservedState } from "@rollscope/shared";

export interface ConsumedState {
  action: ActionName;
  identity: string;
  /** When the action's requests were sent. */
  at: Date;
  /** The object's state the action was planned from. */
  state: ObservedState;
}

/** Every field of the observed block: an action carrying any other value saw another state. */
const everyField = Object.keys({
  stepIndex: true,
  podHash: true,
  stableHash: true,
  aborted: true,
  paused: true,
  flaggerPhase: true,
  canaryWeight: true,
  iterations: true,
  lastAppliedSpec: true,
} satisfies Record<keyof ObservedState, true>) as (keyof ObservedState)[];

/** Two analysis intervals of a typical Flagger canary (1m), the slowest lever to show its effect. */
export const defaultConsumedStateTtlMs = 120_000;

export class ConsumedStates {
  private readonly byObject = new Map<string, ConsumedState>();

  constructor(
    readonly ttlMs = defaultConsumedStateTtlMs,
    /** Bounds memory however many objects are acted on within the ttl. */
    private readonly maxObjects = 10_000,
  ) {}

  remember(objectKey: string, consumed: ConsumedState): void {
    // Re-inserting keeps the Map in insertion order: the oldest entry is the first to go.
    this.byObject.delete(objectKey);
    this.byObject.set(objectKey, consumed);
    for (const oldest of this.byObject.keys()) {
      if (this.byObject.size <= this.maxObjects) break;
      this.byObject.delete(oldest);
    }
  }

  /**
   * The earlier action that already acted on exactly the state `seen` describes (every field sent is
   * compared: a person who saw the pause cleared saw a new state), if it is still remembered.
   */
  actedOn(objectKey: string, seen: Partial<ObservedState>, now: Date): ConsumedState | undefined {
    const consumed = this.byObject.get(objectKey);
    if (!consumed) return undefined;
    if (now.getTime() - consumed.at.getTime() >= this.ttlMs) {
      this.byObject.delete(objectKey);
      return undefined;
    }
    return checkPrecondition(seen, consumed.state, everyField).ok ? consumed : undefined;
  }

  /**
   * The cache now shows the object in `current` (undefined: deleted). Once that differs from the
   * consumed state in a field the stale check compares, a click carrying the old state is refused as
   * stale anyway: forget it. (A change the stale check ignores, e.g. a promote clearing the pause
   * before the controller moves the step, keeps it remembered.)
   */
  observe(objectKey: string, current: ObservedState | undefined): void {
    const consumed = this.byObject.get(objectKey);
    if (!consumed) return;
    if (!current || !checkPrecondition(consumed.state, current).ok) this.byObject.delete(objectKey);
  }

  has(objectKey: string): boolean {
    return this.byObject.has(objectKey);
  }

  get size(): number {
    return this.byObject.size;
  }
}
