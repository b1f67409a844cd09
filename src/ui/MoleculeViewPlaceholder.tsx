/** Where the molecule is drawn; empty until datasets and models arrive. */
export function MoleculeViewPlaceholder() {
  return (
    <section className="molecule-view" data-testid="molecule-view" aria-label="Molecule view">
      <svg viewBox="0 0 400 260" role="img" aria-label="No molecule loaded yet" className="molecule-empty">
        <g className="hexagon" transform="translate(200 120)">
          <polygon points="0,-52 45,-26 45,26 0,52 -45,26 -45,-26" />
        </g>
        <text x="200" y="215" textAnchor="middle">
          Pick a dataset or type a SMILES to draw a molecule here
        </text>
      </svg>
    </section>
  );
}
