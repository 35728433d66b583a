package io.lega.node.store;

/** No dataset has this stable id. */
public class UnknownDatasetException extends StoreException {

  private static final long serialVersionUID = 1L;

  private final String stableId;

  /**
   * @param stableId the stable id
   */
  public UnknownDatasetException(String stableId) {
    super("no dataset " + stableId);
    this.stableId = stableId;
  }

  /**
   * @return the stable id
   */
  public String stableId() {
    return stableId;
  }
}
