// roadmap-site serve: status controls. Added to HTML responses by the development
// server only (built sites never contain it). A task's status mark becomes a button
// with a menu (done, in progress, to do, skipped); on a focused task the keys D, P, T
// and S set it, and Ctrl+Z undoes the last change. The server writes the change into
// the roadmap file; the rebuild and live reload show it. Scroll position and focus are
// kept across the reload.
(() => {
  const STATUSES = [
    { key: 'done', label: 'Done', letter: 'd' },
    { key: 'in_progress', label: 'In progress', letter: 'p' },
    { key: 'todo', label: 'To do', letter: 't' },
    { key: 'skipped', label: 'Skipped', letter: 's' },
  ];
  const KEEP = 'roadmap-site:edit'; // sessionStorage: what to restore after the reload
  const config = () => document.querySelector('script[data-token]');
  if (!config()) return;

  // A task's slug from a link to its page (`…/tasks/<slug>.html`), or null.
  function slugOf(href) {
    if (!href) return null;
    let url;
    try {
      url = new URL(href, location.href);
    } catch {
      return null;
    }
    if (url.origin !== location.origin) return null;
    const match = /\/tasks\/([^/]+)\.html$/.exec(url.pathname);
    return match ? decodeURIComponent(match[1]) : null;
  }

  // The status a class list names (`status-done` on rows, `done` on map nodes).
  function statusIn(element) {
    for (const s of STATUSES) {
      if (element.classList.contains(`status-${s.key}`) || element.classList.contains(s.key)) return s.key;
    }
    return null;
  }

  // The task an element belongs to: { slug, status, row, link } or null.
  function taskAt(element) {
    if (!element || !element.closest) return null;
    const node = element.closest('a.n');
    if (node) {
      const slug = slugOf(node.getAttribute('href'));
      return slug && { slug, status: statusIn(node), row: node, link: node };
    }
    const row = element.closest('li.task, .group-head');
    if (row) {
      const link = row.querySelector('a.task-link');
      const slug = link && slugOf(link.getAttribute('href'));
      return slug && { slug, status: statusIn(row), row, link };
    }
    const link = element.closest('a[href]');
    const slug = link && slugOf(link.getAttribute('href'));
    if (slug) {
      // The map's list for the keyboard: its status is the drawing's node's.
      const twin = document.querySelector(`a.n[href="${CSS.escape(link.getAttribute('href'))}"]`);
      return { slug, status: twin ? statusIn(twin) : null, row: link, link };
    }
    const page = element.closest('article.task-page');
    if (page) {
      const slug = slugOf(location.href);
      return slug && { slug, status: statusIn(page), row: page, link: null };
    }
    return null;
  }

  // ---- The controls ------------------------------------------------------------

  const style = document.createElement('style');
  style.textContent = `
    .rs-edit { font: inherit; color: inherit; background: none; border: 0; padding: 0; margin: 0; cursor: pointer; border-radius: 50%; }
    .rs-edit:hover { outline: 2px solid currentColor; outline-offset: 2px; }
    .rs-edit-chip { border-radius: 1rem; }
    .rs-menu { position: absolute; z-index: 1000; min-width: 11rem; padding: .25rem; margin: 0; list-style: none; background: Canvas; color: CanvasText; border: 1px solid GrayText; border-radius: .5rem; box-shadow: 0 6px 24px rgb(0 0 0 / .25); font: 15px/1.4 system-ui, sans-serif; }
    .rs-menu button, .rs-menu a { display: flex; width: 100%; justify-content: space-between; gap: 1rem; padding: .35rem .6rem; border: 0; border-radius: .35rem; background: none; color: inherit; font: inherit; text-align: start; text-decoration: none; cursor: pointer; }
    .rs-menu button:hover, .rs-menu button:focus, .rs-menu a:hover, .rs-menu a:focus { background: Highlight; color: HighlightText; outline: none; }
    .rs-menu [aria-checked="true"] { font-weight: 700; }
    .rs-menu kbd { font: inherit; opacity: .7; }
    .rs-toast { position: fixed; inset-inline: 1rem; bottom: 1rem; z-index: 1001; max-width: 40rem; margin-inline: auto; padding: .75rem 1rem; border-radius: .5rem; background: #1b1b1b; color: #f2f2f2; font: 15px/1.45 system-ui, sans-serif; box-shadow: 0 6px 24px rgb(0 0 0 / .3); white-space: pre-wrap; }
    .rs-toast.rs-refused { border-inline-start: 4px solid #ff6b6b; }
    .rs-toast:empty { display: none; }
    [aria-busy="true"] { opacity: .5; }
  `;
  document.head.append(style);

  const toast = document.createElement('div');
  toast.className = 'rs-toast';
  toast.setAttribute('role', 'status');
  document.body.append(toast);
  let toastTimer = 0;
  function say(message, refused) {
    toast.textContent = message;
    toast.classList.toggle('rs-refused', !!refused);
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => (toast.textContent = ''), refused ? 12000 : 4000);
  }

  // Each status mark becomes a button that opens the menu.
  function decorate(root) {
    for (const mark of root.querySelectorAll('li.task > .mark, .group-head .mark, .task-status > .chip')) {
      if (mark.closest('.rs-edit')) continue;
      const task = taskAt(mark);
      if (!task) continue;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = mark.classList.contains('chip') ? 'rs-edit rs-edit-chip' : 'rs-edit';
      const title = task.link ? task.link.textContent.trim() : document.title;
      const now = STATUSES.find((s) => s.key === task.status);
      button.setAttribute('aria-label', `Change the status of ${title}${now ? ` (now ${now.label})` : ''}`);
      button.setAttribute('aria-haspopup', 'menu');
      mark.replaceWith(button);
      button.append(mark);
    }
  }

  let menu = null;
  function closeMenu(refocus) {
    if (!menu) return;
    const { element, opener } = menu;
    menu = null;
    element.remove();
    if (refocus && opener) opener.focus();
  }

  function openMenu(task, opener, withLink) {
    closeMenu(false);
    const element = document.createElement('ul');
    element.className = 'rs-menu';
    element.setAttribute('role', 'menu');
    element.setAttribute('aria-label', 'Status');
    for (const s of STATUSES) {
      const item = document.createElement('li');
      item.setAttribute('role', 'none');
      const button = document.createElement('button');
      button.type = 'button';
      button.setAttribute('role', 'menuitemradio');
      button.setAttribute('aria-checked', String(s.key === task.status));
      button.innerHTML = `<span></span><kbd>${s.letter.toUpperCase()}</kbd>`;
      button.firstChild.textContent = s.label;
      button.addEventListener('click', () => {
        closeMenu(true);
        change(task, s.key);
      });
      item.append(button);
      element.append(item);
    }
    if (withLink) {
      const item = document.createElement('li');
      item.setAttribute('role', 'none');
      const link = document.createElement('a');
      link.setAttribute('role', 'menuitem');
      link.href = withLink;
      link.textContent = 'Open the page';
      item.append(link);
      element.append(item);
    }
    document.body.append(element);
    const box = opener.getBoundingClientRect();
    const left = Math.min(box.left + scrollX, scrollX + document.documentElement.clientWidth - element.offsetWidth - 8);
    element.style.left = `${Math.max(scrollX + 8, left)}px`;
    element.style.top = `${box.bottom + scrollY + 4}px`;
    menu = { element, opener };
    const items = [...element.querySelectorAll('[role^=menuitem]')];
    (items.find((i) => i.getAttribute('aria-checked') === 'true') || items[0]).focus();
    element.addEventListener('keydown', (e) => {
      const at = items.indexOf(document.activeElement);
      if (e.key === 'Escape') closeMenu(true);
      else if (e.key === 'ArrowDown') items[(at + 1) % items.length].focus();
      else if (e.key === 'ArrowUp') items[(at - 1 + items.length) % items.length].focus();
      else if (e.key === 'Tab') closeMenu(false);
      else {
        const s = STATUSES.find((s) => s.letter === e.key.toLowerCase());
        if (!s || e.ctrlKey || e.metaKey || e.altKey) return;
        closeMenu(true);
        change(task, s.key);
      }
      e.preventDefault();
    });
  }

  document.addEventListener('click', (e) => {
    if (menu && !menu.element.contains(e.target)) closeMenu(false);
    const button = e.target.closest && e.target.closest('.rs-edit');
    const node = !button && e.target.closest && e.target.closest('a.n');
    if (button) {
      const task = taskAt(button);
      if (task) openMenu(task, button, null);
    } else if (node && !(e.ctrlKey || e.metaKey || e.shiftKey)) {
      const task = taskAt(node);
      if (!task) return;
      e.preventDefault();
      openMenu(task, node, node.getAttribute('href'));
    }
  });

  document.addEventListener('keydown', (e) => {
    const target = e.target;
    if (menu || e.altKey || target.closest('input, textarea, select, [contenteditable]')) return;
    if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z') {
      e.preventDefault();
      undo();
      return;
    }
    if (e.ctrlKey || e.metaKey) return;
    const s = STATUSES.find((s) => s.letter === e.key.toLowerCase());
    const task = s && taskAt(target);
    if (!task) return;
    e.preventDefault();
    change(task, s.key);
  });

  // ---- Talking to the server ---------------------------------------------------

  async function post(path, body) {
    const script = config();
    let response;
    try {
      response = await fetch(`/__roadmap-site/${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ token: script.dataset.token, ...body }),
      });
    } catch {
      return { status: 0, ok: false, message: 'The server is not answering: is `roadmap-site serve` still running?' };
    }
    let answer = { ok: false, message: `HTTP ${response.status}` };
    try {
      answer = await response.json();
    } catch {}
    return { status: response.status, ...answer };
  }

  async function change(task, to) {
    if (task.status === to) return;
    task.row.setAttribute('aria-busy', 'true');
    keep(task);
    const answer = await post('set-status', {
      task: task.slug,
      from: task.status,
      to,
      fingerprint: config().dataset.fingerprint,
    });
    settle(answer, task.row);
  }

  async function undo() {
    keep(taskAt(document.activeElement));
    settle(await post('undo', {}), null);
  }

  function settle(answer, row) {
    if (answer.ok) {
      // The rebuild's live reload shows the change; the message survives it.
      remember({ message: answer.message });
      say(answer.message, false);
      return;
    }
    if (row) row.removeAttribute('aria-busy');
    say(answer.message, true);
    if (answer.status === 409 && /changed on disk/.test(answer.message)) {
      // The page is older than the file: show the file as it is now.
      remember({ message: answer.message, refused: true });
      setTimeout(() => location.reload(), 1500);
    } else {
      sessionStorage.removeItem(KEEP);
    }
  }

  // ---- Across the reload ---------------------------------------------------------

  function remember(extra) {
    const kept = JSON.parse(sessionStorage.getItem(KEEP) || '{}');
    sessionStorage.setItem(KEEP, JSON.stringify({ ...kept, ...extra }));
  }

  // Where the page is and which task has focus, for the reload the change brings.
  function keep(task) {
    const focus = task && task.link ? task.link.getAttribute('href') : null;
    // The task's place in the window: what is above it may change height (the
    // progress figures), so the task, not the page's top, is put back where it was.
    const top = task && task.row ? task.row.getBoundingClientRect().top : null;
    sessionStorage.setItem(
      KEEP,
      JSON.stringify({ path: location.pathname, x: scrollX, y: scrollY, focus, top, at: Date.now() }),
    );
  }

  function restore() {
    let kept;
    try {
      kept = JSON.parse(sessionStorage.getItem(KEEP) || 'null');
    } catch {}
    if (!kept || kept.path !== location.pathname || Date.now() - kept.at > 60000) return;
    sessionStorage.removeItem(KEEP);
    scrollTo(kept.x, kept.y);
    if (kept.focus) {
      const links = [...document.querySelectorAll('a[href]')].filter((a) => a.getAttribute('href') === kept.focus);
      // The row's link, else the map's node that is shown.
      const shown = (a) => a.getClientRects().length;
      const link = links.find((a) => a.classList.contains('task-link'))
        || links.find((a) => a.matches('a.n') && shown(a))
        || links.find(shown) || links[0];
      const task = link && taskAt(link);
      if (task && task.row && kept.top !== null) {
        const place = () => scrollBy(0, task.row.getBoundingClientRect().top - kept.top);
        place();
        // Deferred scripts and late styles may still move things above it.
        if (document.readyState !== 'complete') addEventListener('load', () => requestAnimationFrame(place), { once: true });
        else requestAnimationFrame(place);
      }
      if (link) link.focus({ preventScroll: true });
    }
    if (kept.message) say(kept.message, kept.refused);
  }

  decorate(document);
  restore();
  // The live reload swapped <main> in: its marks are new.
  document.addEventListener('roadmap-site:updated', () => {
    decorate(document);
    restore();
  });
})();
