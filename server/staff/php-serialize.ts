// Reads the values of a PHP serialize()d list, as SLiMS stores user.groups (e.g. a:2:{i:0;s:1:"1";i:1;s:1:"3";}).

/** The scalar values of a serialized array, in order; [] for anything that is not one. */
export function unserializeList(text: string | null): string[] {
  if (text === null) return [];
  const header = /^a:(\d+):\{/.exec(text);
  if (header === null) return [];
  const values: string[] = [];
  let at = header[0].length;
  const scalar = (): string | null => {
    const int = /^i:(-?\d+);/.exec(text.slice(at));
    if (int) {
      at += int[0].length;
      return int[1] ?? null;
    }
    const str = /^s:(\d+):"/.exec(text.slice(at));
    if (str) {
      const length = Number(str[1]);
      const start = at + str[0].length;
      // PHP counts bytes, not characters.
      const bytes = Buffer.from(text.slice(start), 'utf8').subarray(0, length).toString('utf8');
      at = start + bytes.length;
      if (text.slice(at, at + 2) !== '";') return null;
      at += 2;
      return bytes;
    }
    return null;
  };
  for (let i = 0; i < Number(header[1]); i++) {
    if (scalar() === null) return []; // key
    const value = scalar();
    if (value === null) return [];
    values.push(value);
  }
  return values;
}
