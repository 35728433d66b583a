package io.lega.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Turns messages into bytes and back, validating each against its JSON Schema on the way: a
 * received message when it is decoded, an outgoing one before it is encoded.
 *
 * <p>Every schema is compiled once, when the codec is built; a codec is immutable and thread-safe,
 * so one instance serves a whole service ({@link #shared()} is one, with the default accession id
 * patterns).
 *
 * <p>Decoding never throws anything but {@link MalformedMessageException} for bad input (and {@link
 * NullPointerException} / {@link IllegalArgumentException} for a wrong call). Unknown top-level
 * fields are accepted and ignored; checksum objects accept no extra fields.
 */
public final class MessageCodec {

  /** At most this many violations are spelled out in an exception's message. */
  static final int MAX_LISTED_VIOLATIONS = 20;

  private static final String COMMON_SCHEMA = "common.json";
  private static final String FILE_ACCESSION_DEF = "file-accession-id";
  private static final String DATASET_ACCESSION_DEF = "dataset-accession-id";
  private static final int MAX_QUOTED_LENGTH = 64;

  private final ObjectMapper mapper;
  private final Map<MessageType, Schema> schemas;

  private MessageCodec(Builder builder) {
    this.mapper =
        JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .defaultPropertyInclusion(
                JsonInclude.Value.construct(
                    JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();
    this.schemas = compile(mapper, builder);
  }

  /** A codec with the schemas' own accession id patterns. */
  public static MessageCodec create() {
    return builder().build();
  }

  /** One codec with the default patterns, built on first use and shared by every caller. */
  public static MessageCodec shared() {
    return SharedHolder.SHARED;
  }

  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------------------------- encoding

  /**
   * The message as UTF-8 JSON, after checking it against its schema.
   *
   * @throws InvalidMessageException if the record does not match its schema (a missing required
   *     field, a malformed checksum or accession id...); the exception lists every violation
   */
  public byte[] encode(Message message) {
    Objects.requireNonNull(message, "message");
    MessageType type = message.messageType();
    JsonNode tree = mapper.valueToTree(message);
    List<String> violations = validate(type, tree);
    if (!violations.isEmpty()) {
      throw new InvalidMessageException(
          type,
          violations,
          "refusing to encode an invalid "
              + describe(type)
              + ", it does not match "
              + type.schemaName()
              + ".json: "
              + list(violations));
    }
    try {
      return mapper.writeValueAsBytes(tree);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write a JSON tree", e);
    }
  }

  // ---------------------------------------------------------------------------------- decoding

  /**
   * Decodes a message whose kind the caller knows, for example from the queue it came from.
   *
   * @param recordClass a message record, for example {@code IngestionTrigger.class}
   * @throws MalformedMessageException if the body is not JSON or does not match the record's schema
   *     (a hub &rarr; node message with another {@code type} does not match)
   * @throws IllegalArgumentException if {@code recordClass} is not a message record
   */
  public <T extends Message> T decode(byte[] body, Class<T> recordClass) {
    Objects.requireNonNull(recordClass, "recordClass");
    MessageType type =
        MessageType.forRecord(recordClass)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        recordClass.getName()
                            + " is not a message record; decodeHubToNode, decodeInbox and"
                            + " decodeNodeToHub decode a family of messages"));
    return recordClass.cast(decode(body, type));
  }

  /** Decodes a message of the given type; see {@link #decode(byte[], Class)}. */
  public Message decode(byte[] body, MessageType type) {
    Objects.requireNonNull(type, "type");
    return bind(type, parseObject(body));
  }

  /**
   * Decodes a message from the hub, dispatching on the body's {@code type} field (never on the
   * routing key it came with).
   *
   * @throws MalformedMessageException if the body is not a JSON object, has no {@code type} or an
   *     unknown one, or does not match the schema of its type
   */
  public HubToNodeMessage decodeHubToNode(byte[] body) {
    ObjectNode node = parseObject(body);
    MessageType type =
        dispatch(
            node,
            "type",
            "hub-to-node message type",
            MessageType::forHubType,
            MessageType.inDirection(Direction.HUB_TO_NODE));
    return (HubToNodeMessage) bind(type, node);
  }

  /**
   * Decodes an inbox notification ({@value RoutingKeys#FILES_INBOX}), dispatching on the body's
   * {@code operation}: upload, rename or remove.
   *
   * @throws MalformedMessageException if the body is not a JSON object, has no {@code operation} or
   *     an unknown one, or does not match the schema of its operation
   */
  public InboxMessage decodeInbox(byte[] body) {
    ObjectNode node = parseObject(body);
    MessageType type =
        dispatch(
            node, "operation", "inbox operation", MessageType::forInboxOperation, inboxTypes());
    return (InboxMessage) bind(type, node);
  }

  /**
   * Decodes a message from a node by the routing key it was published with on the hub's exchange
   * (node &rarr; hub messages have no {@code type}); inbox notifications are then told apart by
   * {@code operation}.
   *
   * @throws MalformedMessageException if the routing key carries no known message, or the body is
   *     malformed as for the other decode methods
   */
  public NodeToHubMessage decodeNodeToHub(String routingKey, byte[] body) {
    if (RoutingKeys.FILES_INBOX.equals(routingKey)) {
      return decodeInbox(body);
    }
    MessageType type =
        MessageType.inDirection(Direction.NODE_TO_HUB).stream()
            .filter(t -> t.routingKey().orElseThrow().equals(routingKey))
            .findFirst()
            .orElseThrow(
                () ->
                    new MalformedMessageException(
                        MalformedMessageException.Problem.UNKNOWN_ROUTING_KEY,
                        null,
                        List.of(),
                        "no node-to-hub message has routing key "
                            + quote(routingKey)
                            + " (expected one of: "
                            + nodeToHubRoutingKeys()
                            + ")",
                        null));
    return (NodeToHubMessage) bind(type, parseObject(body));
  }

  // ----------------------------------------------------------------------------------- helpers

  private ObjectNode parseObject(byte[] body) {
    if (body == null || body.length == 0) {
      throw malformed(MalformedMessageException.Problem.NOT_JSON, "the message body is empty");
    }
    JsonNode node;
    try {
      node = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " (line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()
                  + ")";
      throw new MalformedMessageException(
          MalformedMessageException.Problem.NOT_JSON,
          null,
          List.of(),
          "the message body is not valid JSON: " + e.getOriginalMessage() + where,
          e);
    } catch (IOException e) {
      throw new MalformedMessageException(
          MalformedMessageException.Problem.NOT_JSON,
          null,
          List.of(),
          "the message body is not valid JSON: " + e.getMessage(),
          e);
    }
    if (node == null || node.isMissingNode()) {
      throw malformed(
          MalformedMessageException.Problem.NOT_JSON,
          "the message body is blank: it holds no JSON value");
    }
    if (!node.isObject()) {
      throw malformed(
          MalformedMessageException.Problem.NOT_AN_OBJECT,
          "the message body is a JSON "
              + node.getNodeType().name().toLowerCase(Locale.ROOT)
              + ", not a JSON object");
    }
    return (ObjectNode) node;
  }

  private MessageType dispatch(
      ObjectNode node,
      String field,
      String what,
      Function<String, Optional<MessageType>> lookup,
      List<MessageType> candidates) {
    String expected =
        candidates.stream()
            .map(t -> t.discriminator().orElseThrow())
            .collect(Collectors.joining(", ", " (expected one of: ", ")"));
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw malformed(
          MalformedMessageException.Problem.MISSING_TYPE,
          "the message has no '" + field + "' field, so its kind is unknown" + expected);
    }
    if (!value.isTextual()) {
      throw malformed(
          MalformedMessageException.Problem.UNKNOWN_TYPE,
          "the message's '"
              + field
              + "' field is a JSON "
              + value.getNodeType().name().toLowerCase(Locale.ROOT)
              + ", not a string"
              + expected);
    }
    return lookup
        .apply(value.textValue())
        .orElseThrow(
            () ->
                malformed(
                    MalformedMessageException.Problem.UNKNOWN_TYPE,
                    "unknown " + what + " " + quote(value.textValue()) + expected));
  }

  private Message bind(MessageType type, ObjectNode node) {
    List<String> violations = validate(type, node);
    if (!violations.isEmpty()) {
      throw new MalformedMessageException(
          MalformedMessageException.Problem.SCHEMA_VIOLATION,
          type,
          violations,
          "the "
              + describe(type)
              + " does not match its schema "
              + type.schemaName()
              + ".json: "
              + list(violations),
          null);
    }
    try {
      return mapper.treeToValue(node, type.recordClass());
    } catch (JsonProcessingException | IllegalArgumentException e) {
      // The schema allows what the record cannot hold, e.g. an integer beyond a long's range.
      String violation = bindingViolation(e);
      throw new MalformedMessageException(
          MalformedMessageException.Problem.SCHEMA_VIOLATION,
          type,
          List.of(violation),
          "the " + describe(type) + " cannot be read: " + violation,
          e);
    }
  }

  private List<String> validate(MessageType type, JsonNode tree) {
    String json;
    try {
      json = mapper.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write a JSON tree", e);
    }
    List<Error> errors = schemas.get(type).validate(json, InputFormat.JSON);
    List<String> violations = new ArrayList<>(errors.size());
    for (Error error : errors) {
      violations.add(error.getInstanceLocation() + ": " + error.getMessage());
    }
    return violations;
  }

  private static String bindingViolation(Exception e) {
    if (e instanceof JsonMappingException m) {
      StringBuilder path = new StringBuilder("$");
      for (JsonMappingException.Reference ref : m.getPath()) {
        if (ref.getFieldName() != null) {
          path.append('.').append(ref.getFieldName());
        } else if (ref.getIndex() >= 0) {
          path.append('[').append(ref.getIndex()).append(']');
        }
      }
      return path + ": " + m.getOriginalMessage();
    }
    if (e instanceof JsonProcessingException p) {
      return "$: " + p.getOriginalMessage();
    }
    return "$: " + e.getMessage();
  }

  private String quote(String value) {
    if (value == null) {
      return "(none)";
    }
    String shown =
        value.length() > MAX_QUOTED_LENGTH ? value.substring(0, MAX_QUOTED_LENGTH) + "…" : value;
    try {
      return mapper.writeValueAsString(shown);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write a JSON string", e);
    }
  }

  private static String describe(MessageType type) {
    String name = type.schemaName() + " message";
    return switch (type.direction()) {
      case HUB_TO_NODE -> name + " (type \"" + type.discriminator().orElseThrow() + "\")";
      case NODE_TO_HUB ->
          type.discriminator()
              .map(op -> name + " (operation \"" + op + "\")")
              .orElse(name + " (routing key " + type.routingKey().orElseThrow() + ")");
      case NODE_INTERNAL -> name + " (node-internal)";
    };
  }

  private static String list(List<String> violations) {
    String shown =
        violations.stream().limit(MAX_LISTED_VIOLATIONS).collect(Collectors.joining("; "));
    int more = violations.size() - MAX_LISTED_VIOLATIONS;
    return more > 0 ? shown + "; and " + more + " more" : shown;
  }

  private static MalformedMessageException malformed(
      MalformedMessageException.Problem problem, String message) {
    return new MalformedMessageException(problem, null, List.of(), message, null);
  }

  private static List<MessageType> inboxTypes() {
    return MessageType.inDirection(Direction.NODE_TO_HUB).stream()
        .filter(t -> t.routingKey().orElseThrow().equals(RoutingKeys.FILES_INBOX))
        .toList();
  }

  private static String nodeToHubRoutingKeys() {
    return MessageType.inDirection(Direction.NODE_TO_HUB).stream()
        .map(t -> t.routingKey().orElseThrow())
        .distinct()
        .collect(Collectors.joining(", "));
  }

  // ----------------------------------------------------------------------------- compilation

  private static Map<MessageType, Schema> compile(ObjectMapper mapper, Builder builder) {
    // Every schema by its $id, so that "$ref": "common.json#/..." resolves without any I/O.
    Map<String, String> byId = new LinkedHashMap<>();
    Map<MessageType, String> ids = new EnumMap<>(MessageType.class);
    ObjectNode common = readSchema(mapper, MessageType.SCHEMA_FOLDER + COMMON_SCHEMA);
    overridePattern(common, FILE_ACCESSION_DEF, builder.fileAccessionPattern);
    overridePattern(common, DATASET_ACCESSION_DEF, builder.datasetAccessionPattern);
    byId.put(idOf(common, COMMON_SCHEMA), common.toString());
    for (MessageType type : MessageType.values()) {
      ObjectNode schema = readSchema(mapper, type.schemaResource());
      String id = idOf(schema, type.schemaResource());
      ids.put(type, id);
      byId.put(id, schema.toString());
    }

    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder()
            .locale(Locale.ROOT) // the English messages, whatever the JVM's locale
            .pathType(PathType.JSON_PATH)
            .build();
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaRegistryConfig(config).schemas(Collections.unmodifiableMap(byId)));

    Map<MessageType, Schema> schemas = new EnumMap<>(MessageType.class);
    for (MessageType type : MessageType.values()) {
      Schema schema = registry.getSchema(SchemaLocation.of(ids.get(type)));
      schema.initializeValidators(); // resolve every $ref now, not on the first message
      schemas.put(type, schema);
    }
    return Collections.unmodifiableMap(schemas);
  }

  private static ObjectNode readSchema(ObjectMapper mapper, String resource) {
    try (InputStream in = MessageCodec.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("schema resource missing from the classpath: " + resource);
      }
      JsonNode node = mapper.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      if (!(node instanceof ObjectNode object)) {
        throw new IllegalStateException("schema resource is not a JSON object: " + resource);
      }
      return object;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema resource " + resource, e);
    }
  }

  private static String idOf(ObjectNode schema, String resource) {
    JsonNode id = schema.get("$id");
    if (id == null || !id.isTextual()) {
      throw new IllegalStateException("schema resource has no $id: " + resource);
    }
    return id.textValue();
  }

  private static void overridePattern(ObjectNode common, String definition, String pattern) {
    if (pattern == null) {
      return;
    }
    JsonNode def = common.path("$defs").path(definition);
    if (!(def instanceof ObjectNode object)) {
      throw new IllegalStateException(COMMON_SCHEMA + " has no $defs/" + definition);
    }
    object.put("pattern", pattern);
  }

  /** Options of a codec. */
  public static final class Builder {

    private String fileAccessionPattern;
    private String datasetAccessionPattern;

    private Builder() {}

    /**
     * The pattern of a file accession id, in place of the schemas' {@code ^EGAF[0-9]{11}$}: for a
     * hub that issues ids with another prefix. Anchor it ({@code ^...$}); keep to the regular
     * expression syntax that ECMA-262 and Java share.
     *
     * @throws IllegalArgumentException if it is not a valid regular expression
     */
    public Builder fileAccessionPattern(String regex) {
      this.fileAccessionPattern = checkRegex(regex);
      return this;
    }

    /** The pattern of a dataset accession id, in place of {@code ^EGAD[0-9]{11}$}; as above. */
    public Builder datasetAccessionPattern(String regex) {
      this.datasetAccessionPattern = checkRegex(regex);
      return this;
    }

    /** Compiles every schema. */
    public MessageCodec build() {
      return new MessageCodec(this);
    }

    private static String checkRegex(String regex) {
      Objects.requireNonNull(regex, "regex");
      try {
        Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("not a valid regular expression: " + regex, e);
      }
      return regex;
    }
  }

  private static final class SharedHolder {
    private static final MessageCodec SHARED = create();
  }
}
