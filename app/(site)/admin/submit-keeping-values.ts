import { startTransition, type FormEvent } from "react";

/**
 * A form's onSubmit that hands its data to a useActionState action, in a transition. Submitted
 * by hand rather than through `action`: React resets a form after every action, and a refused
 * field must never cost the admin everything else they typed.
 */
export function submitKeepingValues(send: (data: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => send(data));
  };
}
