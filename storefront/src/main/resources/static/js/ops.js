// The operations view: read from the services every two seconds (through the storefront, with the
// staff member's token). Rates and means come from two readings; the last ten minutes of readings
// are kept in this tab, so the chart survives a reload.
import {renderHeader, session, showProblem, time} from './shop.js';

const PERIOD_MS = 2000;
const KEPT_MS = 10 * 60 * 1000;
const READINGS = 'shop.ops.readings';
const STATUSES = ['PENDING', 'AWAITING_PAYMENT', 'CONFIRMED', 'REJECTED', 'CANCELLED'];

let readings = JSON.parse(sessionStorage.getItem(READINGS) ?? '[]');

async function read() {
  let response;
  try {
    response = await fetch('/ops/overview', {headers: {Accept: 'application/json'}});
  } catch (error) {
    showProblem(document.getElementById('problem'),
      {title: 'The storefront cannot be reached', detail: 'Retrying.'});
    return;
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({title: `Failed (${response.status})`}));
    showProblem(document.getElementById('problem'), problem);
    if (response.status === 401 || response.status === 403) {
      document.getElementById('staff-only').hidden = false;
      document.getElementById('ops').hidden = true;
      return 'stop';
    }
    return;
  }
  showProblem(document.getElementById('problem'), null);
  const overview = await response.json();
  remember(overview);
  render(overview);
}

function remember(overview) {
  if (overview.sagasCompleted) {
    const at = Date.parse(overview.at);
    readings.push({at, count: overview.sagasCompleted.count, seconds: overview.sagasCompleted.seconds});
    readings = readings.filter((reading) => reading.at > at - KEPT_MS);
    sessionStorage.setItem(READINGS, JSON.stringify(readings));
  }
}

function render(overview) {
  document.getElementById('ops').hidden = false;
  document.getElementById('read-at').textContent = `Read at ${time(overview.at)}`;
  renderServices(overview.services);
  renderStatuses(overview.ordersByStatus);
  renderChart();
  renderDeadLetters(overview.deadLetters);
}

function cell(text, className = '') {
  const element = document.createElement('td');
  element.textContent = text;
  element.className = className;
  return element;
}

function number(value) {
  return value === null || value === undefined ? '—' : Math.round(value).toLocaleString('en-GB');
}

function renderServices(services) {
  const body = document.querySelector('#services tbody');
  body.replaceChildren();
  for (const service of services) {
    const row = document.createElement('tr');
    row.dataset.service = service.name;
    const health = document.createElement('td');
    const badge = document.createElement('span');
    badge.className = `status ${service.health === 'UP' ? 'status-confirmed' : 'status-cancelled'}`;
    badge.dataset.health = service.health;
    badge.textContent = service.health;
    health.append(badge);
    row.append(cell(service.name), health, cell(number(service.outboxBacklog), 'number'),
      cell(number(service.consumerLag), 'number'));
    body.append(row);
  }
}

function renderStatuses(byStatus) {
  const body = document.querySelector('#statuses tbody');
  body.replaceChildren();
  for (const status of STATUSES) {
    const row = document.createElement('tr');
    row.dataset.status = status;
    row.append(cell(status), cell(number(byStatus[status] ?? 0), 'number'));
    body.append(row);
  }
}

