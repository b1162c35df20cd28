// Flagger's webhooks (pkg/controller/webhook.go, scheduler_hooks.go): the payload with the release
// checksum, "passes" = HTTP status <= 202, and each hook type's events and status effects.
import { type Canary, type CanaryWebhook, canaryAnalysis, canaryChecksum } from "@rollscope/shared";
import type { CanaryStatusWriter } from "./canary-status";
import type { FlaggerEventRecorder } from "./event-recorder";
import {
  analysisIterations,
  type CanaryWebhookPayload,
  type WebhookCaller,
  type WebhookResponse,
} from "./flagger-context";
import { type DemoLoadtester, isDemoLoadtesterUrl } from "./loadtester";

export type HookResult = { ok: true } | { ok: false; error: string };

/** The default caller: the demo loadtester for its URLs; any other host does not resolve. */
export function demoWebhookCaller(loadtester: DemoLoadtester, fallback?: WebhookCaller): WebhookCaller {
  return (url, payload) => {
    if (isDemoLoadtesterUrl(url)) return loadtester.handle(new URL(url).pathname || "/", payload);
    if (fallback) return fallback(url, payload);
    let host = url;
    try {
      host = new URL(url).hostname;
    } catch {
      return { status: 0, body: `parse "${url}": invalid URI for request` };
    }
    return { status: 0, body: `Post "${url}": dial tcp: lookup ${host}: no such host` };
  };
}

function hooksOfType(canary: Canary, type: string): CanaryWebhook[] {
  return (canaryAnalysis(canary).webhooks ?? []).filter((w) => (w.type ?? "") === type);
}

export class WebhookRunner {
  constructor(
    private readonly call: WebhookCaller,
    private readonly events: FlaggerEventRecorder,
    private readonly status: CanaryStatusWriter,
  ) {}

  /** CallWebhook: an error carries the response body, as `errors.New(string(b))` does. */
  async callHook(canary: Canary, phase: string, webhook: CanaryWebhook): Promise<HookResult> {
    const payload: CanaryWebhookPayload = {
      name: canary.metadata.name,
      namespace: canary.metadata.namespace ?? "default",
      phase,
      checksum: canaryChecksum(canary),
      ...(webhook.metadata ? { metadata: { ...webhook.metadata } } : {}),
    };
    let response: WebhookResponse;
    try {
      response = await this.call(webhook.url, payload);
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
    if (response.status === 0 || response.status > 202) return { ok: false, error: response.body };
    return { ok: true };
  }

  async confirmRollout(canary: Canary): Promise<boolean> {
    for (const webhook of hooksOfType(canary, "confirm-rollout")) {
      const result = await this.callHook(canary, canary.status?.phase ?? "", webhook);
      if (!result.ok) {
        if (canary.status?.phase !== "Waiting") {
          this.status.setPhase(canary, "Waiting", analysisIterations(canary));
          this.events.warning(canary, `Halt ${id(canary)} advancement waiting for approval ${webhook.name}`);
        }
        return false;
      }
      this.events.info(canary, `Confirm-rollout check ${webhook.name} passed`);
    }
    return true;
  }

  async confirmTrafficIncrease(canary: Canary): Promise<boolean> {
    for (const webhook of hooksOfType(canary, "confirm-traffic-increase")) {
      const result = await this.callHook(canary, "Progressing", webhook);
      if (!result.ok) {
        this.events.warning(
          canary,
          `Halt ${id(canary)} advancement waiting for traffic increase approval ${webhook.name}`,
        );
        return false;
      }
      this.events.info(canary, `Confirm-traffic-increase check ${webhook.name} passed`);
    }
    return true;
  }

  async confirmPromotion(canary: Canary): Promise<boolean> {
    for (const webhook of hooksOfType(canary, "confirm-promotion")) {
      const result = await this.callHook(canary, "Progressing", webhook);
      if (!result.ok) {
        if (canary.status?.phase !== "WaitingPromotion") {
          this.status.setPhase(canary, "WaitingPromotion", analysisIterations(canary));
          this.events.warning(
            canary,
            `Halt ${id(canary)} advancement waiting for promotion approval ${webhook.name}`,
          );
        } else {
          this.status.setIterations(canary, analysisIterations(canary) - 1);
        }
        return false;
      }
      this.events.info(canary, `Confirm-promotion check ${webhook.name} passed`);
    }
    return true;
  }

  async preRollout(canary: Canary): Promise<boolean> {
    for (const webhook of hooksOfType(canary, "pre-rollout")) {
      const result = await this.callHook(canary, "Progressing", webhook);
      if (!result.ok) {
        this.events.warning(
          canary,
          `Halt ${id(canary)} advancement pre-rollout check ${webhook.name} failed ${result.error}`,
        );
        return false;
      }
      this.events.info(canary, `Pre-rollout check ${webhook.name} passed`);
    }
    return true;
  }

  /** `rollout` (or untyped) hooks, run before the metrics of every analysis. */
  async rollout(canary: Canary): Promise<boolean> {
    const hooks = [...hooksOfType(canary, ""), ...hooksOfType(canary, "rollout")];
    for (const webhook of hooks) {
      const result = await this.callHook(canary, "Progressing", webhook);
      if (!result.ok) {
        this.events.warning(
          canary,
          `Halt ${id(canary)} advancement external check ${webhook.name} failed ${result.error}`,
        );
        return false;
      }
    }
    return true;
  }

  async postRollout(canary: Canary, phase: string): Promise<boolean> {
    for (const webhook of hooksOfType(canary, "post-rollout")) {
      const result = await this.callHook(canary, phase, webhook);
      if (!result.ok) {
        this.events.warning(canary, `Post-rollout hook ${webhook.name} failed ${result.error}`);
        return false;
      }
      this.events.info(canary, `Post-rollout check ${webhook.name} passed`);
    }
    return true;
  }

  /** True when a rollback hook answers 2xx: roll back now. */
  async rollback(canary: Canary, phase: string): Promise<boolean> {
    for (const webhook of hooksOfType(canary, "rollback")) {
      const result = await this.callHook(canary, phase, webhook);
      if (!result.ok) {
        this.events.info(canary, `Rollback hook ${webhook.name} not signaling a rollback`);
      } else {
        this.events.warning(canary, `Rollback check ${webhook.name} passed`);
        return true;
      }
    }
    return false;
  }

  /** `event` hooks get every event (sendEventToWebhook); their answers are only logged upstream. */
  async event(canary: Canary, type: string, message: string, nowMs: number): Promise<void> {
    for (const webhook of hooksOfType(canary, "event")) {
      const metadata = {
        ...webhook.metadata,
        eventMessage: message,
        eventType: type,
        timestamp: String(nowMs),
      };
      await this.callHook(canary, canary.status?.phase ?? "", { ...webhook, metadata });
    }
  }
}

function id(canary: Canary): string {
  return `${canary.metadata.name}.${canary.metadata.namespace ?? "default"}`;
}
