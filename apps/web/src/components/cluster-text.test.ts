// Cluster text carrying bidi controls renders inside an isolate, wherever it is drawn: the overview
// row, the delivery page's header and its revisions. Rendered to static markup (no DOM needed).
import { parseObject, rolloutDelivery, toSummary } from "@rollscope/shared";
import { canaryRollout } from "@rollscope/shared/testing/builders";
import * as React from "react";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ClusterText, ClusterTextList } from "./cluster-text";
import { DeliveryHeader } from "./delivery-page/delivery-header";
import { RevisionsPanel } from "./delivery-page/revisions-panel";
import { DeliveryRow } from "./overview/delivery-row";

// vitest.config.ts leaves JSX to esbuild's default classic transform (tsconfig says "preserve" for
// Next), so the components' JSX calls a global React.createElement.
Object.assign(globalThis, { React });

const RLO = "\u202E";
const PDF = "\u202C";
const FSI = "\u2068";
const PDI = "\u2069";

/** Drops every FSI … PDI span (outermost first), so what is left is text outside string isolates. */
function outsideStringIsolates(text: string): string {
  let out = "";
  let depth = 0;
  for (const ch of text) {
    if (ch === FSI) depth++;
    else if (ch === PDI && depth > 0) depth--;
    else if (depth === 0) out += ch;
  }
  return out;
}

/**
 * Where an RLO is drawn outside any isolate: in text outside a <bdi>, or in a title outside FSI … PDI.
 * aria-* and data-* attributes are not drawn, and href is percent-encoded, so they are not checked.
 */
function unisolated(markup: string): string[] {
  const problems: string[] = [];
  let bdi = 0;
  for (const part of markup.split(/(<[^>]*>)/)) {
    if (part.startsWith("<")) {
      if (/^<bdi[\s>]/.test(part)) bdi++;
      else if (part === "</bdi>") bdi--;
      for (const [, name, value = ""] of part.matchAll(/\s([\w:-]+)="([^"]*)"/g)) {
        if (name?.startsWith("aria-") || name?.startsWith("data-") || name === "href") continue;
        if (outsideStringIsolates(value).includes(RLO)) problems.push(`attribute ${name}="${value}"`);
      }
    } else if (bdi === 0 && outsideStringIsolates(part).includes(RLO)) {
      problems.push(`text "${part}"`);
    }
  }
  return problems;
}

const evilName = `evil${RLO}gnp.exe`;
const raw = canaryRollout({
  metadata: { name: evilName, namespace: `shop${RLO}x` },
  spec: {
    template: {
      spec: { containers: [{ name: "myapp", image: `registry.example/app${RLO}:v2` }] },
    },
  },
  status: { message: `CanaryPauseStep${RLO} paused` },
});
const delivery = rolloutDelivery({ cluster: `prod${RLO}eu`, rollout: raw });

describe("ClusterText", () => {
  it("is a <bdi> whose controls cannot reach past it", () => {
    expect(renderToStaticMarkup(createElement(ClusterText, null, evilName))).toBe(
      `<bdi>${evilName}${PDF}</bdi>`,
    );
    expect(renderToStaticMarkup(createElement(ClusterText, null, `a${PDI}${RLO}b`))).toBe(
      `<bdi>a${RLO}b${PDF}</bdi>`,
    );
    expect(renderToStaticMarkup(createElement(ClusterTextList, { items: ["a", "b"] }))).toBe(
      "<bdi>a</bdi>, <bdi>b</bdi>",
    );
  });
});

