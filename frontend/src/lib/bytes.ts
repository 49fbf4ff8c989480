// Sizes as people read them: bytes in B, KB, MB or GB (of 1,000 each, so that a chart's round
// scale stays round), with one decimal past bytes.

const units = ['B', 'KB', 'MB', 'GB'] as const;
const whole = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** `bytes` in the largest unit it makes at least 1 of (up to GB): "512 B", "1.5 MB". */
export function formatBytes(bytes: number): string {
  let value = Number.isFinite(bytes) && bytes > 0 ? bytes : 0;
  let unit = 0;
  // 999,960 bytes would show as "1,000.0 KB": past 999.95, the next unit reads better.
  while (unit < units.length - 1 && value >= (unit === 0 ? 1000 : 999.95)) {
    value /= 1000;
    unit += 1;
  }
  return `${(unit === 0 ? whole : oneDecimal).format(value)} ${units[unit]}`;
}
