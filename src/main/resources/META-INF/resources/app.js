// Reference passkey page for the service's HTTP contract (see CONTRACT.md / openapi).
// Plain ES module, no build step. Read it top to bottom:
//   1. configuration and small helpers (API calls, messages)
//   2. the ceremonies: sign up, sign in (username-first, usernameless, conditional UI), add a passkey
//   3. the signed-in view: who am I, token claims, passkey list (rename, delete), sign out
//   4. start-up: feature detection, wiring

import {
  creationOptionsFromJSON,
  requestOptionsFromJSON,
  credentialToJSON,
  base64urlToBuffer,
  nativeJSON,
} from './webauthn-json.js';

// The service's base URL; '' means the same origin as this page.
// Override it with <body data-api="https://auth.example.com"> or ?api=https://auth.example.com
// (the service must then list this page's origin in PASSKEY_ORIGINS, which is also its CORS allow-list).
const API_BASE = resolveApiBase();

const TOKEN_KEY = `passkey-demo.session@${API_BASE || location.origin}`;

// ============================================================================
// 1. Helpers
// ============================================================================

const $ = (selector, root = document) => root.querySelector(selector);

function resolveApiBase() {
  const fromAttribute = document.body.dataset.api;
  if (fromAttribute) return fromAttribute.replace(/\/+$/, '');

  const fromQuery = new URLSearchParams(location.search).get('api');
  if (!fromQuery) return '';
  // A link could otherwise point this page (and the user's passkey prompts and
  // tokens) at someone else's server: the query override is honoured only for an
  // http(s) URL on this page's own host name (any port), or when the page itself
  // runs on localhost. Use data-api for anything else.
  try {
    const url = new URL(fromQuery);
    const pageIsLocal = ['localhost', '127.0.0.1', '[::1]'].includes(location.hostname);
    if (/^https?:$/.test(url.protocol) && (url.hostname === location.hostname || pageIsLocal)) {
      return url.href.replace(/\/+$/, '');
    }
  } catch { /* not a URL */ }
  console.warn(`Ignoring ?api=${fromQuery}: use an http(s) URL on ${location.hostname}, or data-api.`);
  return '';
}

/** An application/problem+json answer from the service (RFC 9457). */
class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem?.code;
    this.detail = problem?.detail;
    this.problem = problem ?? {};
    this.retryAfter = retryAfter;
  }
}

/** The service could not be reached (down, offline, or CORS refused). */
class NetworkError extends Error {
  constructor(cause) {
    super(cause?.message ?? 'network error');
    this.name = 'NetworkError';
  }
}

/** A plain message for the user (e.g. a form left empty). */
class UserMessage extends Error {}

/** fetch + JSON + problem details. Returns the parsed body (null for 204). */
async function api(method, path, { body, token, signal } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;

  let res;
  try {
    res = await fetch(API_BASE + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new NetworkError(e);
  }

  const text = res.status === 204 ? '' : await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  if (!res.ok) throw new ApiError(res.status, data, res.headers.get('Retry-After'));
  return data;
}

/** api() with the signed-in user's token; a 401 means the session is over. */
async function authed(method, path, options = {}) {
  try {
    return await api(method, path, { ...options, token: session?.accessToken });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      signOut();
      e.sessionEnded = true;
    }
    throw e;
  }
}

// ---- Messages ----------------------------------------------------------------

const statusBox = $('#status');
const errorBox = $('#error');

function setStatus(text) {
  statusBox.textContent = text;
}

function clearMessages() {
  statusBox.textContent = '';
  errorBox.replaceChildren();
}

// Friendly sentences for the service's stable problem codes.
const PROBLEM_MESSAGES = {
  username_taken: 'That username is already taken. Choose another one, or sign in instead.',
  invalid_username: 'Usernames are 1 to 64 characters long and cannot contain control characters.',
  challenge_expired: 'That took too long and the request expired. Please try again.',
  unknown_credential: 'This passkey is not registered here (it may have been deleted). Choose another passkey, or create an account.',
  last_passkey: 'This is your only passkey, so it cannot be deleted: you would be locked out. Add another passkey first.',
  rate_limited: 'Too many attempts. Please wait a moment and try again.',
  verification_failed: 'The passkey could not be verified. Please try again.',
  invalid_request: 'The request was not accepted by the service.',
};

