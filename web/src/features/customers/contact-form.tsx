import { useState, type FormEvent, type ReactNode } from 'react';
import { usePhoneFormat } from '../../lib/phone.ts';
import { ApiError } from '../../lib/api.ts';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useT } from '../../i18n/i18n.ts';
import { useCustomer, useUpdateCustomer, type CustomerPatch, type CustomerRecord } from './queries.ts';
import { EMAIL_ADDRESS } from '../../../../shared/email.ts';

// The contact details an associate may change (PATCH /customers/{id}, permission customers.edit). The rules are the
// server's (customer-schema.ts), checked here first so the associate reads what to fix in their own language.
type Field = 'salutation' | 'firstName' | 'lastName' | 'email' | 'phone' | 'language' | 'preferredChannel';
type Values = Record<Field, string>;
type Problem = 'required' | 'tooLong' | 'email' | 'phone';

const SALUTATIONS = ['mr', 'ms', 'mx'] as const;
const LANGUAGES = ['fr', 'en'] as const;
const CHANNELS = ['email', 'sms', 'whatsapp', 'phone', 'mail'] as const;
const PHONE = /^\+?[0-9 ()-]{5,25}$/;

// The phone as the associate reads it elsewhere ("06 20 60 66 51"): the server reads a national number in the
// customers' own country, and an unchanged one is not sent at all.
const valuesOf = (c: CustomerRecord, formatPhone: (phone: string) => string): Values => ({
  salutation: c.salutation ?? '', firstName: c.firstName, lastName: c.lastName, email: c.email ?? '', phone: c.phone ? formatPhone(c.phone) : '',
  language: c.language, preferredChannel: c.preferredChannel ?? '',
});

export function check(v: Values): Partial<Record<Field, Problem>> {
  const problems: Partial<Record<Field, Problem>> = {};
  for (const f of ['firstName', 'lastName'] as const) {
    if (!v[f].trim()) problems[f] = 'required';
    else if (v[f].trim().length > 100) problems[f] = 'tooLong';
  }
  const email = v.email.trim();
  if (email && (email.length > 320 || !EMAIL_ADDRESS.test(email))) problems.email = 'email';
  const phone = v.phone.trim();
  if (phone && !PHONE.test(phone)) problems.phone = 'phone';
  return problems;
}

/** Only what changed is sent; an emptied email or phone is removed (null). */
function patchOf(before: Values, after: Values): CustomerPatch {
  const patch: Record<string, string | null> = {};
  for (const f of Object.keys(after) as Field[]) {
    const value = after[f].trim();
    if (value === before[f]) continue;
    patch[f] = value === '' && f !== 'firstName' && f !== 'lastName' ? null : value;
  }
  return patch as CustomerPatch;
}

/** A problem the server found with one field (the schema's or the phone check), shown under that field. */
function serverProblem(error: unknown): { field: Field; problem: Problem } | null {
  if (!(error instanceof ApiError) || !error.field) return null;
  const field = error.field.replace(/^body\.?/, '') as Field;
  if (field === 'email') return { field, problem: 'email' };
  if (field === 'phone') return { field, problem: 'phone' };
  if (field === 'firstName' || field === 'lastName') return { field, problem: 'required' };
  return null;
}

export function ContactForm({ customerId, onDone }: { customerId: string; onDone: (saved: boolean) => void }) {
  const { data: record, error } = useCustomer(customerId);
  const { t } = useT();
  if (error) return <ErrorNote error={error} />;
  if (!record) return <p className="loading">{t('common.loading')}</p>;
  return <ContactFields record={record} onDone={onDone} />;
}

