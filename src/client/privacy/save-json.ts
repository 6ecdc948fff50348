/** Offers `data` to the visitor as a JSON file download; nothing when there is no data. */
export function saveJson(data: unknown): void {
  if (!data) return;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  a.download = 'my-data.json';
  a.click();
  // The click has started the download; the object URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(a.href), 0);
}
