import '../components/cooperation.css';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorNotice } from '@/components/ui/status';
import { useMyOrganisations } from '@/features/organisations';
import { newIdempotencyKey } from '@/lib/api/idempotency';
import { useCooperationTexts } from '@/lib/i18n-cooperation';
import { useLocalAuthorities, useRecordLink, type NewCooperationLink } from '../api/cooperation';

const LEVELS = ['region', 'department', 'municipality', 'grouping'] as const;
type LevelCode = (typeof LEVELS)[number];

/** Records a link from one of the member's authorities to a partner, on the platform or named. */
export function NewLinkRoute() {
  useCooperationTexts();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const mine = useMyOrganisations();
  const authorities = useLocalAuthorities();
  const record = useRecordLink();
  const [key] = useState(newIdempotencyKey);
  const ownIds = useMemo(() => new Set((mine.data ?? []).map((m) => m.organisation_id)), [mine.data]);
  const own = (authorities.data ?? []).filter((organisation) => ownIds.has(organisation.id));
  const partners = (authorities.data ?? []).filter((organisation) => !ownIds.has(organisation.id));

  return (
    <section aria-labelledby="new-link-title">
      <h1 id="new-link-title">{t('cooperation.record')}</h1>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          const text = (name: string) => String(data.get(name) ?? '').trim();
          const partner = text('partner');
          const link: NewCooperationLink = {
            north: { organisation_id: text('own'), level: text('own_level') as LevelCode },
            south: partner
              ? { organisation_id: partner, level: text('partner_level') as LevelCode }
              : {
                  name: text('partner_name'),
                  country: text('partner_country').toUpperCase(),
                  level: text('partner_level') as LevelCode,
                  place: text('partner_place') || undefined,
                },
            themes: text('theme') ? [text('theme')] : [],
            started: text('started') ? Number(text('started')) : undefined,
            description: text('description'),
          };
          record.mutate(
            { link, idempotencyKey: key },
            { onSuccess: (created) => void navigate(`/cooperation/${created.id}`) },
          );
        }}
      >
        <label>
          {t('cooperation.ownAuthority')}
          <select name="own" required>
            {own.map((organisation) => (
              <option key={organisation.id} value={organisation.id}>
                {organisation.name}
              </option>
            ))}
          </select>
        </label>
        <LevelSelect name="own_level" label={t('cooperation.levelLabel')} />
        <label>
          {t('cooperation.partnerOnPlatform')}
          <select name="partner" defaultValue="">
            <option value="">{t('cooperation.partnerNamed')}</option>
            {partners.map((organisation) => (
              <option key={organisation.id} value={organisation.id}>
                {organisation.name} ({organisation.country})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('cooperation.partnerName')}
          <input name="partner_name" />
        </label>
        <label>
          {t('cooperation.country')}
          <input name="partner_country" maxLength={2} />
        </label>
        <label>
          {t('cooperation.place')}
          <input name="partner_place" />
        </label>
        <LevelSelect name="partner_level" label={t('cooperation.partnerLevel')} />
        <label>
          {t('cooperation.theme')}
          <select name="theme" defaultValue="22040">
            <option value="">{t('cooperation.any')}</option>
            {['22040', '14030', '11220', '12220', '31120', '43030', '23210'].map((code) => (
              <option key={code} value={code}>
                {t(`sectors.${code}`, { defaultValue: code })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('cooperation.started')}
          <input name="started" type="number" min={1950} max={2100} />
        </label>
        <label>
          {t('cooperation.description')}
          <textarea name="description" rows={3} maxLength={5000} />
        </label>
        <button type="submit" className="button" disabled={record.isPending || own.length === 0}>
          {t('cooperation.save')}
        </button>
        {own.length === 0 && !mine.isPending && <p className="notice">{t('cooperation.noAuthority')}</p>}
      </form>
      {record.isError && <ErrorNotice error={record.error} onRetry={() => record.reset()} />}
    </section>
  );
}

function LevelSelect({ name, label }: { name: string; label: string }) {
  const { t } = useTranslation();
  return (
    <label>
      {label}
      <select name={name} defaultValue="municipality">
        {LEVELS.map((level) => (
          <option key={level} value={level}>
            {t(`cooperation.level.${level}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
