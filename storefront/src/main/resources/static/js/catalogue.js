// The catalogue and the basket. The basket lives in this tab (sessionStorage) with the
// Idempotency-Key of its next placement: every click on "Place order" for the same basket sends the
// same key, so a double click, or a retry after a lost answer, places one order.
import {api, follow, money, renderHeader, session, showProblem, signIn} from './shop.js';

const BASKET = 'shop.basket';
const products = new Map();
let current;

function loadBasket() {
  const saved = JSON.parse(sessionStorage.getItem(BASKET) ?? 'null');
  return saved ?? {lines: {}, key: crypto.randomUUID()};
}

function saveBasket(basket) {
  sessionStorage.setItem(BASKET, JSON.stringify(basket));
}

/** A changed basket is a new order to place: it gets a new key. */
function changeBasket(change) {
  const basket = loadBasket();
  change(basket.lines);
  basket.key = crypto.randomUUID();
  saveBasket(basket);
  renderBasket();
}

async function loadProducts() {
  const state = document.getElementById('catalogue-state');
  const result = await api('GET', '/api/products?size=100');
  if (!result.ok) {
    state.hidden = true;
    showProblem(document.getElementById('notice'), result.body);
    return;
  }
  const items = result.body.content ?? [];
  products.clear();
  items.forEach((product) => products.set(product.sku, product));
  state.textContent = items.length === 0 ? 'The catalogue is empty.' : '';
  state.hidden = items.length > 0;
  renderProducts();
  renderBasket();
}

function renderProducts() {
  const table = document.getElementById('products');
  const body = table.querySelector('tbody');
  body.replaceChildren();
  for (const product of products.values()) {
    const row = document.createElement('tr');
    row.dataset.sku = product.sku;
    const name = document.createElement('td');
    name.innerHTML = '<span class="name"></span><br><small class="sku"></small>';
    name.querySelector('.name').textContent = product.name;
    name.querySelector('.sku').textContent = product.sku;
    const price = document.createElement('td');
    price.className = 'number';
    price.textContent = money(product.unitPrice);
    const available = document.createElement('td');
    available.className = 'number available';
    available.textContent = product.available;
    const add = document.createElement('td');
    const form = document.createElement('form');
    form.className = 'add';
    const inputId = `quantity-${product.sku}`;
    form.innerHTML = `<label class="visually-hidden"></label>
      <input type="number" min="1" max="1000" value="1" required>
      <button type="submit">Add</button>`;
    form.querySelector('label').htmlFor = inputId;
    form.querySelector('label').textContent = `Quantity of ${product.name}`;
    form.querySelector('input').id = inputId;
    form.querySelector('button').setAttribute('aria-label', `Add ${product.name} to the basket`);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const quantity = Number(form.querySelector('input').value);
      changeBasket((lines) => {
        lines[product.sku] = Math.min(1000, (lines[product.sku] ?? 0) + quantity);
      });
      document.getElementById('basket-title').focus?.();
    });
    add.append(form);
    row.append(name, price, available, add);
    body.append(row);
  }
  table.hidden = products.size === 0;
}

function renderBasket() {
  const basket = loadBasket();
  const list = document.getElementById('basket-lines');
  list.replaceChildren();
  let total = 0;
  const entries = Object.entries(basket.lines);
  for (const [sku, quantity] of entries) {
    const product = products.get(sku);
    const item = document.createElement('li');
    item.dataset.sku = sku;
    const label = document.createElement('span');
    label.textContent = `${quantity} × ${product?.name ?? sku}`;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'link';
    remove.textContent = 'Remove';
    remove.setAttribute('aria-label', `Remove ${product?.name ?? sku} from the basket`);
    remove.addEventListener('click', () => changeBasket((lines) => delete lines[sku]));
    item.append(label, ' ', remove);
    list.append(item);
    total += (product?.unitPrice ?? 0) * quantity;
  }
  document.getElementById('basket-empty').hidden = entries.length > 0;
  const totalLine = document.getElementById('basket-total');
  totalLine.hidden = entries.length === 0;
  totalLine.textContent = `About ${money(total)} (the shop prices the order when it reserves it)`;
  document.getElementById('checkout').hidden = entries.length === 0;
}

async function placeOrder(event) {
  event.preventDefault();
  const problem = document.getElementById('basket-problem');
  showProblem(problem, null);
  if (!current.signedIn) {
    signIn();
    return;
  }
  if (!current.customerId) {
    showProblem(problem, {title: 'Staff do not shop',
      detail: 'Sign out and sign in as a customer to place an order.'});
    return;
  }
  const basket = loadBasket();
  const button = document.getElementById('place-order');
  button.disabled = true;
  const result = await api('POST', '/api/orders', {
    headers: {'Idempotency-Key': basket.key},
    body: {
      customerId: current.customerId,
      customerEmail: document.getElementById('email').value,
      items: Object.entries(basket.lines).map(([sku, quantity]) => ({sku, quantity})),
    },
  });
  button.disabled = false;
  if (!result.ok) {
    showProblem(problem, result.body);
    return;
  }
  sessionStorage.removeItem(BASKET);
  location.assign(`/order.html?id=${encodeURIComponent(result.body.id)}`);
}

async function start() {
  current = await session();
  renderHeader(current);
  const error = new URLSearchParams(location.search).get('sign-in-error');
  if (error) {
    showProblem(document.getElementById('notice'), {title: 'Sign-in refused',
      detail: error === 'invalid_scope'
        ? 'That account cannot sign in for this part of the shop (customers shop, staff operate).'
        : `The authorization server said: ${error}.`});
  }
  document.getElementById('email').value = current.customerId ? `${current.customerId}@example.com` : '';
  document.getElementById('checkout').addEventListener('submit', placeOrder);
  document.getElementById('empty-basket').addEventListener('click', () => changeBasket((lines) => {
    Object.keys(lines).forEach((sku) => delete lines[sku]);
  }));
  await loadProducts();
  // Availability changes as orders reserve and release stock: read it again when this tab comes
  // back into view and when one of the customer's orders changes.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') {
      loadProducts();
    }
  });
  if (current.customerId) {
    follow(current.customerId, {onOrder: () => loadProducts()});
  }
}

start();
