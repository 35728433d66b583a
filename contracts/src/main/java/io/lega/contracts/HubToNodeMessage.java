package io.lega.contracts;

/**
 * A message the hub sends to a node. A consumer dispatches on the body's {@code type} field (see
 * {@link MessageCodec#decodeHubToNode(byte[])}), never on the routing key.
 */
public sealed interface HubToNodeMessage extends Message
    permits IngestionTrigger,
        IngestionCancel,
        IngestionAccession,
        DatasetMapping,
        DatasetRelease,
        DatasetDeprecate,
        PermissionGranted,
        PermissionDeleted {

  /** The value of the body's {@code type} field, for example {@code "ingest"}. */
  String type();
}
