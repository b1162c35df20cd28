import { DeliveryRoute } from "../../../../../../components/delivery-page/delivery-route";
import { deliveryPagePlaceholder } from "../../../../../../lib/delivery-href";

// Exported once for the placeholder; the delivery it shows is read from the address in the browser.
export function generateStaticParams() {
  const p = deliveryPagePlaceholder;
  return [{ cluster: p, kind: p, namespace: p, name: p }];
}

export default function Page() {
  return <DeliveryRoute />;
}
