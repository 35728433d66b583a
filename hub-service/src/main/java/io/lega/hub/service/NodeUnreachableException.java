package io.lega.hub.service;

/**
 * A message to a node could not be handed to the broker: the broker did not confirm it in time,
 * refused it, or the hub runs without a broker ({@code lega.hub.broker.enabled=false}). Whatever
 * the request was about is left unchanged (its transaction is rolled back), so the caller can try
 * again.
 */
public class NodeUnreachableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public NodeUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
