// The 供需对接 tab: a technology need in Chinese → the patents that answer it with the terms they share and why they
// rank, and their holders with the inventors behind them (POST /api/needs/match).
'use strict';

(() => {
  const PN = window.PatentNav;
  const { $, h, num, fixed, pct } = PN;
  const form = $('match-form');
  const view = $('match-view');
  const csv = $('match-csv');
  const submit = $('match-submit');
  const setStatus = PN.status($('match-status'));
  const TYPES = { enterprise: '企业', university: '高校', researchInstitute: '科研院所', individual: '个人', other: '其他' };

  let listsLoaded = false;
  let lastBody = null;

  function body() {
    const b = { text: form.elements.text.value.trim() };
    for (const name of ['industry', 'region', 'holderType']) {
      const v = form.elements[name].value.trim();
      if (v) b[name] = v;
    }
    if (form.elements.validOnly.checked) b.validOnly = true;
    if (form.elements.institutionsFirst.checked) b.institutionsFirst = true;
    return b;
  }

  function render(r) {
    PN.put(view, 
      h('h3', {}, `需求：${r.need}`),
      h('p', {}, '需求中的技术词（权重越高越少见）：',
        ...(r.terms || []).map((t) => h('span', { className: t.used ? 'chip static' : 'chip static unused', title: `${num(t.documents)} 件专利含此词` }, `${t.term} ${fixed(t.weight, 1)}`))),
      (r.industries || []).length ? h('p', {}, `需求所属产业（分类模型）：${r.industries.map((i) => `${i.name || i.key} ${pct(i.probability)}`).join('、')}`) : null,
      h('h4', {}, `相关专利（${num((r.patents || []).length)}）`),
      (r.patents || []).length === 0 ? h('p', {}, '没有专利含这些技术词：换个说法，或放宽产业、地区等条件。') : PN.table([
        ['#', (p) => p.rank, 'num'],
        ['专利', (p) => h('button', { type: 'button', className: 'link-button', onclick: () => PN.openPatent(p.publicationNumber) }, `${p.publicationNumber} ${p.title || ''}`)],
        ['权利人', (p) => `${p.holder || '—'}${p.holderType ? `（${TYPES[p.holderType] || p.holderType}）` : ''}`],
        ['状态', (p) => PN.STATUSES[p.legalStatus] || p.legalStatus || '—'],
        ['匹配理由', (p) => p.reason],
      ], r.patents, null, 'match-patents'),
      (r.holders || []).length ? h('h4', {}, `可对接的权利人（${num(r.holders.length)}）`) : null,
      (r.holders || []).length ? PN.table([
        ['权利人', (o) => o.name], ['类型', (o) => TYPES[o.type] || o.type || '—'], ['国内/国外', (o) => (o.origin === 'foreign' ? '国外' : o.origin === 'domestic' ? '国内' : '—')],
        ['相关专利', (o) => (o.patents || []).join('、')], ['发明人', (o) => (o.inventors || []).map((i) => `${i.name}（${i.patents}）`).join('、')],
      ], r.holders) : null,
      h('details', { className: 'method' }, h('summary', {}, '匹配方法'), h('p', {}, r.method || ''), (r.notes || []).length ? h('ul', {}, r.notes.map((n) => h('li', {}, n))) : null),
      r.synthetic ? h('p', { className: 'notice' }, '结果含合成示例数据（申请人、地区、日期为虚构），仅供演示。') : null);
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const b = body();
    if (!b.text) {
      setStatus('error', '请填写技术需求（参数 text）。');
      form.elements.text.focus();
      return;
    }
    submit.disabled = true;
    setStatus('loading', '正在匹配……');
    try {
      const r = await PN.getJson('/api/needs/match', { method: 'POST', body: b });
      lastBody = b;
      render(r);
      csv.hidden = (r.patents || []).length === 0;
      setStatus('ready', `找到 ${num((r.patents || []).length)} 件相关专利、${num((r.holders || []).length)} 个权利人。`);
    } catch (error) {
      view.replaceChildren();
      csv.hidden = true;
      PN.failure(setStatus, '匹配失败。')(error);
    } finally {
      submit.disabled = false;
    }
  });

  csv.addEventListener('click', (event) => {
    event.preventDefault();
    if (!lastBody) return;
    PN.download('/api/needs/match?format=csv', 'need-match.csv', lastBody).catch(PN.failure(setStatus, '下载失败。'));
  });

  PN.onTab('match', async () => {
    if (listsLoaded) return;
    listsLoaded = true;
    const lists = await PN.loadLists(false);
    PN.fillIndustries(form.elements.industry, lists.city, lists.sei, '不限');
    if (lists.failures.length) setStatus('error', `列表加载失败：${lists.failures.join('；')}`);
  });
  PN.onKey(() => { listsLoaded = false; });
})();
