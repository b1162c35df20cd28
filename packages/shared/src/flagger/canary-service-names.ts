// Canary.GetServiceNames (pkg/apis/flagger/v1beta1/canary.go): the apex Service (and VirtualService)
// is spec.service.name, else the target's name; Flagger adds `<apex>-primary` and `<apex>-canary`.
import type { Canary } from "../schemas/flagger/canary";

export interface CanaryServiceNames {
  apex: string;
  primary: string;
  canary: string;
}

export function canaryServiceNames(canary: Canary): CanaryServiceNames {
  const apex = canary.spec.service?.name || canary.spec.targetRef.name;
  return { apex, primary: `${apex}-primary`, canary: `${apex}-canary` };
}
