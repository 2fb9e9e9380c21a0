/*
 * Dashboard for the suppression service's public API (docs/api.md). Plain JavaScript, no build step; the chart is
 * drawn by Chart.js, served from a web jar by the same service. Everything shown comes from one frozen release,
 * so the page can only ever show protected figures.
 *
 * Query parameters (all optional): la (LA code), table (table id), poll (seconds between release checks;
 * default 30, at least 2 — handy for tests and demos).
 */
(function () {
  'use strict';

  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const CSV = 'text/csv';
  const params = new URLSearchParams(window.location.search);
  const POLL_SECONDS = clamp(Number(params.get('poll')) || 30, 2, 3600);

  /** Dimension names for headers (docs/measures.md › Dimensions). */
  const DIMENSIONS = {
    'fy': 'Financial year', 'ethnicity': 'Ethnicity', 'ethnic-group': 'Ethnic group', 'age-band': 'Age band',
    'sex': 'Sex', 'referral-source': 'Referral source', 'outcome': 'Outcome', 'reason': 'Reason for closure',
    'category': 'Category of abuse', 'statistic': 'Statistic'
  };
  /** The families a typical FOI request asks for (../data/foi): ticked by default in the FOI pack. */
  const TYPICAL_FOI = ['referrals-by-year', 'referrals-by-ethnicity', 'referrals-assessed-by-ethnicity',
    'referral-outcomes-by-ethnicity'];
  /** Okabe–Ito colours: told apart with colour-blindness, each at least 3:1 against white. */
  const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#000000', '#8C6D00', '#56B4E9'];

  const $ = (id) => document.getElementById(id);
  const el = {
    la: $('la'), table: $('table'), status: $('status'), problem: $('problem'),
    releaseId: $('release-id'), cutoff: $('release-cutoff'), created: $('release-created'), policy: $('release-policy'),
    data: $('data'), legend: $('legend'), notes: $('notes'), totalsNote: $('totals-note'),
    chart: $('chart'), chartBox: $('chart-box'), chartNote: $('chart-note'),
    csv: $('download-csv'), xlsx: $('download-xlsx'),
    foi: $('foi'), foiYears: $('foi-years'), foiFamilies: $('foi-families'), foiSummary: $('foi-summary'),
    foiButton: $('download-foi')
  };

  const state = {
    la: null,            // chosen LA code
    release: null,       // the release shown (docs/api.md › Releases)
    releaseEtag: null,   // ETag of /releases/latest, for If-None-Match
    lasEtag: null,       // ETag of /v1/las while no LA has a release yet
    catalogue: null,     // { release, tables: [...] } of the release shown
    tableId: null,
    table: null,         // the table JSON shown
    chart: null,         // the Chart.js instance
    seq: 0,              // guards against answers to stale requests
    timer: null
  };
  /** Counters a test (or a curious reader in the console) can look at: 304s mean "no new release". */
  const pollStats = { checks: 0, notModified: 0, changed: 0, errors: 0 };
  window.cscDashboard = { pollStats: pollStats, state: state };

  // ---------------------------------------------------------------------------------------------------------
  // HTTP

  class ApiError extends Error {
    constructor(status, title, detail) {
      super(detail || title || ('HTTP ' + status));
      this.status = status;
    }
  }

  async function problemOf(response) {
    let title = response.statusText;
    let detail = '';
    try {
      const body = await response.json();
      title = body.title || title;
      detail = body.detail || '';
    } catch (e) { /* not problem+json */ }
    return new ApiError(response.status, title, detail || title);
  }

  async function getJson(url) {
    const r = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!r.ok) {
      throw await problemOf(r);
    }
    return r.json();
  }

  function api(path) {
    return 'v1/las' + path;
  }

  function laPath(la) {
    return '/' + encodeURIComponent(la);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Messages

  function announce(message, isNew) {
    el.status.textContent = message;
    el.status.classList.toggle('is-new', Boolean(isNew));
  }

  function showProblem(message) {
    el.problem.textContent = message;
    el.problem.hidden = false;
  }

  function clearProblem() {
    el.problem.hidden = true;
    el.problem.textContent = '';
  }

  // ---------------------------------------------------------------------------------------------------------
  // Formatting

  function clamp(n, lo, hi) {
    return Math.min(hi, Math.max(lo, n));
  }

  const dateTime = new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London'
  });

  function timeElement(iso) {
    const t = document.createElement('time');
    t.dateTime = iso;
    const d = new Date(iso);
    t.textContent = isNaN(d) ? iso : dateTime.format(d) + ' (UK time)';
    return t;
  }

  function symbolsOf(policy) {
    const s = (policy && policy.symbols) || {};
    const primary = s.primary || (policy && policy.name === 'foi' ? '<' + policy.threshold : '[c]');
    return { primary: primary, secondary: s.secondary || '[c]' };
  }

  function policyText(policy) {
    if (!policy) {
      return '–';
    }
    const parts = [];
    const smallest = policy.zeros === 'suppressed' ? 0 : 1;
    parts.push('numbers from ' + smallest + ' to ' + (policy.threshold - 1) + ' withheld');
    parts.push(policy.zeros === 'suppressed' ? 'zeros withheld too' : 'zeros shown');
    if (policy.rounding) {
      parts.push('other figures rounded to the nearest ' + policy.rounding);
    }
    return policy.name + ' (' + parts.join('; ') + ')';
  }

  function headerLabel(h) {
    return h.label + (h.partial ? ' (partial)' : '');
  }

  function isYearDimension(d) {
    return d === 'fy';
  }

  // ---------------------------------------------------------------------------------------------------------
  // Loading

  async function start() {
    el.la.addEventListener('change', () => chooseLa(el.la.value));
    el.table.addEventListener('change', () => chooseTable(el.table.value, true));
    el.csv.addEventListener('click', () => downloadTable(CSV, el.csv));
    el.xlsx.addEventListener('click', () => downloadTable(XLSX, el.xlsx));
    el.foi.addEventListener('submit', (e) => {
      e.preventDefault();
      downloadFoiPack();
    });
    el.foi.addEventListener('change', updateFoiSummary);
    $('poll-seconds').textContent = String(POLL_SECONDS);
    if (!window.Chart) {
      el.chartNote.textContent = 'The chart could not be loaded; the table above holds every figure.';
    }
    try {
      await loadLas(true);
    } catch (e) {
      showProblem('The list of local authorities could not be loaded: ' + e.message + ' The page will try again.');
    }
    schedulePoll();
  }

  /** Fills the LA list. On the first call, picks the LA from the address or the first one. */
  async function loadLas(first) {
    const headers = { Accept: 'application/json' };
    if (state.lasEtag) {
      headers['If-None-Match'] = state.lasEtag;
    }
    const r = await fetch(api(''), { headers: headers, cache: 'no-store' });
    if (r.status === 304) {
      return false;
    }
    if (!r.ok) {
      throw await problemOf(r);
    }
    state.lasEtag = r.headers.get('ETag');
    const las = await r.json();
    el.la.textContent = '';
    if (las.length === 0) {
      el.la.append(new Option('None yet', ''));
      el.la.disabled = true;
      el.table.textContent = '';
      el.table.append(new Option('None yet', ''));
      announce('No local authority has published a release yet. This page checks again every '
        + POLL_SECONDS + ' seconds.');
      return false;
    }
    for (const entry of las) {
      const name = entry.name ? entry.name + ' (' + entry.la + ')' : 'LA ' + entry.la;
      el.la.append(new Option(name, entry.la));
    }
    el.la.disabled = false;
    const wanted = first ? params.get('la') : state.la;
    const la = las.some((x) => x.la === wanted) ? wanted : las[0].la;
    el.la.value = la;
    await chooseLa(la, first ? params.get('table') : state.tableId);
    return true;
  }

  /** Shows the latest release of an LA, keeping the table if it has one of that id. */
  async function chooseLa(la, tableId) {
    const seq = ++state.seq;
    clearProblem();
    state.la = la;
    state.release = null;
    state.releaseEtag = null;
    try {
      const r = await fetch(api(laPath(la) + '/releases/latest'), {
        headers: { Accept: 'application/json' }, cache: 'no-store'
      });
      if (!r.ok) {
        throw await problemOf(r);
      }
      const etag = r.headers.get('ETag');
      const release = await r.json();
      if (seq !== state.seq) {
        return;
      }
      if (await showRelease(release, tableId || state.tableId, false, seq)) {
        state.releaseEtag = etag; // only once shown: until then the poll keeps getting the release in full
      }
    } catch (e) {
      if (seq === state.seq) {
        showProblem('The figures for LA ' + la + ' could not be loaded: ' + e.message);
      }
    }
  }

  /** Loads the catalogue of a release and shows the chosen table from it; true once it is on screen. */
  async function showRelease(release, tableId, isUpdate, seq) {
    const previous = state.release;
    const catalogue = await getJson(api(laPath(release.la) + '/tables?release=' + encodeURIComponent(release.id)));
    if (seq !== state.seq) {
      return false;
    }
    state.release = release;
    state.catalogue = catalogue;
    renderRelease(release);
    renderCatalogue(catalogue, tableId);
    renderFoi(catalogue);
    const id = el.table.value;
    const shown = await chooseTable(id, false, seq);
    if (!shown || seq !== state.seq) {
      return false;
    }
    if (isUpdate && previous) {
      announce('New figures: release ' + release.id + ' replaced ' + previous.id
        + '. The table and chart now show it.', true);
    } else {
      announce('Showing ' + state.table.title + ', release ' + release.id + '.');
    }
    return true;
  }

  async function chooseTable(id, userChoice, seqIn) {
    const seq = seqIn || ++state.seq;
    if (!id || !state.release) {
      return false;
    }
    clearProblem();
    state.tableId = id;
    rememberChoice();
    try {
      const t = await getJson(api(laPath(state.la) + '/tables/' + encodeURIComponent(id)
        + '?release=' + encodeURIComponent(state.release.id)));
      if (seq !== state.seq) {
        return false;
      }
      state.table = t;
      renderTable(t);
      renderLegend(t);
      renderChart(t);
      el.csv.disabled = false;
      el.xlsx.disabled = false;
      el.csv.dataset.href = el.xlsx.dataset.href = tableUrl();
      if (userChoice) {
        announce('Showing ' + t.title + ', release ' + t.release + '.');
      }
      return true;
    } catch (e) {
      if (seq === state.seq) {
        showProblem('The table could not be loaded: ' + e.message);
      }
      return false;
    }
  }

  function rememberChoice() {
    const q = new URLSearchParams(window.location.search);
    q.set('la', state.la);
    q.set('table', state.tableId);
    window.history.replaceState(null, '', '?' + q.toString());
  }

  // ---------------------------------------------------------------------------------------------------------
  // Polling: one conditional request per interval; between releases the answer is always 304.

  function schedulePoll() {
    clearTimeout(state.timer);
    state.timer = setTimeout(poll, POLL_SECONDS * 1000);
  }

  async function poll() {
    pollStats.checks++;
    try {
      if (!state.la) {
        await loadLas(false);
        return;
      }
      const la = state.la;
      const headers = { Accept: 'application/json' };
      if (state.releaseEtag) {
        headers['If-None-Match'] = state.releaseEtag;
      }
      // no-store: the browser neither answers from its cache nor adds validators; 304 reaches this code.
      const r = await fetch(api(laPath(la) + '/releases/latest'), { headers: headers, cache: 'no-store' });
      if (r.status === 304) {
        pollStats.notModified++;
        return;
      }
      if (!r.ok) {
        throw await problemOf(r);
      }
      const etag = r.headers.get('ETag');
      const release = await r.json();
      if (la !== state.la) {
        return;
      }
      if (state.release && release.id === state.release.id && state.table && state.table.release === release.id) {
        state.releaseEtag = etag;
        return;
      }
      pollStats.changed++;
      if (await showRelease(release, state.tableId, true, ++state.seq)) {
        state.releaseEtag = etag; // not before: a release that failed to show is fetched again next time
      }
    } catch (e) {
      pollStats.errors++;
    } finally {
      schedulePoll();
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Rendering

  function renderRelease(release) {
    el.releaseId.textContent = release.id;
    el.cutoff.textContent = '';
    el.cutoff.append(timeElement(release.cutoff));
    el.created.textContent = '';
    if (release.createdAt) {
      el.created.append(timeElement(release.createdAt));
    } else {
      el.created.textContent = '–';
    }
    el.policy.textContent = policyText(release.policy);
  }

  function renderCatalogue(catalogue, wanted) {
    el.table.textContent = '';
    const groups = new Map();
    for (const t of catalogue.tables) {
      const year = t.fixed && t.fixed.fy;
      const key = year ? 'For one year: ' + year + (t.fixed.partial ? ' (year in progress)' : '') : 'Across years';
      if (!groups.has(key)) {
        const g = document.createElement('optgroup');
        g.label = key;
        groups.set(key, g);
        el.table.append(g);
      }
      groups.get(key).append(new Option(t.title, t.id));
    }
    const ids = catalogue.tables.map((t) => t.id);
    el.table.value = ids.includes(wanted) ? wanted : ids[0];
    el.table.disabled = ids.length === 0;
  }

  function cellElement(cell, rowCode, columnCode, extraClass) {
    const td = document.createElement('td');
    td.textContent = cell ? cell.display : '';
    td.dataset.row = rowCode;
    td.dataset.column = columnCode;
    if (extraClass) {
      td.classList.add(extraClass);
    }
    if (cell && cell.suppressed) {
      td.classList.add('withheld');
      td.dataset.withheld = 'true';
      td.title = meaningOf(cell.display);
    }
    return td;
  }

  function th(text, scope, cls) {
    const h = document.createElement('th');
    h.scope = scope;
    h.textContent = text;
    if (cls) {
      h.className = cls;
    }
    return h;
  }

  function renderTable(t) {
    const table = el.data;
    table.textContent = '';
    table.dataset.table = t.table;
    table.dataset.release = t.release;
    const caption = document.createElement('caption');
    caption.id = 'data-caption';
    caption.append(document.createTextNode(t.title));
    const sub = document.createElement('span');
    sub.className = 'caption-sub';
    const bits = ['LA ' + t.la, 'release ' + t.release];
    if (t.fixed && t.fixed.partial) {
      bits.push('year in progress: figures so far');
    }
    sub.textContent = bits.join(' · ');
    caption.append(sub);
    table.append(caption);

    const thead = document.createElement('thead');
    const hr = document.createElement('tr');
    if (t.rowDimension) {
      hr.append(th(DIMENSIONS[t.rowDimension] || t.rowDimension, 'col'));
    } else {
      hr.append(document.createElement('td')); // an empty corner: a header with no text confuses screen readers
    }
    for (const c of t.columns) {
      hr.append(th(headerLabel(c), 'col'));
    }
    if (t.rowTotals) {
      hr.append(th('Total', 'col', 'total'));
    }
    thead.append(hr);
    table.append(thead);

    const tbody = document.createElement('tbody');
    t.rows.forEach((row, r) => {
      const tr = document.createElement('tr');
      tr.append(th(headerLabel(row), 'row'));
      t.columns.forEach((col, c) => tr.append(cellElement(t.cells[r][c], row.code, col.code)));
      if (t.rowTotals) {
        tr.append(cellElement(t.rowTotals[r], row.code, 'total', 'total'));
      }
      tbody.append(tr);
    });
    table.append(tbody);

    if (t.columnTotals) {
      const tfoot = document.createElement('tfoot');
      const tr = document.createElement('tr');
      tr.append(th('Total', 'row'));
      t.columns.forEach((col, c) => tr.append(cellElement(t.columnTotals[c], 'total', col.code, 'total')));
      if (t.rowTotals) {
        tr.append(cellElement(t.total, 'total', 'total', 'total'));
      }
      tfoot.append(tr);
      table.append(tfoot);
    }
  }

  /** The explanation of a symbol: the table's own note for it where there is one. */
  function meaningOf(symbol) {
    const t = state.table;
    const policy = t ? t.policy : null;
    const note = t && t.notes ? t.notes.find((n) => n.startsWith(symbol + ':')) : null;
    if (note) {
      return note.slice(symbol.length + 1).trim();
    }
    const s = symbolsOf(policy);
    const small = policy ? (policy.zeros === 'suppressed' ? 'between 0 and ' : 'between 1 and ') + (policy.threshold - 1) : 'small';
    if (symbol === s.primary && s.primary !== s.secondary) {
      return 'a small number, ' + small + ', withheld so that the children involved cannot be identified.';
    }
    if (symbol === s.secondary && s.primary !== s.secondary) {
      return 'withheld so that the small numbers cannot be worked out from the totals and other tables.';
    }
    const gss = { '[z]': 'not applicable.', '[x]': 'not available.', '[low]': 'rounds to 0, but is not 0.' };
    if (gss[symbol]) {
      return gss[symbol];
    }
    return 'withheld: either a small number (' + small + ') or a figure withheld so that small numbers cannot be worked out.';
  }

  function renderLegend(t) {
    const policy = t.policy || (state.release && state.release.policy) || {};
    const s = symbolsOf(policy);
    const symbols = s.primary === s.secondary ? [s.primary] : [s.primary, s.secondary];
    for (const used of withheldSymbolsIn(t)) {
      if (!symbols.includes(used)) {
        symbols.push(used);
      }
    }
    el.legend.textContent = '';
    const shownNotes = new Set();
    for (const symbol of symbols) {
      const dt = document.createElement('dt');
      dt.className = 'withheld';
      dt.textContent = symbol;
      const dd = document.createElement('dd');
      dd.textContent = capitalise(meaningOf(symbol));
      el.legend.append(dt, dd);
      (t.notes || []).filter((n) => n.startsWith(symbol + ':')).forEach((n) => shownNotes.add(n));
    }
    if (policy.zeros !== 'suppressed') {
      const dt = document.createElement('dt');
      dt.textContent = '0';
      const dd = document.createElement('dd');
      dd.textContent = 'None. Zeros are shown as they are and never withheld.';
      el.legend.append(dt, dd);
      (t.notes || []).filter((n) => n.startsWith('0:')).forEach((n) => shownNotes.add(n));
    }
    const partial = t.columns.some((c) => c.partial) || t.rows.some((r) => r.partial) || (t.fixed && t.fixed.partial);
    if (partial) {
      const dt = document.createElement('dt');
      dt.textContent = '(partial)';
      const dd = document.createElement('dd');
      dd.textContent = 'The year in progress: figures so far, up to the release\u2019s cut-off.';
      el.legend.append(dt, dd);
    }

    el.notes.textContent = '';
    const rest = (t.notes || []).filter((n) => !shownNotes.has(n));
    for (const n of rest) {
      const li = document.createElement('li');
      li.textContent = n;
      el.notes.append(li);
    }
    if (rest.length === 0) {
      const li = document.createElement('li');
      li.textContent = 'No further notes: the key above explains every symbol in this table.';
      el.notes.append(li);
    }
    renderTotalsNote(policy, s);
  }

  /** Every symbol a withheld cell of the table shows, totals included. */
  function withheldSymbolsIn(t) {
    const cells = [].concat(...t.cells, t.rowTotals || [], t.columnTotals || [], t.total ? [t.total] : []);
    return Array.from(new Set(cells.filter((c) => c && c.suppressed).map((c) => c.display)));
  }

  function renderTotalsNote(policy, s) {
    const paragraphs = [
      'Totals are worked out from the true figures, withheld ones included, and are printed whenever that is '
      + 'safe. So the figures you can see in a row or column usually add up to less than its total: the '
      + 'difference is what the withheld cells hold between them.',
      (s.primary !== s.secondary
        ? 'Some cells marked ' + s.secondary + ' are not small at all. They are withheld because otherwise a small '
          + 'number (' + s.primary + ') could be worked out by taking the visible figures away from a total, or by '
          + 'putting this table next to the others in the same release.'
        : 'Not every cell marked ' + s.primary + ' is small: some are withheld because otherwise a small number '
          + 'could be worked out by taking the visible figures away from a total, or by putting this table next '
          + 'to the others in the same release.')
      + ' All the tables of a release are checked together so that this cannot be done.',
      'Figures change only when a new release is published, never in between.'
    ];
    if (policy.rounding) {
      paragraphs.splice(1, 0, 'Figures are rounded to the nearest ' + policy.rounding + '. Totals are rounded from '
        + 'the true figures, so they can differ from the sum of the rounded figures shown.');
    }
    el.totalsNote.textContent = '';
    for (const text of paragraphs) {
      const p = document.createElement('p');
      p.textContent = text;
      el.totalsNote.append(p);
    }
  }

  function capitalise(s) {
    return s ? s.charAt(0).toUpperCase() + s.slice(1) : s;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Chart: a trend over years where the table runs over years alone; otherwise bars for the breakdown.
  // Withheld cells are left out (a gap, never a zero) and listed under the chart.

  function valueOf(cell) {
    return cell && !cell.suppressed && cell.value !== undefined && cell.value !== null ? Number(cell.value) : null;
  }

  function chartModel(t) {
    const series = (labels, seriesHeaders, get) => seriesHeaders.map((h, s) => ({
      label: headerLabel(h), data: labels.map((_, i) => get(s, i))
    }));
    const rowLabels = t.rows.map(headerLabel);
    const columnLabels = t.columns.map(headerLabel);
    const byRow = (r, c) => t.cells[r][c];
    if (isYearDimension(t.columnDimension) && (!t.rowDimension || t.rowDimension === 'statistic')) {
      return {
        kind: 'line', horizontal: false, labels: columnLabels, axis: DIMENSIONS.fy,
        series: series(columnLabels, t.rows, (s, i) => byRow(s, i)),
        describe: 'Line chart of ' + t.title + ' over the years'
      };
    }
    if (isYearDimension(t.rowDimension)) {
      // e.g. assessments: years × age band → bars per age band, one colour per year
      return {
        kind: 'bar', horizontal: false, labels: columnLabels, axis: DIMENSIONS[t.columnDimension] || t.columnDimension,
        series: series(columnLabels, t.rows, (s, i) => byRow(s, i)),
        describe: 'Bar chart of ' + t.title + ' by ' + (DIMENSIONS[t.columnDimension] || '').toLowerCase() + ', one colour per year'
      };
    }
    // e.g. referrals by ethnicity × years: a bar per row, one colour per year, side by side; outcomes by
    // ethnicity for one year: the outcomes stacked in one bar per row
    const stacked = !isYearDimension(t.columnDimension);
    return {
      kind: 'bar', horizontal: true, stacked: stacked, labels: rowLabels,
      axis: DIMENSIONS[t.rowDimension] || t.rowDimension,
      series: series(rowLabels, t.columns, (s, i) => byRow(i, s)),
      describe: (stacked ? 'Stacked bar chart of ' : 'Bar chart of ') + t.title + ' by '
        + (DIMENSIONS[t.rowDimension] || '').toLowerCase() + ', one colour per '
        + (DIMENSIONS[t.columnDimension] || 'column').toLowerCase()
    };
  }

  function renderChart(t) {
    const model = chartModel(t);
    const withheld = [];
    model.series.forEach((s) => s.data.forEach((cell, i) => {
      if (cell && cell.suppressed) {
        withheld.push(model.labels[i] + (model.series.length > 1 ? ', ' + s.label : '') + ' (' + cell.display + ')');
      }
    }));
    el.chart.setAttribute('aria-label', model.describe + '. Every figure is also in the table above.');
    const notes = [];
    if (withheld.length > 0) {
      const listed = withheld.slice(0, 12).join('; ');
      notes.push(withheld.length + (withheld.length === 1 ? ' withheld cell is' : ' withheld cells are')
        + ' not drawn, so a missing ' + (model.kind === 'line' ? 'point' : 'bar') + ' there does not mean zero: '
        + listed + (withheld.length > 12 ? '; and ' + (withheld.length - 12) + ' more' : '') + '.');
    } else {
      notes.push('Every cell of this table is drawn; none is withheld.');
    }
    notes.push('Totals are not drawn.');
    el.chartNote.textContent = notes.join(' ');
    el.chartBox.dataset.withheld = String(withheld.length);

    if (!window.Chart) {
      el.chartNote.textContent = 'The chart could not be loaded; the table above holds every figure. ' + el.chartNote.textContent;
      return;
    }
    if (state.chart) {
      state.chart.destroy();
      state.chart = null;
    }
    window.Chart.defaults.font.size = 13;
    window.Chart.defaults.color = '#0b0c0c';
    const bars = model.kind === 'bar' ? model.labels.length * (model.stacked ? 1 : Math.max(1, model.series.length)) : 0;
    const height = model.horizontal ? clamp(bars * (model.stacked ? 22 : 9) + model.labels.length * 6 + 110, 288, 1400) : 340;
    el.chartBox.style.height = height + 'px';

    const valueAxis = {
      beginAtZero: true,
      stacked: Boolean(model.stacked),
      title: { display: true, text: 'Number', color: '#0b0c0c' },
      ticks: { color: '#0b0c0c', precision: 0 },
      grid: { color: '#d8d8d8' }
    };
    const categoryAxis = {
      stacked: Boolean(model.stacked),
      title: { display: true, text: model.axis || '', color: '#0b0c0c' },
      ticks: { color: '#0b0c0c', autoSkip: false },
      grid: { display: false }
    };
    state.chart = new window.Chart(el.chart, {
      type: model.kind,
      data: {
        labels: model.labels,
        datasets: model.series.map((s, i) => ({
          label: s.label,
          data: s.data.map(valueOf),
          backgroundColor: COLOURS[i % COLOURS.length],
          borderColor: COLOURS[i % COLOURS.length],
          borderWidth: model.kind === 'line' ? 3 : 0,
          pointRadius: 4,
          pointStyle: ['circle', 'rect', 'triangle', 'rectRot', 'star', 'crossRot', 'cross'][i % 7],
          spanGaps: false
        }))
      },
      options: {
        indexAxis: model.horizontal ? 'y' : 'x',
        maintainAspectRatio: false,
        responsive: true,
        animation: false,
        scales: model.horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
        plugins: {
          legend: { display: model.series.length > 1, labels: { color: '#0b0c0c', usePointStyle: model.kind === 'line' } },
          tooltip: { enabled: true }
        }
      }
    });
  }

  // ---------------------------------------------------------------------------------------------------------
  // Downloads: the API chooses the format by Accept, so fetch with that header and save the bytes.

  function filenameOf(response, fallback) {
    const cd = response.headers.get('Content-Disposition') || '';
    const m = /filename="?([^";]+)"?/i.exec(cd);
    return m ? m[1] : fallback;
  }

  async function download(url, accept, fallbackName, button) {
    clearProblem();
    button.setAttribute('aria-busy', 'true');
    button.disabled = true;
    try {
      const r = await fetch(url, { headers: { Accept: accept } });
      if (!r.ok) {
        throw await problemOf(r);
      }
      const blob = await r.blob();
      const name = filenameOf(r, fallbackName);
      const href = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = href;
      a.download = name;
      a.hidden = true;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(href), 60000);
      announce('Downloaded ' + name + '.');
    } catch (e) {
      showProblem('The download failed: ' + e.message);
    } finally {
      button.removeAttribute('aria-busy');
      button.disabled = false;
    }
  }

  /** The URL the table downloads use: the release shown, never "latest", so the file matches the screen. */
  function tableUrl() {
    return api(laPath(state.la) + '/tables/' + encodeURIComponent(state.tableId)
      + '?release=' + encodeURIComponent(state.release.id));
  }

  function downloadTable(type, button) {
    if (!state.table) {
      return;
    }
    const ext = type === XLSX ? '.xlsx' : '.csv';
    download(tableUrl(), type, state.la + '-' + state.tableId + ext, button);
  }

  // ---------------------------------------------------------------------------------------------------------
  // FOI pack: families of tables (a per-year table's id less its year) × chosen years.

  function familyOf(t) {
    const year = t.fixed && t.fixed.fy;
    if (!year) {
      return { id: t.id, label: t.title };
    }
    const suffix = '-' + year.replace('/', '-');
    const id = t.id.endsWith(suffix) ? t.id.slice(0, -suffix.length) : t.id;
    const label = t.title.endsWith(', ' + year) ? t.title.slice(0, -(year.length + 2)) + ', each chosen year' : t.title;
    return { id: id, label: label };
  }

  function checkbox(container, name, value, label, checked) {
    const id = 'foi-' + name + '-' + value.replace(/[^a-z0-9]+/gi, '-');
    const wrap = document.createElement('div');
    wrap.className = 'check';
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.id = id;
    input.name = name;
    input.value = value;
    input.checked = checked;
    const l = document.createElement('label');
    l.htmlFor = id;
    l.textContent = label;
    wrap.append(input, l);
    container.append(wrap);
  }

  function checkedValues(container) {
    return new Set(Array.from(container.querySelectorAll('input:checked')).map((i) => i.value));
  }

  function renderFoi(catalogue) {
    const hadYears = el.foiYears.querySelectorAll('input').length > 0;
    const keptYears = checkedValues(el.foiYears);
    const knownYears = new Set(Array.from(el.foiYears.querySelectorAll('input')).map((i) => i.value));
    const hadFamilies = el.foiFamilies.querySelectorAll('input').length > 0;
    const keptFamilies = checkedValues(el.foiFamilies);
    const knownFamilies = new Set(Array.from(el.foiFamilies.querySelectorAll('input')).map((i) => i.value));

    const years = new Map();
    const families = new Map();
    for (const t of catalogue.tables) {
      const year = t.fixed && t.fixed.fy;
      if (year) {
        years.set(year, years.get(year) || Boolean(t.fixed.partial));
      }
      const f = familyOf(t);
      if (!families.has(f.id)) {
        families.set(f.id, f.label);
      }
    }
    const sortedYears = Array.from(years.keys()).sort();
    const defaultYears = new Set(sortedYears.slice(-3));
    el.foiYears.textContent = '';
    for (const y of sortedYears) {
      const checked = hadYears && knownYears.has(y) ? keptYears.has(y) : defaultYears.has(y);
      checkbox(el.foiYears, 'year', y, y + (years.get(y) ? ' (year in progress)' : ''), checked);
    }
    el.foiFamilies.textContent = '';
    for (const [id, label] of families) {
      const checked = hadFamilies && knownFamilies.has(id) ? keptFamilies.has(id) : TYPICAL_FOI.includes(id);
      checkbox(el.foiFamilies, 'table', id, label, checked);
    }
    updateFoiSummary();
  }

  function foiTables() {
    if (!state.catalogue) {
      return [];
    }
    const years = checkedValues(el.foiYears);
    const families = checkedValues(el.foiFamilies);
    return state.catalogue.tables.filter((t) => {
      const year = t.fixed && t.fixed.fy;
      return families.has(familyOf(t).id) && (!year || years.has(year));
    }).map((t) => t.id);
  }

  function updateFoiSummary() {
    const n = foiTables().length;
    el.foiSummary.textContent = n === 0
      ? 'Choose at least one table (and a year for tables made for one year).'
      : 'The pack will hold ' + n + (n === 1 ? ' table' : ' tables') + ' from release '
        + (state.release ? state.release.id : '') + '.';
    el.foiButton.disabled = !state.release;
  }

  function downloadFoiPack() {
    const tables = foiTables();
    if (tables.length === 0) {
      updateFoiSummary();
      el.foiFamilies.querySelector('input') && el.foiFamilies.querySelector('input').focus();
      return;
    }
    const url = api(laPath(state.la) + '/foi-pack?release=' + encodeURIComponent(state.release.id)
      + '&tables=' + tables.map(encodeURIComponent).join(','));
    download(url, XLSX, state.la + '-foi-pack-' + state.release.id + '.xlsx', el.foiButton);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
