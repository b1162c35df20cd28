// How the simulated apps behave: a request rate per app, and errors and latency per image. A tag
// containing "bad" fails a third of requests with 500s, "slow" adds several hundred milliseconds,
// anything else errs 0.1% of the time with a p99 of roughly 80-150 ms (a per-image jitter).
import { fnv1a32OfCodeUnits } from "@rollscope/shared/encoding/fnv1a";
import { parseImageReference } from "@rollscope/shared/images/image-reference";

/** mulberry32: small, fast, seedable; tests get the same traffic every run. */
export function seededRandom(seed = 1): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable number in [0, 1) for a string. */
export function unitHash(text: string): number {
  return fnv1a32OfCodeUnits(text) / 4294967296;
}

/** Requests per second an app gets from its users: 20-80, stable per app. */
export function baseRate(app: string): number {
  return 20 + Math.floor(unitHash(`rate:${app}`) * 61);
}

/** A gentle wobble (±15% over a few minutes) so charts do not look flat. */
export function rateWobble(app: string, second: number): number {
  const phase = unitHash(`phase:${app}`) * 2 * Math.PI;
  return 1 + 0.15 * Math.sin(second / 97 + phase);
}

export interface ImageProfile {
  errorRate: number;
  errorCode: number;
  /** One request's latency in ms. */
  latency(random: () => number): number;
}

function tagOf(image: string): string {
  const parsed = parseImageReference(image);
  return ((parsed.ok ? parsed.ref.tag : undefined) ?? "latest").toLowerCase();
}

/** Standard normal by Box-Muller. */
function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export function imageProfile(image: string): ImageProfile {
  const tag = tagOf(image);
  // Log-normal with sigma 0.5: p99 = median * e^(2.326 * 0.5) ≈ 3.2 * median, median 26-47 ms.
  const median = 26 + 21 * unitHash(`latency:${image}`);
  const base = (random: () => number) => median * Math.exp(0.5 * gaussian(random));
  if (tag.includes("bad")) return { errorRate: 1 / 3, errorCode: 500, latency: base };
  if (tag.includes("slow")) {
    return { errorRate: 0.001, errorCode: 503, latency: (random) => base(random) + 350 + 550 * random() };
  }
  return { errorRate: 0.001, errorCode: 503, latency: base };
}
