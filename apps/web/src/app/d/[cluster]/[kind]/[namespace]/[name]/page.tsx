import { notFound } from "next/navigation";
import { DeliveryPage } from "../../../../../../components/delivery-page/delivery-page";

const kinds = { rollout: "Rollout", canary: "Canary" } as const;

export default async function Page({
  params,
}: {
  params: Promise<{ cluster: string; kind: string; namespace: string; name: string }>;
}) {
  const p = await params;
  const kind = kinds[p.kind.toLowerCase() as keyof typeof kinds];
  if (!kind) notFound();
  return (
    <DeliveryPage
      target={{
        cluster: decodeURIComponent(p.cluster),
        kind,
        namespace: decodeURIComponent(p.namespace),
        name: decodeURIComponent(p.name),
      }}
    />
  );
}
