package io.lega.node.worker;

import io.lega.platform.error.UserErrorException;

/**
 * The hub asked for something the node refuses (cancel a file that is in a dataset, give a file an
 * accession id another file has), while the file itself is fine: reported to the hub like any user
 * error, but no {@code error} event is recorded on the file, which keeps its state.
 */
public class RefusedRequestException extends UserErrorException {

  private static final long serialVersionUID = 1L;

  /**
   * @param reason why, safe to show the submitter and the hub
   * @param user the submitter, or {@code null} to take it from the message
   * @param filepath the inbox path, or {@code null} to take it from the message
   */
  public RefusedRequestException(String reason, String user, String filepath) {
    super(reason, user, filepath);
  }
}
