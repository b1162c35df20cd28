// Mutations of how a Rollout delivers: strategies, canary weights, traffic routing, restarts, steps,
// full promotion, blue-green selectors, phase, a missing status, ping-pong and workloadRef.
import { undecodableQuantities } from "@rollscope/shared/kube/quantity";
import { canary, hashes, type Mutation, rolloutOf, status, uid } from "./context";

export const rolloutStrategyMutations: Mutation[] = [
  {
    name: "strategy-both",
    apply(c) {
      const ro = rolloutOf(c);
      const strategy = ro?.spec?.strategy;
      if (!strategy) return undefined;
      if (strategy.canary && !strategy.blueGreen)
        strategy.blueGreen = { activeService: `${ro.metadata.name}-active` };
      else if (strategy.blueGreen && !strategy.canary)
        strategy.canary = { steps: [{ setWeight: 20 }, { pause: {} }] };
      else return undefined;
      return "both canary and blueGreen";
    },
  },
  {
    name: "strategy-none",
    apply(c) {
      const ro = rolloutOf(c);
      if (!ro?.spec) return undefined;
      if (c.random.chance(0.5)) ro.spec.strategy = {};
      else delete ro.spec.strategy;
      return "no strategy";
    },
  },
  {
    name: "canary-weights",
    apply(c) {
      const ro = rolloutOf(c);
      if (!ro || !canary(ro)) return undefined;
      const weight = c.random.pick([0, 5, 20, 50, 100, c.random.int(0, 100)]);
      const s = status(ro);
      const canaryHash = (s.currentPodHash as string | undefined) ?? c.random.hash();
      const stableHash = (s.stableRS as string | undefined) ?? c.random.hash();
      s.canary = {
        ...((s.canary as object) ?? {}),
        weights: {
          canary: { weight, podTemplateHash: canaryHash, serviceName: `${ro.metadata.name}-canary` },
          stable: {
            weight: 100 - weight,
            podTemplateHash: stableHash,
            serviceName: `${ro.metadata.name}-stable`,
          },
          ...(c.random.chance(0.5) ? { verified: c.random.chance(0.5) } : {}),
        },
      };
      return `status.canary.weights canary ${weight}`;
    },
  },
  {
    name: "traffic-routing",
    apply(c) {
      const ro = rolloutOf(c);
      const spec = ro && canary(ro);
      if (!ro || !spec) return undefined;
      if (spec.trafficRouting && c.random.chance(0.5)) {
        delete spec.trafficRouting;
        return "traffic routing removed";
      }
      spec.canaryService ??= `${ro.metadata.name}-canary`;
      spec.stableService ??= `${ro.metadata.name}-stable`;
      spec.trafficRouting = c.random.pick([
        { istio: { virtualService: { name: `${ro.metadata.name}-vsvc`, routes: ["primary"] } } },
        { nginx: { stableIngress: `${ro.metadata.name}-ingress` } },
        { smi: {} },
      ]);
      return `traffic routing ${Object.keys(spec.trafficRouting as object)[0]}`;
    },
  },
  {
    name: "restart",
    apply(c) {
      const ro = rolloutOf(c);
      if (!ro) return undefined;
      const instant = c.random.time();
      const fractional = instant.replace("Z", ".000Z");
      const offset = `${instant.slice(0, -1)}+00:00`;
      const variant = c.random.int(0, 4);
      ro.spec ??= {};
      if (variant !== 1) ro.spec.restartAt = instant;
      if (variant === 1 || variant === 2) status(ro).restartedAt = instant;
      if (variant === 3) status(ro).restartedAt = c.random.pick([fractional, offset]);
      if (variant === 4) status(ro).restartedAt = c.random.time();
      return `restart variant ${variant}`;
    },
  },
  {
    name: "steps",
    apply(c) {
      const ro = rolloutOf(c);
      const spec = ro && canary(ro);
      if (!ro || !spec) return undefined;
      const n = c.random.int(0, 6);
      const steps = Array.from({ length: n }, () =>
        c.random.pick<object>([
          { setWeight: c.random.int(0, 100) },
          { setWeight: c.random.int(0, 100) },
          { pause: {} },
          { pause: { duration: c.random.pick(["10s", "1m", 30, "1h"]) } },
          { analysis: { templates: [{ templateName: "success-rate" }] } },
          { setCanaryScale: { weight: c.random.int(0, 100) } },
          {
            experiment: {
              templates: [{ name: "canary", specRef: "canary" }],
              ...(c.random.chance(0.5) ? { duration: "5m" } : {}),
            },
          },
        ]),
      );
      if (n === 0 && c.random.chance(0.5)) delete spec.steps;
      else spec.steps = steps;
      const s = status(ro);
      if (typeof s.currentStepIndex === "number" && c.random.chance(0.5))
        s.currentStepIndex = c.random.int(0, n);
      return `${n} steps`;
    },
  },
  {
    name: "promote-full",
    apply(c) {
      const ro = rolloutOf(c);
      if (!ro) return undefined;
      status(ro).promoteFull = true;
      return "promoteFull";
    },
  },
  {
    name: "blue-green",
    apply(c) {
      const ro = rolloutOf(c);
      const bg = ro?.spec?.strategy?.blueGreen;
      if (!ro || !bg) return undefined;
      const known = hashes(c, ro);
      const s = status(ro);
      const active = c.random.pick([...known, undefined]);
      const preview = c.random.pick([...known, undefined]);
      s.blueGreen = {
        ...(active ? { activeSelector: active } : {}),
        ...(preview ? { previewSelector: preview } : {}),
        ...(c.random.chance(0.3) ? { scaleUpPreviewCheckPoint: c.random.chance(0.5) } : {}),
      };
      if (c.random.chance(0.4)) bg.autoPromotionEnabled = c.random.chance(0.5);
      if (c.random.chance(0.3)) bg.previewService = `${ro.metadata.name}-preview`;
      return `active ${active}, preview ${preview}`;
    },
  },
  {
    name: "phase-message",
    apply(c) {
      const ro = rolloutOf(c);
      if (!ro) return undefined;
      const s = status(ro);
      s.phase = c.random.pick(["Healthy", "Progressing", "Paused", "Degraded", ""]);
      s.message = c.random.pick([
        "",
        "CanaryPauseStep",
        "RolloutAborted: Rollout aborted update to revision 2",
      ]);
      return `status.phase ${s.phase}`;
    },
  },
  {
    name: "no-status",
    apply(c) {
      const ro = rolloutOf(c);
      if (!ro?.status) return undefined;
      delete ro.status;
      return "status removed";
    },
  },
  {
    name: "ping-pong",
    apply(c) {
      const ro = rolloutOf(c);
      const spec = ro && canary(ro);
      if (!ro || !spec) return undefined;
      spec.pingPong = { pingService: `${ro.metadata.name}-ping`, pongService: `${ro.metadata.name}-pong` };
      spec.trafficRouting ??= { alb: { ingress: `${ro.metadata.name}-ingress`, servicePort: 80 } };
      delete spec.canaryService;
      delete spec.stableService;
      const s = status(ro);
      const which = c.random.pick(["ping", "pong", undefined]);
      if (which) s.canary = { ...((s.canary as object) ?? {}), stablePingPong: which };
      return `ping-pong, stable ${which}`;
    },
  },
  {
    name: "workload-ref",
    apply(c) {
      const ro = rolloutOf(c);
      if (!ro?.spec?.template || c.objects.some((o) => o.kind === "Deployment")) return undefined;
      // An API server refuses a Deployment whose template holds a quantity Go cannot parse.
      if (undecodableQuantities(ro.spec.template, "spec.template").length > 0) return undefined;
      const name = `${ro.metadata.name}-deploy`;
      ro.spec.workloadRef = { apiVersion: "apps/v1", kind: "Deployment", name };
      const template = ro.spec.template;
      delete ro.spec.template;
      if (c.random.chance(0.8)) {
        c.objects.push({
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: { name, namespace: ro.metadata.namespace, uid: uid(c.random), generation: 1 },
          spec: { replicas: 0, selector: ro.spec.selector ?? { matchLabels: {} }, template },
          status: {},
        });
        return "workloadRef to a Deployment";
      }
      return "workloadRef to a missing Deployment";
    },
  },
];
