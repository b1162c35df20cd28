// Text that came from a cluster, shown in its own bidi isolate so the controls it may carry (e.g.
// U+202E) cannot reorder the text around it. See lib/bidi-isolate.ts for strings (titles, options).
import { Fragment } from "react";
import { containBidi } from "../lib/bidi-isolate";

export function ClusterText({ children }: { children: string }) {
  return <bdi>{containBidi(children)}</bdi>;
}

/** Several cluster strings, each isolated on its own, with `separator` between them. */
export function ClusterTextList({
  items,
  separator = ", ",
}: {
  items: readonly string[];
  separator?: string;
}) {
  return (
    <>
      {items.map((item, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the same text may repeat; the order is the identity
        <Fragment key={i}>
          {i > 0 ? separator : null}
          <ClusterText>{item}</ClusterText>
        </Fragment>
      ))}
    </>
  );
}