function ContactFields({ record, onDone }: { record: CustomerRecord; onDone: (saved: boolean) => void }) {
  const { t } = useT();
  const formatPhone = usePhoneFormat();
  const before = valuesOf(record, formatPhone);
  const [values, setValues] = useState<Values>(before);
  const [shown, setShown] = useState<Partial<Record<Field, Problem>>>({});
  const update = useUpdateCustomer(record.id);
  const fromServer = serverProblem(update.error);
  const problems: Partial<Record<Field, Problem>> = { ...(fromServer ? { [fromServer.field]: fromServer.problem } : {}), ...shown };
  const set = (f: Field) => (e: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [f]: e.target.value }));
    // A corrected field stops showing its problem at once; the others wait for the next save.
    if (shown[f]) setShown((s) => ({ ...s, [f]: undefined }));
    if (fromServer?.field === f) update.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = check(values);
    setShown(found);
    if (Object.keys(found).length) {
      document.getElementById(`contact-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    const patch = patchOf(before, values);
    if (!Object.keys(patch).length) return onDone(false);
    update.mutate(patch, { onSuccess: () => onDone(true) });
  };
  // Each field names its problem beside it (aria-describedby), so a screen reader reads it with the field.
  const described = (f: Field) => (problems[f] ? { 'aria-invalid': true, 'aria-describedby': `contact-${f}-problem` } : {});
  const problemOf = (f: Field) => problems[f] && <span id={`contact-${f}-problem`} className="error field-problem">{t(`customer.contactForm.problems.${f === 'firstName' || f === 'lastName' ? 'name' : f}.${problems[f]}` as 'customer.contactForm.problems.email.email')}</span>;
  const languages = LANGUAGES.includes(values.language as 'fr') ? LANGUAGES : [...LANGUAGES, values.language];
  return (
    <form className="contact-form card" aria-label={t('customer.contactForm.title')} noValidate onSubmit={submit}>
      <h2>{t('customer.contactForm.title')}</h2>
      <div className="contact-fields">
        <Labelled field="salutation" label={t('customer.salutation')}>
          <select id="contact-salutation" value={values.salutation} onChange={set('salutation')}>
            <option value="">{t('customer.contactForm.noSalutation')}</option>
            {SALUTATIONS.map((s) => <option key={s} value={s}>{t(`customer.contactForm.salutations.${s}`)}</option>)}
          </select>
        </Labelled>
        <Labelled field="firstName" label={t('customer.contactForm.firstName')} problem={problemOf('firstName')}>
          <input id="contact-firstName" value={values.firstName} onChange={set('firstName')} autoComplete="off" maxLength={100} {...described('firstName')} />
        </Labelled>
        <Labelled field="lastName" label={t('customer.contactForm.lastName')} problem={problemOf('lastName')}>
          <input id="contact-lastName" value={values.lastName} onChange={set('lastName')} autoComplete="off" maxLength={100} {...described('lastName')} />
        </Labelled>
        <Labelled field="email" label={t('customer.contactForm.email')} problem={problemOf('email')}>
          <input id="contact-email" type="email" inputMode="email" value={values.email} onChange={set('email')} autoComplete="off" {...described('email')} />
        </Labelled>
        <Labelled field="phone" label={t('customer.contactForm.phone')} problem={problemOf('phone')}>
          <input id="contact-phone" type="tel" inputMode="tel" value={values.phone} onChange={set('phone')} autoComplete="off" {...described('phone')} />
        </Labelled>
        <Labelled field="language" label={t('customer.contactForm.language')}>
          <select id="contact-language" value={values.language} onChange={set('language')}>
            {languages.map((l) => <option key={l} value={l}>{t(`customer.contactForm.languages.${l}` as 'customer.contactForm.languages.fr', { defaultValue: l })}</option>)}
          </select>
        </Labelled>
        <Labelled field="preferredChannel" label={t('customer.contactForm.preferredChannel')}>
          <select id="contact-preferredChannel" value={values.preferredChannel} onChange={set('preferredChannel')}>
            <option value="">{t('customer.contactForm.noPreference')}</option>
            {CHANNELS.map((c) => <option key={c} value={c}>{t(`customer.channels.${c}`)}</option>)}
          </select>
        </Labelled>
      </div>
      {/* A refusal that is not about one field (conflict, erased, network) is shown as the server says it. */}
      {!fromServer && <ErrorNote error={update.error} fields={{
        salutation: t('customer.salutation'), firstName: t('customer.contactForm.firstName'), lastName: t('customer.contactForm.lastName'), email: t('customer.contactForm.email'),
        phone: t('customer.contactForm.phone'), language: t('customer.contactForm.language'), preferredChannel: t('customer.contactForm.preferredChannel'),
      }} />}
      <div className="row">
        <button type="submit" disabled={update.isPending}>{update.isPending ? t('customer.contactForm.saving') : t('customer.contactForm.save')}</button>
        <button type="button" className="secondary" onClick={() => onDone(false)}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}

/** A field: its label names the control alone (not the problem, not a select's options), the problem sits under it. */
function Labelled({ field, label, problem, children }: { field: Field; label: string; problem?: ReactNode; children: ReactNode }) {
  return <div className="field"><label htmlFor={`contact-${field}`}>{label}</label>{children}{problem}</div>;
}
