// The 检索 tab: the documented query syntax with filters, facets as clickable filters, highlighted snippets, cursor paging,
// CSV download, and a patent's page (its record, industries with the rule that matched, places, similar patents).
'use strict';

(() => {
  const PN = window.PatentNav;
  const { $, h, num } = PN;
  const form = $('search-form');
  const results = $('search-results');
  const facetsView = $('search-facets');
  const chips = $('search-filters');
  const more = $('search-more');
  const csv = $('search-csv');
  const patentView = $('patent-view');
  const setStatus = PN.status($('search-status'));
  const FIELDS = ['q', 'industry', 'region', 'ipc', 'applicant', 'kind', 'status', 'dateField', 'from', 'to', 'sort'];
  const FIELD_LABELS = { q: '检索式', industry: '产业', region: '地区', ipc: 'IPC', applicant: '申请人', kind: '类型', status: '状态', dateField: '日期字段', from: '起', to: '止', sort: '排序' };
  const FACETS = [['year', '年份'], ['chain', '市产业链'], ['industry', '战略性新兴产业'], ['ipc', 'IPC 小类'], ['applicant', '申请人'], ['city', '城市'], ['kind', '类型'], ['status', '法律状态']];
  const PAGE = 20;

  let nextCursor = null;
  let running = null;
  let listsLoaded = false;

  function params() {
    const q = new URLSearchParams();
    for (const name of FIELDS) {
      const v = form.elements[name].value.trim();
      if (v) q.set(name, v);
    }
    return q;
  }

  function renderChips() {
    PN.put(chips, ...FIELDS.filter((n) => n !== 'q' && form.elements[n].value.trim()).map((name) => {
      const el = form.elements[name];
      const shown = el.tagName === 'SELECT' && el.selectedOptions[0] ? el.selectedOptions[0].textContent : el.value;
      return h('button', {
        type: 'button', className: 'chip', title: `去掉条件：${FIELD_LABELS[name]}`,
        onclick: () => { el.value = ''; run(); },
      }, `${FIELD_LABELS[name]}：${shown} ×`);
    }));
  }

  /** A facet value clicked: the filter it stands for goes into the form (one place of truth), and the search reruns. */
  function applyFacet(facet, value) {
    const set = (name, v) => { const el = form.elements[name]; if (el.tagName === 'SELECT') PN.choose(el, v); else el.value = v; };
    switch (facet) {
      case 'year': set('from', `${value}-01-01`); set('to', `${value}-12-31`); break;
      case 'ipc': {
        const have = form.elements.ipc.value.split(/[,，\s]+/).filter(Boolean);
        set('ipc', have.includes(value) ? have.join(',') : [...have, value].join(','));
        break;
      }
      case 'chain': case 'industry': case 'branch': set('industry', value); break;
      case 'city': case 'region': set('region', value); break;
      default: set(facet, value);
    }
    run();
  }

  function renderFacets(facets) {
    PN.put(facetsView, ...FACETS.filter(([name]) => facets && facets[name] && facets[name].length).map(([name, title]) =>
      h('section', { className: 'facet' }, h('h4', {}, title), h('ul', {}, facets[name].map((f) => h('li', {},
        h('button', { type: 'button', className: 'facet-value', onclick: () => applyFacet(name, f.value) },
          h('span', {}, name === 'kind' ? PN.KINDS[f.value] || f.label : name === 'status' ? PN.STATUSES[f.value] || f.label : f.label),
          h('span', { className: 'count' }, num(f.count)))))))));
  }

  function hit(item) {
    const hl = item.highlights || {};
    const snippets = ['abstract', 'claims'].flatMap((field) => (hl[field] || []).map((f) => h('p', { className: 'snippet' },
      h('span', { className: 'field-tag' }, field === 'abstract' ? '摘要' : '权利要求'), ...PN.marked(f))));
    return h('li', { className: 'hit' },
      h('h4', {}, h('button', { type: 'button', className: 'link-button title', onclick: () => openPatent(item.publicationNumber) },
        ...(hl.title && hl.title.length ? PN.marked(hl.title[0]) : [item.title || item.publicationNumber]))),
      h('p', { className: 'meta' }, [item.publicationNumber, PN.KINDS[item.kind] || item.kind, PN.STATUSES[item.legalStatus] || item.legalStatus,
        item.filingDate ? `申请 ${item.filingDate}` : null, item.region || null, (item.applicants || []).join('；') || null]
        .filter(Boolean).join(' · '), item.synthetic ? h('span', { className: 'badge synthetic', title: '合成示例数据：申请人、地区、日期为虚构' }, '示例数据') : null),
      snippets);
  }

  async function run(append) {
    const q = params();
    q.set('size', String(PAGE));
    if (append && nextCursor) q.set('cursor', nextCursor);
    else q.set('facets', FACETS.map(([n]) => n).join(','));
    if (running) running.abort();
    const controller = new AbortController();
    running = controller;
    renderChips();
    setStatus('loading', '正在检索……');
    try {
      const body = await PN.getJson(`/api/search?${q}`, { signal: controller.signal });
      if (!append) {
        results.replaceChildren();
        renderFacets(body.facets);
        patentView.hidden = true;
      }
      results.append(...body.items.map(hit));
      nextCursor = body.nextCursor || null;
      more.hidden = !nextCursor;
      const shown = results.children.length;
      setStatus('ready', body.total === 0 ? '没有匹配的专利。' : `共 ${num(body.total)} 件，已显示 ${num(shown)} 件。`);
      const c = params();
      c.set('format', 'csv');
      csv.href = `/api/search?${c}`;
      csv.hidden = body.total === 0;
    } catch (error) {
      if (!append) { results.replaceChildren(); facetsView.replaceChildren(); more.hidden = true; csv.hidden = true; }
      PN.failure(setStatus, '检索失败。')(error);
    } finally {
      if (running === controller) running = null;
    }
  }

  const row = (label, value) => (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
    ? null : h('div', {}, h('dt', {}, label), h('dd', {}, Array.isArray(value) ? value.join('；') : String(value))));

  /** A patent's page: its record, the industries with the rule that matched, the places with their basis, similar patents. */
  async function openPatent(pn) {
    patentView.hidden = false;
    PN.put(patentView, h('p', {}, `正在打开 ${pn}……`));
    patentView.focus();
    const path = `/api/patents/${encodeURIComponent(pn)}`;
    const [record, industries, places, similar] = await Promise.allSettled(
      [PN.getJson(path), PN.getJson(`${path}/industries`), PN.getJson(`${path}/places`), PN.getJson(`${path}/similar`)]);
    if (record.status === 'rejected') {
      PN.put(patentView, h('p', { className: 'error-text' }, record.reason.message));
      return;
    }
    const r = record.value;
    const region = r.region ? [r.region.provinceName, r.region.cityName, r.region.districtName].filter(Boolean).join(' ') + (r.region.basis ? `（依据：${r.region.basis}）` : '') : null;
    PN.put(patentView, 
      h('div', { className: 'patent-head' }, h('h3', {}, r.title || pn),
        h('button', { type: 'button', className: 'secondary', onclick: () => { patentView.hidden = true; } }, '关闭')),
      r.synthetic ? h('p', { className: 'notice' }, '本条记录的申请人、地区、日期和法律状态为合成示例数据（标题、摘要、权利要求和 IPC 为真实数据）。') : null,
      h('dl', { className: 'record' },
        row('公开号', r.publicationNumber), row('申请号', r.applicationNumber), row('类型', PN.KINDS[r.kind] || r.kind),
        row('法律状态', `${PN.STATUSES[r.legalStatus] || r.legalStatus}${r.legalStatusRaw ? `（${r.legalStatusRaw}）` : ''}`),
        row('申请日', r.filingDate), row('公开日', r.publicationDate), row('授权日', r.grantDate),
        row('申请人', r.applicants), row('当前权利人', r.currentHolders), row('发明人', r.inventors), row('申请人地址', r.applicantAddress),
        row('地区', region), row('主分类号', r.mainIpc), row('IPC', r.ipc), row('同族', r.familySize ? `${r.familySize} 件（${(r.familyCountries || []).join('、')}）` : null),
        row('被引', r.forwardCitations), row('转让 / 许可 / 质押', `${r.transferCount ?? '—'} / ${r.licenceCount ?? '—'} / ${r.pledgeCount ?? '—'}`),
        row('摘要', r.abstract), row('主权项', r.firstClaim), row('来源', `${r.sourceFormat || '—'}，导入批次 ${r.importBatch || '—'}`)),
      h('h4', {}, '所属产业（规则）'),
      industries.status === 'fulfilled' && industries.value.items.length
        ? PN.table([['产业', (i) => `${i.key} ${i.branchName || i.name}`], ['所属', (i) => i.name], ['匹配规则', (i) => i.reason]], industries.value.items)
        : h('p', {}, industries.status === 'rejected' ? industries.reason.message : '没有匹配的产业规则（记录可能缺少 IPC）。'),
      h('h4', {}, '所在地区与园区'),
      places.status === 'fulfilled' && places.value.places.length
        ? PN.table([['地区', (p) => p.name], ['层级', (p) => p.level], ['依据', (p) => p.basis || p.rule]], places.value.places)
        : h('p', {}, places.status === 'rejected' ? places.reason.message : '不在任何已配置的地区或园区内。'),
      h('h4', {}, '相似专利'),
      similar.status === 'fulfilled' && similar.value.items.length
        ? h('ol', { className: 'similar' }, similar.value.items.map((s) => h('li', {},
          h('button', { type: 'button', className: 'link-button', onclick: () => openPatent(s.publicationNumber) }, `${s.publicationNumber} ${s.title || ''}`))))
        : h('p', {}, similar.status === 'rejected' ? similar.reason.message : '没有相似专利。'));
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run(false);
  });
  more.addEventListener('click', () => run(true));
  csv.addEventListener('click', (event) => {
    if (!PN.apiKey) return; // a plain link works without a key
    event.preventDefault();
    PN.download(csv.href, 'patents.csv').catch(PN.failure(setStatus, '下载失败。'));
  });

  PN.onTab('search', async () => {
    if (listsLoaded) return;
    listsLoaded = true;
    const lists = await PN.loadLists(false);
    PN.fillIndustries(form.elements.industry, lists.city, lists.sei, '全部产业');
    if (lists.failures.length) setStatus('error', `列表加载失败：${lists.failures.join('；')}`);
  });
  PN.onKey(() => { listsLoaded = false; });

  window.PatentNav.openPatent = (pn) => { PN.showTab('search', false); openPatent(pn); };
})();
