'use strict';
/*
 * The results server's pages. One shell (page.html) for all of them; this script tells them apart
 * by the path, fetches the JSON API (/api/v1, docs/server-api.md) and builds the page.
 *
 * Everything that came from a run (test names, outputs, messages, testbed names, refs) reaches the
 * page through text nodes only: h() below has no way to set markup, and links pass safeUrl(),
 * which keeps same-origin and https: addresses only. The server's Content-Security-Policy forbids
 * inline scripts and style attributes besides; widths are set through element.style (CSSOM).
 */
(() => {
  const API = '/api/v1';
  const VERDICTS = ['pass', 'fail', 'xfail', 'skip', 'ignored'];
  const LETTERS = { P: 'pass', F: 'fail', S: 'skip', I: 'ignored', X: 'xfail' };
  const PALETTE = ['#1f6fb2', '#d9480f', '#2b8a3e', '#862e9c', '#e67700', '#0b7285', '#c2255c', '#5c940d',
    '#364fc7', '#a61e4d', '#087f5b', '#5f3dc4'];
  /** run-perfbench.py's line of four figures, shown as the benchmark's figures instead. */
  const BENCH_LINE = /^\s*[\d.eE+-]+( [\d.eE+-]+){3}\s*$/;
  const DAYS = [1, 2, 7, 14, 28, 91, 182, 365, 730].map(d => d * 86400);
  const ATTRIBUTES = new Set(['type', 'name', 'value', 'placeholder', 'min', 'max', 'step', 'for', 'id', 'colspan',
    'scope', 'role', 'aria-label', 'rel', 'method', 'size', 'checked', 'selected', 'lang']);

  // ---------- building the page: text only ----------

  /** An element with properties and children; strings become text nodes, never markup. */
  function h(tag, props, ...children) {
    const e = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) {
        continue;
      }
      if (key === 'class') {
        e.className = value;
      } else if (key === 'href' || key === 'action') {
        const safe = safeUrl(value);
        if (safe) {
          e.setAttribute(key, safe);
        }
      } else if (key === 'title') {
        e.title = String(value);
      } else if (key === 'data') {
        Object.assign(e.dataset, value);
      } else if (ATTRIBUTES.has(key)) {
        e.setAttribute(key, value === true ? '' : String(value));
      } else {
        throw new Error('h(): no attribute ' + key);
      }
    }
    append(e, children);
    return e;
  }

  function append(parent, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) {
        continue;
      }
      parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return parent;
  }

  /** Same-origin or https: addresses only; anything else (javascript:, data:, http: elsewhere) is no link. */
  function safeUrl(raw) {
    let url;
    try {
      url = new URL(String(raw), location.origin);
    } catch (e) {
      return null;
    }
    if (url.origin === location.origin && (url.protocol === 'http:' || url.protocol === 'https:')) {
      return url.href;
    }
    return url.protocol === 'https:' ? url.href : null;
  }

  /** A link when the address is allowed, else the label as plain text. */
  function link(href, ...label) {
    return safeUrl(href) ? h('a', { href }, ...label) : h('span', null, ...label);
  }

  /** An address on this server with the query parameters that have a value. */
  function here(path, params) {
    const url = new URL(path, location.origin);
    for (const [key, value] of Object.entries(params || {})) {
      if (value !== null && value !== undefined && value !== '') {
        url.searchParams.set(key, String(value));
      }
    }
    return url;
  }

  function query() {
    return new URL(location.href).searchParams;
  }

  function main() {
    return document.getElementById('main');
  }

  function status(text, isError) {
    const line = document.getElementById('status');
    line.textContent = text || '';
    line.classList.toggle('error', Boolean(isError));
    line.hidden = !text;
  }

  function setTitle(...parts) {
    document.title = parts.concat('mpunit results').join(' · ');
  }

  // ---------- the API ----------

  /** The answer of an API request that succeeded; else an error with the status and the API's own message. */
  async function fetchApi(url, headers) {
    const response = await fetch(url, { headers: headers || {}, credentials: 'same-origin' });
    if (response.ok) {
      return response;
    }
    let message = response.statusText;
    try {
      message = (await response.json()).error || message;
    } catch (e) {
      // not JSON: keep the status text
    }
    const error = new Error(response.status + ' ' + message);
    // 401: reading is closed on this server and this browser holds no read token (fail() offers the login)
    error.status = response.status;
    throw error;
  }

  async function getJson(path, params) {
    return (await fetchApi(here(API + path, params), { Accept: 'application/json' })).json();
  }

  /** The page address of a file the API links to (/api/v1/runs/7/files/x → /runs/7/files/x). */
  function filePage(apiPath) {
    if (!apiPath) {
      return null;
    }
    return apiPath.startsWith(API + '/runs/') ? apiPath.substring(API.length) : apiPath;
  }

  function encodePath(path) {
    return path.split('/').map(encodeURIComponent).join('/');
  }

  // ---------- words and numbers ----------

  function fmtTime(iso) {
    if (!iso) {
      return '';
    }
    const date = new Date(iso);
    return isNaN(date) ? String(iso) : date.toISOString().substring(0, 16).replace('T', ' ');
  }

  function fmtDuration(ms) {
    if (ms === null || ms === undefined) {
      return '';
    }
    if (ms < 1000) {
      return Math.round(ms) + ' ms';
    }
    const s = ms / 1000;
    if (s < 60) {
      return s.toFixed(1) + ' s';
    }
    const m = Math.floor(s / 60);
    if (m < 60) {
      return m + ' min ' + Math.round(s - 60 * m) + ' s';
    }
    return Math.floor(m / 60) + ' h ' + (m % 60) + ' min';
  }

  function fmtNumber(x, digits) {
    return x === null || x === undefined ? '' : Number(x).toFixed(digits === undefined ? 2 : digits);
  }

  function fmtBytes(n) {
    if (n < 1024) {
      return n + ' B';
    }
    return n < 1024 * 1024 ? (n / 1024).toFixed(1) + ' KiB' : (n / 1024 / 1024).toFixed(1) + ' MiB';
  }

  /** https://github.com/me/micropython.git@fix → me/micropython@fix; upstream's …micropython.git@master → master */
  function shortRef(ref) {
    if (!ref) {
      return '';
    }
    const m = /^https:\/\/github\.com\/([^/]+\/[^@~]+?)(?:\.git)?([@~].*)?$/.exec(ref);
    if (!m) {
      return ref;
    }
    // upstream's own repository goes without saying: its ref (v1.28.0-131-g…, master, ~17232) is what differs
    return m[1] === 'micropython/micropython' && m[2] ? (m[2][0] === '@' ? m[2].substring(1) : m[2]) : m[1] + (m[2] || '');
  }

  function verdict(word, href) {
    const cls = 'verdict v-' + (VERDICTS.includes(word) ? word : 'unknown');
    return href ? h('a', { class: cls, href }, word) : h('span', { class: cls }, word);
  }

  function badge(text, kind) {
    return h('span', { class: 'badge ' + kind }, text);
  }

  /** A stacked bar of a totals object; widths from the numbers. */
  function totalsBar(totals) {
    const total = totals && totals.total ? totals.total : 0;
    const bar = h('div', { class: 'bar', role: 'img', 'aria-label': totalsText(totals) });
    bar.title = totalsText(totals);
    for (const word of VERDICTS) {
      const n = totals ? totals[word] || 0 : 0;
      if (n > 0 && total > 0) {
        const segment = h('span', { class: 'segment v-' + word });
        segment.style.width = (100 * n / total) + '%';
        bar.appendChild(segment);
      }
    }
    return bar;
  }

  function totalsText(totals) {
    if (!totals) {
      return '';
    }
    return totals.total + ' tests: ' + VERDICTS.filter(w => totals[w]).map(w => totals[w] + ' ' + w).join(', ');
  }

  /** One coloured cell per verdict, oldest left; each links to its run when the run is known. */
  function verdictStrip(cells) {
    const strip = h('span', { class: 'strip' });
    for (const cell of cells) {
      const cls = 'cell v-' + cell.verdict;
      strip.appendChild(cell.href
        ? h('a', { class: cls, href: cell.href, title: cell.title }, cell.verdict[0])
        : h('span', { class: cls, title: cell.title }, cell.verdict[0]));
    }
    return strip;
  }

  function table(headings, rows, cls) {
    return h('table', { class: cls || null },
      h('thead', null, h('tr', null, headings.map(x => h('th', { scope: 'col' }, x)))),
      h('tbody', null, rows));
  }

  function section(title, ...content) {
    return h('section', null, h('h2', null, title), ...content);
  }

  /** A ref, linked to its commit when the server gave a link (only GitHub https URLs get one). */
  function refLink(ref, link) {
    return ref && link ? h('a', { href: link }, ref) : ref;
  }

  function facts(pairs) {
    return h('dl', { class: 'facts' }, pairs.filter(p => p[1] !== null && p[1] !== undefined && p[1] !== '')
      .map(([name, value]) => [h('dt', null, name), h('dd', null, value)]));
  }

  // ---------- filters and paging ----------

  /**
   * A GET form back to this page, filled from the address; empty fields are left out of the next
   * address so it stays readable.
   */
  function filterForm(fields, options) {
    const extra = options || {};
    const q = query();
    const form = h('form', { class: 'filters', method: 'get', action: location.pathname });
    for (const field of fields) {
      const id = 'f-' + field.name;
      let input;
      if (field.type === 'select') {
        input = h('select', { name: field.name, id },
          field.options.map(o => {
            const [value, label] = Array.isArray(o) ? o : [o, o === '' ? 'any' : o];
            return h('option', { value, selected: (q.get(field.name) || field.value || '') === value }, label);
          }));
      } else if (field.type === 'checks') {
        const chosen = new Set(q.getAll(field.name).flatMap(v => v.split(',')));
        input = h('span', { class: 'checks', id }, field.options.map(o =>
          h('label', null, h('input', { type: 'checkbox', name: field.name, value: o, checked: chosen.has(o) }), o)));
      } else {
        input = h('input', { type: field.type || 'text', name: field.name, id, size: field.size || null,
          value: q.get(field.name) || field.value || '', placeholder: field.placeholder || null, min: field.min || null });
      }
      form.appendChild(h('span', { class: 'field' }, h('label', { for: id }, field.label), input));
    }
    form.appendChild(h('button', { type: 'submit' }, 'Show'));
    form.appendChild(h('a', { class: 'reset', href: location.pathname + keepOnly(extra.keep) }, 'Reset'));
    form.addEventListener('submit', () => {
      for (const input of form.querySelectorAll('input[type=text], input[type=date], input[type=number], select')) {
        if (!input.value) {
          input.disabled = true;
        }
      }
    });
    for (const [name, value] of Object.entries(extra.hidden || {})) {
      form.appendChild(h('input', { type: 'hidden', name, value }));
    }
    return form;
  }

  function keepOnly(names) {
    const q = query();
    const kept = new URLSearchParams();
    for (const name of names || []) {
      if (q.get(name)) {
        kept.set(name, q.get(name));
      }
    }
    const s = kept.toString();
    return s ? '?' + s : '';
  }

  /** The address's parameters the API takes, dates turned into UTC instants (to = the end of that day). */
  function apiParams(names) {
    const q = query();
    const params = {};
    for (const name of names) {
      const values = q.getAll(name).filter(Boolean);
      if (values.length) {
        params[name] = values.join(',');
      }
    }
    if (params.from && /^\d{4}-\d\d-\d\d$/.test(params.from)) {
      params.from = params.from + 'T00:00:00Z';
    }
    if (params.to && /^\d{4}-\d\d-\d\d$/.test(params.to)) {
      const end = new Date(params.to + 'T00:00:00Z');
      end.setUTCDate(end.getUTCDate() + 1);
      params.to = end.toISOString().replace('.000Z', 'Z');
    }
    return params;
  }

  /** First / previous / next / last links over a keyset-paged list (cursor=, page=last). */
  function pager(page, labels) {
    const q = query();
    const onFirst = !q.get('cursor') && q.get('page') !== 'last';
    const onLast = q.get('page') === 'last' || (!q.get('cursor') && !page.next);
    const to = (cursor, last) => {
      const url = new URL(location.href);
      url.searchParams.delete('cursor');
      url.searchParams.delete('page');
      if (cursor) {
        url.searchParams.set('cursor', cursor);
      }
      if (last) {
        url.searchParams.set('page', 'last');
      }
      return url.href;
    };
    const item = (label, enabled, href, rel) => enabled
      ? h('a', { href, rel }, label) : h('span', { class: 'disabled' }, label);
    return h('nav', { class: 'pager', 'aria-label': 'pages' },
      item(labels[0], !onFirst, to(null, false), 'first'),
      item(labels[1], Boolean(page.prev) && !onFirst, to(page.prev, false), 'prev'),
      item(labels[2], Boolean(page.next), to(page.next, false), 'next'),
      item(labels[3], !onLast || Boolean(page.next), to(null, true), 'last'),
      page.total !== null && page.total !== undefined ? h('span', { class: 'count' }, page.total + ' in all') : null);
  }

  /** The testbeds that pushed, the one that pushed last first; none when the list cannot be read. */
  async function testbeds() {
    try {
      return (await getJson('/testbeds')).items
        .sort((a, b) => String(b.last_run_time || '').localeCompare(String(a.last_run_time || '')));
    } catch (e) {
      return [];
    }
  }

  async function testbedOptions() {
    return [''].concat((await testbeds()).map(t => t.name).sort());
  }

  // ---------- charts (uPlot, shipped with the server) ----------

  function chartBox(title) {
    return h('figure', { class: 'chart' }, h('figcaption', null, title));
  }

  /**
   * A time chart: one line per series ({label, points: [[unix seconds, y]]}), aligned on a common
   * time axis. Times shown in UTC like the rest of the pages.
   */
  function drawChart(box, yLabel, series, yFormat) {
    if (typeof uPlot === 'undefined') {
      box.appendChild(h('p', { class: 'status error' }, 'the chart library did not load'));
      return null;
    }
    const tables = series.map(s => {
      const byTime = new Map();
      for (const [x, y] of s.points) {
        byTime.set(x, y);
      }
      const xs = [...byTime.keys()].sort((a, b) => a - b);
      return [xs, xs.map(x => byTime.get(x))];
    });
    const data = tables.length === 1 ? tables[0] : uPlot.join(tables);
    const format = yFormat || (v => v === null || v === undefined ? '—' : fmtNumber(v, Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2));
    const options = {
      width: Math.max(320, box.clientWidth - 8 || 900),
      height: 240,
      tzDate: ts => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      scales: { x: { time: true } },
      axes: [
        // nightly runs: a tick per day at least, written as the tables write dates
        { incrs: DAYS, values: (u, ticks) => ticks.map(t => fmtTime(t * 1000).substring(ticks[ticks.length - 1] - ticks[0] > 300 * 86400 ? 0 : 5, 10)) },
        { label: yLabel, size: 64, values: (u, ticks, axis, space, incr) => ticks.map(t => axisNumber(t, incr, yFormat)) },
      ],
      series: [{ label: 'time (UTC)', value: (u, ts) => ts === null ? '—' : fmtTime(ts * 1000) }].concat(
        series.map((s, i) => ({
          label: s.label,
          stroke: PALETTE[i % PALETTE.length],
          width: 1.5,
          spanGaps: true,
          points: { show: true, size: 5 },
          value: (u, v) => format(v),
        }))),
    };
    const plot = new uPlot(options, data, box);
    window.addEventListener('resize', () => plot.setSize({ width: Math.max(320, box.clientWidth - 8), height: 240 }));
    return plot;
  }

  /** A y tick with as many decimals as the distance between ticks needs (545, 547.5, 550). */
  function axisNumber(value, incr, format) {
    if (format) {
      return format(value);
    }
    const step = String(Number(Number(incr).toPrecision(6)));
    const dot = step.indexOf('.');
    return Number(value).toFixed(dot < 0 ? 0 : Math.min(4, step.length - dot - 1));
  }

  function seconds(iso) {
    return Math.floor(new Date(iso).getTime() / 1000);
  }

  // ---------- the runs page ----------

  async function runsPage() {
    setTitle('Runs');
    const root = main();
    root.appendChild(h('h1', null, 'Runs'));
    // the list and the filter's testbeds are asked for at once
    const [options, page] = await Promise.all([testbedOptions(),
      getJson('/runs', apiParams(['testbed', 'trigger', 'ref', 'from', 'to', 'baseline', 'cursor', 'page', 'limit']))]);
    root.appendChild(filterForm([
      { name: 'testbed', label: 'Testbed', type: 'select', options },
      { name: 'trigger', label: 'Trigger', placeholder: 'nightly' },
      { name: 'ref', label: 'Ref', placeholder: 'firmware or tests ref', size: 28 },
      { name: 'from', label: 'From', type: 'date' },
      { name: 'to', label: 'To', type: 'date' },
    ]));
    if (page.items.length === 0) {
      root.appendChild(h('p', { class: 'empty' }, 'No runs here yet: a testbed pushes them with ./mpunit upload or micropython.results.upload.'));
      return;
    }
    const rows = page.items.map(run => h('tr', { data: { run: run.id } },
      h('td', null, h('a', { href: '/runs/' + run.id }, '#' + run.id)),
      h('td', { class: 'time' }, fmtTime(run.time_start)),
      h('td', { class: 'nowrap', title: run.testbed_instance ? 'instance ' + run.testbed_instance : null }, run.testbed),
      h('td', null, run.trigger || ''),
      h('td', { class: 'ref', title: run.ref_firmware || '' }, shortRef(run.ref_firmware)),
      h('td', { class: 'barcell' }, totalsBar(run.totals)),
      h('td', { class: 'num v-pass-text' }, run.totals.pass),
      h('td', { class: run.totals.fail ? 'num v-fail-text' : 'num' }, run.totals.fail),
      h('td', { class: 'num' }, run.totals.skip),
      h('td', { class: 'num' }, fmtDuration(run.duration_ms)),
      h('td', null, run.unfinished ? badge('unfinished', 'warn') : null, run.baseline ? badge('baseline', 'info') : null,
        run.campaign ? campaignLink(run.campaign) : null)));
    root.appendChild(table(['Run', 'Started (UTC)', 'Testbed', 'Trigger', 'Firmware', 'Results', 'Pass', 'Fail', 'Skip',
      'Duration', ''], rows, 'runs'));
    root.appendChild(pager(page, ['Newest', 'Newer', 'Older', 'Oldest']));
  }

  /** A run's campaign: the one report of every testbed's runs pushed with its id. */
  function campaignLink(campaign) {
    return h('a', { class: 'badge campaign', href: '/campaigns/' + encodeURIComponent(campaign),
      title: 'one report of every testbed\'s runs in campaign ' + campaign }, 'campaign ' + campaign);
  }

  // ---------- one run ----------

  function runId() {
    return /^\/runs\/(\d+)/.exec(location.pathname)[1];
  }

  function runHeader(run, what) {
    return h('header', { class: 'run-header' },
      h('h1', null, (what ? what + ' of run ' : 'Run ') + '#' + run.id + ' ',
        h('span', { class: 'minor' }, run.testbed),
        run.unfinished ? badge('unfinished', 'warn') : null,
        run.baseline ? badge('baseline', 'info') : null),
      what ? h('p', { class: 'crumbs' }, h('a', { href: '/runs/' + run.id }, '← run #' + run.id),
        ' ' + fmtTime(run.time_start) + ' UTC') : null);
  }

  async function runPage() {
    const id = runId();
    const run = await getJson('/runs/' + id);
    setTitle('Run #' + id, run.testbed);
    const root = main();
    root.appendChild(runHeader(run));
    root.appendChild(facts([
      ['Testbed', [run.testbed, run.testbed_instance ? ' (' + run.testbed_instance + ')' : '']],
      ['Trigger', run.trigger],
      ['Campaign', run.campaign ? campaignLink(run.campaign) : null],
      ['Firmware', refLink(run.ref_firmware, run.ref_firmware_link)],
      ['Tests', refLink(run.ref_tests, run.ref_tests_link)],
      ['Started', fmtTime(run.time_start) + ' UTC'],
      ['Ended', run.time_end ? fmtTime(run.time_end) + ' UTC' : 'not recorded'],
      ['Duration', fmtDuration(run.duration_ms)],
      ['Uploaded', fmtTime(run.uploaded_at) + ' UTC, ' + run.format + ' format'],
      ['Command line', run.commandline ? h('code', null, run.commandline) : null],
    ]));
    if (run.error) {
      root.appendChild(h('div', { class: 'error-box' }, h('strong', null, 'Error: '), h('pre', null, run.error)));
    }
    root.appendChild(h('div', { class: 'totals' }, totalsBar(run.totals), h('span', null, totalsText(run.totals))));
    const results = '/runs/' + id + '/results';
    root.appendChild(h('p', { class: 'actions' },
      h('a', { href: results }, 'All results'),
      h('a', { href: here(results, { verdict: 'fail' }).href }, 'Failures (' + run.totals.fail + ')'),
      h('a', { href: '/runs/' + id + '/files/' }, 'Files'),
      await compareForm(run)));

    const matrixSection = section('Failures');
    matrixSection.id = 'failures';
    root.appendChild(matrixSection);
    await failuresMatrix(matrixSection, id, null);

    root.appendChild(section('Groups × variants', table(
      ['Group', 'Variant', 'Test runs', 'Tentacles', 'Results', 'Pass', 'Fail', 'Skip', 'Ignored', 'Xfail', 'Duration', ''],
      run.groups.map(g => h('tr', null,
        h('td', { class: 'nowrap' }, h('a', { href: here(results, { group: g.group, variant: g.variant }).href }, g.group)),
        h('td', { class: 'nowrap' }, g.variant),
        h('td', { class: 'num' }, g.test_runs),
        h('td', { class: 'minor nowrap' }, (g.tentacles || []).join(', ')),
        h('td', { class: 'barcell' }, totalsBar(g.totals)),
        ...['pass', 'fail', 'skip', 'ignored', 'xfail'].map(w => h('td', { class: 'num' }, g.totals[w])),
        h('td', { class: 'num' }, fmtDuration(g.duration_ms)),
        h('td', null, g.unfinished ? badge('unfinished', 'warn') : null, g.error ? h('span', { class: 'error-text' }, ' ' + g.error) : null))),
      'groups')));
    testbedRecords(root, run, id);
  }

  /**
   * A testbed run's own records: each tentacle's actions (folded, by label, a line saying what mattered) and the USB
   * health the engine saw in the kernel log, each message listed. Nothing for a run without them.
   */
  function testbedRecords(root, run, id) {
    const tentacles = run.tentacles || [];
    if (tentacles.length > 0) {
      const steps = life => life.actions.map(a => a.action);
      root.appendChild(section('Tentacles',
        h('p', { class: 'minor' }, 'Each tentacle\'s record of actions in this run, as the engine kept it (',
          h('a', { href: '/runs/' + id + '/files/tentacles.json' }, 'tentacles.json'), ').'),
        ...[...tentacles].sort((a, b) => a.tentacle < b.tentacle ? -1 : a.tentacle > b.tentacle ? 1 : 0).map(life => {
          const failed = life.actions.filter(a => a.action === 'failed');
          const flashed = life.actions.filter(a => a.action === 'flash').map(a => a.detail.split(' from ')[0]);
          const recoveries = life.actions.filter(a => a.action === 'power cycle' && a.detail.includes('to recover')).length;
          return h('details', { class: 'tentacle' + (failed.length > 0 ? ' failed' : '') },
            h('summary', null, h('strong', null, life.tentacle), ' ',
              steps(life).includes('hand-connected') ? badge('hand-connected', 'info') : null,
              flashed.length > 0 ? badge('flashed ' + flashed.join(', '), 'info') : null,
              recoveries > 0 ? badge('power-cycled ' + recoveries + '× to recover', 'warn') : null,
              failed.length > 0 ? badge('failed', 'bad') : null,
              failed.length > 0 ? h('span', { class: 'error-text' }, ' ' + failed[0].detail) : null,
              failed.length + flashed.length + recoveries === 0 && !steps(life).includes('hand-connected')
                ? h('span', { class: 'minor' }, 'as found') : null),
            table(['Time (UTC)', 'Action', 'Detail'], life.actions.map(a => h('tr', { class: a.action === 'failed' ? 'failed' : null },
              h('td', { class: 'nowrap minor' }, a.time), h('td', { class: 'nowrap' }, a.action), h('td', null, a.detail))),
            'actions'),
            life.left_out > 0 ? h('p', { class: 'minor' }, life.left_out + ' more actions are in tentacles.json.') : null);
        })));
    }
    const usb = run.usb_health;
    if (usb) {
      const kind = { ok: 'info', warning: 'warn', critical: 'bad', unwatched: 'warn' }[usb.state] || 'warn';
      root.appendChild(section('USB health',
        h('p', null, badge(usb.state, kind), usb.reason ? h('span', null, ' ' + usb.reason) : null),
        usb.messages.length > 0 ? table(['Severity', 'Time', 'Location', 'Message'], usb.messages.map(m =>
          h('tr', { class: 'usb-' + m.severity },
            h('td', null, m.severity), h('td', { class: 'nowrap minor' }, m.time || '–'),
            h('td', { class: 'nowrap' }, m.location || 'host controller'), h('td', null, m.message))), 'usb')
          : h('p', { class: 'empty' }, 'The kernel logged no USB error during the run.'),
        usb.left_out > 0 ? h('p', { class: 'minor' }, usb.left_out + ' more messages are in context.json.') : null));
    }
  }

  /** Tests that failed somewhere × board variants; a cell links to that output, a test to its source. */
  async function failuresMatrix(container, id, cursor) {
    const matrix = await getJson('/runs/' + id + '/matrix', { only: 'failing', cursor });
    if (!cursor && matrix.rows.length === 0) {
      container.appendChild(h('p', { class: 'empty' }, 'No test failed in this run.'));
      return;
    }
    let tbody = container.querySelector('table.matrix tbody');
    if (!tbody) {
      container.appendChild(table(['Test', 'Group'].concat(matrix.variants), [], 'matrix'));
      tbody = container.querySelector('table.matrix tbody');
    }
    for (const row of matrix.rows) {
      const history = here('/tests', { group: row.group, name: row.name }).href;
      tbody.appendChild(h('tr', null,
        h('th', { scope: 'row' }, row.source ? h('a', { class: 'test-name', href: row.source }, row.name)
          : h('span', { class: 'test-name', title: 'no source link: not a file under tests/ at an https ref' }, row.name),
          ' ', h('a', { class: 'minor', href: history, title: 'history' }, 'history')),
        h('td', { class: 'minor' }, row.group),
        matrix.variants.map(v => {
          const cell = row.cells[v];
          return cell ? h('td', { class: 'cell-' + cell.verdict }, verdict(cell.verdict, filePage(cell.output)))
            : h('td', { class: 'absent', title: 'not run on ' + v }, '·');
        })));
    }
    const more = container.querySelector('.more');
    if (more) {
      more.remove();
    }
    if (matrix.next) {
      const button = h('button', { type: 'button', class: 'more' }, 'More failures');
      button.addEventListener('click', () => failuresMatrix(container, id, matrix.next).catch(fail));
      container.appendChild(button);
    }
  }

  /** Compare this run with one of the same testbed's earlier runs. */
  async function compareForm(run) {
    let earlier = [];
    try {
      earlier = (await getJson('/runs', { testbed: run.testbed, to: run.time_start, limit: 20 })).items
        .filter(r => r.id !== run.id);
    } catch (e) {
      earlier = [];
    }
    const form = h('form', { class: 'inline', method: 'get', action: '/compare' },
      h('input', { type: 'hidden', name: 'head', value: run.id }),
      h('label', { for: 'compare-base' }, 'Compare with '),
      h('select', { name: 'base', id: 'compare-base' }, earlier.map(r =>
        h('option', { value: r.id }, '#' + r.id + ' ' + fmtTime(r.time_start) + ' ' + (r.trigger || '')))),
      h('button', { type: 'submit' }, 'Compare'));
    if (earlier.length === 0) {
      form.querySelector('select').appendChild(h('option', { value: '' }, 'no earlier run'));
    }
    return form;
  }

  // ---------- a campaign: several testbeds' runs as one report ----------

  async function campaignPage() {
    const id = decodeURIComponent(/^\/campaigns\/([^/]+)/.exec(location.pathname)[1]);
    const c = await getJson('/campaigns/' + encodeURIComponent(id));
    setTitle('Campaign ' + c.campaign);
    const root = main();
    root.appendChild(h('header', { class: 'run-header' },
      h('h1', null, 'Campaign ', h('span', { class: 'minor' }, c.campaign), c.unfinished ? badge('unfinished', 'warn') : null)));
    root.appendChild(facts([
      ['Testbeds', c.testbeds.map(t => t.testbed).join(', ')],
      ['Boards', c.columns.length + ' (testbed × variant)'],
      ['Started', fmtTime(c.time_start) + ' UTC'],
      ['Ended', c.time_end ? fmtTime(c.time_end) + ' UTC' : 'not yet: a run is unfinished'],
      ['Comment', h('a', { href: c.links.comment }, 'the pull request\'s comment, as markdown')],
    ]));
    root.appendChild(h('div', { class: 'totals' }, totalsBar(c.totals), h('span', null, totalsText(c.totals))));

    const runsOf = new Map(c.runs.map(r => [r.id, r]));
    root.appendChild(section('Testbeds', table(
      ['Testbed', 'Runs', 'Results', 'Pass', 'Fail', 'Skip', 'Ignored', 'Xfail', 'Duration', ''],
      c.testbeds.map(t => h('tr', { data: { testbed: t.testbed } },
        h('th', { scope: 'row', class: 'nowrap' }, t.testbed),
        h('td', { class: 'nowrap' }, t.runs.map(runIdOf => h('a', { class: 'run-link', href: '/runs/' + runIdOf,
          title: runsOf.has(runIdOf) ? fmtTime(runsOf.get(runIdOf).time_start) + ' UTC' : null }, '#' + runIdOf + ' '))),
        h('td', { class: 'barcell' }, totalsBar(t.totals)),
        ...['pass', 'fail', 'skip', 'ignored', 'xfail'].map(w => h('td', { class: w === 'fail' && t.totals.fail ? 'num v-fail-text' : 'num' },
          t.totals[w])),
        h('td', { class: 'num' }, fmtDuration(t.duration_ms)),
        h('td', null, t.unfinished ? badge('unfinished', 'warn') : null))),
      'testbeds')));

    const failures = section('Failures across the testbeds');
    failures.id = 'failures';
    root.appendChild(failures);
    if (c.rows.length === 0) {
      failures.appendChild(h('p', { class: 'empty' }, 'No test failed on any board of this campaign.'));
      return;
    }
    // Two heading rows: each testbed over its boards, then the boards' variants.
    const spans = [];
    for (const column of c.columns) {
      const last = spans[spans.length - 1];
      if (last && last.runId === column.run_id) {
        last.count++;
      } else {
        spans.push({ testbed: column.testbed, runId: column.run_id, count: 1 });
      }
    }
    failures.appendChild(h('table', { class: 'matrix campaign-matrix' },
      h('thead', null,
        h('tr', null, h('th', { scope: 'col' }, ''), h('th', { scope: 'col' }, ''),
          spans.map(s => h('th', { scope: 'colgroup', colspan: s.count, class: 'testbed' },
            h('a', { href: '/runs/' + s.runId }, s.testbed)))),
        h('tr', null, h('th', { scope: 'col' }, 'Test'), h('th', { scope: 'col' }, 'Group'),
          c.columns.map(column => h('th', { scope: 'col', title: column.testbed + ' ' + column.variant }, column.variant)))),
      h('tbody', null, c.rows.map(row => h('tr', null,
        h('th', { scope: 'row' }, row.source ? h('a', { class: 'test-name', href: row.source }, row.name)
          : h('span', { class: 'test-name' }, row.name),
          ' ', h('a', { class: 'minor', href: here('/tests', { group: row.group, name: row.name }).href, title: 'history' }, 'history')),
        h('td', { class: 'minor' }, row.group),
        row.cells.map((cell, i) => cell
          ? h('td', { class: 'cell-' + cell.verdict }, verdict(cell.verdict, filePage(cell.output)))
          : h('td', { class: 'absent', title: 'not run on ' + c.columns[i].testbed + ' ' + c.columns[i].variant }, '·')))))));
    if (c.capped) {
      failures.appendChild(h('p', { class: 'minor' }, (c.failing_tests - c.rows.length)
        + ' more failing tests: each run\'s own page lists all of its failures.'));
    }
  }

  // ---------- a run's results ----------

  async function resultsPage() {
    const id = runId();
    const run = await getJson('/runs/' + id);
    setTitle('Results', 'Run #' + id, run.testbed);
    const root = main();
    root.appendChild(runHeader(run, 'Results'));
    const groups = [...new Set(run.groups.map(g => g.group))].sort();
    const variants = [...new Set(run.groups.map(g => g.variant))].sort();
    root.appendChild(filterForm([
      { name: 'verdict', label: 'Verdict', type: 'checks', options: VERDICTS },
      { name: 'group', label: 'Group', type: 'select', options: [''].concat(groups) },
      { name: 'variant', label: 'Variant', type: 'select', options: [''].concat(variants) },
      { name: 'q', label: 'Text', placeholder: 'name or message' },
      { name: 'sort', label: 'Sort', type: 'select', options: [['name', 'name'], ['-duration', 'slowest first'], ['verdict', 'verdict']] },
    ]));
    const page = await getJson('/runs/' + id + '/results',
      apiParams(['verdict', 'group', 'variant', 'q', 'sort', 'cursor', 'page', 'limit']));
    if (page.items.length === 0) {
      root.appendChild(h('p', { class: 'empty' }, 'No result matches these filters.'));
      return;
    }
    root.appendChild(pager(page, ['First', 'Previous', 'Next', 'Last']));
    root.appendChild(table(['Verdict', 'Test', 'Group', 'Variant', 'Tentacle', 'Duration', 'Message', 'Files'],
      page.items.map(r => h('tr', null,
        h('td', null, verdict(r.verdict, filePage(r.output))),
        h('th', { scope: 'row', class: 'name' }, h('a', { href: here('/tests', { group: r.group, name: r.name }).href }, r.name)),
        h('td', { class: 'minor nowrap' }, r.group),
        h('td', { class: 'nowrap' }, r.variant),
        h('td', { class: 'minor nowrap' }, r.tentacle || ''),
        h('td', { class: 'num' }, fmtDuration(r.duration_ms)),
        h('td', { class: 'message' },
          r.message && !(r.benchmark && BENCH_LINE.test(r.message)) ? h('pre', null, r.message) : null,
          r.benchmark ? h('span', { class: 'bench' }, 'score ' + fmtNumber(r.benchmark.score) + ' ±' + fmtNumber(r.benchmark.score_sd, 1)
            + '%, ' + fmtNumber(r.benchmark.time_us, 0) + ' µs ±' + fmtNumber(r.benchmark.time_sd, 1) + '%') : null,
          (r.incidents || []).length ? h('ul', { class: 'incidents' }, r.incidents.map(i => h('li', null, i))) : null),
        h('td', { class: 'files' },
          r.output ? h('a', { href: filePage(r.output) }, 'output') : null,
          r.expected ? h('a', { href: filePage(r.expected) }, 'expected') : null,
          r.source ? link(r.source, 'source') : null))), 'results'));
    root.appendChild(pager(page, ['First', 'Previous', 'Next', 'Last']));
  }

  // ---------- a run's files ----------

  async function filesPage() {
    const id = runId();
    const rest = /^\/runs\/\d+\/files\/?(.*)$/.exec(location.pathname)[1];
    const path = rest.split('/').map(decodeURIComponent).join('/');
    const run = await getJson('/runs/' + id);
    setTitle(path || 'Files', 'Run #' + id, run.testbed);
    const root = main();
    root.appendChild(runHeader(run, 'Files'));
    root.appendChild(breadcrumbs(id, path));
    if (path === '' || path.endsWith('/')) {
      await directory(root, id, path);
    } else {
      await fileView(root, id, path);
    }
  }

  function breadcrumbs(id, path) {
    const parts = path.split('/').filter(Boolean);
    const nav = h('nav', { class: 'crumbs path', 'aria-label': 'folder' }, h('a', { href: '/runs/' + id + '/files/' }, 'files'));
    let prefix = '';
    parts.forEach((part, i) => {
      const last = i === parts.length - 1 && !path.endsWith('/');
      prefix += part + (last ? '' : '/');
      nav.appendChild(document.createTextNode(' / '));
      nav.appendChild(last ? h('span', null, part) : h('a', { href: '/runs/' + id + '/files/' + encodePath(prefix) }, part));
    });
    return nav;
  }

  async function directory(root, id, prefix) {
    const listing = await getJson('/runs/' + id + '/files');
    const folders = new Map();
    const files = [];
    for (const file of listing.items) {
      if (!file.path.startsWith(prefix)) {
        continue;
      }
      const rest = file.path.substring(prefix.length);
      const slash = rest.indexOf('/');
      if (slash >= 0) {
        const name = rest.substring(0, slash);
        const folder = folders.get(name) || { files: 0, size: 0 };
        folder.files += 1;
        folder.size += file.size;
        folders.set(name, folder);
      } else {
        files.push(Object.assign({ name: rest }, file));
      }
    }
    if (folders.size === 0 && files.length === 0) {
      root.appendChild(h('p', { class: 'empty' }, prefix ? 'No file under ' + prefix + ' in this run.' : 'This run has no files.'));
      return;
    }
    const base = '/runs/' + id + '/files/' + encodePath(prefix);
    const rows = [...folders.keys()].sort().map(name => h('tr', { class: 'folder' },
      h('td', null, h('a', { href: base + encodeURIComponent(name) + '/' }, name + '/')),
      h('td', { class: 'num' }, fmtBytes(folders.get(name).size)),
      h('td', { class: 'minor' }, folders.get(name).files + ' files')))
      .concat(files.sort((a, b) => a.name.localeCompare(b.name)).map(f => h('tr', null,
        h('td', null, h('a', { href: base + encodeURIComponent(f.name) }, f.name)),
        h('td', { class: 'num' }, fmtBytes(f.size)),
        h('td', { class: 'minor' }, f.media_type))));
    root.appendChild(table(['Name', 'Size', 'Type'], rows, 'files'));
  }

  /** A file of the run shown as text in the page, never as markup; binary files only as a download. */
  async function fileView(root, id, path) {
    const raw = API + '/runs/' + id + '/files/' + encodePath(path);
    const response = await fetchApi(raw);
    const type = response.headers.get('Content-Type') || '';
    root.appendChild(h('p', { class: 'actions' }, h('a', { href: raw }, 'raw'),
      h('span', { class: 'minor' }, type.split(';')[0])));
    if (type.startsWith('text/')) {
      root.appendChild(h('pre', { class: 'file' }, await response.text()));
    } else {
      const bytes = (await response.arrayBuffer()).byteLength;
      root.appendChild(h('p', { class: 'empty' }, 'A binary file of ' + fmtBytes(bytes) + ': download it with the raw link.'));
    }
  }

  // ---------- one test's history ----------

  async function testPage() {
    const q = query();
    const root = main();
    if (!q.get('name')) {
      setTitle('Test history');
      root.appendChild(h('h1', null, 'Test history'));
      root.appendChild(h('p', null, 'Pick a test from a run\'s results or the flaky list, or name it here:'));
      root.appendChild(filterForm([
        { name: 'group', label: 'Group', placeholder: 'RUN-TESTS_STANDARD' },
        { name: 'name', label: 'Test', placeholder: 'basics/list1.py', size: 32 },
      ]));
      return;
    }
    setTitle(q.get('name'), 'History');
    root.appendChild(h('h1', null, q.get('name'), ' ', h('span', { class: 'minor' }, q.get('group') || '')));
    const [options, history] = await Promise.all([testbedOptions(),
      getJson('/tests/history', apiParams(['group', 'name', 'variant', 'testbed', 'from', 'to']))]);
    root.appendChild(filterForm([
      { name: 'testbed', label: 'Testbed', type: 'select', options },
      { name: 'variant', label: 'Variant' },
      { name: 'from', label: 'From', type: 'date' },
      { name: 'to', label: 'To', type: 'date' },
    ], { keep: ['group', 'name'], hidden: { group: q.get('group') || '', name: q.get('name') } }));
    const series = history.series.filter(s => s.points.length > 0);
    if (series.length === 0) {
      root.appendChild(h('p', { class: 'empty' }, 'No result of this test in this period.'));
      return;
    }
    const label = s => s.variant + ' · ' + s.testbed;
    root.appendChild(section('Verdicts', table(['Variant', 'Testbed', 'Runs, oldest first', 'Pass', 'Fail', 'Last'],
      series.map(s => {
        const points = [...s.points].sort((a, b) => a.time.localeCompare(b.time));
        const last = points[points.length - 1];
        return h('tr', null,
          h('td', null, s.variant), h('td', null, s.testbed),
          h('td', null, verdictStrip(points.map(p => ({ verdict: p.verdict, href: '/runs/' + p.run_id,
            title: fmtTime(p.time) + ' ' + p.verdict })))),
          h('td', { class: 'num' }, points.filter(p => p.verdict === 'pass').length),
          h('td', { class: 'num' }, points.filter(p => p.verdict === 'fail').length),
          h('td', null, verdict(last.verdict, '/runs/' + last.run_id), ' ', h('span', { class: 'minor' }, fmtTime(last.time))));
      }), 'history')));
    const durations = series.filter(s => s.points.some(p => p.duration_ms !== null && p.duration_ms !== undefined));
    if (durations.length) {
      const box = chartBox('Duration (s) per variant');
      root.appendChild(box);
      drawChart(box, 'seconds', durations.map(s => ({ label: label(s),
        points: s.points.filter(p => p.duration_ms !== null && p.duration_ms !== undefined)
          .map(p => [seconds(p.time), p.duration_ms / 1000]) })));
    }
    const scores = series.filter(s => s.points.some(p => p.score !== null && p.score !== undefined));
    if (scores.length) {
      const box = chartBox('Benchmark score per variant (higher is better)');
      root.appendChild(box);
      drawChart(box, 'score', scores.map(s => ({ label: label(s),
        points: s.points.filter(p => p.score !== null && p.score !== undefined).map(p => [seconds(p.time), p.score]) })));
    }
  }

  // ---------- flaky tests ----------

  async function flakyPage() {
    setTitle('Flaky tests');
    const root = main();
    root.appendChild(h('h1', null, 'Flaky tests'));
    root.appendChild(h('p', { class: 'lead' }, 'Tests whose verdict flipped between pass and fail within their last runs, on one testbed and variant.'));
    const [options, page] = await Promise.all([testbedOptions(),
      getJson('/flaky', apiParams(['testbed', 'group', 'variant', 'last', 'min_flips', 'cursor', 'page', 'limit']))]);
    root.appendChild(filterForm([
      { name: 'testbed', label: 'Testbed', type: 'select', options },
      { name: 'group', label: 'Group' },
      { name: 'variant', label: 'Variant' },
      { name: 'last', label: 'Last runs', type: 'number', value: '20', min: '2', size: 4 },
      { name: 'min_flips', label: 'Flips at least', type: 'number', value: '2', min: '1', size: 4 },
    ]));
    if (page.items.length === 0) {
      root.appendChild(h('p', { class: 'empty' }, 'No flaky test: no verdict flipped often enough in these runs.'));
      return;
    }
    root.appendChild(table(['Test', 'Group', 'Variant', 'Testbed', 'Flips', 'Recent runs, oldest first', 'Last run'],
      page.items.map(f => h('tr', null,
        h('th', { scope: 'row', class: 'name' }, h('a', { href: here('/tests', { group: f.group, name: f.name, testbed: f.testbed, variant: f.variant }).href }, f.name)),
        h('td', { class: 'minor' }, f.group),
        h('td', null, f.variant),
        h('td', null, f.testbed),
        h('td', { class: 'num' }, f.flips),
        h('td', null, verdictStrip([...f.recent].reverse().map(letter => ({ verdict: LETTERS[letter] || 'unknown',
          title: LETTERS[letter] || letter })))),
        h('td', null, verdict(f.last_verdict, '/runs/' + f.last_run_id), ' ', h('span', { class: 'minor' }, fmtTime(f.last_run_time))))),
      'flaky'));
    root.appendChild(pager(page, ['First', 'Previous', 'Next', 'Last']));
  }

  // ---------- trends and data sets ----------

  async function trendsPage() {
    setTitle('Trends');
    const root = main();
    root.appendChild(h('h1', null, 'Trends'));
    const pushed = await testbeds();
    const q = query();
    const testbed = q.get('testbed') || (pushed.length ? pushed[0].name : '');
    const period = q.get('period') || '30d';
    root.appendChild(filterForm([
      { name: 'testbed', label: 'Testbed', type: 'select', options: pushed.map(t => t.name).sort(), value: testbed },
      { name: 'group', label: 'Group' },
      { name: 'variant', label: 'Variant' },
      { name: 'period', label: 'Period', type: 'select', options: [['30d', 'last 30 days'], ['365d', 'last year'], ['all', 'all']], value: period },
    ]));
    if (!testbed) {
      root.appendChild(h('p', { class: 'empty' }, 'No testbed has pushed a run yet.'));
      return;
    }
    const latest = (await getJson('/runs', { testbed, limit: 1 })).items[0];
    const combos = latest ? (await getJson('/runs/' + latest.id)).groups
      .filter(g => (!q.get('group') || g.group === q.get('group')) && (!q.get('variant') || g.variant === q.get('variant')))
      .slice(0, 24) : [];
    const sets = await Promise.all(combos.map(async g => {
      const params = { testbed, group: g.group, variant: g.variant, period };
      const [duration, state] = await Promise.all([getJson('/datasets/duration', params), getJson('/datasets/status', params)]);
      return { combo: g, params, duration, state };
    }));
    const dataSection = section('Pass ratio and duration per group × variant');
    root.appendChild(dataSection);
    if (sets.length === 0) {
      dataSection.appendChild(h('p', { class: 'empty' }, 'No group × variant in ' + testbed + '\'s latest run matches.'));
    } else {
      const label = s => s.combo.group + ' @ ' + s.combo.variant;
      const ratioBox = chartBox('Passed tests (% of the tests run)');
      const durationBox = chartBox('Duration (s)');
      append(dataSection, [ratioBox, durationBox]);
      drawChart(ratioBox, '%', sets.map(s => ({ label: label(s), points: s.state.data_set.filter(p => p['Nb tests'] > 0)
        .map(p => [seconds(p.x), 100 * p['Nb Success'] / p['Nb tests']]) })), v => v === null || v === undefined ? '—' : fmtNumber(v, 1));
      drawChart(durationBox, 's', sets.map(s => ({ label: label(s), points: s.duration.data_set.map(p => [seconds(p.x), p.y]) })));
      dataSection.appendChild(table(['Group', 'Variant', 'Runs', 'Last passed', 'Last duration', 'Data sets'], sets.map(s => {
        const lastState = s.state.data_set[s.state.data_set.length - 1];
        const lastDuration = s.duration.data_set[s.duration.data_set.length - 1];
        return h('tr', null,
          h('td', null, s.combo.group), h('td', null, s.combo.variant),
          h('td', { class: 'num' }, s.state.data_set.length),
          h('td', { class: 'num' }, lastState ? lastState['Nb Success'] + ' / ' + lastState['Nb tests'] : ''),
          h('td', { class: 'num' }, lastDuration ? fmtDuration(1000 * lastDuration.y) : ''),
          h('td', { class: 'files' }, h('a', { href: here(API + '/datasets/status', s.params).href }, 'status'),
            h('a', { href: here(API + '/datasets/duration', s.params).href }, 'duration')));
      }), 'datasets'));
    }

    const benchmarks = await getJson('/benchmarks', { testbed, variant: q.get('variant'), period });
    const benchSection = section('Benchmark scores');
    root.appendChild(benchSection);
    if (benchmarks.series.length === 0) {
      benchSection.appendChild(h('p', { class: 'empty' }, 'No benchmark results in this period.'));
      return;
    }
    benchSection.appendChild(table(['Benchmark', 'Variant', 'Runs', 'First score', 'Last score', 'Change'],
      benchmarks.series.map(s => {
        const points = [...s.points].sort((a, b) => a.time.localeCompare(b.time));
        const first = points[0];
        const last = points[points.length - 1];
        const change = first && last && first.score ? 100 * (last.score - first.score) / first.score : null;
        return h('tr', null,
          h('th', { scope: 'row', class: 'name' }, h('a', { href: here('/tests', { group: s.group, name: s.name, testbed: s.testbed }).href }, s.name)),
          h('td', null, s.variant),
          h('td', { class: 'num' }, points.length),
          h('td', { class: 'num' }, first ? fmtNumber(first.score) : ''),
          h('td', { class: 'num' }, last ? fmtNumber(last.score) : ''),
          h('td', { class: 'num ' + (change === null ? '' : change < 0 ? 'worse' : 'better') },
            change === null ? '' : (change > 0 ? '+' : '') + change.toFixed(1) + ' %'));
      }), 'benchmarks'));
    const byName = new Map();
    for (const s of benchmarks.series) {
      byName.set(s.name, (byName.get(s.name) || []).concat(s));
    }
    const grid = h('div', { class: 'chart-grid' });
    benchSection.appendChild(grid);
    for (const [name, list] of [...byName.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
      const box = chartBox(name);
      grid.appendChild(box);
      drawChart(box, 'score', list.map(s => ({ label: s.variant,
        points: s.points.filter(p => p.score !== null && p.score !== undefined).map(p => [seconds(p.time), p.score]) })));
    }
  }

  // ---------- compare two runs ----------

  async function comparePage() {
    setTitle('Compare');
    const root = main();
    const q = query();
    root.appendChild(h('h1', null, 'Compare two runs'));
    root.appendChild(filterForm([
      { name: 'base', label: 'Base run', type: 'number', min: '1', size: 8 },
      { name: 'head', label: 'Head run', type: 'number', min: '1', size: 8 },
    ]));
    if (!q.get('base') || !q.get('head')) {
      root.appendChild(h('p', { class: 'empty' }, 'Give two run numbers, or pick "Compare with" on a run\'s page.'));
      return;
    }
    const c = await getJson('/compare', { base: q.get('base'), head: q.get('head') });
    setTitle('#' + c.base.id + ' → #' + c.head.id, 'Compare');
    root.appendChild(table(['', 'Run', 'Testbed', 'Started (UTC)', 'Firmware', 'Results', ''],
      [['Base', c.base], ['Head', c.head]].map(([role, run]) => h('tr', null,
        h('th', { scope: 'row' }, role),
        h('td', null, h('a', { href: '/runs/' + run.id }, '#' + run.id)),
        h('td', null, run.testbed),
        h('td', { class: 'time' }, fmtTime(run.time_start)),
        h('td', { class: 'ref', title: run.ref_firmware || '' }, shortRef(run.ref_firmware)),
        h('td', { class: 'barcell' }, totalsBar(run.totals)),
        h('td', { class: 'minor' }, totalsText(run.totals)))), 'runs compare-runs'));
    const changes = [
      ['New failures', c.new_failures, 'new-failures'],
      ['Fixed', c.fixed, 'fixed'],
      ['Still failing', c.still_failing, 'still-failing'],
      ['Added tests', c.added, 'added'],
      ['Removed tests', c.removed, 'removed'],
    ];
    for (const [title, list, id] of changes) {
      const part = section(title + ' (' + list.length + ')');
      part.id = id;
      part.appendChild(list.length === 0 ? h('p', { class: 'empty' }, 'none') : table(['Test', 'Group', 'Variant', 'Base', 'Head'],
        list.map(r => h('tr', null,
          h('th', { scope: 'row', class: 'name' }, h('a', { href: here('/tests', { group: r.group, name: r.name }).href }, r.name)),
          h('td', { class: 'minor' }, r.group), h('td', null, r.variant),
          h('td', null, r.base_verdict ? verdict(r.base_verdict) : '—'),
          h('td', null, r.head_verdict ? verdict(r.head_verdict) : '—'))), 'changes'));
      root.appendChild(part);
    }
    const bench = section('Benchmarks (' + c.benchmarks.length + ')');
    bench.id = 'benchmarks';
    bench.appendChild(c.benchmarks.length === 0 ? h('p', { class: 'empty' }, 'none in both runs') : table(
      ['Benchmark', 'Group', 'Variant', 'Base score', 'Head score', 'Change'],
      c.benchmarks.map(b => h('tr', null,
        h('th', { scope: 'row', class: 'name' }, h('a', { href: here('/tests', { group: b.group, name: b.name }).href }, b.name)),
        h('td', { class: 'minor' }, b.group), h('td', null, b.variant),
        h('td', { class: 'num' }, fmtNumber(b.base_score)), h('td', { class: 'num' }, fmtNumber(b.head_score)),
        h('td', { class: 'num ' + (b.change_pct < 0 ? 'worse' : 'better') },
          b.change_pct === null || b.change_pct === undefined ? '' : (b.change_pct > 0 ? '+' : '') + fmtNumber(b.change_pct, 1) + ' %'))),
      'changes'));
    root.appendChild(bench);
  }

  // ---------- which page ----------

  function fail(error) {
    status('Could not load this page: ' + error.message, true);
    if (error.status === 401) {
      main().appendChild(h('p', null, 'Reading needs a read token here: ',
        h('a', { href: here('/login', { next: location.pathname + location.search }).href }, 'log in'), '.'));
    }
    main().dataset.state = 'error';
  }

  const PAGES = [
    [/^\/runs\/\d+\/files(\/.*)?$/, filesPage],
    [/^\/$/, runsPage],
    [/^\/runs\/\d+$/, runPage],
    [/^\/runs\/\d+\/results$/, resultsPage],
    [/^\/tests$/, testPage],
    [/^\/flaky$/, flakyPage],
    [/^\/trends$/, trendsPage],
    [/^\/compare$/, comparePage],
    [/^\/campaigns\/[^/]+$/, campaignPage],
  ];

  async function start() {
    const path = location.pathname;
    const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
    const found = PAGES.find(([pattern]) => pattern.test(pattern === PAGES[0][0] ? path : trimmed));
    if (!found) {
      throw new Error('no page at ' + path);
    }
    for (const a of document.querySelectorAll('header.site nav a')) {
      if (a.pathname === trimmed || (a.pathname === '/' && trimmed.startsWith('/runs'))) {
        a.classList.add('current');
      }
    }
    await found[1]();
    status('');
    // when the page had its data, from the start of the navigation: the browser tests print it
    main().dataset.readyMs = String(Math.round(performance.now()));
    main().dataset.state = 'ready';
  }

  document.addEventListener('DOMContentLoaded', () => start().catch(fail));
})();
