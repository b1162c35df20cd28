// The part of kube-controller-manager and the kubelets the Flagger demo needs: a Deployment's status
// catches up with its spec. A new pod template or a scale-up takes `readyDelaySeconds` of demo time
// (counted from the write, seen through the store's watch) to become ready; scaling down is
// immediate. Status is written only when it changes, and only from reconcile(), never inside a watch
// callback, so watchers see events in order.
import type { ObjectKey } from "@rollscope/shared/cluster/object-key";
import { objectKey } from "@rollscope/shared/cluster/object-key";
import type { DemoClock } from "../demo-clock";
import type { DemoStore, DemoWatchEvent, RawObject } from "../demo-store";
import { computeHash } from "./template-hash";

interface Rollout {
  generation: number;
  templateHash: string;
  sinceMs: number;
  /** Ready pods when this generation began (old pods keep serving during a rolling update). */
  fromReady: number;
  change: "new" | "template" | "scale";
}

function num(value: unknown): number {
  return typeof value === "number" ? value : 0;
}

export class DeploymentStatusSimulator {
  private readonly rollouts = new Map<string, Rollout>();

  constructor(
    private readonly store: DemoStore,
    private readonly clock: DemoClock,
    private readonly readyDelaySeconds = 5,
  ) {}

  /** Notes when a Deployment's spec changed (pass every store watch event). */
  observe(event: DemoWatchEvent): void {
    if (event.object.kind !== "Deployment") return;
    const id = objectKey(this.store.keyOf(event.object));
    if (event.type === "deleted") {
      this.rollouts.delete(id);
      return;
    }
    this.track(id, event.object);
  }

  reconcile(key: ObjectKey): void {
    const deployment = this.store.get(key);
    if (!deployment) return;
    const rollout = this.track(objectKey(key), deployment);
    const status = this.statusFor(deployment, rollout, this.clock.nowMs());
    if (JSON.stringify(status) !== JSON.stringify(deployment.status ?? {}))
      this.store.updateStatus(key, status);
  }

  private track(id: string, deployment: RawObject): Rollout {
    const generation = deployment.metadata.generation ?? 1;
    const previous = this.rollouts.get(id);
    if (previous && previous.generation === generation) return previous;
    const templateHash = computeHash(deployment.spec?.template ?? {});
    const observed = num(deployment.status?.observedGeneration);
    const change = !previous
      ? observed === 0
        ? "new"
        : "scale"
      : previous.templateHash !== templateHash
        ? "template"
        : "scale";
    // First sight of a Deployment whose status is already current: nothing is rolling.
    const settled = !previous && observed === generation;
    const rollout: Rollout = {
      generation,
      templateHash,
      sinceMs: settled ? Number.NEGATIVE_INFINITY : this.clock.nowMs(),
      fromReady: change === "new" ? 0 : num(deployment.status?.readyReplicas),
      change,
    };
    this.rollouts.set(id, rollout);
    return rollout;
  }

  private statusFor(deployment: RawObject, rollout: Rollout, nowMs: number): Record<string, unknown> {
    const desired = typeof deployment.spec?.replicas === "number" ? deployment.spec.replicas : 1;
    const done = desired === 0 || nowMs - rollout.sinceMs >= this.readyDelaySeconds * 1000;
    const ready = done ? desired : Math.min(rollout.fromReady, desired);
    const updated = done || rollout.change !== "template" ? desired : 0;
    const rsName = `${deployment.metadata.name}-${rollout.templateHash}`;
    const available = desired === 0 || ready > 0;
    const previous = Array.isArray(deployment.status?.conditions)
      ? (deployment.status.conditions as Array<Record<string, unknown>>)
      : [];
    const now = this.clock.timestamp();
    // Condition times move only when the condition changes, as the controller writes them.
    const condition = (type: string, status: string, reason: string, message: string) => {
      const old = previous.find((c) => c.type === type);
      const same = old?.status === status && old?.reason === reason && old?.message === message;
      const transition = old?.status === status && typeof old?.lastTransitionTime === "string";
      return {
        type,
        status,
        reason,
        message,
        lastUpdateTime: same && typeof old?.lastUpdateTime === "string" ? old.lastUpdateTime : now,
        lastTransitionTime: transition ? (old?.lastTransitionTime as string) : now,
      };
    };
    return {
      observedGeneration: rollout.generation,
      ...(desired > 0 ? { replicas: desired, updatedReplicas: updated } : {}),
      ...(ready > 0 ? { readyReplicas: ready, availableReplicas: ready } : {}),
      ...(desired - ready > 0 ? { unavailableReplicas: desired - ready } : {}),
      conditions: [
        available
          ? condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.")
          : condition(
              "Available",
              "False",
              "MinimumReplicasUnavailable",
              "Deployment does not have minimum availability.",
            ),
        done
          ? condition(
              "Progressing",
              "True",
              "NewReplicaSetAvailable",
              `ReplicaSet "${rsName}" has successfully progressed.`,
            )
          : condition("Progressing", "True", "ReplicaSetUpdated", `ReplicaSet "${rsName}" is progressing.`),
      ],
    };
  }
}
