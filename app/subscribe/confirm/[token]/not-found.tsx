// An unknown confirmation link: say so, and offer to subscribe again.
import { InvalidSubscriberLink } from "../../invalid-link";

export default function ConfirmNotFound() {
  return <InvalidSubscriberLink />;
}
