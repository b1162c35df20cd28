// Where Rollscope shows a Rollout differently from `kubectl argo rollouts get rollout` on purpose: a
// plugin quirk that would mislead a person. Each entry names the field, when it applies and why.
import type { Delivery } from "@rollscope/shared";
import type { Difference } from "./compare/compare-views";
import type { PluginView } from "./compare/plugin-view";

export interface DeliberateDifference {
  /** Matches the difference's field, e.g. /^replicaSets\[.*\]\.tags$/. */
  field: RegExp;
  /** Narrows it to the cases it is about; every difference of the field when absent. */
  applies?: (difference: Difference, plugin: PluginView) => boolean;
  reason: string;
}

export const deliberateDifferences: DeliberateDifference[] = [];

/** The deliberate difference that explains `difference`, if any. */
export function explain(difference: Difference, plugin: PluginView): DeliberateDifference | undefined {
  return deliberateDifferences.find(
    (d) => d.field.test(difference.field) && (d.applies?.(difference, plugin) ?? true),
  );
}

/**
 * Rollouts the plugin refuses to show at all (`get rollout` fails) although the API server holds them,
 * and what Rollscope shows instead: `shown` checks that Rollscope says why, on the field at fault.
 */
export const pluginErrors: Array<{ error: RegExp; reason: string; shown: (d: Delivery) => boolean }> = [
  {
    error: /^deployment\.apps ".*" not found$/,
    reason:
      "the plugin fails the whole `get rollout` when the workloadRef Deployment is missing; Rollscope shows " +
      "the Rollout with a notice on spec.workloadRef.name saying the Deployment does not exist",
    shown: (d) => (d.notices ?? []).some((n) => n.path === "spec.workloadRef.name"),
  },
  {
    error: /^Rollout does not decode: quantities must match the regular expression/,
    reason:
      "the plugin (like the controller) cannot decode a Rollout whose pod template holds a quantity Go refuses, " +
      "which the CRD's int-or-string schema lets the API server store; Rollscope shows it with a notice on that quantity",
    shown: (d) => (d.notices ?? []).some((n) => /^spec\.template\..*\.resources\./.test(n.path)),
  },
];
