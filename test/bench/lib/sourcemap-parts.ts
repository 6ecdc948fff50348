const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes one source-map segment (Base64 VLQ) into its signed numbers. */
function decodeSegment(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = B64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    out.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return out;
}

export interface SourceMapV3 {
  sources: string[];
  mappings: string;
}

/**
 * Characters of generated code per original source: each mapped segment owns the text up to the
 * next segment on its line. Unmapped text (the IIFE wrapper, separators) counts as `(wrapper)`.
 */
export function bytesPerSource(
  code: string,
  map: SourceMapV3,
  onPiece?: (source: string, text: string) => void,
): Map<string, string> {
  const parts = new Map<string, string>();
  const add = (source: string, text: string) => {
    parts.set(source, (parts.get(source) ?? '') + text);
    onPiece?.(source, text);
  };
  const lines = code.split('\n');
  let source = 0;
  map.mappings.split(';').forEach((lineMappings, lineNo) => {
    const line = lines[lineNo] ?? '';
    let col = 0;
    let owner = '(wrapper)';
    let start = 0;
    for (const segment of lineMappings.split(',').filter(Boolean)) {
      const [dCol = 0, dSource] = decodeSegment(segment);
      col += dCol;
      add(owner, line.slice(start, col));
      start = col;
      if (dSource === undefined) owner = '(wrapper)';
      else {
        source += dSource;
        owner = map.sources[source] ?? '(wrapper)';
      }
    }
    add(owner, `${line.slice(start)}\n`);
  });
  return parts;
}

/** Groups a source path into a part a reader recognises: a client folder or an npm package. */
export function partOf(source: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (pkg) return `npm: ${pkg[1]}`;
  const client = /src\/client\/(?:([^/]+)\/)?/.exec(source);
  if (client) return client[1] ? `client/${client[1]}` : 'client (init, config, loader)';
  if (source.includes('src/shared/')) return 'shared (wire format)';
  return source;
}
