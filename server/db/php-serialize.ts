// Reads PHP serialize()d arrays of scalars, as SLiMS stores user.groups (a:1:{i:0;s:1:"1";}) and its
// settings (a:2:{s:10:"sidecarUrl";s:…:"…";s:6:"secret";s:64:"…";}).

/** The key/value pairs of a serialized array of scalars, in order; [] for anything else. */
export function unserializePairs(text: string | null): Array<[string, string]> {
  if (text === null) return [];
  const header = /^a:(\d+):\{/.exec(text);
  if (header === null) return [];
  const pairs: Array<[string, string]> = [];
  let at = header[0].length;
  const scalar = (): string | null => {
    const rest = text.slice(at);
    const simple = /^(?:i:(-?\d+)|b:([01])|d:(-?[\d.E+-]+));/.exec(rest);
    if (simple) {
      at += simple[0].length;
      return simple[1] ?? simple[2] ?? simple[3] ?? null;
    }
    const str = /^s:(\d+):"/.exec(rest);
    if (str) {
      const length = Number(str[1]);
      const start = at + str[0].length;
      // PHP counts bytes, not characters.
      const value = Buffer.from(text.slice(start), 'utf8').subarray(0, length).toString('utf8');
      at = start + value.length;
      if (text.slice(at, at + 2) !== '";') return null;
      at += 2;
      return value;
    }
    return null;
  };
  for (let i = 0; i < Number(header[1]); i++) {
    const key = scalar();
    const value = key === null ? null : scalar();
    if (key === null || value === null) return [];
    pairs.push([key, value]);
  }
  return pairs;
}

/** The values of a serialized list, in order; [] for anything that is not one. */
export function unserializeList(text: string | null): string[] {
  return unserializePairs(text).map(([, value]) => value);
}
