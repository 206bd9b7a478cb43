// An unknown unsubscribe link: say so (the one-click POST answers 404 the same way).
import { InvalidSubscriberLink } from "../../subscribe/invalid-link";

export default function UnsubscribeNotFound() {
  return <InvalidSubscriberLink />;
}
