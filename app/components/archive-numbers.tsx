import { Link } from '@remix-run/react';

export interface ArchiveNumbersProps {
  numbers: {
    claims: number;
    sources: number;
    corrections: number;
    people: number;
    organisations: number;
    cases: number;
  };
}

/** The home page's "archive in numbers": each count a link to the list that shows exactly that many. */
export function ArchiveNumbers({ numbers }: ArchiveNumbersProps) {
  const figures: { to: string; n: number; one: string; many: string }[] = [
    { to: '/claims', n: numbers.claims, one: 'published claim', many: 'published claims' },
    { to: '/sources', n: numbers.sources, one: 'source', many: 'sources' },
    { to: '/corrections', n: numbers.corrections, one: 'correction or update', many: 'corrections and updates' },
    { to: '/people', n: numbers.people, one: 'person', many: 'people' },
    { to: '/organisations', n: numbers.organisations, one: 'organisation', many: 'organisations' },
    { to: '/cases', n: numbers.cases, one: 'court case', many: 'court cases' },
  ];
  return (
    <section aria-labelledby="numbers-title" className="archive">
      <h2 id="numbers-title">The archive in numbers</h2>
      <ul className="archive-numbers">
        {figures.map((f) => (
          <li key={f.to}>
            <Link to={f.to}>
              <strong>{f.n.toLocaleString('en')}</strong> <span>{f.n === 1 ? f.one : f.many}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
