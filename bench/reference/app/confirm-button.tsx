"use client";

import { useState } from "react";

/** As the app's confirmation dialogs: a client component that asks before it acts (here, it does nothing). */
export function ConfirmButton({ label, question }: { label: string; question: string }) {
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setAsking(true)}>
        {label}
      </button>
      <dialog open={asking} aria-labelledby="confirm-question">
        <h2 id="confirm-question">{question}</h2>
        <button type="button" onClick={() => setAsking(false)}>
          Cancel
        </button>
      </dialog>
    </>
  );
}
