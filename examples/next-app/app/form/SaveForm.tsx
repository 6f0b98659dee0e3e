"use client";
// A client form: each submit spawns a save in the component's group; unmount cancels it.
import { useState } from "react";
import { useTaskGroup } from "react-taskgroup";
import { request } from "../../lib/api";

export function SaveForm() {
  const { spawn, running, settled } = useTaskGroup({ name: "save" });
  const [saved, setSaved] = useState<string[]>([]);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        const name = String(new FormData(event.currentTarget).get("name"));
        spawn(async (signal) => {
          const value = await request(name, 100, signal);
          setSaved((list) => [...list, value]);
        });
      }}
    >
      <input name="name" defaultValue="ada" aria-label="name" />
      <button type="submit">save</button>
      <p data-testid="form-status">
        running={running} settled={settled}
      </p>
      <p data-testid="form-saved">{saved.join(", ")}</p>
    </form>
  );
}
