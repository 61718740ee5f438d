import Link from "next/link";

type Key = "courier" | "anyCourier" | "from" | "to" | "apply" | "reset";

/**
 * The filter fields the console's lists share: a courier, a range of days, find and reset.
 * Plain GET form fields: the page reads them back from its query string.
 */
export function CourierAndDays({
  couriers,
  values,
  t,
  resetHref,
}: {
  couriers: { id: string; email: string | null }[];
  values: { courier?: string; from?: string; to?: string };
  /** The page's translator: each list's namespace has these keys. */
  t: (key: Key) => string;
  resetHref: string;
}) {
  return (
    <>
      <label>
        {t("courier")}
        <select name="courier" defaultValue={values.courier ?? ""}>
          <option value="">{t("anyCourier")}</option>
          {couriers.map((courier) => (
            <option key={courier.id} value={courier.id}>
              {courier.email}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("from")}
        <input type="date" name="from" defaultValue={values.from ?? ""} />
      </label>
      <label>
        {t("to")}
        <input type="date" name="to" defaultValue={values.to ?? ""} />
      </label>
      <button type="submit" className="button primary">
        {t("apply")}
      </button>
      <Link href={resetHref}>{t("reset")}</Link>
    </>
  );
}
