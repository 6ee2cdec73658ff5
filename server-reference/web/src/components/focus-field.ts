/** Scrolls to and focuses the form field with `id` (an empty state's call to action: "create one below"). */
export function focusField(id: string): void {
  const field = document.getElementById(id);
  field?.scrollIntoView({ block: 'center' });
  field?.focus();
}
