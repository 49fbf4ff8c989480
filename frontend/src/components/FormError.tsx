// A failure to show beside a form or a list, announced when it appears; nothing when none.

export function FormError({ message, id }: { message: string | null; id?: string }) {
  if (message === null) return null;
  return (
    <p id={id} className="form-error" role="alert">
      {message}
    </p>
  );
}
