import { useMemo } from 'react';
import QRCode from 'qrcode';

/**
 * What an authenticator app needs to add this account: the otpauth URI as a QR code (drawn as SVG squares, so no
 * script or image source beyond the page's own), the secret to type by hand, and the URI as text.
 */
export function AuthenticatorSetup({ secret, otpauthUri }: { secret: string; otpauthUri: string }) {
  const qr = useMemo(() => {
    try { return QRCode.create(otpauthUri, { errorCorrectionLevel: 'M' }).modules; } catch { return null; }
  }, [otpauthUri]);
  const grouped = secret.replace(/(.{4})/g, '$1 ').trim();
  return (
    <div className="stack" aria-label="Authenticator set-up">
      <p>Scan this code with your authenticator app (Google Authenticator, Microsoft Authenticator, 1Password…), or type the key.</p>
      {qr && (
        <svg role="img" aria-label="QR code of the authenticator key" width={qr.size * 5 + 40} height={qr.size * 5 + 40}
          viewBox={`-4 -4 ${qr.size + 8} ${qr.size + 8}`} style={{ background: '#fff' }} shapeRendering="crispEdges">
          {Array.from({ length: qr.size * qr.size }, (_, i) => (qr.get(Math.floor(i / qr.size), i % qr.size)
            ? <rect key={i} x={i % qr.size} y={Math.floor(i / qr.size)} width="1" height="1" fill="#000" /> : null))}
        </svg>
      )}
      <p>Key: <code data-secret={secret}>{grouped}</code></p>
      <details><summary>Set-up link</summary><code style={{ wordBreak: 'break-all' }}>{otpauthUri}</code></details>
    </div>
  );
}

/** The ten recovery codes, shown once: each signs in once when the phone is lost. */
export function RecoveryCodeList({ codes }: { codes: string[] }) {
  return (
    <div className="card" role="status" aria-label="Recovery codes">
      <p><strong>Recovery codes — shown this once.</strong> Keep them somewhere safe: each one signs you in once if you lose your phone.</p>
      <ul className="recovery-codes">{codes.map((c) => <li key={c}><code>{c}</code></li>)}</ul>
    </div>
  );
}
