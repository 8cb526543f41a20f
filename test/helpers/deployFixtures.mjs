// Realistic deployment workspaces shared by the deployment model and posture tests.
export const b64 = (s) => Buffer.from(s).toString('base64');
export const ADMIN_TOKEN = 'pV3n9QxT0bL7mZ2cR5wK8yH1dF4gJ6sA0eU3iO9lN2M=';
export const VAULT_TOKEN = 'hvs.CAESIJ7fK2mQ9xL4pW8vT1nR6sY3bZ5cH0dG';

export const SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: themisdb-secrets
  namespace: prod
type: Opaque
data:
  THEMIS_TOKEN_ADMIN: ${b64(ADMIN_TOKEN)}
  THEMIS_PII_STRICT: ${b64('0')}
stringData:
  THEMIS_VAULT_TOKEN: "${VAULT_TOKEN}"
`;

export const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: themisdb-env
  namespace: prod
data:
  THEMIS_PII_STRICT: "1"
  THEMIS_DISABLE_AUTO_DOWNLOAD: "1"
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: themisdb-config
  namespace: prod
data:
  config.yaml: |
    server:
      port: 8080
      enable_tls: true

    logging:
      audit:
        enabled: true
        outputs:
          - type: syslog
            server: siem.internal:514
`;

/** A Deployment `themisdb` with one ThemisDB container, `server`, whose remaining fields are `container` (indented 10). */
export const themisWorkload = (container) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: themisdb
spec:
  template:
    spec:
      containers:
        - name: server
          image: themisdb:1.5.0
${container}`;

export const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: themisdb
  namespace: prod
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: server
          image: ghcr.io/makr-code/themisdb:1.5.0
          envFrom:
            - configMapRef:
                name: themisdb-env
            - secretRef:
                name: themisdb-secrets
          env:
            - name: THEMIS_PRODUCTION_MODE
              value: "1"
            - name: THEMIS_TOKEN_ADMIN
              valueFrom:
                secretKeyRef:
                  name: themisdb-secrets
                  key: THEMIS_TOKEN_ADMIN
            - name: THEMIS_VAULT_ADDR
              valueFrom:
                configMapKeyRef:
                  name: vault-settings
                  key: addr
            - name: POD_NAME
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
            - name: THEMIS_PKI_CERTIFICATE
              value: /etc/themisdb/tls/$(POD_NAME).crt
        - name: vault-agent
          image: hashicorp/vault:1.17
          env:
            - name: VAULT_ADDR
              value: https://vault.internal:8200
      volumes:
        - name: config
          configMap:
            name: themisdb-config
`;

export const UNIT = `[Unit]
Description=ThemisDB server
After=network-online.target

[Service]
Type=exec
User=themisdb
ExecStart=/usr/bin/themis_server --config /etc/themisdb/config.yaml
EnvironmentFile=-/etc/themisdb/themisdb.env
Environment="THEMIS_PRODUCTION_MODE=1" THEMIS_ENVIRONMENT=production
Environment=THEMIS_PII_STRICT=0 \\
  THEMIS_DISABLE_AUTO_DOWNLOAD=1
Environment="THEMIS_DEBUG_PKI=1"

[Install]
WantedBy=multi-user.target
`;

export const DROPIN_10 = `[Service]
Environment=THEMIS_PII_STRICT=1
Environment="THEMIS_VAULT_ADDR=https://vault.internal:8200"
UnsetEnvironment=THEMIS_DEBUG_PKI
`;

export const DROPIN_20 = `[Service]
# a later drop-in wins for the same variable
Environment='THEMIS_VAULT_ADDR=https://vault-b.internal:8200' "THEMIS_HEALTH_BIND_ADDRESS=127.0.0.1"
`;

export const UNIT_ENV = `# secrets only
THEMIS_TOKEN_ADMIN=${ADMIN_TOKEN}
THEMIS_PRODUCTION_MODE=yes
`;

export const HELM_VALUES = `replicaCount: 2
image:
  repository: registry.example.com/themisdb
  tag: "1.5.0"
themisdb:
  adminToken: ""
  env:
    - name: THEMIS_PRODUCTION_MODE
      value: "1"
    - name: THEMIS_TOKEN_ADMIN
      valueFrom:
        secretKeyRef:
          name: themisdb-secrets
          key: THEMIS_TOKEN_ADMIN
  extraEnv:
    THEMIS_PII_STRICT: "1"
    THEMIS_DEBUG_ENC_DIR: /tmp/enc
  config: |
    logging:
      audit:
        enabled: true
        outputs:
          - type: file
            path: /var/log/themisdb/audit.log
postgresql:
  env:
    - name: POSTGRES_PASSWORD
      value: pg-password-123
`;

/** A hardened compose deployment: every control ok. */
export const HARDENED_COMPOSE = {
  'docker-compose.yml': `services:
  themisdb:
    image: ghcr.io/makr-code/themisdb:1.5.0
    env_file: [./secrets.env]
    environment:
      THEMIS_PRODUCTION_MODE: "1"
      THEMIS_ENVIRONMENT: production
      THEMIS_VAULT_ADDR: https://vault.internal:8200
      THEMIS_PKI_CERTIFICATE: /run/tls/server.crt
      THEMIS_PKI_PRIVATE_KEY: /run/tls/server.key
      THEMIS_PII_STRICT: "1"
      THEMIS_DISABLE_AUTO_DOWNLOAD: "1"
    read_only: true
    volumes:
      - ./config:/etc/themis:ro
`,
  'secrets.env': `THEMIS_TOKEN_ADMIN=${ADMIN_TOKEN}\n`,
  'config/config.yaml': `server:
  enable_tls: true
logging:
  audit:
    enabled: true
    outputs:
      - type: syslog
        server: siem.internal:6514
`,
};
