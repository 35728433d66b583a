package io.lega.download.messaging;

import io.lega.contracts.HubToNodeMessage;
import io.lega.contracts.MalformedMessageException;
import io.lega.contracts.MessageCodec;
import io.lega.contracts.PermissionDeleted;
import io.lega.contracts.PermissionGranted;
import io.lega.node.store.NodeStore;
import io.lega.platform.broker.MessageContext;
import io.lega.platform.broker.MessageDecoder;
import io.lega.platform.broker.MessageHandler;
import io.lega.platform.broker.UserErrorReporter;
import java.nio.charset.StandardCharsets;
import org.jboss.logging.Logger;

/**
 * Handles queue {@code permissions}: the hub's {@code permission.deleted} records a revocation of
 * (user, dataset), effective for the next request; a later {@code permission} for the same pair
 * lifts it. Both are idempotent (a repeated message changes nothing), and the handler returns once
 * the change is committed, so the message is acknowledged after it.
 *
 * <p>The {@code user} of these messages is the hub's username, which the hub also writes as the
 * {@code sub} of the Passports it issues: a revocation refuses the Passports whose {@code sub} is
 * that name.
 */
public final class PermissionHandler implements MessageHandler<HubToNodeMessage> {

  /** The queue. */
  public static final String QUEUE = "permissions";

  /** The handler raises no user errors: one here is a bug, logged, and the message acknowledged. */
  public static final UserErrorReporter<Object> NO_USER_ERRORS =
      (error, message, context) ->
          Logger.getLogger(PermissionHandler.class)
              .errorf("unexpected user error for a permission message: %s", error.reason());

  private static final Logger LOG = Logger.getLogger(PermissionHandler.class);

  private final NodeStore store;
  private final MessageCodec codec = MessageCodec.shared();

  public PermissionHandler(NodeStore store) {
    this.store = store;
  }

  /** {@code permission} and {@code permission.deleted} messages; anything else is malformed. */
  public static MessageDecoder<HubToNodeMessage> decoder() {
    MessageCodec codec = MessageCodec.shared();
    return body -> {
      HubToNodeMessage message = codec.decodeHubToNode(body);
      if (message instanceof PermissionGranted || message instanceof PermissionDeleted) {
        return message;
      }
      throw new MalformedMessageException(
          "a '" + message.type() + "' message does not belong on queue " + QUEUE);
    };
  }

  /** The user a message is about, for the logging context. */
  public static String userOf(HubToNodeMessage message) {
    if (message instanceof PermissionGranted granted) {
      return granted.user();
    }
    return message instanceof PermissionDeleted deleted ? deleted.user() : null;
  }

  @Override
  public void handle(HubToNodeMessage message, MessageContext context) {
    if (message instanceof PermissionDeleted deleted) {
      String json = new String(codec.encode(message), StandardCharsets.UTF_8);
      boolean recorded = store.revoke(deleted.user(), deleted.datasetId(), json);
      LOG.infof(
          recorded
              ? "access of %s to %s revoked"
              : "access of %s to %s was revoked already: nothing changed",
          deleted.user(),
          deleted.datasetId());
    } else if (message instanceof PermissionGranted granted) {
      boolean lifted = store.liftRevocation(granted.user(), granted.datasetId());
      LOG.infof(
          lifted
              ? "access of %s to %s granted again: its revocation is lifted"
              : "access of %s to %s granted (no revocation to lift)",
          granted.user(),
          granted.datasetId());
    } else {
      throw new MalformedMessageException(
          "a '" + message.type() + "' message does not belong on queue " + QUEUE);
    }
  }
}
