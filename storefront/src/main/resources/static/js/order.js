// One order: its status, lines and total, and its history as a timeline that moves as the saga
// does, pushed by the server (no polling). After an outage of the stream the page reads the order
// again, so nothing is missed.
import {
  api, cancelOrder, follow, money, renderHeader, session, shortId, showProblem, signIn,
  statusBadge, STATUS_LABELS, TERMINAL, time,
} from './shop.js';

const id = new URLSearchParams(location.search).get('id');
const EVENT_LABELS = {
  OrderPlaced: 'Order placed',
  StockReserved: 'Stock reserved and priced',
  StockRejected: 'Stock could not be reserved',
  StockReleased: 'Stock released',
  PaymentCharged: 'Payment charged',
  PaymentDeclined: 'Payment declined',
  PaymentRefunded: 'Payment refunded',
  OrderConfirmed: 'Order confirmed',
  OrderRejected: 'Order rejected',
  OrderCancelled: 'Order cancelled',
};
let current;
let shown;

function render(order) {
  // Changes may arrive out of order (a push and a read crossing): keep the latest.
  if (shown && shown.updatedAt > order.updatedAt) {
    return;
  }
  shown = order;
  document.getElementById('order-title').textContent = `Order ${shortId(order.id)}`;
  document.getElementById('status').replaceChildren(statusBadge(order.status));
  document.getElementById('failure-reason').textContent =
    order.failureReason ? `(${order.failureReason.replaceAll('_', ' ').toLowerCase()})` : '';
  const body = document.querySelector('#lines tbody');
  body.replaceChildren();
  for (const item of order.items) {
    const row = document.createElement('tr');
    for (const [text, number] of [
      [item.sku, false], [item.quantity, true], [money(item.unitPrice, order.currency), true],
      [item.unitPrice === null ? '—' : money(item.unitPrice * item.quantity, order.currency), true],
    ]) {
      const cell = document.createElement('td');
      cell.textContent = text;
      cell.className = number ? 'number' : '';
      row.append(cell);
    }
    body.append(row);
  }
  document.getElementById('total').textContent = money(order.total, order.currency);
  const cancel = document.getElementById('cancel');
  cancel.hidden = order.status === 'CANCELLED' || order.status === 'REJECTED';
  renderOutcome(order);
  document.getElementById('order').hidden = false;
}

function renderOutcome(order) {
  const outcome = document.getElementById('outcome');
  outcome.hidden = !TERMINAL.has(order.status);
  if (outcome.hidden) {
    return;
  }
  outcome.replaceChildren(`${STATUS_LABELS[order.status]}. We sent you an e-mail about it: `);
  const link = document.createElement('a');
  link.id = 'mail-link';
  link.href = `${current.mailViewer}/search?q=${encodeURIComponent(order.id)}`;
  link.textContent = 'read it in the mailbox';
  link.target = '_blank';
  link.rel = 'noopener';
  outcome.append(link, '.');
}

async function loadHistory() {
  const result = await api('GET', `/api/orders/${encodeURIComponent(id)}/events`);
  if (!result.ok) {
    return;
  }
  const timeline = document.getElementById('timeline');
  timeline.replaceChildren();
  for (const event of result.body) {
    const item = document.createElement('li');
    item.dataset.type = event.type;
    const when = document.createElement('time');
    when.dateTime = event.occurredAt;
    when.textContent = time(event.occurredAt);
    const what = document.createElement('span');
    what.className = 'event';
    what.textContent = EVENT_LABELS[event.type] ?? event.type;
    item.append(when, ' ', what);
    if (event.reason) {
      item.append(` (${event.reason.replaceAll('_', ' ').toLowerCase()})`);
    }
    if (event.amount !== null && event.amount !== undefined) {
      item.append(`: ${money(event.amount, event.currency ?? 'EUR')}`);
    }
    timeline.append(item);
  }
}

async function load() {
  const result = await api('GET', `/api/orders/${encodeURIComponent(id)}`);
  if (!result.ok) {
    showProblem(document.getElementById('problem'), result.body);
    return false;
  }
  showProblem(document.getElementById('problem'), null);
  render(result.body);
  await loadHistory();
  return true;
}

async function cancel() {
  const order = await cancelOrder(id, document.getElementById('cancel'),
    document.getElementById('problem'));
  if (order) {
    render(order);
  }
}

async function start() {
  current = await session();
  renderHeader(current);
  if (!current.signedIn) {
    signIn();
    return;
  }
  if (!id) {
    showProblem(document.getElementById('problem'),
      {title: 'No order given', detail: 'Open an order from your list of orders.'});
    return;
  }
  document.getElementById('cancel').addEventListener('click', cancel);
  if (!(await load())) {
    return;
  }
  // Staff read any order but follow no customer's stream; a customer follows their own.
  const customerId = current.customerId ?? (current.staff ? shown.customerId : null);
  follow(customerId, {
    indicator: document.getElementById('live'),
    onOpen: load,
    onOrder: (order) => {
      if (order.id === id) {
        render(order);
        loadHistory();
      }
    },
  });
}

start();
