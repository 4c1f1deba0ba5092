// The customer's orders, newest first, kept current by the stream of their changes.
import {
  api, cancelOrder, follow, money, renderHeader, session, shortId, showProblem, signIn, statusBadge,
  time,
} from './shop.js';

const orders = new Map();
let current;

async function load() {
  const result = await api('GET',
    `/api/orders?customerId=${encodeURIComponent(current.customerId)}&size=50`);
  if (!result.ok) {
    showProblem(document.getElementById('problem'), result.body);
    return;
  }
  showProblem(document.getElementById('problem'), null);
  orders.clear();
  (result.body.content ?? []).forEach((order) => orders.set(order.id, order));
  render();
}

function render() {
  const body = document.querySelector('#orders tbody');
  body.replaceChildren();
  const newestFirst = [...orders.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  for (const order of newestFirst) {
    const row = document.createElement('tr');
    row.dataset.orderId = order.id;
    const placed = document.createElement('td');
    placed.textContent = time(order.createdAt);
    const link = document.createElement('td');
    const anchor = document.createElement('a');
    anchor.href = `/order.html?id=${encodeURIComponent(order.id)}`;
    anchor.textContent = shortId(order.id);
    anchor.setAttribute('aria-label', `Order ${shortId(order.id)}`);
    link.append(anchor);
    const status = document.createElement('td');
    status.append(statusBadge(order.status));
    const total = document.createElement('td');
    total.className = 'number';
    total.textContent = money(order.total, order.currency);
    const actions = document.createElement('td');
    if (order.status !== 'CANCELLED' && order.status !== 'REJECTED') {
      const cancel = document.createElement('button');
      cancel.type = 'button';
      cancel.className = 'secondary';
      cancel.textContent = 'Cancel';
      cancel.setAttribute('aria-label', `Cancel order ${shortId(order.id)}`);
      cancel.addEventListener('click', async () => {
        const cancelled = await cancelOrder(order.id, cancel, document.getElementById('problem'));
        if (cancelled) {
          update(cancelled);
        }
      });
      actions.append(cancel);
    }
    row.append(placed, link, status, total, actions);
    body.append(row);
  }
  document.getElementById('orders').hidden = orders.size === 0;
  document.getElementById('no-orders').hidden = orders.size > 0;
}

function update(order) {
  const known = orders.get(order.id);
  if (!known || known.updatedAt <= order.updatedAt) {
    orders.set(order.id, order);
    render();
  }
}

async function start() {
  current = await session();
  renderHeader(current);
  if (!current.signedIn) {
    signIn();
    return;
  }
  if (!current.customerId) {
    showProblem(document.getElementById('problem'), {title: 'Signed in as staff',
      detail: 'Staff have no orders of their own. Sign in as a customer to see theirs.'});
    return;
  }
  follow(current.customerId, {
    indicator: document.getElementById('live'),
    onOpen: load,
    onOrder: update,
  });
}

start();
