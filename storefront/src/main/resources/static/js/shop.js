// What every page of the storefront shares: the session, calls to the API, problems, money, and
// the live stream of the customer's order changes. Plain ES modules, no build step.

/** Who is signed in: {signedIn, name, customerId, staff, mailViewer}. */
export async function session() {
  const response = await fetch('/session', {headers: {Accept: 'application/json'}});
  return response.json();
}

/**
 * Calls the shop's API through the storefront. Resolves to {ok, status, body, headers}; a problem
 * (RFC 9457) is the body of a failed call. A call that needs a sign-in sends the person to sign in
 * and back to this page.
 */
export async function api(method, path, {body, headers = {}} = {}) {
  const request = {method, headers: {Accept: 'application/json', ...headers}};
  if (body !== undefined) {
    request.headers['Content-Type'] = 'application/json';
    request.body = JSON.stringify(body);
  }
  if (method !== 'GET') {
    request.headers['X-XSRF-TOKEN'] = cookie('XSRF-TOKEN');
  }
  let response;
  try {
    response = await fetch(path, request);
  } catch (error) {
    return {ok: false, status: 0, body: {title: 'The shop cannot be reached',
      detail: 'Check your connection and try again.'}};
  }
  if (response.status === 401) {
    signIn();
    return new Promise(() => {}); // the page is leaving
  }
  const text = await response.text();
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch (error) {
    parsed = {title: `Unexpected answer (${response.status})`, detail: text.slice(0, 200)};
  }
  if (!response.ok && (parsed === null || typeof parsed !== 'object' || !parsed.title)) {
    parsed = {title: `Request failed (${response.status})`, detail: response.statusText};
  }
  return {ok: response.ok, status: response.status, body: parsed, headers: response.headers};
}

/**
 * Asks to cancel an order, from its button: a refusal (409 once it is cancelled or rejected) is
 * shown in the problem region. Resolves to the order as the API answered, or null.
 */
export async function cancelOrder(id, button, problemRegion) {
  showProblem(problemRegion, null);
  button.disabled = true;
  const result = await api('POST', `/api/orders/${encodeURIComponent(id)}/cancel`);
  button.disabled = false;
  if (!result.ok) {
    showProblem(problemRegion, result.body);
    return null;
  }
  return result.body;
}

/** Sends the person to sign in, as a customer or as staff, and back to this page. */
export function signIn(as = 'customer') {
  const next = location.pathname + location.search;
  location.assign(`/sign-in?as=${as}&next=${encodeURIComponent(next)}`);
}

/** Shows a problem's title, detail and field errors in an alert region; clears it when null. */
export function showProblem(region, problem) {
  region.replaceChildren();
  region.hidden = problem === null;
  if (problem === null) {
    return;
  }
  const title = document.createElement('strong');
  title.className = 'problem-title';
  title.textContent = problem.title;
  region.append(title);
  if (problem.detail) {
    const detail = document.createElement('p');
    detail.className = 'problem-detail';
    detail.textContent = problem.detail;
    region.append(detail);
  }
  if (Array.isArray(problem.errors) && problem.errors.length > 0) {
    const list = document.createElement('ul');
    for (const error of problem.errors) {
      const item = document.createElement('li');
      item.textContent = `${error.field}: ${error.message}`;
      list.append(item);
    }
    region.append(list);
  }
}

export function money(amount, currency = 'EUR') {
  if (amount === null || amount === undefined) {
    return '—';
  }
  return new Intl.NumberFormat('en-GB', {style: 'currency', currency}).format(amount);
}

/**
 * How an order is named to a person: the last block of its id. Ids are time-ordered, so their
 * first block is the same for every order of about a minute; the last is random.
 */
export function shortId(orderId) {
  return orderId.slice(-8);
}

export function time(instant) {
  return new Date(instant).toLocaleString('en-GB', {dateStyle: 'medium', timeStyle: 'medium'});
}

