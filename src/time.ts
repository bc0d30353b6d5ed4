/** Today's date (YYYY-MM-DD) in Finland, where the programme's days begin and end. */
export function todayInHelsinki(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Helsinki", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
