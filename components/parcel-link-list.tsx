import Link from "next/link";

export type ParcelLink = { code: string; title: string; detail: string };

/** Big tappable rows, each opening the parcel page (where the server decides what the viewer sees). */
export function ParcelLinkList({ items, empty }: { items: ParcelLink[]; empty: string }) {
  if (items.length === 0) return <p className="notice">{empty}</p>;
  return (
    <ul className="parcel-list">
      {items.map((item) => (
        <li key={item.code}>
          <Link href={`/p/${item.code}`}>
            <strong>{item.title}</strong>
            <span>{item.detail}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