// Friendly sentences for the browser's WebAuthn errors (DOMException names).
function browserErrorMessage(e, context) {
  switch (e.name) {
    case 'NotAllowedError':
      return 'The passkey prompt was cancelled or timed out. Nothing was changed; you can try again.';
    case 'AbortError':
      return 'The passkey request was interrupted. Please try again.';
    case 'InvalidStateError':
      return context === 'add'
        ? 'This authenticator already holds a passkey for your account. Use a different device or password manager.'
        : 'This authenticator already holds a passkey for this site.';
    case 'NotSupportedError':
      return 'This device or browser cannot create or use the kind of passkey this site needs.';
    case 'SecurityError':
      return 'This page is not allowed to use passkeys for this site (its address does not match the relying party, or it is not served over HTTPS).';
    case 'ConstraintError':
      return 'This authenticator cannot meet the requirements (for example, user verification or a discoverable passkey).';
    default:
      return null;
  }
}

/** Shows any error in the alert region: API problems, browser errors, network errors. */
function showError(e, context) {
  const lines = [];
  if (e instanceof ApiError) {
    let sentence = (e.sessionEnded && 'Your session has expired or is no longer valid. Please sign in again.')
      || PROBLEM_MESSAGES[e.code]
      || (e.status === 404 && 'That item no longer exists.')
      || 'The service refused the request.';
    if (e.code === 'rate_limited' && e.retryAfter) sentence += ` (Retry in ${e.retryAfter} s.)`;
    lines.push(sentence);
    const detail = [e.detail || e.problem.title, e.code && `code: ${e.code}`, `HTTP ${e.status}`]
      .filter(Boolean).join(' · ');
    lines.push(detail);
  } else if (e instanceof NetworkError) {
    lines.push(`Could not reach the service${API_BASE ? ` at ${API_BASE}` : ''}. Check your connection (or, across origins, the service's CORS settings).`);
  } else if (e instanceof UserMessage) {
    lines.push(e.message);
  } else {
    lines.push(browserErrorMessage(e, context) || 'Something went wrong.');
    lines.push(`${e.name}: ${e.message}`);
  }
  const [main, detail] = lines;
  const p = document.createElement('p');
  p.textContent = main;
  errorBox.replaceChildren(p);
  if (detail) {
    const small = document.createElement('p');
    small.className = 'error-detail';
    small.textContent = detail;
    errorBox.append(small);
  }
  setStatus('');
  if (!(e instanceof UserMessage)) console.error(e);
}

// ============================================================================
// 2. Ceremonies
// ============================================================================

const PATHS = {
  registerOptions: '/api/auth/passkey/register-options',
  registerVerify: '/api/auth/passkey/register-verify',
  loginOptions: '/api/auth/passkey/login-options',
  loginVerify: '/api/auth/passkey/login-verify',
  me: '/api/auth/me',
  passkeys: '/api/auth/passkeys',
  signals: '/api/auth/passkeys/signals',
};

const support = { webauthn: false, conditional: false, platform: false };
let session = null; // { accessToken, expiresAt, user }
let busy = false;
let rpId = null; // last RP ID seen in options from the service

/**
 * Runs one modal ceremony (a button press): stops the pending autofill request
 * first (browsers allow one WebAuthn request at a time) and restarts it after.
 */
async function runCeremony(context, ceremony) {
  if (busy) return;
  busy = true;
  document.body.setAttribute('aria-busy', 'true');
  clearMessages();
  try {
    await stopConditionalSignIn();
    await ceremony();
  } catch (e) {
    showError(e, context);
  } finally {
    busy = false;
    document.body.removeAttribute('aria-busy');
    if (!session) startConditionalSignIn();
  }
}

// ---- Sign up -----------------------------------------------------------------

async function signUp(username, displayName) {
  setStatus('Asking the service for registration options…');
  const options = await api('POST', PATHS.registerOptions, {
    body: displayName ? { username, displayName } : { username },
  });
  rpId = options.rp?.id ?? rpId;

  setStatus('Follow your browser’s prompt to create a passkey…');
  const credential = await navigator.credentials.create({ publicKey: creationOptionsFromJSON(options) });

  setStatus('Verifying your new passkey…');
  const result = await api('POST', PATHS.registerVerify, {
    body: { credential: credentialToJSON(credential) },
  });
  await startSession(result);
  setStatus(`Welcome, ${result.user.username}! Your account and passkey are ready.`);
}

