import type { IField, INamespace } from 'protobufjs';

/**
 * The part of Envoy's xDS protocol an istioctl-style debug request uses, as a protobufjs descriptor (field
 * numbers from envoyproxy/envoy api/envoy/service/discovery/v3/discovery.proto, config/core/v3/base.proto,
 * service/status/v3/csds.proto, admin/v3/config_dump_shared.proto, and google/protobuf's any, struct and
 * timestamp; google/rpc/status.proto).
 */
export const XDS_DESCRIPTOR: INamespace = {
  nested: {
    google: {
      nested: {
        protobuf: {
          nested: {
            Any: {
              fields: {
                type_url: {
                  type: 'string',
                  id: 1,
                },
                value: {
                  type: 'bytes',
                  id: 2,
                },
              },
            },
            Timestamp: {
              fields: {
                seconds: {
                  type: 'int64',
                  id: 1,
                },
                nanos: {
                  type: 'int32',
                  id: 2,
                },
              },
            },
            Struct: {
              fields: {
                // A map field (IMapField), which INamespace's field type does not spell out.
                fields: { keyType: 'string', type: 'Value', id: 1 } as IField,
              },
            },
            Value: {
              oneofs: {
                kind: {
                  oneof: ['null_value', 'number_value', 'string_value', 'bool_value', 'struct_value', 'list_value'],
                },
              },
              fields: {
                null_value: {
                  type: 'NullValue',
                  id: 1,
                },
                number_value: {
                  type: 'double',
                  id: 2,
                },
                string_value: {
                  type: 'string',
                  id: 3,
                },
                bool_value: {
                  type: 'bool',
                  id: 4,
                },
                struct_value: {
                  type: 'Struct',
                  id: 5,
                },
                list_value: {
                  type: 'ListValue',
                  id: 6,
                },
              },
            },
            NullValue: {
              values: {
                NULL_VALUE: 0,
              },
            },
            ListValue: {
              fields: {
                values: {
                  rule: 'repeated',
                  type: 'Value',
                  id: 1,
                },
              },
            },
          },
        },
        rpc: {
          nested: {
            Status: {
              fields: {
                code: {
                  type: 'int32',
                  id: 1,
                },
                message: {
                  type: 'string',
                  id: 2,
                },
                details: {
                  rule: 'repeated',
                  type: 'google.protobuf.Any',
                  id: 3,
                },
              },
            },
          },
        },
      },
    },
    envoy: {
      nested: {
        config: {
          nested: {
            core: {
              nested: {
                v3: {
                  nested: {
                    Node: {
                      fields: {
                        id: {
                          type: 'string',
                          id: 1,
                        },
                        cluster: {
                          type: 'string',
                          id: 2,
                        },
                        metadata: {
                          type: 'google.protobuf.Struct',
                          id: 3,
                        },
                      },
                    },
                    ControlPlane: {
                      fields: {
                        identifier: {
                          type: 'string',
                          id: 1,
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
        admin: {
          nested: {
            v3: {
              nested: {
                ClientResourceStatus: {
                  values: {
                    UNKNOWN: 0,
                    REQUESTED: 1,
                    DOES_NOT_EXIST: 2,
                    ACKED: 3,
                    NACKED: 4,
                    RECEIVED_ERROR: 5,
                    TIMEOUT: 6,
                  },
                },
                UpdateFailureState: {
                  fields: {
                    failed_configuration: {
                      type: 'google.protobuf.Any',
                      id: 1,
                    },
                    last_update_attempt: {
                      type: 'google.protobuf.Timestamp',
                      id: 2,
                    },
                    details: {
                      type: 'string',
                      id: 3,
                    },
                    version_info: {
                      type: 'string',
                      id: 4,
                    },
                  },
                },
              },
            },
          },
        },
        service: {
          nested: {
            discovery: {
              nested: {
                v3: {
                  nested: {
                    DiscoveryRequest: {
                      fields: {
                        version_info: {
                          type: 'string',
                          id: 1,
                        },
                        node: {
                          type: 'envoy.config.core.v3.Node',
                          id: 2,
                        },
                        resource_names: {
                          rule: 'repeated',
                          type: 'string',
                          id: 3,
                        },
                        type_url: {
                          type: 'string',
                          id: 4,
                        },
                        response_nonce: {
                          type: 'string',
                          id: 5,
                        },
                        error_detail: {
                          type: 'google.rpc.Status',
                          id: 6,
                        },
                      },
                    },
                    DiscoveryResponse: {
                      fields: {
                        version_info: {
                          type: 'string',
                          id: 1,
                        },
                        resources: {
                          rule: 'repeated',
                          type: 'google.protobuf.Any',
                          id: 2,
                        },
                        canary: {
                          type: 'bool',
                          id: 3,
                        },
                        type_url: {
                          type: 'string',
                          id: 4,
                        },
                        nonce: {
                          type: 'string',
                          id: 5,
                        },
                        control_plane: {
                          type: 'envoy.config.core.v3.ControlPlane',
                          id: 6,
                        },
                      },
                    },
                  },
                },
              },
            },
            status: {
              nested: {
                v3: {
                  nested: {
                    ConfigStatus: {
                      values: {
                        UNKNOWN: 0,
                        SYNCED: 1,
                        NOT_SENT: 2,
                        STALE: 3,
                        ERROR: 4,
                      },
                    },
                    ClientConfig: {
                      fields: {
                        node: {
                          type: 'envoy.config.core.v3.Node',
                          id: 1,
                        },
                        generic_xds_configs: {
                          rule: 'repeated',
                          type: 'GenericXdsConfig',
                          id: 3,
                        },
                        client_scope: {
                          type: 'string',
                          id: 4,
                        },
                      },
                      nested: {
                        GenericXdsConfig: {
                          fields: {
                            type_url: {
                              type: 'string',
                              id: 1,
                            },
                            name: {
                              type: 'string',
                              id: 2,
                            },
                            version_info: {
                              type: 'string',
                              id: 3,
                            },
                            xds_config: {
                              type: 'google.protobuf.Any',
                              id: 4,
                            },
                            last_updated: {
                              type: 'google.protobuf.Timestamp',
                              id: 5,
                            },
                            config_status: {
                              type: 'envoy.service.status.v3.ConfigStatus',
                              id: 6,
                            },
                            client_status: {
                              type: 'envoy.admin.v3.ClientResourceStatus',
                              id: 7,
                            },
                            error_state: {
                              type: 'envoy.admin.v3.UpdateFailureState',
                              id: 8,
                            },
                            is_static_resource: {
                              type: 'bool',
                              id: 9,
                            },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

/** Envoy's Aggregated Discovery Service: one bidirectional stream of DiscoveryRequests and DiscoveryResponses. */
export const ADS_METHOD = '/envoy.service.discovery.v3.AggregatedDiscoveryService/StreamAggregatedResources';

/** The debug type istiod answers with every connected proxy's sync (pilot/pkg/xds/statusgen.go, TypeDebugSyncronization). */
export const SYNCZ_TYPE_URL = 'istio.io/debug/syncz';

/** The type of each resource of a syncz answer. */
export const CLIENT_CONFIG_TYPE_URL = 'type.googleapis.com/envoy.service.status.v3.ClientConfig';
