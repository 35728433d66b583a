package io.lega.node.store;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** Some accession ids belong to no file of this node. */
public class UnknownAccessionIdsException extends StoreException {

  private static final long serialVersionUID = 1L;

  private final SortedSet<String> accessionIds;

  /**
   * @param accessionIds the unknown ones
   */
  public UnknownAccessionIdsException(Set<String> accessionIds) {
    super("no file has accession id " + String.join(", ", new TreeSet<>(accessionIds)));
    this.accessionIds = new TreeSet<>(accessionIds);
  }

  /**
   * @return the unknown accession ids, sorted
   */
  public SortedSet<String> accessionIds() {
    return new TreeSet<>(accessionIds);
  }
}
