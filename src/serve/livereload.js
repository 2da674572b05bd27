// roadmap-site serve: live reload. Added to HTML responses by the development server
// only; built sites never contain it. Events: reload, css (swap stylesheets, keep the
// page), main (only <main> changed: fetch the page and swap it in), failed (show the
// build's diagnostics over the page until the next build).
(() => {
  const script = document.currentScript || document.querySelector('script[data-generation]');
  let seen = script ? script.dataset.generation : ''; // the build this page shows
  const data = (e) => JSON.parse(e.data);
  let events = null;
  let overlay = null;

  function connect() {
    events = new EventSource('/__roadmap-site/events?since=' + encodeURIComponent(seen));
    events.addEventListener('reload', () => {
      latest++; // a swap still on its way must not undo what comes next
      location.reload();
    });
    events.addEventListener('css', (e) => {
      latest++;
      seen = String(data(e).generation);
      hide();
      swapStylesheets(seen);
    });
    events.addEventListener('main', (e) => {
      const { generation, pages } = data(e);
      if (!pages.includes(thisPage())) {
        seen = String(generation); // this page did not change
        return;
      }
      swapMain(String(generation)).catch(() => location.reload());
    });
    events.addEventListener('failed', (e) => {
      latest++;
      seen = String(data(e).generation);
      if (!document.getElementById('roadmap-site-error-page')) show(data(e).error || '');
    });
  }

  // A browser opens at most 6 connections to one server: hidden tabs let go of their
  // stream and catch up when shown again, so that open tabs never block page loads.
  document.addEventListener('visibilitychange', () => {
    if (document.hidden && events) {
      events.close();
      events = null;
    } else if (!document.hidden && !events) {
      connect();
    }
  });
  if (!document.hidden) connect();

  function swapStylesheets(generation) {
    const links = [...document.querySelectorAll('link[rel~="stylesheet"]')];
    if (links.length === 0) return location.reload(); // inline styles: reload
    for (const link of links) {
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin) continue;
      url.searchParams.set('roadmap-site', generation);
      const next = link.cloneNode();
      next.href = url.href;
      // The old sheet stays until the new one is in, so the page never flashes.
      next.onload = next.onerror = () => link.remove();
      link.after(next);
    }
  }

  // This page's path in the site, as the server names pages ("tasks/a.html").
  function thisPage() {
    const path = decodeURIComponent(location.pathname).replace(/^\/+/, '');
    return path === '' || path.endsWith('/') ? `${path}index.html` : path;
  }

  // A note edit changes only the <main> of pages: swapping it in is faster than a
  // reload, keeps the scroll position and never flashes. The server said nothing
  // outside <main> changed; anything unexpected falls back to a reload.
  let latest = 0;
  async function swapMain(generation) {
    const mine = ++latest;
    const response = await fetch(location.href, { cache: 'no-store' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const next = new DOMParser().parseFromString(await response.text(), 'text/html');
    if (mine !== latest) return; // a later event took over
    const main = document.querySelector('main');
    const fresh = next.querySelector('main');
    if (!main || !fresh) throw new Error('no <main>');
    // Scripts inserted this way would not run: a theme with scripts in <main> reloads.
    if (fresh.querySelector('script')) throw new Error('scripts in <main>');
    // A :target inside <main> would be lost: reload keeps it.
    if (location.hash && main.querySelector(':target')) throw new Error('target in <main>');
    // So would the checked radios (the phase filters): they are checked again below.
    const checked = [...main.querySelectorAll('input[type=radio][id]:checked')].map((r) => r.id);
    const focused = main.contains(document.activeElement);
    main.replaceChildren(...[...fresh.childNodes].map((n) => document.importNode(n, true)));
    for (const id of checked) {
      const radio = document.getElementById(id);
      if (radio && main.contains(radio)) radio.checked = true;
    }
    if (focused) main.focus({ preventScroll: true });
    // The fetched page may already be of a newer build than the event's.
    const served = next.querySelector('script[data-generation]');
    seen = served ? served.dataset.generation : generation;
    // The status controls send the fingerprint of the roadmap the page shows.
    if (served && script && served.dataset.fingerprint) script.dataset.fingerprint = served.dataset.fingerprint;
    main.dataset.roadmapSiteGeneration = seen;
    // For scripts that cache site data, such as the search index.
    document.dispatchEvent(new CustomEvent('roadmap-site:updated'));
  }

  function hide() {
    if (overlay) overlay.remove();
    overlay = null;
  }

  function show(text) {
    hide();
    overlay = document.createElement('roadmap-site-overlay');
    // A shadow root keeps the site's styles off the overlay and the overlay's off the site.
    const root = overlay.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>
      .backdrop { position: fixed; inset: 0; z-index: 2147483647; overflow: auto;
        background: rgba(0, 0, 0, .55); padding: 5vh 1rem; box-sizing: border-box; }
      .panel { max-width: 110ch; margin: 0 auto; background: #1b1b1b; color: #f2f2f2;
        border-left: 6px solid #ff6b6b; border-radius: 6px; padding: 1rem 1.25rem;
        font: 14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
      h2 { margin: 0 0 .25rem; font-size: 1.1rem; color: #ff9e9e; }
      p { margin: 0 0 .75rem; color: #d6d6d6; }
      pre { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; font: inherit; }
      button { float: right; font: inherit; color: #1b1b1b; background: #f2f2f2;
        border: 0; border-radius: 4px; padding: .25rem .75rem; cursor: pointer; }
      button:focus-visible { outline: 3px solid #7cc4ff; outline-offset: 2px; }
    </style>
    <div class="backdrop"><div class="panel" role="alertdialog" aria-modal="false"
      aria-labelledby="title" aria-describedby="text">
      <button type="button">Dismiss</button>
      <h2 id="title">Build failed</h2>
      <p>The page shows the last good build. Fix the problem and save: the page reloads by itself.</p>
      <pre id="text"></pre>
    </div></div>`;
    root.getElementById('text').textContent = text; // text, never HTML
    root.querySelector('button').addEventListener('click', hide);
    document.body.append(overlay);
    root.querySelector('button').focus({ preventScroll: true });
  }

  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && overlay) hide();
  });
})();
