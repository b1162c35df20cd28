// At most one action per object at a time. A person expects one click to be one change: a second
// click, a retrying client or a colleague acting on the same rollout while the first action is still
// being sent is refused rather than planned from a state that is about to change.
import type { ActionName } from "@rollscope/shared";

export interface RunningAction {
  action: ActionName;
  /** The action's own arguments (image, revision) as JSON, to tell an identical action from another. */
  args: string;
  identity: string;
  startedAt: Date;
}

export type Claim = { ok: true; release(): void } | { ok: false; holder: RunningAction };

export class InFlightActions {
  private readonly running = new Map<string, RunningAction>();

  /** Claims the object for `action`, or names the action already holding it. Release in a finally. */
  claim(objectKey: string, action: RunningAction): Claim {
    const holder = this.running.get(objectKey);
    if (holder) return { ok: false, holder };
    this.running.set(objectKey, action);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.running.delete(objectKey);
      },
    };
  }

  get size(): number {
    return this.running.size;
  }
}
