/** Cursor pagination controls: the caller keeps the stack of cursors it came through. */
export function Pager({
  cursors,
  nextCursor,
  onChange,
}: {
  cursors: string[];
  nextCursor: string | null | undefined;
  onChange: (cursors: string[]) => void;
}) {
  return (
    <nav className="pager" aria-label="Pagination">
      <button type="button" disabled={cursors.length === 0} onClick={() => onChange(cursors.slice(0, -1))}>
        Previous
      </button>
      <span className="muted">Page {cursors.length + 1}</span>
      <button type="button" disabled={!nextCursor} onClick={() => nextCursor && onChange([...cursors, nextCursor])}>
        Next
      </button>
    </nav>
  );
}
