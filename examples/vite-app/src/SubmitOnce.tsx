// A React 19 form action that ignores the double click: policy "drop", pending from useFormStatus.
import { useState } from "react";
import { useFormStatus } from "react-dom";
import { useAction } from "react-taskgroup";
import { request } from "./api";

function SendButton() {
  const { pending } = useFormStatus();
  return <button type="submit">{pending ? "sending…" : "send"}</button>;
}

export function SubmitOnce() {
  const [sent, setSent] = useState<string[]>([]);
  const send = useAction(
    async (scope, data: FormData) => {
      const text = await request(String(data.get("text")), 200, scope.signal);
      setSent((list) => [...list, text]);
    },
    { policy: "drop" },
  );
  return (
    <form action={send.action}>
      <input name="text" aria-label="text" defaultValue="hello" />
      <SendButton />
      <p data-testid="submit-sent">sent: {sent.join(", ") || "nothing"}</p>
      <p data-testid="submit-runs">runs={send.runs}</p>
    </form>
  );
}
