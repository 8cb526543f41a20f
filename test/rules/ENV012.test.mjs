import { ruleTester } from '../helpers/ruleTester.mjs';

const MTLS_OK =
  'THEMIS_WAL_GRPC_ENABLE_MTLS=1\nTHEMIS_WAL_GRPC_REQUIRE_CLIENT_CERT=1\nTHEMIS_WAL_GRPC_CERT_PATH=/tls/wal.crt\nTHEMIS_WAL_GRPC_KEY_PATH=/tls/wal.key\nTHEMIS_WAL_GRPC_CA_CERT_PATH=/tls/ca.crt\n';

ruleTester('ENV012', {
  valid: [
    { name: 'single node, no cluster variables', files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_PII_STRICT=1\n' } },
    { name: "the seed's full WAL mTLS block", files: { '.env': `THEMIS_PRODUCTION_MODE=1\nCLUSTER_SIZE=3\n${MTLS_OK}` } },
    { name: 'yes is accepted by the server', files: { '.env': 'THEMIS_ENABLE_SHARDING=1\nTHEMIS_WAL_GRPC_ENABLE_MTLS=yes\n' } },
    {
      name: 'an explicit single-node cluster',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nSHARD_ID=shard_0\nCLUSTER_SIZE=1\n' },
    },
    {
      name: 'sharding and replication off in the sibling config',
      files: {
        '.env': 'THEMIS_PRODUCTION_MODE=1\n',
        'config.yaml': 'storage:\n  rocksdb_path: /data\nsharding:\n  enabled: false\nreplication:\n  enabled: false\n',
      },
    },
    { name: "misspelled mTLS switch is ENV016's finding", files: { '.env': 'CLUSTER_SIZE=3\nTHEMIS_WAL_GRPC_ENABLE_MTLS=on\n' } },
    {
      name: 'the block cache shard bits are not sharding',
      files: {
        '.env': 'THEMIS_PRODUCTION_MODE=1\n',
        'config.yaml': 'storage:\n  rocksdb_path: /data\n  block_cache_shard_bits: 4\n',
      },
    },
  ],
  invalid: [
    {
      name: 'sharding variables without mTLS or its files: first entry, turning it on is only suggested',
      files: { '.env': 'THEMIS_ROLE=shard\nTHEMIS_SHARD_ID=2\nTHEMIS_SHARDS=4\n' },
      errors: [
        {
          messageId: 'mtlsNotSet',
          line: 1,
          column: 1,
          endColumn: 12,
          severity: 'error',
          message:
            /^THEMIS_WAL_GRPC_ENABLE_MTLS is not set in a multi-node deployment\. THEMIS_SHARDS marks it as multi-node,.* mTLS also needs THEMIS_WAL_GRPC_CERT_PATH, THEMIS_WAL_GRPC_KEY_PATH and THEMIS_WAL_GRPC_CA_CERT_PATH: without them the WAL service does not start\.$/,
          suggestions: [
            {
              title: 'Add THEMIS_WAL_GRPC_ENABLE_MTLS=1',
              output: 'THEMIS_ROLE=shard\nTHEMIS_SHARD_ID=2\nTHEMIS_SHARDS=4\nTHEMIS_WAL_GRPC_ENABLE_MTLS=1\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'sharding variables without mTLS, its files set: the safe fix appends it',
      files: { '.env': `THEMIS_SHARDS=4\n${MTLS_OK.split('\n').slice(1).join('\n')}` },
      errors: [{ messageId: 'mtlsNotSet', line: 1, message: /Set THEMIS_WAL_GRPC_ENABLE_MTLS=1\.$/ }],
      output: `THEMIS_SHARDS=4\n${MTLS_OK.split('\n').slice(1).join('\n')}THEMIS_WAL_GRPC_ENABLE_MTLS=1\n`,
    },
    {
      name: 'CLUSTER_SIZE > 1 and mTLS off, its files set',
      files: { '.env': `THEMIS_PRODUCTION_MODE=1\nCLUSTER_SIZE=3\n${MTLS_OK.replace('ENABLE_MTLS=1', 'ENABLE_MTLS=0')}` },
      errors: [
        { messageId: 'mtlsOff', line: 3, column: 29, endColumn: 30, severity: 'error', message: /CLUSTER_SIZE.*Set it to 1\.$/ },
      ],
      output: `THEMIS_PRODUCTION_MODE=1\nCLUSTER_SIZE=3\n${MTLS_OK}`,
    },
    {
      name: 'CLUSTER_SIZE > 1 and mTLS off, only the certificate set: what is missing is named',
      files: { '.env': 'CLUSTER_SIZE=3\nTHEMIS_WAL_GRPC_ENABLE_MTLS=0\nTHEMIS_WAL_GRPC_CERT_PATH=/tls/wal.crt\n' },
      errors: [
        {
          messageId: 'mtlsOff',
          line: 2,
          message:
            /mTLS also needs THEMIS_WAL_GRPC_KEY_PATH and THEMIS_WAL_GRPC_CA_CERT_PATH: without them the WAL service does not start\.$/,
          suggestions: [
            {
              title: 'Set THEMIS_WAL_GRPC_ENABLE_MTLS to 1',
              output: 'CLUSTER_SIZE=3\nTHEMIS_WAL_GRPC_ENABLE_MTLS=1\nTHEMIS_WAL_GRPC_CERT_PATH=/tls/wal.crt\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'client certificates switched off',
      files: { '.env': `CLUSTER_SIZE=3\n${MTLS_OK.replace('REQUIRE_CLIENT_CERT=1', 'REQUIRE_CLIENT_CERT=false')}` },
      errors: [{ messageId: 'clientCertsOff', line: 3, column: 37, endColumn: 42, message: /client certificates\.$/ }],
      output: `CLUSTER_SIZE=3\n${MTLS_OK}`,
    },
    {
      name: 'WAL gRPC listener configured: mTLS off and client certs off are two findings, no files: both only suggested',
      files: {
        '.env': 'THEMIS_WAL_GRPC_HOST=0.0.0.0\nTHEMIS_WAL_GRPC_ENABLE_MTLS=false\nTHEMIS_WAL_GRPC_REQUIRE_CLIENT_CERT=no\n',
      },
      errors: [
        {
          messageId: 'mtlsOff',
          line: 2,
          column: 29,
          // client certificates are off: the CA is not needed for mTLS itself
          message: /mTLS also needs THEMIS_WAL_GRPC_CERT_PATH and THEMIS_WAL_GRPC_KEY_PATH: without them/,
          suggestions: [
            {
              title: 'Set THEMIS_WAL_GRPC_ENABLE_MTLS to 1',
              output: 'THEMIS_WAL_GRPC_HOST=0.0.0.0\nTHEMIS_WAL_GRPC_ENABLE_MTLS=1\nTHEMIS_WAL_GRPC_REQUIRE_CLIENT_CERT=no\n',
            },
          ],
        },
        {
          messageId: 'clientCertsOff',
          line: 3,
          column: 37,
          message:
            /verified against THEMIS_WAL_GRPC_CA_CERT_PATH, which is not set: without it the WAL service does not start\.$/,
          suggestions: [
            {
              title: 'Set THEMIS_WAL_GRPC_REQUIRE_CLIENT_CERT to 1',
              output: 'THEMIS_WAL_GRPC_HOST=0.0.0.0\nTHEMIS_WAL_GRPC_ENABLE_MTLS=false\nTHEMIS_WAL_GRPC_REQUIRE_CLIENT_CERT=1\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'replication enabled in the sibling config.yaml',
      files: {
        '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_PII_STRICT=1\n',
        'config.yaml': 'storage:\n  rocksdb_path: /data\nreplication:\n  enabled: true\n  mode: sync\n',
      },
      errors: [
        {
          messageId: 'mtlsNotSet',
          line: 1,
          column: 1,
          message: /replication\.enabled in config\.yaml/,
          suggestions: [
            {
              title: 'Add THEMIS_WAL_GRPC_ENABLE_MTLS=1',
              output: 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_PII_STRICT=1\nTHEMIS_WAL_GRPC_ENABLE_MTLS=1\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'edition dialect: sharding.enabled yes in a sibling edition-style config',
      files: {
        '.env': 'THEMIS_PRODUCTION_MODE=1\n',
        'config.yaml': 'edition: ENTERPRISE\nsecurity:\n  enable_tls: true\nsharding:\n  enabled: yes\n  total_shards: 4\n',
      },
      errors: [
        {
          messageId: 'mtlsNotSet',
          line: 1,
          message: /sharding\.enabled/,
          suggestions: [
            { title: 'Add THEMIS_WAL_GRPC_ENABLE_MTLS=1', output: 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_WAL_GRPC_ENABLE_MTLS=1\n' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'multi_primary in the core config',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\n', 'config.yaml': 'server:\n  port: 8765\nmulti_primary:\n  enabled: true\n' },
      errors: [
        {
          messageId: 'mtlsNotSet',
          line: 1,
          message: /multi_primary\.enabled/,
          suggestions: [
            { title: 'Add THEMIS_WAL_GRPC_ENABLE_MTLS=1', output: 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_WAL_GRPC_ENABLE_MTLS=1\n' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'development profile: hint',
      profile: 'auto',
      files: { '.env': 'THEMIS_ENVIRONMENT=development\nTHEMIS_MIRROR_PEER=themis-shard-2:8765\n' },
      errors: [
        {
          messageId: 'mtlsNotSet',
          line: 1,
          severity: 'hint',
          suggestions: [
            {
              title: 'Add THEMIS_WAL_GRPC_ENABLE_MTLS=1',
              output: 'THEMIS_ENVIRONMENT=development\nTHEMIS_MIRROR_PEER=themis-shard-2:8765\nTHEMIS_WAL_GRPC_ENABLE_MTLS=1\n',
            },
          ],
        },
      ],
      output: null,
    },
  ],
});