// ---- Sign in -----------------------------------------------------------------

/** Username-first (username given) or usernameless (no username) modal sign-in. */
async function signIn(username) {
  setStatus('Asking the service for a challenge…');
  const options = await api('POST', PATHS.loginOptions, { body: username ? { username } : {} });

  setStatus('Follow your browser’s prompt to use your passkey…');
  const credential = await navigator.credentials.get({ publicKey: requestOptionsFromJSON(options) });
  await finishSignIn(credential, options);
}

async function finishSignIn(credential, options) {
  rpId = options.rpId ?? rpId;
  setStatus('Verifying…');
  let result;
  try {
    result = await api('POST', PATHS.loginVerify, { body: { credential: credentialToJSON(credential) } });
  } catch (e) {
    // The service does not know this passkey (deleted, or from another
    // deployment): ask the browser / password manager to stop offering it.
    const unknownId = e instanceof ApiError ? e.problem.unknownCredentialId : undefined;
    if (unknownId && typeof PublicKeyCredential.signalUnknownCredential === 'function') {
      PublicKeyCredential.signalUnknownCredential({ rpId: options.rpId ?? location.hostname, credentialId: unknownId })
        .catch((err) => console.warn('signalUnknownCredential failed', err));
    }
    throw e;
  }
  await startSession(result);
  setStatus(`Signed in as ${result.user.username}.`);
}

// ---- Conditional UI: passkeys offered in the username field's autofill -------

let conditional = null; // { controller, done }

function startConditionalSignIn() {
  if (!support.conditional || session || conditional) return;
  const controller = new AbortController();
  const done = conditionalSignIn(controller.signal);
  conditional = { controller, done };
  done.finally(() => {
    if (conditional?.controller === controller) conditional = null;
  });
}

/** Aborts the pending autofill request and waits until the browser has let go of it. */
async function stopConditionalSignIn() {
  const current = conditional;
  if (!current) return;
  conditional = null;
  current.controller.abort();
  await current.done;
}

async function conditionalSignIn(signal) {
  const started = Date.now();
  let refresh;
  try {
    const options = await api('POST', PATHS.loginOptions, { body: {}, signal });
    // The challenge expires (default 5 minutes): get a fresh one before it does.
    refresh = setTimeout(restartConditionalSignIn, Math.max(30_000, (options.timeout ?? 300_000) - 15_000));

    const credential = await navigator.credentials.get({
      mediation: 'conditional',
      publicKey: requestOptionsFromJSON(options),
      signal,
    });
    clearTimeout(refresh);
    if (!credential || signal.aborted) return;

    // The user picked a passkey from the autofill list: finish like a button press.
    busy = true;
    clearMessages();
    try {
      await finishSignIn(credential, options);
    } catch (e) {
      showError(e, 'signin');
      setTimeout(startConditionalSignIn); // offer the autofill again
    } finally {
      busy = false;
    }
  } catch (e) {
    // AbortError: we cancelled it ourselves (a button was pressed). Silently ignored.
    if (signal.aborted || e.name === 'AbortError') return;
    if (e.name === 'NotAllowedError' && Date.now() - started > 10_000) { // timed out: start over quietly
      setTimeout(startConditionalSignIn);
      return;
    }
    console.warn('Passkey autofill is unavailable:', e); // e.g. service unreachable; buttons still work
  } finally {
    clearTimeout(refresh);
  }
}

async function restartConditionalSignIn() {
  if (busy) return;
  await stopConditionalSignIn();
  startConditionalSignIn();
}

// ---- Add a passkey (signed in) ---------------------------------------------

async function addPasskey(name) {
  setStatus('Asking the service for registration options…');
  const options = await authed('POST', PATHS.registerOptions, { body: {} });
  rpId = options.rp?.id ?? rpId;

  setStatus('Follow your browser’s prompt to create the new passkey…');
  const credential = await navigator.credentials.create({ publicKey: creationOptionsFromJSON(options) });

  setStatus('Verifying the new passkey…');
  const result = await authed('POST', PATHS.registerVerify, {
    body: name ? { credential: credentialToJSON(credential), name } : { credential: credentialToJSON(credential) },
  });
  await loadPasskeys();
  syncPasskeySignals();
  setStatus(result.passkey.name ? `Passkey “${result.passkey.name}” added.` : 'Passkey added.');
}

