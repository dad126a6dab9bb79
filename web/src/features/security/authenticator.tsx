import { useMemo } from 'react';
import QRCode from 'qrcode';
import { useT } from '../../i18n/i18n.ts';

/**
 * What an authenticator app needs to add this account: the otpauth URI as a QR code (drawn as SVG squares, so no
 * script or image source beyond the page's own), the secret to type by hand, and the URI as text.
 */
export function AuthenticatorSetup({ secret, otpauthUri }: { secret: string; otpauthUri: string }) {
  const { t } = useT();
  const qr = useMemo(() => {
    try { return QRCode.create(otpauthUri, { errorCorrectionLevel: 'M' }).modules; } catch { return null; }
  }, [otpauthUri]);
  const grouped = secret.replace(/(.{4})/g, '$1 ').trim();
  return (
    <div className="stack" aria-label={t('security.setUpLabel')}>
      <p>{t('security.scan')}</p>
      {qr && (
        <svg role="img" aria-label={t('security.qrLabel')} width={qr.size * 5 + 40} height={qr.size * 5 + 40}
          viewBox={`-4 -4 ${qr.size + 8} ${qr.size + 8}`} style={{ background: '#fff' }} shapeRendering="crispEdges">
          {Array.from({ length: qr.size * qr.size }, (_, i) => (qr.get(Math.floor(i / qr.size), i % qr.size)
            ? <rect key={i} x={i % qr.size} y={Math.floor(i / qr.size)} width="1" height="1" fill="#000" /> : null))}
        </svg>
      )}
      <p>{t('security.key')} <code data-secret={secret}>{grouped}</code></p>
      <details><summary>{t('security.setUpLink')}</summary><code style={{ wordBreak: 'break-all' }}>{otpauthUri}</code></details>
    </div>
  );
}

/** The ten recovery codes, shown once: each signs in once when the phone is lost. */
export function RecoveryCodeList({ codes }: { codes: string[] }) {
  const { t } = useT();
  return (
    <div className="card" role="status" aria-label={t('security.recoveryCodes')}>
      <p><strong>{t('security.shownOnce')}</strong> {t('security.keepSafe')}</p>
      <ul className="recovery-codes">{codes.map((c) => <li key={c}><code>{c}</code></li>)}</ul>
    </div>
  );
}
