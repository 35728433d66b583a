package io.lega.finalize.messaging;

import io.lega.contracts.MalformedMessageException;

/**
 * The node refuses a dataset message of the hub ({@code mapping}, {@code release}, {@code
 * deprecate}): it names files that are unknown or not ready, a dataset the node does not know, or a
 * deprecated one. No file's submitter is at fault, so nothing goes back to the hub as a {@code
 * files.error}; retrying cannot help either. It extends the platform's {@link
 * MalformedMessageException} because that is what {@code QueueConsumer} parks in the quarantine
 * queue {@code error} at once, without retries, with this exception's message as the {@code
 * x-lega-reason} header and this class as {@code x-lega-exception}, for an operator to look at.
 */
public class DatasetRequestRefusedException extends MalformedMessageException {

  private static final long serialVersionUID = 1L;

  /**
   * @param reason why, for the operator (names the dataset and the accession ids)
   */
  public DatasetRequestRefusedException(String reason) {
    super(reason);
  }

  /**
   * @param reason why, for the operator
   * @param cause the store's exception behind it
   */
  public DatasetRequestRefusedException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
