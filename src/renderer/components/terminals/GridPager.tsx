/** The grid's pages: previous, one button per page, next (Alt+PageUp / Alt+PageDown do the same). */
export function GridPager(props: { page: number; pages: number; onPage(page: number): void }) {
  const { page, pages, onPage } = props;
  return (
    <nav className="grid-pager" aria-label="Pages of the grid">
      <button type="button" className="small-button" disabled={page === 0} title="Previous page (Alt+PageUp)" onClick={() => onPage(page - 1)}>
        ‹ Previous
      </button>
      {Array.from({ length: pages }, (_, index) => (
        <button
          key={index}
          type="button"
          className="small-button"
          aria-current={index === page ? 'page' : undefined}
          aria-label={`Page ${index + 1} of ${pages}`}
          onClick={() => onPage(index)}
        >
          {index + 1}
        </button>
      ))}
      <button type="button" className="small-button" disabled={page === pages - 1} title="Next page (Alt+PageDown)" onClick={() => onPage(page + 1)}>
        Next ›
      </button>
    </nav>
  );
}
