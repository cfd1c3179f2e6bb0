// "Not this company" and "Report a problem": one line beside what matched, where a wrong match is
// noticed. The report is plain text to copy; nothing is sent.
import type { ComponentChildren } from 'preact';
import { useId, useState } from 'preact/hooks';
import { t } from './i18n.ts';
import { trusted, useToggle } from './parts.tsx';

function ReportPanel({ report }: { report: (includeUrl: boolean) => string }) {
  const [withUrl, setWithUrl] = useState(false);
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  const text = report(withUrl);
  const copy = () => {
    navigator.clipboard.writeText(text).then(() => setCopied('yes'), () => setCopied('failed'));
  };
  return (
    <div class="report">
      <label>
        <input type="checkbox" checked={withUrl} onChange={trusted(() => setWithUrl(!withUrl))} /> {t('card_report_include_url')}
      </label>
      <textarea readOnly rows={6} value={text} aria-label={t('card_report_text_label')} />
      <button type="button" class="link" onClick={trusted(copy)}>
        {t('card_report_copy')}
      </button>{' '}
      <span class="muted" role="status">
        {copied === 'yes' ? t('card_report_copied') : copied === 'failed' ? t('card_report_copy_failed') : t('card_report_hint')}
      </span>
    </div>
  );
}

/**
 * One line: `lead` (what matched, with "why" when an ambiguous alias needed evidence), then the
 * reader's two controls. What they open (the evidence, the report) comes below the line.
 */
export function ReaderSay({ lead, evidence, onReject, report }: { lead?: ComponentChildren; evidence?: string; onReject?: () => void; report?: (includeUrl: boolean) => string }) {
  const [reporting, toggleReport] = useToggle();
  const [why, toggleWhy] = useToggle();
  const whyId = useId();
  if (!lead && !onReject && !report) return null;
  const items: ComponentChildren[] = [];
  if (lead) items.push(<span key="lead">{lead}</span>);
  if (evidence) {
    items.push(
      <button key="why" type="button" class="link" data-action="why" aria-expanded={why} aria-controls={whyId} onClick={trusted(toggleWhy)}>
        {t('card_why')}
      </button>,
    );
  }
  if (onReject) {
    items.push(
      <button key="reject" type="button" class="link" data-action="reject" onClick={trusted(onReject)}>
        {t('not_this_company')}
      </button>,
    );
  }
  if (report) {
    items.push(
      <button key="report" type="button" class="link" data-action="report" aria-expanded={reporting} onClick={trusted(toggleReport)}>
        {t('card_report_problem')}
      </button>,
    );
  }
  return (
    <>
      <div class="say muted">{items}</div>
      {evidence ? (
        <p class="muted evidence" id={whyId} hidden={!why}>
          {evidence}
        </p>
      ) : null}
      {reporting && report ? <ReportPanel report={report} /> : null}
    </>
  );
}
