// The 导入 tab: upload an export with a progress bar (upload, then the service's rows and bytes read), the import report
// with every rejected row (row, column, value, reason), cancel, and the list of past imports.
'use strict';

(() => {
  const PN = window.PatentNav;
  const { $, h, num } = PN;
  const form = $('import-form');
  const fileInput = $('import-file');
  const submit = $('import-submit');
  const cancelButton = $('import-cancel');
  const progress = $('import-progress');
  const bar = $('import-progress-bar');
  const barLabel = $('import-progress-label');
  const view = $('import-report');
  const list = $('import-list');
  const setStatus = PN.status($('import-status'));
  const STATES = { queued: '排队中', running: '导入中', completed: '已完成', failed: '失败', cancelled: '已取消', interrupted: '已中断' };
  const FIELD_NAMES = {
    publicationNumber: '公开号', applicationNumber: '申请号', title: '名称', abstract: '摘要', firstClaim: '主权项', claims: '权利要求',
    applicants: '申请人', currentHolders: '当前权利人', inventors: '发明人', applicantAddress: '申请人地址', ipc: 'IPC', mainIpc: '主分类号',
    cpc: 'CPC', filingDate: '申请日', publicationDate: '公开日', grantDate: '授权日', kind: '专利类型', legalStatus: '法律状态',
    provinceCode: '国省代码', familyCountries: '同族国家', familySize: '同族数量', transferCount: '转让次数', licenceCount: '许可次数',
    pledgeCount: '质押次数', forwardCitations: '被引次数', applicantCountry: '申请人国别', priorityDate: '优先权日',
  };

  let current = null; // { id, xhr, stop } of the import this tab is following
  let listed = false;

  /** Uploads with XMLHttpRequest: fetch cannot report upload progress. Resolves with { status, body, location }. */
  function upload(data) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      current = { xhr };
      xhr.open('POST', '/api/imports?wait=0');
      for (const [k, v] of Object.entries(PN.headers('application/json, application/problem+json;q=0.9'))) xhr.setRequestHeader(k, v);
      xhr.upload.addEventListener('progress', (e) => {
        if (!e.lengthComputable) return;
        bar.max = 1;
        bar.value = e.loaded / e.total;
        barLabel.textContent = `上传 ${(e.loaded / 1048576).toFixed(1)} / ${(e.total / 1048576).toFixed(1)} MB`;
      });
      xhr.addEventListener('load', () => {
        let body = null;
        try { body = JSON.parse(xhr.responseText); } catch { body = null; }
        resolve({ status: xhr.status, statusText: xhr.statusText, body, location: xhr.getResponseHeader('location') });
      });
      xhr.addEventListener('error', () => reject(new PN.ApiError('上传失败：无法连接服务。')));
      xhr.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      xhr.send(data);
    });
  }

  function showProgress(report) {
    if (report.totalBytes) {
      bar.max = 1;
      bar.value = Math.min(1, (report.bytesRead || 0) / report.totalBytes);
      barLabel.textContent = `${STATES[report.state] || report.state}：已读 ${num(report.read)} 行（${(100 * bar.value).toFixed(0)} %），导入 ${num(report.imported)}，更新 ${num(report.updated)}，拒收 ${num(report.rejected)}`;
    } else {
      bar.removeAttribute('value');
      barLabel.textContent = `${STATES[report.state] || report.state}：已读 ${num(report.read)} 行`;
    }
  }

  /** The import report: counts, the columns as read, and every rejected row with its column, value and reason. */
  function renderReport(report) {
    const counts = h('dl', { className: 'counts' },
      [['格式', `${report.format || '—'}（${report.encoding || '—'}）`], ['读取行数', num(report.read)], ['新增', num(report.imported)],
        ['更新', num(report.updated)], ['未变', num(report.unchanged)], ['拒收', num(report.rejected)], ['已提交', num(report.committedRows)]]
        .map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v))));
    const columns = Object.entries(report.columns || {});
    const errors = report.errors || [];
    PN.put(view, 
      h('h3', {}, `导入报告：${report.fileName || report.id}`, h('span', { className: `badge state-${report.state}` }, STATES[report.state] || report.state)),
      report.message ? h('p', { className: 'notice' }, report.message) : null,
      counts,
      errors.length
        ? PN.table([['行', (e) => num(e.row), 'num'], ['列', (e) => e.column || '—'], ['值', (e) => e.value ?? ''], ['原因', (e) => e.reason]],
          errors, `拒收的行（${num(errors.length)}${report.errorsTruncated ? '，仅列出前若干行' : ''}）：其余行已保存`, 'import-errors')
        : h('p', {}, report.state === 'completed' ? '没有拒收的行。' : ''),
      columns.length
        ? h('details', {}, h('summary', {}, `字段识别（${columns.length} 列已映射，${(report.unmappedColumns || []).length} 列未用）`),
          PN.table([['规范字段', ([field]) => `${FIELD_NAMES[field] || field}（${field}）`], ['文件中的列', ([, column]) => column]], columns),
          (report.unmappedColumns || []).length ? h('p', {}, `未使用的列：${report.unmappedColumns.join('、')}`) : null)
        : null);
  }

  async function follow(id) {
    let report;
    for (;;) {
      report = await PN.getJson(`/api/imports/${encodeURIComponent(id)}`);
      showProgress(report);
      if (report.state !== 'queued' && report.state !== 'running') break;
      if (!current || current.id !== id) return null;
      await new Promise((resolve) => { setTimeout(resolve, 500); });
    }
    return report;
  }

  function finish(report) {
    current = null;
    submit.disabled = false;
    cancelButton.hidden = true;
    if (!report) return;
    renderReport(report);
    const text = `${STATES[report.state] || report.state}：${report.fileName}，新增 ${num(report.imported)}，更新 ${num(report.updated)}，未变 ${num(report.unchanged)}，拒收 ${num(report.rejected)}。`;
    setStatus(report.state === 'completed' ? 'ready' : 'error', text);
    refreshList();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = fileInput.files && fileInput.files[0];
    if (!file) {
      setStatus('error', '请选择要导入的文件（参数 file）。');
      fileInput.focus();
      return;
    }
    const mapping = form.elements.mapping.value.trim();
    if (mapping) {
      try { JSON.parse(mapping); } catch (e) {
        setStatus('error', `字段映射（参数 mapping）不是合法的 JSON：${e.message}`);
        return;
      }
    }
    const data = new FormData();
    data.append('file', file, file.name);
    if (form.elements.format.value !== 'auto') data.append('format', form.elements.format.value);
    if (form.elements.encoding.value) data.append('encoding', form.elements.encoding.value);
    if (mapping) data.append('mapping', mapping);

    submit.disabled = true;
    cancelButton.hidden = false;
    progress.hidden = false;
    view.replaceChildren();
    setStatus('loading', `正在上传 ${file.name}……`);
    try {
      const answer = await upload(data);
      if (answer.status >= 400) {
        progress.hidden = true;
        finish(null);
        setStatus('error', `导入失败。${PN.describeProblem(answer.status, answer.body, answer.statusText)}`);
        return;
      }
      const id = answer.body && answer.body.id;
      current = { id };
      setStatus('loading', `正在导入 ${file.name}……`);
      finish(answer.body.state === 'queued' || answer.body.state === 'running' ? await follow(id) : answer.body);
    } catch (error) {
      finish(null);
      PN.failure(setStatus, '导入失败。')(error);
      if (error && error.name === 'AbortError') setStatus('idle', '已取消上传，没有数据写入。');
    }
  });

  cancelButton.addEventListener('click', async () => {
    if (!current) return;
    if (current.xhr && !current.id) {
      current.xhr.abort();
      return;
    }
    try {
      await PN.request(`/api/imports/${encodeURIComponent(current.id)}`, { method: 'DELETE' });
      setStatus('loading', '正在取消：已提交的行会保留，再次导入同一文件即可补全。');
    } catch (error) {
      PN.failure(setStatus, '取消失败。')(error);
    }
  });

  async function refreshList() {
    try {
      const imports = await PN.getJson('/api/imports');
      PN.put(list, imports.length === 0 ? h('p', {}, '还没有导入。') : PN.table([
        ['时间', (r) => (r.createdAt || '').replace('T', ' ').slice(0, 19)],
        ['文件', (r) => h('button', { type: 'button', className: 'link-button', onclick: () => { renderReport(r); view.scrollIntoView({ block: 'nearest' }); } }, r.fileName || r.id)],
        ['格式', (r) => r.format || '—'], ['状态', (r) => STATES[r.state] || r.state],
        ['新增', (r) => num(r.imported), 'num'], ['更新', (r) => num(r.updated), 'num'], ['未变', (r) => num(r.unchanged), 'num'], ['拒收', (r) => num(r.rejected), 'num'],
      ], imports));
    } catch (error) {
      PN.put(list, h('p', { className: 'error-text' }, error.message));
    }
  }

  $('import-refresh').addEventListener('click', refreshList);
  PN.onTab('import', () => {
    if (!listed) {
      listed = true;
      refreshList();
    }
  });
  PN.onKey(() => { if (!$('tab-import').hidden) refreshList(); });
})();
