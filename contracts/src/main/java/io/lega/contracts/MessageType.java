package io.lega.contracts;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every message of the protocol, with its schema, direction, routing key or type value, and record
 * class. This is the one list to extend when a message is added (see the module's README).
 */
public enum MessageType {
  INBOX_UPLOAD(
      "inbox-upload",
      Direction.NODE_TO_HUB,
      RoutingKeys.FILES_INBOX,
      InboxUpload.OPERATION,
      InboxUpload.class),
  INBOX_RENAME(
      "inbox-rename",
      Direction.NODE_TO_HUB,
      RoutingKeys.FILES_INBOX,
      InboxRename.OPERATION,
      InboxRename.class),
  INBOX_REMOVE(
      "inbox-remove",
      Direction.NODE_TO_HUB,
      RoutingKeys.FILES_INBOX,
      InboxRemove.OPERATION,
      InboxRemove.class),
  ACCESSION_REQUEST(
      "accession-request",
      Direction.NODE_TO_HUB,
      RoutingKeys.FILES_VERIFIED,
      null,
      AccessionRequest.class),
  INGESTION_COMPLETION(
      "ingestion-completion",
      Direction.NODE_TO_HUB,
      RoutingKeys.FILES_COMPLETED,
      null,
      IngestionCompletion.class),
  INGESTION_USER_ERROR(
      "ingestion-user-error",
      Direction.NODE_TO_HUB,
      RoutingKeys.FILES_ERROR,
      null,
      IngestionUserError.class),

  INGESTION_TRIGGER(
      "ingestion-trigger",
      Direction.HUB_TO_NODE,
      null,
      IngestionTrigger.TYPE,
      IngestionTrigger.class),
  INGESTION_CANCEL(
      "ingestion-cancel", Direction.HUB_TO_NODE, null, IngestionCancel.TYPE, IngestionCancel.class),
  INGESTION_ACCESSION(
      "ingestion-accession",
      Direction.HUB_TO_NODE,
      null,
      IngestionAccession.TYPE,
      IngestionAccession.class),
  DATASET_MAPPING(
      "dataset-mapping", Direction.HUB_TO_NODE, null, DatasetMapping.TYPE, DatasetMapping.class),
  DATASET_RELEASE(
      "dataset-release", Direction.HUB_TO_NODE, null, DatasetRelease.TYPE, DatasetRelease.class),
  DATASET_DEPRECATE(
      "dataset-deprecate",
      Direction.HUB_TO_NODE,
      null,
      DatasetDeprecate.TYPE,
      DatasetDeprecate.class),
  PERMISSION(
      "permission", Direction.HUB_TO_NODE, null, PermissionGranted.TYPE, PermissionGranted.class),
  PERMISSION_DELETED(
      "permission-deleted",
      Direction.HUB_TO_NODE,
      null,
      PermissionDeleted.TYPE,
      PermissionDeleted.class),

  /** Node-internal: ingest tells verify that a file's body is archived. */
  FILE_ARCHIVED("file-archived", Direction.NODE_INTERNAL, null, null, FileArchived.class);

  /** The classpath folder that holds the schemas. */
  public static final String SCHEMA_FOLDER = "io/lega/contracts/schemas/";

  private final String schemaName;
  private final Direction direction;
  private final String routingKey;
  private final String discriminator;
  private final Class<? extends Message> recordClass;

  MessageType(
      String schemaName,
      Direction direction,
      String routingKey,
      String discriminator,
      Class<? extends Message> recordClass) {
    this.schemaName = schemaName;
    this.direction = direction;
    this.routingKey = routingKey;
    this.discriminator = discriminator;
    this.recordClass = recordClass;
  }

  /** The schema's name, for example {@code "ingestion-trigger"}. */
  public String schemaName() {
    return schemaName;
  }

  /** The schema's classpath resource, for example {@code io/lega/contracts/schemas/x.json}. */
  public String schemaResource() {
    return SCHEMA_FOLDER + schemaName + ".json";
  }

  public Direction direction() {
    return direction;
  }

  /** The routing key on the hub's exchange; present exactly for node &rarr; hub messages. */
  public Optional<String> routingKey() {
    return Optional.ofNullable(routingKey);
  }

  /**
   * The value that tells this message apart from the others on the same channel: the {@code type}
   * of a hub &rarr; node message, the {@code operation} of an inbox message; empty otherwise.
   */
  public Optional<String> discriminator() {
    return Optional.ofNullable(discriminator);
  }

  public Class<? extends Message> recordClass() {
    return recordClass;
  }

  /** The message type whose record is {@code recordClass}. */
  public static Optional<MessageType> forRecord(Class<?> recordClass) {
    return Arrays.stream(values()).filter(t -> t.recordClass == recordClass).findFirst();
  }

  /** The hub &rarr; node message whose {@code type} is {@code type}. */
  public static Optional<MessageType> forHubType(String type) {
    return Arrays.stream(values())
        .filter(t -> t.direction == Direction.HUB_TO_NODE && t.discriminator.equals(type))
        .findFirst();
  }

  /** The inbox message whose {@code operation} is {@code operation}. */
  public static Optional<MessageType> forInboxOperation(String operation) {
    return Arrays.stream(values())
        .filter(t -> RoutingKeys.FILES_INBOX.equals(t.routingKey))
        .filter(t -> t.discriminator.equals(operation))
        .findFirst();
  }

  /** Every message type sent in {@code direction}. */
  public static List<MessageType> inDirection(Direction direction) {
    return Arrays.stream(values()).filter(t -> t.direction == direction).toList();
  }
}