describe("a name containing U+202E", () => {
  it("the overview row draws it, its namespace, cluster, message and images only inside isolates", () => {
    const markup = renderToStaticMarkup(
      createElement(DeliveryRow, {
        d: toSummary({
          ...delivery,
          images: [
            { image: `registry.example/app${RLO}:v1`, tags: ["stable"] },
            { image: `registry.example/app${RLO}:v2`, tags: ["canary"] },
          ],
        }),
        index: 0,
        selected: false,
        favourite: false,
        onToggleFavourite: () => {},
        onPromote: () => {},
        onSelect: () => {},
      }),
    );
    expect(markup).toContain(`<bdi>${evilName}${PDF}</bdi></a>`);
    expect(markup).toContain(`<bdi>shop${RLO}x${PDF}</bdi>`);
    expect(markup).toContain(`<bdi>prod${RLO}eu${PDF}</bdi>`);
    expect(markup).toContain(`<bdi>CanaryPauseStep${RLO} paused${PDF}</bdi>`);
    expect(markup).toContain(`title="${FSI}CanaryPauseStep${RLO} paused${PDF}${PDI}"`);
    // Not image references (U+202E is no reference character), so shown whole rather than shortened.
    expect(markup).toContain(`<bdi>registry.example/app${RLO}:v1${PDF}</bdi>`);
    expect(markup).toContain(`<strong><bdi>registry.example/app${RLO}:v2${PDF}</bdi></strong>`);
    expect(unisolated(markup)).toEqual([]);
  });

  it("the delivery page header draws it only inside isolates, the title included", () => {
    const d = {
      ...delivery,
      images: [{ image: `registry.example/app${RLO}:v2`, tags: ["canary", `Σ:tmpl${RLO}`] }],
      gitOpsOwner: {
        tool: "argocd" as const,
        kind: "Application",
        name: `guestbook${RLO}`,
        namespace: `argocd${RLO}`,
        source: `annotation argocd.argoproj.io/tracking-id${RLO}`,
      },
    };
    const markup = renderToStaticMarkup(createElement(DeliveryHeader, { d }));
    expect(markup).toMatch(new RegExp(`<h1[^>]*><bdi>${evilName}${PDF}</bdi></h1>`));
    expect(markup).toContain(`<code><bdi>registry.example/app${RLO}:v2${PDF}</bdi></code>`);
    expect(markup).toContain(`<strong><bdi>guestbook${RLO}${PDF}</bdi></strong>`);
    expect(unisolated(markup)).toEqual([]);
  });

  it("the revisions panel draws ReplicaSet names and images only inside isolates", () => {
    const markup = renderToStaticMarkup(
      createElement(RevisionsPanel, {
        d: {
          ...delivery,
          revisions: [
            {
              name: `${evilName}-6b8cf6f7db`,
              kind: "ReplicaSet",
              revision: 2,
              roles: ["canary"],
              status: "Healthy",
              images: [`registry.example/app${RLO}:v2`],
              containers: ["myapp"],
              replicas: { desired: 1, current: 1, ready: 1, available: 1 },
              pods: [
                {
                  name: `${evilName}-6b8cf6f7db-x`,
                  phase: "Running",
                  ready: true,
                  status: "Running",
                  readyContainers: 1,
                  containers: 1,
                  restarts: 0,
                },
              ],
            },
          ],
        },
      }),
    );
    expect(markup).toContain(`<code><bdi>${evilName}-6b8cf6f7db${PDF}</bdi></code>`);
    expect(unisolated(markup)).toEqual([]);
  });

  it("the checker itself finds an unisolated override", () => {
    expect(unisolated(`<h1>${evilName}</h1>`)).toHaveLength(1);
    expect(unisolated(`<a title="${evilName}">x</a>`)).toHaveLength(1);
    expect(
      unisolated(`<a aria-label="${evilName}" title="${FSI}${evilName}${PDI}"><bdi>${evilName}</bdi></a>`),
    ).toEqual([]);
  });
});

describe("a Rollout read leniently", () => {
  it("the delivery page header says which field was read how", () => {
    const parsed = parseObject("Rollout", {
      ...canaryRollout(),
      status: { ...canaryRollout().status, conditions: {} },
    });
    if (!parsed.ok) throw new Error(parsed.error.message);
    const markup = renderToStaticMarkup(
      createElement(DeliveryHeader, { d: rolloutDelivery({ cluster: "prod", rollout: parsed.value }) }),
    );
    expect(markup).toContain(
      "⚠ <code>status.conditions</code> is an empty object, not a list: read as no conditions.",
    );
  });
});
