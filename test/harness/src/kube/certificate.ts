import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const cached = new Map<string, { key: string; cert: string }>();

/** A self-signed certificate for 127.0.0.1, localhost and `dnsNames`, made once per process and names with openssl. */
export function selfSignedCertificate(dnsNames: string[] = []): { key: string; cert: string } {
  const names = ['localhost', ...dnsNames];
  const known = cached.get(names.join(','));
  if (known) return known;
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=kube-apiserver',
        '-addext',
        `subjectAltName=IP:127.0.0.1,${names.map(name => `DNS:${name}`).join(',')}`,
        '-keyout',
        'key.pem',
        '-out',
        'cert.pem',
      ],
      { cwd: directory, stdio: 'ignore' },
    );
    const made = { key: fs.readFileSync(path.join(directory, 'key.pem'), 'utf8'), cert: fs.readFileSync(path.join(directory, 'cert.pem'), 'utf8') };
    cached.set(names.join(','), made);
    return made;
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}