/** Bars of sagas per second and a line of their mean time to outcome, between readings. */
function renderChart() {
  const svg = document.getElementById('sagas-chart');
  svg.querySelectorAll('g').forEach((group) => group.remove());
  const points = [];
  for (let i = 1; i < readings.length; i++) {
    const before = readings[i - 1];
    const after = readings[i];
    const seconds = (after.at - before.at) / 1000;
    const completed = after.count - before.count;
    if (seconds <= 0 || completed < 0) {
      continue; // order-service restarted: its counters began again
    }
    points.push({at: after.at, rate: completed / seconds,
      latency: completed > 0 ? (after.seconds - before.seconds) / completed * 1000 : null});
  }
  const now = document.getElementById('sagas-now');
  const last = points.at(-1);
  now.textContent = last
    ? `${last.rate.toFixed(1)} sagas/s now` + (last.latency === null ? '' : `, ${Math.round(last.latency)} ms mean time to outcome`)
    : 'Collecting readings…';
  const width = 600;
  const height = 200;
  // From the first reading (at least a minute, at most ten) to now.
  const end = Date.now();
  const span = Math.min(KEPT_MS, Math.max(60_000, end - (readings[0]?.at ?? end)));
  const start = end - span;
  const maxRate = Math.max(1, ...points.map((point) => point.rate));
  const maxLatency = Math.max(1, ...points.map((point) => point.latency ?? 0));
  const x = (at) => ((at - start) / span) * (width - 8) + 4;
  const barWidth = Math.max(3, Math.min(20, (PERIOD_MS / span) * width - 1));
  const group = document.createElementNS('http://www.w3.org/2000/svg', 'g');
  for (const point of points) {
    const bar = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    const barHeight = (point.rate / maxRate) * (height - 20);
    bar.setAttribute('x', x(point.at) - barWidth);
    bar.setAttribute('y', height - barHeight);
    bar.setAttribute('width', barWidth);
    bar.setAttribute('height', barHeight);
    bar.setAttribute('class', 'rate');
    group.append(bar);
  }
  const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
  line.setAttribute('points', points.filter((point) => point.latency !== null)
    .map((point) => `${x(point.at)},${height - (point.latency / maxLatency) * (height - 20)}`)
    .join(' '));
  line.setAttribute('class', 'latency');
  group.append(line);
  const scale = document.createElementNS('http://www.w3.org/2000/svg', 'text');
  scale.setAttribute('x', 4);
  scale.setAttribute('y', 14);
  scale.textContent = `max ${maxRate.toFixed(1)}/s, ${Math.round(maxLatency)} ms; `
    + `the last ${Math.round(span / 60_000)} minute${span >= 90_000 ? 's' : ''}`;
  group.append(scale);
  svg.append(group);
}

function renderDeadLetters(topics) {
  const container = document.getElementById('dead-letters');
  container.replaceChildren();
  for (const topic of topics) {
    const section = document.createElement('section');
    section.dataset.topic = topic.topic;
    const title = document.createElement('h3');
    title.textContent = `${topic.topic}: ${topic.count === null ? 'unknown (no service answered)'
      : `${topic.count} record${topic.count === 1 ? '' : 's'}`}`;
    section.append(title);
    if (topic.newest.length > 0) {
      const table = document.createElement('table');
      table.className = 'dead-letters';
      table.innerHTML = `<caption class="visually-hidden">The newest dead letters of ${topic.topic}</caption>
        <thead><tr><th scope="col">Dead-lettered</th><th scope="col">Key</th>
        <th scope="col">From</th><th scope="col">Error</th></tr></thead><tbody></tbody>`;
      const newestFirst = [...topic.newest].sort((a, b) =>
        String(b.deadLetteredAt).localeCompare(String(a.deadLetteredAt)));
      for (const record of newestFirst) {
        const row = document.createElement('tr');
        row.dataset.key = record.key ?? '';
        const error = [record.exception, record.rootCause].filter(Boolean).join(': caused by ');
        row.append(
          cell(record.deadLetteredAt ? time(record.deadLetteredAt) : '—'),
          cell(record.key ?? '(none)', 'key'),
          cell(`${record.originalTopic ?? '?'} ${record.originalPartition ?? '?'}/`
            + `${record.originalOffset ?? '?'}, given up by ${record.consumerGroup ?? '?'}`),
          cell(error || record.exceptionMessage || '—', 'error'));
        table.querySelector('tbody').append(row);
      }
      section.append(table);
    }
    container.append(section);
  }
}

async function start() {
  const current = await session();
  renderHeader(current);
  if (!current.staff) {
    document.getElementById('staff-only').hidden = false;
    return;
  }
  const loop = async () => {
    if ((await read()) !== 'stop') {
      setTimeout(loop, PERIOD_MS);
    }
  };
  loop();
}

start();
