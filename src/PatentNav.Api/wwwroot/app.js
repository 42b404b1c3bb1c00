// The 导航报告 tab (the park managers' page): pick a place and an industry, read the navigation report
// (方向 — 定位 — 路径) embedded from GET /api/reports/navigation?format=html&fragment=true, and download it with its
// dataset. Loaded last: it also opens the tab the address names (#import, #search, #analysis, #match; the report
// otherwise). Plain browser JavaScript, no build step and nothing loaded from elsewhere.
'use strict';

(() => {
  const PN = window.PatentNav;
  const DEFAULTS = { place: '320771', industry: 'city:新材料' };
  /** Optional report parameters, in the order they appear in the query string. */
  const OPTIONAL = ['benchmark', 'from', 'to', 'cutoff', 'top', 'minSupport'];

  const $ = PN.$;
  const form = $('report-form');
  const placeSelect = $('place');
  const industrySelect = $('industry');
  const statusLine = $('status');
  const downloads = $('downloads');
  const reportView = $('report-view');

  let running = null; // AbortController of the report request in flight
  const requestHeaders = (accept) => PN.headers(accept);
  const describeFailure = (response) => PN.describeFailure(response);
  const choose = PN.choose;

  function setStatus(state, text) {
    statusLine.dataset.state = state;
    statusLine.textContent = text;
  }

  function readUrl() {
    const q = new URLSearchParams(window.location.search);
    const params = { place: q.get('place') || '', industry: q.get('industry') || '' };
    for (const name of OPTIONAL) params[name] = q.get(name) || '';
    return params;
  }

  function readForm() {
    const params = { place: placeSelect.value, industry: industrySelect.value };
    for (const name of OPTIONAL) params[name] = form.elements[name].value.trim();
    return params;
  }

  function writeForm(params) {
    choose(placeSelect, params.place || DEFAULTS.place);
    choose(industrySelect, params.industry || DEFAULTS.industry);
    for (const name of OPTIONAL) form.elements[name].value = params[name] || '';
    if (OPTIONAL.some((name) => params[name])) $('more-options').open = true;
  }

  /** The report parameters as a query string: place and industry first, then the optional ones that are set. */
  function query(params) {
    const q = new URLSearchParams();
    q.set('place', params.place);
    q.set('industry', params.industry);
    for (const name of OPTIONAL) if (params[name]) q.set(name, params[name]);
    return q;
  }

  function withFormat(path, params, extra) {
    const q = query(params);
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    return `${path}?${q}`;
  }

  function showDownloads(params) {
    for (const a of downloads.querySelectorAll('a[data-format]')) {
      const format = a.dataset.format;
      a.href = format === 'csv' || format === 'xlsx'
        ? withFormat('/api/reports/navigation/data', params, { format })
        : withFormat('/api/reports/navigation', params, { format, download: 'true' });
    }
    $('open-full').href = withFormat('/api/reports/navigation', params, { format: 'html' });
    downloads.hidden = false;
  }

  function label(select) {
    const o = select.selectedOptions[0];
    return o ? o.textContent : select.value;
  }

  async function generate(params, push) {
    if (!params.place || !params.industry) {
      setStatus('error', !params.place ? '请选择地区或园区。' : '请选择产业。');
      return;
    }

    const search = `?${query(params)}`;
    if (push && window.location.search !== search) {
      window.history.pushState(null, '', search);
    } else if (!push) {
      window.history.replaceState(null, '', search);
    }

    if (running) running.abort();
    const controller = new AbortController();
    running = controller;
    const started = performance.now();
    const what = `${label(placeSelect)} · ${label(industrySelect)}`;
    downloads.hidden = true;
    reportView.setAttribute('aria-busy', 'true');
    setStatus('loading', `正在生成报告：${what}……（分析全部数据，可能需要数十秒）`);
    try {
      const response = await fetch(withFormat('/api/reports/navigation', params, { format: 'html', fragment: 'true' }),
        // application/problem+json too: ASP.NET Core writes no ProblemDetails body for a request that accepts only HTML.
        { headers: requestHeaders('text/html, application/problem+json;q=0.9'), signal: controller.signal });
      if (!response.ok) {
        const message = await describeFailure(response);
        if (running !== controller) return;
        reportView.replaceChildren();
        setStatus('error', `报告生成失败。${message}`);
        return;
      }

      const html = await response.text();
      if (running !== controller) return;
      // The fragment is the service's own escaped HTML (an <article class="pn-report"> with its scoped <style>); scripts
      // inserted this way never run, and the page's Content-Security-Policy allows scripts from this origin only.
      reportView.innerHTML = html;
      showDownloads(params);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      setStatus('ready', `报告已生成：${what}（用时 ${seconds} 秒）。`);
      const heading = reportView.querySelector('h1, h2');
      document.title = `${heading ? heading.textContent.trim() : what} · 专利导航`;
    } catch (error) {
      if (error && error.name === 'AbortError') return;
      if (running !== controller) return;
      reportView.replaceChildren();
      setStatus('error', `报告生成失败：无法连接服务（${error && error.message ? error.message : error}）。`);
    } finally {
      if (running === controller) {
        running = null;
        reportView.removeAttribute('aria-busy');
      }
    }
  }

  /** The file name a Content-Disposition header gives (RFC 6266: filename* first), or the fallback. */
  function fileName(disposition, fallback) {
    const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition || '');
    if (star) {
      try { return decodeURIComponent(star[1].trim()); } catch { /* a malformed name: try the plain one */ }
    }
    const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition || '');
    return plain ? plain[1].trim() : fallback;
  }

  /** A download or the full report when the service requires a key: a plain link cannot send X-Api-Key, so the page
   *  fetches the file with it and hands the browser the bytes (saved, or opened in the window opened on the click). */
  async function fetchWithKey(link, target) {
    setStatus('loading', `正在下载：${link.textContent.trim()}……`);
    try {
      const response = await fetch(link.href, { headers: requestHeaders('*/*, application/problem+json;q=0.9') });
      if (!response.ok) {
        const message = await describeFailure(response);
        if (target) target.close();
        setStatus('error', `下载失败。${message}`);
        return;
      }

      const url = URL.createObjectURL(await response.blob());
      if (target) {
        target.location.href = url;
      } else {
        const save = document.createElement('a');
        save.href = url;
        // The service names its downloads; the full report (or a popup the browser refused) has no name: it is HTML.
        save.download = fileName(response.headers.get('content-disposition'), `patentnav-report.${link.dataset.format || 'html'}`);
        document.body.append(save);
        save.click();
        save.remove();
      }
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setStatus('ready', `已下载：${link.textContent.trim()}。`);
    } catch (error) {
      if (target) target.close();
      setStatus('error', `下载失败：无法连接服务（${error && error.message ? error.message : error}）。`);
    }
  }

  downloads.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!link || !PN.apiKey) return; // without a key the links work as plain links
    event.preventDefault();
    // The window is opened now, inside the click, so that popup blockers allow it; it gets the report when it arrives.
    fetchWithKey(link, link.id === 'open-full' ? window.open('', '_blank') : null);
  });

  PN.onKey(() => start(true));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    generate(readForm(), true);
  });

  window.addEventListener('popstate', () => {
    if (PN.tabFromHash() !== 'report') return;
    const params = readUrl();
    writeForm(params);
    if (params.place && params.industry) {
      generate(params, false);
    } else {
      if (running) running.abort();
      reportView.replaceChildren();
      downloads.hidden = true;
      setStatus('idle', '请选择地区和产业，然后点击“生成报告”。');
    }
  });

  async function start(reload) {
    setStatus('loading', '正在加载地区与产业列表……');
    const lists = await PN.loadLists(reload);
    PN.fillPlaces(placeSelect, lists.places);
    PN.fillIndustries(industrySelect, lists.city, lists.sei);

    const params = readUrl();
    writeForm(params);
    if (lists.failures.length) {
      setStatus('error', `列表加载失败：${lists.failures.join('；')}`);
      return;
    }

    if (params.place && params.industry && PN.tabFromHash() === 'report') {
      generate(readForm(), false);
    } else {
      setStatus('idle', '请选择地区和产业，然后点击“生成报告”。');
    }
  }

  start(false);
  PN.showTab(PN.tabFromHash(), false);
})();