/** What a status means, for people. */
export const STATUS_LABELS = {
  PENDING: 'Placed, reserving stock',
  AWAITING_PAYMENT: 'Stock reserved, taking payment',
  CONFIRMED: 'Confirmed',
  REJECTED: 'Rejected',
  CANCELLED: 'Cancelled',
};

export const TERMINAL = new Set(['CONFIRMED', 'REJECTED', 'CANCELLED']);

/** A status as a badge element. */
export function statusBadge(status) {
  const badge = document.createElement('span');
  badge.className = `status status-${status.toLowerCase()}`;
  badge.dataset.status = status;
  badge.textContent = STATUS_LABELS[status] ?? status;
  return badge;
}

/**
 * Follows the customer's order changes as they commit (server-sent events, relayed from
 * order-service). The browser reconnects by itself and is sent what changed meanwhile; onOpen runs
 * on every (re)connection, so a page can also read its state again after an outage. The indicator
 * says whether updates are live.
 */
export function follow(customerId, {onOrder, onOpen, indicator}) {
  const source = new EventSource(`/api/orders/updates?customerId=${encodeURIComponent(customerId)}`);
  const say = (text, state) => {
    if (indicator) {
      indicator.textContent = text;
      indicator.dataset.state = state;
    }
  };
  say('Connecting to live updates…', 'connecting');
  source.addEventListener('open', () => {
    say('Live: changes appear as they happen.', 'live');
    onOpen?.();
  });
  source.addEventListener('order', (event) => onOrder(JSON.parse(event.data)));
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) {
      say('Live updates stopped. Reload the page to resume them.', 'stopped');
    } else {
      say('Reconnecting to live updates…', 'connecting');
    }
  });
  return source;
}

const PAGES = [['/', 'Catalogue'], ['/orders.html', 'My orders'], ['/ops.html', 'Operations']];

/** The site's header, the same on every page: the shop, its pages, and who is signed in. */
export function renderHeader(current) {
  const header = document.querySelector('header.site');
  const brand = document.createElement('a');
  brand.className = 'brand';
  brand.href = '/';
  brand.textContent = 'Shop saga';
  const nav = document.createElement('nav');
  nav.setAttribute('aria-label', 'Main');
  for (const [path, label] of PAGES) {
    const link = document.createElement('a');
    link.href = path;
    link.textContent = label;
    if (location.pathname === path || (path === '/' && location.pathname === '/index.html')) {
      link.setAttribute('aria-current', 'page');
    }
    nav.append(link);
  }
  const account = document.createElement('div');
  account.className = 'account';
  renderAccount(account, current);
  header.replaceChildren(brand, nav, account);
}

function renderAccount(container, current) {
  if (!current.signedIn) {
    const link = document.createElement('a');
    link.href = `/sign-in?as=customer&next=${encodeURIComponent(location.pathname + location.search)}`;
    link.id = 'sign-in';
    link.textContent = 'Sign in';
    container.append(link);
    return;
  }
  const who = document.createElement('span');
  who.id = 'signed-in-as';
  who.textContent = `Signed in as ${current.name}${current.staff ? ' (staff)' : ''}`;
  const out = document.createElement('button');
  out.type = 'button';
  out.id = 'sign-out';
  out.textContent = 'Sign out';
  out.addEventListener('click', async () => {
    // Signed out here, then at the authorization server, which sends the browser back.
    const response = await fetch('/sign-out',
      {method: 'POST', headers: {'X-XSRF-TOKEN': cookie('XSRF-TOKEN')}});
    const answer = await response.json().catch(() => ({}));
    location.assign(answer.next ?? '/');
  });
  container.append(who, ' ', out);
}

function cookie(name) {
  const prefix = `${name}=`;
  const found = document.cookie.split('; ').find((entry) => entry.startsWith(prefix));
  return found ? decodeURIComponent(found.slice(prefix.length)) : '';
}
