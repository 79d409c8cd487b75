// The only part of a person's name a public trace page may carry (with the household's consent).

/** The given name of a Vietnamese full name: its last word ("Nguyễn Thị Lan" → "Lan"). */
export function givenName(headName: string): string {
  const words = headName.trim().split(/\s+/);
  return words[words.length - 1] ?? "";
}
