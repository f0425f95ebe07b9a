import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let cached: { key: string; cert: string } | undefined;

/** A self-signed certificate for 127.0.0.1 and localhost, made once per process with openssl. */
export function selfSignedCertificate(): { key: string; cert: string } {
  if (cached) return cached;
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
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '-keyout',
        'key.pem',
        '-out',
        'cert.pem',
      ],
      { cwd: directory, stdio: 'ignore' },
    );
    cached = { key: fs.readFileSync(path.join(directory, 'key.pem'), 'utf8'), cert: fs.readFileSync(path.join(directory, 'cert.pem'), 'utf8') };
    return cached;
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}
