// Amounts in Vietnamese words, as written on payment documents:
// 1.250.000 → "Một triệu hai trăm năm mươi nghìn đồng".
const DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];

/** Reads 0–999. `full` (not the leading group) keeps "không trăm" and "linh" so 1.050.000 reads right. */
function readTriple(n: number, full: boolean): string {
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  const words: string[] = [];
  if (h > 0 || full) words.push(DIGITS[h], "trăm");
  if (t === 0) {
    if (u > 0) words.push(...(h > 0 || full ? ["linh"] : []), DIGITS[u]);
  } else if (t === 1) {
    words.push("mười");
    if (u === 5) words.push("lăm");
    else if (u > 0) words.push(DIGITS[u]);
  } else {
    words.push(DIGITS[t], "mươi");
    if (u === 1) words.push("mốt");
    else if (u === 4) words.push("tư");
    else if (u === 5) words.push("lăm");
    else if (u > 0) words.push(DIGITS[u]);
  }
  return words.join(" ");
}

const UNITS = ["", "nghìn", "triệu"];

function readInteger(n: number): string {
  if (n === 0) return "không";
  // Above a billion, Vietnamese repeats "tỷ": 2.000.000.000.000 = "hai nghìn tỷ".
  const billions = Math.floor(n / 1e9);
  const rest = n % 1e9;
  const parts: string[] = [];
  if (billions > 0) parts.push(`${readInteger(billions)} tỷ`);
  const groups = [Math.floor(rest / 1e6), Math.floor((rest % 1e6) / 1e3), rest % 1e3];
  let started = billions > 0;
  groups.forEach((g, i) => {
    if (g === 0) return;
    parts.push(`${readTriple(g, started)}${UNITS[2 - i] ? ` ${UNITS[2 - i]}` : ""}`);
    started = true;
  });
  return parts.join(" ");
}

export function vndInWords(amount: number): string {
  const n = Math.round(Math.abs(amount));
  const words = `${amount < 0 ? "âm " : ""}${readInteger(n)} đồng`;
  return words.charAt(0).toUpperCase() + words.slice(1);
}
