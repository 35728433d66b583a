package io.lega.finalize.messaging;

import io.lega.contracts.DatasetDeprecate;
import io.lega.contracts.DatasetMapping;
import io.lega.contracts.DatasetRelease;
import io.lega.contracts.HubToNodeMessage;
import io.lega.contracts.IngestionAccession;
import io.lega.contracts.MalformedMessageException;
import io.lega.contracts.MessageCodec;
import io.lega.platform.broker.MessageDecoder;

/**
 * The decoders of the finalize service's queues: a hub message, validated against the schema of its
 * {@code type}, which must be one that belongs on the queue (anything else is malformed and
 * quarantined).
 */
public final class Decoders {

  private Decoders() {}

  /** Queue {@code accession}: {@code accession} messages only. */
  public static MessageDecoder<IngestionAccession> accession() {
    MessageCodec codec = MessageCodec.shared();
    return body -> {
      HubToNodeMessage message = codec.decodeHubToNode(body);
      if (message instanceof IngestionAccession accession) {
        return accession;
      }
      throw misplaced(message, "accession");
    };
  }

  /** Queue {@code mappings}: {@code mapping}, {@code release} and {@code deprecate} messages. */
  public static MessageDecoder<HubToNodeMessage> datasets() {
    MessageCodec codec = MessageCodec.shared();
    return body -> {
      HubToNodeMessage message = codec.decodeHubToNode(body);
      if (message instanceof DatasetMapping
          || message instanceof DatasetRelease
          || message instanceof DatasetDeprecate) {
        return message;
      }
      throw misplaced(message, "mappings");
    };
  }

  /** The error for a message that does not belong on {@code queue}. */
  static MalformedMessageException misplaced(HubToNodeMessage message, String queue) {
    return new MalformedMessageException(
        "a '" + message.type() + "' message does not belong on queue " + queue);
  }
}
