import { Report } from "./Report";

export default function ConsolePage() {
  return <Report />;
}
