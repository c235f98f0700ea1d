// <bsc-scorecard-table>: the scorecard whose page it sits on, evaluated for the current period
// (GET /api/bsc/scorecards/:id/evaluation?history=6): perspectives, objectives and KPIs with
// their status, score, actual against target, and a sparkline of each KPI's last periods.

import { HostedElement } from './hosted-element.js';

const sheet = new CSSStyleSheet();
sheet.replaceSync(`
  :host { display: block; overflow-x: auto; }
  table { border-collapse: collapse; width: 100%; font-size: 0.875rem; }
  caption { text-align: left; font-weight: 600; margin-bottom: 0.5rem; }
  th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid #d6dce4; vertical-align: top; }
  td.number { text-align: right; font-variant-numeric: tabular-nums; }
  tr.perspective th { background: #eef2f7; }
  tr.objective th { font-weight: 600; padding-left: 1rem; }
  tr.kpi th { font-weight: normal; padding-left: 2rem; }
  .status { display: inline-block; padding: 0 0.4rem; border-radius: 0.6rem; border: 1px solid; }
  .green { background: #dcefdc; border-color: #2e7d32; }
  .amber { background: #fff0c8; border-color: #a15c00; }
  .red { background: #fbdcdc; border-color: #c62828; }
  .noData { background: #eeeeee; border-color: #6b6b6b; }
  .reason { display: block; color: #4a5566; font-size: 0.8rem; }
`);

const WORDS = { green: 'on target', amber: 'at risk', red: 'off target', noData: 'no data' };
const PERSPECTIVES = {
  financial: 'Financial',
  customer: 'Customer',
  internalProcess: 'Internal process',
  learningGrowth: 'Learning & growth',
};

const percent = (score) => (score === null ? '—' : `${Math.round(score * 100)}%`);
const number = (value, locale) =>
  value === null || value === undefined
    ? '—'
    : new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(value);

function cell(tag, text, className) {
  const element = document.createElement(tag);
  if (text !== undefined) element.textContent = text;
  if (className) element.className = className;
  return element;
}

function status(value) {
  return cell('span', WORDS[value] ?? value, `status ${value}`);
}

/** A sparkline of the actuals, oldest first (gaps for periods without data). */
function sparkline(values) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', '80');
  svg.setAttribute('height', '20');
  svg.setAttribute('role', 'img');
  const known = values.filter((v) => v !== null);
  svg.setAttribute('aria-label', known.length ? `history: ${known.join(', ')}` : 'no history');
  if (known.length < 2) return svg;
  const min = Math.min(...known);
  const span = Math.max(...known) - min || 1;
  const points = values
    .map((v, i) =>
      v === null ? null : `${(i / (values.length - 1)) * 78 + 1},${19 - ((v - min) / span) * 18}`,
    )
    .filter(Boolean)
    .join(' ');
  const line = document.createElementNS(ns, 'polyline');
  line.setAttribute('points', points);
  line.setAttribute('fill', 'none');
  line.setAttribute('stroke', '#44546a');
  line.setAttribute('stroke-width', '1.5');
  svg.append(line);
  return svg;
}

class BscScorecardTable extends HostedElement {
  constructor() {
    super(sheet);
  }

  async render(host, root) {
    const id = host.record.id;
    const response = await host.fetch(`/api/bsc/scorecards/${encodeURIComponent(id)}/evaluation?history=6`);
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      this.alert(`The scorecard could not be evaluated: ${body.detail ?? response.statusText}`);
      return;
    }
    const locale = host.locale;
    const table = document.createElement('table');
    table.append(
      cell(
        'caption',
        `${body.scorecard.name}, ${body.period.key}${body.period.closed ? ' (closed)' : ''}: ${percent(body.score)} · ${WORDS[body.status]}`,
      ),
    );
    const head = document.createElement('thead');
    const headRow = document.createElement('tr');
    for (const title of ['', 'Status', 'Score', 'Actual', 'Target', 'History']) {
      headRow.append(Object.assign(cell('th', title), { scope: 'col' }));
    }
    head.append(headRow);
    const rows = document.createElement('tbody');
    const row = (className, name, item, extra = []) => {
      const tr = cell('tr', undefined, className);
      const th = Object.assign(cell('th', name), { scope: 'row' });
      if (item.noData) th.append(cell('span', item.noData.message, 'reason'));
      const statusCell = cell('td');
      statusCell.append(status(item.status));
      tr.append(th, statusCell, cell('td', percent(item.score), 'number'), ...extra);
      rows.append(tr);
    };
    for (const perspective of body.perspectives) {
      row('perspective', PERSPECTIVES[perspective.perspective], perspective, [
        cell('td'),
        cell('td'),
        cell('td'),
      ]);
      for (const objective of perspective.objectives) {
        row('objective', objective.name, objective, [cell('td'), cell('td'), cell('td')]);
        for (const kpi of objective.kpis) {
          const history = cell('td');
          history.append(sparkline([...kpi.trend.previous.map((p) => p.actual), kpi.actual]));
          row('kpi', kpi.name, kpi, [
            cell('td', number(kpi.actual, locale), 'number'),
            cell('td', number(kpi.target, locale), 'number'),
            history,
          ]);
        }
      }
    }
    table.append(head, rows);
    root.replaceChildren(table);
  }
}

if (!customElements.get('bsc-scorecard-table'))
  customElements.define('bsc-scorecard-table', BscScorecardTable);
