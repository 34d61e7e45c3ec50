/**
 * A date as the reader writes it ("26 novembre 2026", "26 November 2026"). A calendar day
 * (`2026-11-26`) is shown as that day whatever the reader's time zone.
 */
export function formatDate(value: string, lang: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = new Date(day ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', ...(day ? { timeZone: 'UTC' } : {}) }).format(date);
}

/** An amount in its currency, without cents ("25 000 000 FCFA", "€12,000"). */
export function formatMoney(amount: number, currency: string, lang: string): string {
  try {
    return new Intl.NumberFormat(lang, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    // A currency code Intl does not know still shows.
    return `${new Intl.NumberFormat(lang).format(amount)} ${currency}`;
  }
}

/** Today in the reader's time zone, as a date input holds it (`2026-11-26`). */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** "agro-industries, pêche et aquaculture": a list as the reader's language joins it. */
export function joinList(items: readonly string[], lang: string): string {
  try {
    return new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}