// ============================================================================
// 3. Signed-in view
// ============================================================================

/** Decodes a JWT's payload (no signature check: that is the receiving service's job). */
function decodeJwtPayload(token) {
  const payload = token.split('.')[1];
  return JSON.parse(new TextDecoder().decode(base64urlToBuffer(payload)));
}

async function startSession(result) {
  const claims = decodeJwtPayload(result.access_token);
  session = {
    accessToken: result.access_token,
    expiresAt: claims.exp ? claims.exp * 1000 : Date.now() + result.expires_in * 1000,
    user: result.user,
  };
  sessionStorage.setItem(TOKEN_KEY, JSON.stringify(session));
  await showSignedIn();
}

function restoreSession() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(TOKEN_KEY));
    if (saved?.accessToken && saved.expiresAt > Date.now()) return saved;
  } catch { /* ignore */ }
  sessionStorage.removeItem(TOKEN_KEY);
  return null;
}

function signOut(message) {
  session = null;
  sessionStorage.removeItem(TOKEN_KEY);
  clearInterval(countdownTimer);
  $('#signed-in').hidden = true;
  $('#signed-out').hidden = false;
  $('#passkeys').replaceChildren();
  // Leave nothing of the account in the (hidden) signed-in view.
  for (const id of ['#whoami', '#whoami-display-name', '#token-expiry', '#token-countdown', '#claims']) {
    $(id).textContent = '';
  }
  if (message) setStatus(message);
  if (!busy) startConditionalSignIn();
}

async function showSignedIn() {
  $('#signed-out').hidden = true;
  $('#signed-in').hidden = false;
  renderUser(session.user);
  renderToken();
  $('#signed-in-title').focus();

  const [user] = await Promise.all([authed('GET', PATHS.me), loadPasskeys()]);
  session.user = user;
  sessionStorage.setItem(TOKEN_KEY, JSON.stringify(session));
  renderUser(user);
  syncPasskeySignals();
}

function renderUser(user) {
  if (!user) return;
  $('#whoami').textContent = user.username;
  $('#whoami-display-name').textContent =
    user.displayName && user.displayName !== user.username ? ` (${user.displayName})` : '';
}

// ---- Token claims and expiry -------------------------------------------------

let countdownTimer;

function renderToken() {
  const claims = decodeJwtPayload(session.accessToken);
  $('#claims').textContent = JSON.stringify(claims, null, 2);

  const expiry = $('#token-expiry');
  const expiresAt = new Date(session.expiresAt);
  expiry.dateTime = expiresAt.toISOString();
  expiry.textContent = expiresAt.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

  clearInterval(countdownTimer);
  const tick = () => {
    const left = Math.round((session.expiresAt - Date.now()) / 1000);
    if (left <= 0) {
      signOut('Your session expired. Please sign in again.');
      return;
    }
    const m = Math.floor(left / 60);
    const s = String(left % 60).padStart(2, '0');
    $('#token-countdown').textContent = `(in ${m}:${s})`;
  };
  tick();
  countdownTimer = setInterval(tick, 1000);
}

// ---- Passkey list ------------------------------------------------------------

const ZERO_AAGUID = '00000000-0000-0000-0000-000000000000';

/** The service names the provider when it knows the passkey's AAGUID. */
function providerText(passkey) {
  if (passkey.provider) return passkey.provider;
  if (!passkey.aaguid || passkey.aaguid === ZERO_AAGUID) return 'not disclosed by the authenticator';
  return `unknown (AAGUID ${passkey.aaguid})`;
}

function formatDate(iso) {
  return iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : 'never';
}

async function loadPasskeys() {
  const { passkeys } = await authed('GET', PATHS.passkeys);
  $('#passkeys').replaceChildren(...passkeys.map(renderPasskey));
}

