import { useTranslation } from 'react-i18next';
import type { Verdict } from '../api/funding-requests';

/** Each rule of a call, met or not, in the reader's language (the code says which). */
export function RuleList({ rules, daysLeft }: { rules: Verdict[]; daysLeft?: number }) {
  const { t } = useTranslation();
  return (
    <ul className="funding-rules">
      {rules.map((rule) => (
        <li key={rule.code} className={rule.met ? 'funding-rule--met' : 'funding-rule--unmet'}>
          {t(`funding.rules.${rule.code}`, { count: daysLeft ?? 0, defaultValue: rule.message })}
        </li>
      ))}
    </ul>
  );
}
