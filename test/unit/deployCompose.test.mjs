// Compose services: environment (list and map) over env_file, ${VAR} from the project's .env, spans in the right file.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { engine, writeWorkspace } from '../helpers/engine.mjs';

const model = (dir) => {
  const ws = new engine.Workspace(engine.nodeHost, [dir]);
  return { ws, m: engine.deploymentModel(ws) };
};
const service = (m, name) => m.services.find((s) => s.name === name);
const at = (v) => fs.readFileSync(v.file, 'utf8').slice(v.span.start, v.span.end);
const lineOf = (v) => fs.readFileSync(v.file, 'utf8').slice(0, v.span.start).split('\n').length;

const LIST = `services:
  db:
    image: ghcr.io/acme/themisdb:1.4.2
    env_file:
      - ./themis.env
      - path: ./missing.env
        required: false
    environment:
      - THEMIS_PRODUCTION_MODE=1
      - THEMIS_ENVIRONMENT=\${DEPLOY_ENV}
      - "THEMIS_VAULT_ADDR=\${VAULT_URL:-https://vault.internal:8200}"
      - THEMIS_TOKEN_ADMIN
      - THEMIS_PII_STRICT=\${PII:?set it}
  web:
    image: nginx:1.27
    environment:
      - NGINX_PORT=80
`;

const MAP = `services:
  themis:
    build: .
    env_file: themis.env
    environment:
      THEMIS_PRODUCTION_MODE: "true"
      THEMIS_HSM_ENABLED: 1
      THEMIS_DISABLE_AUTO_DOWNLOAD:
      THEMIS_DEBUG_PKI: $$literal
`;

describe('compose: list form with env_file and .env interpolation', () => {
  const dir = writeWorkspace({
    'docker-compose.yml': LIST,
    'themis.env': 'THEMIS_PRODUCTION_MODE=0\nTHEMIS_PII_STRICT=0\nTHEMIS_WAL_GRPC_ENABLE_MTLS=1\n',
    '.env': 'DEPLOY_ENV=production\nTHEMIS_TOKEN_ADMIN=Zq8vV1mJr0rWbq1x3Vt2p9sYl4cN6uH8eK5oT7aD2fQ=\n',
  });
  const { m } = model(dir);
  const db = service(m, 'db');

  it('finds the ThemisDB service by its image and leaves the other app alone', () => {
    assert.equal(db.kind, 'compose');
    assert.equal(db.themis, true);
    assert.match(db.themisReason, /image/);
    assert.equal(service(m, 'web').themis, false);
    assert.equal(at({ file: db.file, span: db.span }), 'db');
  });

  it('environment wins over env_file, and keeps what it overrides', () => {
    const pm = db.env.get('THEMIS_PRODUCTION_MODE');
    assert.equal(pm.value, '1');
    assert.equal(pm.origin, 'compose-environment');
    assert.equal(path.basename(pm.file), 'docker-compose.yml');
    assert.equal(at(pm), '1');
    assert.equal(lineOf(pm), 9);
    assert.equal(pm.overrides.length, 1);
    assert.equal(path.basename(pm.overrides[0].file), 'themis.env');
    assert.equal(at(pm.overrides[0]), '0');
  });

  it('a value only in the env_file keeps its span in the env file, and names the env_file line', () => {
    const wal = db.env.get('THEMIS_WAL_GRPC_ENABLE_MTLS');
    assert.equal(wal.value, '1');
    assert.equal(wal.origin, 'compose-env-file');
    assert.equal(path.basename(wal.file), 'themis.env');
    assert.equal(lineOf(wal), 3);
    assert.equal(fs.readFileSync(wal.via.file, 'utf8').slice(wal.via.span.start, wal.via.span.end), './themis.env');
  });

  it('interpolates ${VAR}, ${VAR:-default} and a bare name from the project .env', () => {
    const envName = db.env.get('THEMIS_ENVIRONMENT');
    assert.equal(envName.value, 'production');
    assert.equal(at(envName), '${DEPLOY_ENV}');
    assert.equal(path.basename(envName.interpolated[0].ref.file), '.env');
    const vault = db.env.get('THEMIS_VAULT_ADDR');
    assert.equal(vault.value, 'https://vault.internal:8200');
    assert.equal(at(vault), '${VAULT_URL:-https://vault.internal:8200}');
    const token = db.env.get('THEMIS_TOKEN_ADMIN');
    assert.equal(token.value.length, 44);
    assert.equal(token.secret, true);
    assert.equal(at({ file: token.file, span: token.keySpan }), 'THEMIS_TOKEN_ADMIN');
  });

  it('a required variable the .env lacks is unknown (the shell provides it), not the env_file value', () => {
    const pii = db.env.get('THEMIS_PII_STRICT');
    assert.equal(pii.value, undefined);
    assert.match(pii.note, /shell/);
  });

  it('lists its env files, a missing optional one included', () => {
    assert.deepEqual(
      db.sources.map((s) => [s.kind, s.name, s.resolved && path.basename(s.resolved), s.optional]),
      [
        ['env_file', './themis.env', 'themis.env', false],
        ['env_file', './missing.env', undefined, true],
      ],
    );
  });

  it('the .env feeds interpolation only: its own variables are not in the container', () => {
    assert.equal(db.env.has('DEPLOY_ENV'), false);
  });
});

