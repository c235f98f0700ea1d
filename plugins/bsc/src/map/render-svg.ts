import type { Status } from '../vocabulary.js';
import type { MapLayout, MapNode } from './map-layout.js';

/** Fill, stroke and word of each status: the word is printed too, so the map reads without colour. */
const LOOK: Record<Status, { fill: string; stroke: string; word: string }> = {
  green: { fill: '#dcefdc', stroke: '#2e7d32', word: 'on target' },
  amber: { fill: '#fff0c8', stroke: '#a15c00', word: 'at risk' },
  red: { fill: '#fbdcdc', stroke: '#c62828', word: 'off target' },
  noData: { fill: '#eeeeee', stroke: '#6b6b6b', word: 'no data' },
};

const xml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A name in at most two lines of about 22 characters, cut with an ellipsis. */
export function nameLines(name: string): string[] {
  const out: string[] = [''];
  for (const word of name.split(/\s+/).filter(Boolean)) {
    const current = out[out.length - 1] as string;
    if (current.length === 0) out[out.length - 1] = word;
    else if (current.length + 1 + word.length <= 22) out[out.length - 1] = `${current} ${word}`;
    else out.push(word);
  }
  const cut = (line: string) => (line.length > 22 ? `${line.slice(0, 21)}…` : line);
  if (out.length <= 2) return out.map(cut);
  return [cut(out[0] as string), cut(out.slice(1).join(' '))];
}

function node(n: MapNode): string {
  const look = LOOK[n.status];
  const score = n.score === null ? look.word : `${Math.round(n.score * 100)}% · ${look.word}`;
  const text = nameLines(n.name)
    .map(
      (line, i) =>
        `<text x="${n.x + n.width / 2}" y="${n.y + 22 + i * 15}" class="name" font-size="12" font-weight="600" text-anchor="middle" fill="#1a1a1a">${xml(line)}</text>`,
    )
    .join('');
  return (
    `<g class="node" data-id="${xml(n.id)}" data-status="${n.status}">` +
    `<title>${xml(`${n.name}: ${score}`)}</title>` +
    `<rect x="${n.x}" y="${n.y}" width="${n.width}" height="${n.height}" rx="8" fill="${look.fill}" stroke="${look.stroke}" stroke-width="2"/>` +
    text +
    `<text x="${n.x + n.width / 2}" y="${n.y + n.height - 10}" class="score" font-size="11" text-anchor="middle" fill="#1a1a1a">${xml(score)}</text>` +
    '</g>'
  );
}

/**
 * The strategy map as a standalone SVG document: bands with their titles (the internal-process
 * band with its CRM process sections), objectives as rounded boxes coloured by status with their
 * score and status in words, causal arrows with arrowheads. Reads in black and white too.
 * Styled with presentation attributes, not a `<style>` element, so the server's strict
 * Content-Security-Policy (`style-src 'self'`) blocks nothing when the map is shown.
 */
export function renderMapSvg(layout: MapLayout, title: string): string {
  const bands = layout.bands
    .map((band, i) => {
      const shade = i % 2 === 0 ? '#f7f9fc' : '#ffffff';
      const sections = (band.sections ?? [])
        .map(
          (s) =>
            `<rect x="${s.x}" y="${band.y + 4}" width="${s.width}" height="${band.height - 8}" fill="none" stroke="#c5ccd6" stroke-dasharray="4 3"/>` +
            `<text x="${s.x + 8}" y="${band.y + 18}" class="section" font-size="11" fill="#4a5566">${xml(s.label)}</text>`,
        )
        .join('');
      return (
        `<g class="band" data-perspective="${band.perspective}">` +
        `<rect x="0" y="${band.y}" width="${layout.width}" height="${band.height}" fill="${shade}" stroke="#d6dce4"/>` +
        `<text x="12" y="${band.y + band.height / 2 + 5}" class="band-title" font-size="13" font-weight="700" fill="#1a1a1a">${xml(band.label)}</text>` +
        `${sections}</g>`
      );
    })
    .join('');
  const arrows = layout.arrows
    .map(
      (a) =>
        `<polyline class="arrow" data-id="${xml(a.id)}" data-from="${xml(a.fromId)}" data-to="${xml(a.toId)}" points="${a.points.map(([x, y]) => `${x},${y}`).join(' ')}" fill="none" stroke="#44546a" stroke-width="1.5" marker-end="url(#arrowhead)">` +
        `${a.note ? `<title>${xml(a.note)}</title>` : ''}</polyline>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" role="img" aria-label="${xml(title)}" font-family='system-ui, -apple-system, "Segoe UI", sans-serif'>` +
    `<title>${xml(title)}</title>` +
    '<defs><marker id="arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#44546a"/></marker>' +
    '</defs>' +
    bands +
    arrows +
    layout.nodes.map(node).join('') +
    '</svg>'
  );
}
