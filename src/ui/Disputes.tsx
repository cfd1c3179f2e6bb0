// Disputed claims as pairs: the claim in one line (who, when, what — cut to fit), its answer
// directly under it (who, when, what); the whole texts and their sources open on request. On
// the entity page (`full`) every pair is open.
import { useId } from 'preact/hooks';
import type { Claim, CounterClaim } from '../core/dataset.ts';
import { fill, t } from './i18n.ts';
import { Source, trusted, useToggle } from './parts.tsx';

const when = (date: string) => <time dateTime={date}>{date}</time>;

function Answer({ cc }: { cc: CounterClaim }) {
  return (
    <div class="answer">
      <span class="clamp">
        <span class="who">{fill('card_answer_line', cc.by, when(cc.date))}</span> <span class="text">{cc.text}</span>
      </span>
    </div>
  );
}

function Sources({ c }: { c: Claim }) {
  return (
    <>
      <div>
        {fill('card_claimed_by', c.by, when(c.date))} <Source c={c.source} />
      </div>
      {c.counterClaims.map((cc, i) => (
        <div key={i}>
          {t('card_answer_from', cc.by)} <Source c={cc.source} />
        </div>
      ))}
    </>
  );
}

function Pair({ c, full }: { c: Claim; full: boolean }) {
  const [toggled, toggle] = useToggle();
  const open = full || toggled;
  const id = useId();
  const claim = (
    <>
      {full ? null : <span class="chev" aria-hidden="true" />}
      <span class="clamp">
        <span class="who">{fill('card_claim_line', c.by, when(c.date))}</span> <span class="text">{c.text}</span>
      </span>
    </>
  );
  return (
    <li class={open ? 'claim open' : 'claim'} data-claim={c.id} id={full ? `claim-${c.id}` : undefined} tabIndex={full ? -1 : undefined}>
      {full ? (
        <div class="line">{claim}</div>
      ) : (
        <button type="button" class="line" aria-expanded={open} aria-controls={id} onClick={trusted(toggle)}>
          {claim}
        </button>
      )}
      {c.counterClaims.length > 0 ? c.counterClaims.map((cc, i) => <Answer cc={cc} key={i} />) : <div class="answer none muted">{t('card_no_answer')}</div>}
      <div class="details muted" id={id} hidden={!open}>
        <Sources c={c} />
      </div>
    </li>
  );
}

export function Disputes({ claims, full = false }: { claims: Claim[]; full?: boolean }) {
  return (
    <ul class="lines disputes">
      {claims.map((c) => (
        <Pair c={c} full={full} key={c.id} />
      ))}
    </ul>
  );
}