describe('compose: map form', () => {
  const dir = writeWorkspace({
    'compose.yaml': MAP,
    'themis.env': 'THEMIS_PII_STRICT=1\n',
    '.env': 'THEMIS_DISABLE_AUTO_DOWNLOAD=1\n',
  });
  const { m } = model(dir);
  const s = service(m, 'themis');

  it('reads scalars of every type, a null value from the .env, and $$ as a literal $', () => {
    assert.equal(s.themis, true, 'service name says themis and it has no image');
    assert.equal(s.env.get('THEMIS_PRODUCTION_MODE').value, 'true');
    assert.equal(at(s.env.get('THEMIS_PRODUCTION_MODE')), '"true"');
    assert.equal(s.env.get('THEMIS_HSM_ENABLED').value, '1');
    assert.equal(s.env.get('THEMIS_DISABLE_AUTO_DOWNLOAD').value, '1');
    assert.equal(s.env.get('THEMIS_DEBUG_PKI').value, '$literal');
    assert.equal(s.env.get('THEMIS_PII_STRICT').origin, 'compose-env-file');
  });
});

describe('compose interpolation', () => {
  const env = new Map([
    ['A', 'x'],
    ['E', ''],
  ]);
  const look = (n) => (env.has(n) ? { value: env.get(n), ref: { file: '.env', span: { start: 0, end: 0 } } } : undefined);
  const cases = [
    ['${A}', 'x'],
    ['$A-y', 'x-y'],
    ['$$A', '$A'],
    ['${E:-d}', 'd'],
    ['${E-d}', ''],
    ['${U-d}', 'd'],
    ['${A:+alt}', 'alt'],
    ['${E:+alt}', ''],
    ['${U:-${A}}', 'x'],
    ['${U}', undefined],
    ['${U:?need}', undefined],
  ];
  for (const [raw, want] of cases) it(`${raw} → ${want}`, () => assert.equal(engine.interpolate(raw, look).text, want));
});

describe('compose: docker-compose.override.yml merges into the base file', () => {
  const dir = writeWorkspace({
    'docker-compose.yml':
      'services:\n  themis:\n    image: themisdb:1\n    environment:\n      THEMIS_PII_STRICT: "0"\n      THEMIS_PRODUCTION_MODE: "1"\n',
    'docker-compose.override.yml':
      'services:\n  themis:\n    env_file: override.env\n    environment:\n      THEMIS_PII_STRICT: "1"\n',
    'override.env': 'THEMIS_PRODUCTION_MODE=0\n',
  });
  const { m } = model(dir);

  it('one service from both files; the override environment wins, its env_file does not beat environment', () => {
    assert.equal(m.services.length, 1);
    const s = m.services[0];
    assert.deepEqual(
      s.files.map((f) => path.basename(f)),
      ['docker-compose.yml', 'docker-compose.override.yml'],
    );
    assert.equal(s.env.get('THEMIS_PII_STRICT').value, '1');
    assert.equal(path.basename(s.env.get('THEMIS_PII_STRICT').file), 'docker-compose.override.yml');
    assert.equal(s.env.get('THEMIS_PRODUCTION_MODE').value, '1');
    assert.equal(s.themis, true);
  });
});
