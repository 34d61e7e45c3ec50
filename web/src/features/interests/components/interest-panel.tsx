import '@/components/ui/contacts.css';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useSession, loginPath } from '@/features/auth';
import { formatDate } from '@/lib/format';
import { useContactTexts } from '@/lib/i18n-contacts';
import type { Interest, TargetKind } from '../api/interest-requests';
import { InterestForm } from './interest-form';

interface InterestPanelProps {
  target: { kind: TargetKind; id: string };
}

/**
 * "I am interested" on a project's or an opportunity's page, for those who do not own it: opens
 * the interest form in the page; visitors are asked to log in first and come back here.
 */
export function InterestPanel({ target }: InterestPanelProps) {
  useContactTexts();
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const { status } = useSession();
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState<Interest | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const outcome = useRef<HTMLHeadingElement>(null);
  const closed = useRef(false);

  useEffect(() => {
    if (sent) outcome.current?.focus();
  }, [sent]);
  useEffect(() => {
    if (!open && closed.current) button.current?.focus();
    closed.current = false;
  }, [open]);

  if (status === 'anonymous') {
    return (
      <p className="interest-panel">
        <Link className="button" to={loginPath(location)}>
          {t('contacts.interest.logIn')}
        </Link>
      </p>
    );
  }
  if (sent) {
    return (
      <section aria-labelledby="interest-sent" className="interest-panel">
        <h2 id="interest-sent" ref={outcome} tabIndex={-1}>
          {t('contacts.interest.sentTitle')}
        </h2>
        <p role="status" className="notice notice--success">
          {t('contacts.interest.sentBody', { date: formatDate(sent.answer_by, i18n.language) })}
        </p>
        <p>
          <Link to="/interests?box=sent">{t('contacts.interest.seeSent')}</Link>
        </p>
      </section>
    );
  }
  if (open) {
    return (
      <InterestForm
        target={target}
        onSent={setSent}
        onCancel={() => {
          closed.current = true;
          setOpen(false);
        }}
      />
    );
  }
  return (
    <p className="interest-panel">
      <button ref={button} type="button" className="button" onClick={() => setOpen(true)}>
        {t('contacts.interest.open')}
      </button>
    </p>
  );
}
