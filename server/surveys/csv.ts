// CSV as spreadsheet programs read it: quoted where needed, and no cell that a spreadsheet would run as a formula.

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  // Quoted also at ';' and tabs: spreadsheets set to Indonesian split on ';', and a quoted cell stays one cell.
  return /[",;\t\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(values: string[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