function renderPasskey(passkey) {
  const li = document.createElement('li');
  li.dataset.id = passkey.id;
  const synced = passkey.deviceType === 'multiDevice' || passkey.backedUp;
  // The service names a passkey after its provider when it knows it; otherwise it may have no name.
  const displayName = passkey.name || 'Unnamed passkey';

  const name = document.createElement('span');
  name.className = 'passkey-name';
  name.textContent = displayName;

  const kind = document.createElement('span');
  kind.className = `passkey-kind ${synced ? 'synced' : 'device-bound'}`;
  kind.textContent = synced ? 'synced' : 'device-bound';

  const meta = document.createElement('dl');
  meta.className = 'passkey-meta';
  for (const [term, value] of [
    ['Created', formatDate(passkey.createdAt)],
    ['Last used', formatDate(passkey.lastUsedAt)],
    ['Provider', providerText(passkey)],
  ]) {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = value;
    meta.append(dt, dd);
  }

  const renameButton = button('Rename', 'rename', `Rename passkey ${displayName}`);
  const deleteButton = button('Delete', 'delete', `Delete passkey ${displayName}`);
  const actions = document.createElement('div');
  actions.className = 'passkey-actions';
  actions.append(renameButton, deleteButton);

  // Inline rename form, shown by the Rename button.
  const form = document.createElement('form');
  form.className = 'rename-form';
  form.hidden = true;
  form.noValidate = true;
  const inputId = `rename-${passkey.id}`;
  const label = document.createElement('label');
  label.htmlFor = inputId;
  label.textContent = `New name for “${displayName}”`;
  const input = document.createElement('input');
  input.id = inputId;
  input.className = 'rename-input';
  input.maxLength = 64;
  input.autocomplete = 'off';
  input.value = passkey.name ?? '';
  const save = button('Save', 'rename-save');
  save.type = 'submit';
  const cancel = button('Cancel', 'rename-cancel');
  form.append(label, input, save, cancel);

  renameButton.addEventListener('click', () => {
    form.hidden = false;
    renameButton.setAttribute('aria-expanded', 'true');
    input.focus();
    input.select();
  });
  const closeForm = () => {
    form.hidden = true;
    renameButton.setAttribute('aria-expanded', 'false');
    renameButton.focus();
  };
  cancel.addEventListener('click', closeForm);
  form.addEventListener('keydown', (e) => { if (e.key === 'Escape') closeForm(); });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const newName = input.value.trim();
    if (!newName) {
      showError(new UserMessage('Enter a name for the passkey.'));
      input.focus();
      return;
    }
    runCeremony('rename', () => renamePasskey(passkey.id, newName));
  });
  deleteButton.addEventListener('click', () => runCeremony('delete', () => deletePasskey(passkey)));
  renameButton.setAttribute('aria-expanded', 'false');

  li.append(name, ' ', kind, meta, actions, form);
  return li;
}

function button(text, className, ariaLabel) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = className;
  b.textContent = text;
  if (ariaLabel) b.setAttribute('aria-label', ariaLabel);
  return b;
}

async function renamePasskey(id, name) {
  const updated = await authed('PATCH', `${PATHS.passkeys}/${encodeURIComponent(id)}`, { body: { name } });
  await loadPasskeys();
  syncPasskeySignals();
  setStatus(`Passkey renamed to “${updated.name}”.`);
  $(`#passkeys li[data-id="${CSS.escape(id)}"] .rename`)?.focus();
}

async function deletePasskey(passkey) {
  await authed('DELETE', `${PATHS.passkeys}/${encodeURIComponent(passkey.id)}`);
  await loadPasskeys();
  syncPasskeySignals();
  setStatus(`Passkey “${passkey.name || 'Unnamed passkey'}” deleted. Your browser or password manager may still list it until it syncs.`);
  $('#passkeys-title').focus();
}

// ---- WebAuthn Signal API -----------------------------------------------------

/**
 * Tells the browser / password manager which passkeys the service still accepts
 * for this user and the user's current names, so deleted passkeys disappear from
 * its lists and renamed accounts show their new names. Best effort, and only when
 * the service offers GET /api/auth/passkeys/signals, answering
 *   {"rpId", "userId" (the WebAuthn user handle), "allAcceptedCredentialIds": [...], "name", "displayName"}.
 * The two signals are independent: one refused by the browser does not hold back the other.
 */
