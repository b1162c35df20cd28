"use client";
// The delivery named by the address /d/CLUSTER/KIND/NAMESPACE/NAME. The page is exported once, for a
// placeholder address, so the address is read only after hydration: the first render matches the
// exported HTML ("Loading…") whatever delivery the browser asked for.
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { deliveryTargetOfPath } from "../../lib/delivery-href";
import { DeliveryPage } from "./delivery-page";
import styles from "./delivery-page.module.css";

export function DeliveryRoute() {
  const pathname = usePathname();
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  if (!hydrated)
    return (
      <div className={styles.page}>
        <p className={styles.muted} role="status">
          Loading…
        </p>
      </div>
    );
  const target = deliveryTargetOfPath(pathname);
  if (!target)
    return (
      <div className={styles.page}>
        <p role="alert" className={styles.notFound}>
          This address names no delivery: expected /d/CLUSTER/rollout/NAMESPACE/NAME or
          /d/CLUSTER/canary/NAMESPACE/NAME.
        </p>
      </div>
    );
  const key = `${target.cluster}/${target.kind}/${target.namespace}/${target.name}`;
  return <DeliveryPage key={key} target={target} />;
}
