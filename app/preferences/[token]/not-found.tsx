// An unknown preferences link: say so, and offer to subscribe again.
import { InvalidSubscriberLink } from "../../subscribe/invalid-link";

export default function PreferencesNotFound() {
  return <InvalidSubscriberLink />;
}