async function syncPasskeySignals() {
  const PKC = window.PublicKeyCredential;
  if (!session || !PKC || !(PKC.signalAllAcceptedCredentials || PKC.signalCurrentUserDetails)) return;
  let s;
  try {
    const res = await fetch(API_BASE + PATHS.signals, {
      headers: { Accept: 'application/json', Authorization: `Bearer ${session.accessToken}` },
    });
    if (res.status !== 200) return; // e.g. 404: the service has no signals endpoint
    s = await res.json();
  } catch (e) {
    console.debug('Passkey signals skipped:', e);
    return;
  }
  if (!s?.userId) return;
  const signalRpId = s.rpId ?? rpId ?? location.hostname;
  const signal = (name, options) => Promise.resolve()
    .then(() => PKC[name](options))
    .catch((e) => console.debug(`${name} failed:`, e));
  const signals = [];
  if (PKC.signalAllAcceptedCredentials && Array.isArray(s.allAcceptedCredentialIds)) {
    signals.push(signal('signalAllAcceptedCredentials', {
      rpId: signalRpId, userId: s.userId, allAcceptedCredentialIds: s.allAcceptedCredentialIds,
    }));
  }
  if (PKC.signalCurrentUserDetails) {
    signals.push(signal('signalCurrentUserDetails', {
      rpId: signalRpId,
      userId: s.userId,
      name: s.name ?? session.user.username,
      displayName: s.displayName ?? session.user.displayName ?? session.user.username,
    }));
  }
  await Promise.all(signals);
}

// ============================================================================
// 4. Start-up
// ============================================================================

async function detectSupport() {
  const PKC = window.PublicKeyCredential;
  support.webauthn = Boolean(PKC && navigator.credentials?.create);
  if (support.webauthn) {
    const [conditional, platform] = await Promise.all([
      PKC.isConditionalMediationAvailable?.().catch(() => false) ?? false,
      PKC.isUserVerifyingPlatformAuthenticatorAvailable?.().catch(() => false) ?? false,
    ]);
    support.conditional = conditional === true;
    support.platform = platform === true;
  }

  const yesNo = (v) => (v ? 'yes' : 'no');
  const rows = [
    ['Passkeys (WebAuthn)', yesNo(support.webauthn)],
    ['Passkey autofill (conditional UI)', yesNo(support.conditional)],
    ['Built-in authenticator (Touch ID, Windows Hello, Android…)', yesNo(support.platform)],
    ['WebAuthn JSON helpers', nativeJSON.parseCreationOptions && nativeJSON.toJSON ? 'native' : 'fallback (webauthn-json.js)'],
    ['Signal API', yesNo(typeof PKC?.signalUnknownCredential === 'function')],
  ];
  $('#support-list').replaceChildren(...rows.map(([what, value]) => {
    const li = document.createElement('li');
    li.textContent = `${what}: ${value}`;
    return li;
  }));

  if (!support.webauthn) {
    const notice = $('#unsupported');
    notice.textContent = window.isSecureContext
      ? 'This browser does not support passkeys. Try an up-to-date Chrome, Edge, Safari or Firefox.'
      : 'Passkeys need a secure page: open this page over HTTPS (or on localhost).';
    notice.hidden = false;
    for (const el of document.querySelectorAll('#signed-out input, #signed-out button')) el.disabled = true;
  } else if (!support.platform) {
    $('#signin-hint').textContent +=
      ' No built-in authenticator was found: you can still use a phone or a security key.';
  }
}

function wire() {
  $('#signup-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const username = $('#signup-username').value.trim();
    const displayName = $('#signup-display-name').value.trim();
    if (!username) {
      clearMessages();
      showError(new UserMessage('Enter a username (1 to 64 characters).'));
      $('#signup-username').focus();
      return;
    }
    runCeremony('signup', () => signUp(username, displayName));
  });

  $('#signin-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const username = $('#signin-username').value.trim();
    if (!username) {
      clearMessages();
      showError(new UserMessage('Enter your username, or choose “Sign in with a passkey”.'));
      $('#signin-username').focus();
      return;
    }
    runCeremony('signin', () => signIn(username));
  });

  $('#passkey-button').addEventListener('click', () => runCeremony('signin', () => signIn()));

  $('#add-passkey-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const name = $('#add-passkey-name').value.trim();
    runCeremony('add', async () => {
      await addPasskey(name);
      $('#add-passkey-name').value = '';
    });
  });

  $('#signout-button').addEventListener('click', () => {
    clearMessages();
    signOut('You are signed out.');
    $('#signin-username').focus();
  });
}

async function main() {
  $('#api-base').textContent = API_BASE || `${location.origin} (this page's origin)`;
  wire();
  await detectSupport();

  session = restoreSession();
  if (session) {
    try {
      await showSignedIn();
    } catch (e) {
      showError(e);
    }
  } else if (support.webauthn) {
    startConditionalSignIn();
  }
}

main();
