package io.lega.node.store;

/** The dataset is deprecated, which is final: it cannot be released or get more files. */
public class DatasetDeprecatedException extends StoreConflictException {

  private static final long serialVersionUID = 1L;

  private final String stableId;

  /**
   * @param stableId the dataset
   */
  public DatasetDeprecatedException(String stableId) {
    super("dataset " + stableId + " is deprecated");
    this.stableId = stableId;
  }

  /**
   * @return the dataset
   */
  public String stableId() {
    return stableId;
  }
}
